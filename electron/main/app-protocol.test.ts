import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppRequestHandler, isInside, isSafeSegment, mimeTypeFor, realPathInside, resolveAppPath } from './app-protocol';
import { PROD_CSP_HEADER } from './csp';

describe('resolveAppPath (POSIX)', () => {
  const root = '/opt/app/out/renderer';
  const ok = (url: string, rel: string) => [url, { ok: true, path: path.posix.join(root, rel) }] as const;

  it.each([
    ok('app://truong-chuan/', 'index.html'),
    ok('app://truong-chuan', 'index.html'),
    ok('app://truong-chuan/index.html', 'index.html'),
    ok('app://truong-chuan/assets/index-abc.js', 'assets/index-abc.js'),
    ok('app://truong-chuan/assets//x.css?v=1#top', 'assets/x.css'),
    ok('app://truong-chuan/fonts/Be%20Vietnam.woff2', 'fonts/Be Vietnam.woff2'),
    ok('app://truong-chuan/ho-so/truong', 'ho-so/truong'),
    // The URL parser itself removes dot segments, also in their %2e forms: they stay inside.
    ok('app://truong-chuan/../../etc/passwd', 'etc/passwd'),
    ok('app://truong-chuan/assets/%2e%2e/%2e%2e/secret', 'secret'),
    ok('app://truong-chuan/.%2e/x', 'x'),
  ])('%s stays inside the root', (url, expected) => {
    expect(resolveAppPath(root, url, path.posix)).toMatchObject(expected);
  });

  it.each([
    ['app://truong-chuan/%2e%2e%2f%2e%2e%2fetc%2fpasswd', 403], // encoded slash: one segment "../../etc/passwd"
    ['app://truong-chuan/assets/..%2f..%2fmain%2findex.js', 403],
    ['app://truong-chuan/%2fetc%2fpasswd', 403], // absolute path smuggled in one segment
    ['app://truong-chuan/..%5c..%5cwindows%5cwin.ini', 403], // backslashes
    ['app://truong-chuan/a%00.html', 403], // NUL
    ['app://truong-chuan/C:%5cWindows', 403], // drive letter
    ['app://truong-chuan/index.html:secret', 403], // NTFS stream
    ['app://truong-chuan/index.html.', 403], // trailing dot (Windows strips it)
    ['app://truong-chuan/index.html%20', 403], // trailing space
    ['app://truong-chuan/CON', 403],
    ['app://truong-chuan/nul.txt', 403],
    ['app://truong-chuan/%E0%A4%A', 400], // broken percent-encoding
    ['app://other-host/index.html', 403],
    ['file:///etc/passwd', 403],
    ['https://truong-chuan/index.html', 403],
    ['app://user:pw@truong-chuan/index.html', 403],
    ['not a url', 400],
  ] as const)('%s is refused (%i)', (url, status) => {
    expect(resolveAppPath(root, url, path.posix)).toEqual({ ok: false, status });
  });

  it('marks extension-less paths as SPA routes', () => {
    expect(resolveAppPath(root, 'app://truong-chuan/ho-so', path.posix)).toMatchObject({ ok: true, spaRoute: true });
    expect(resolveAppPath(root, 'app://truong-chuan/a.js', path.posix)).toMatchObject({ ok: true, spaRoute: false });
  });
});

describe('resolveAppPath (Windows rules)', () => {
  const root = 'C:\\Program Files\\Truong Chuan\\resources\\app.asar\\out\\renderer';
  it('joins with backslashes inside the root', () => {
    expect(resolveAppPath(root, 'app://truong-chuan/assets/a.js', path.win32)).toEqual({
      ok: true,
      path: `${root}\\assets\\a.js`,
      spaRoute: false,
    });
  });
  it.each([
    'app://truong-chuan/..%5c..%5c..%5cWindows%5cwin.ini',
    'app://truong-chuan/%5c%5cserver%5cshare%5cx',
    'app://truong-chuan/D:%5cdata',
    'app://truong-chuan/AUX.js',
    'app://truong-chuan/x.js%20%20',
  ])('%s is refused', (url) => {
    expect(resolveAppPath(root, url, path.win32)).toEqual({ ok: false, status: 403 });
  });
});

describe('isInside / isSafeSegment', () => {
  it.each([
    ['/r', '/r', true],
    ['/r', '/r/a/b', true],
    ['/r', '/r/..foo', true], // a name starting with two dots is still inside
    ['/r', '/r2/x', false],
    ['/r', '/', false],
    ['/r', '/r/../x', false],
  ])('posix %s ⊇ %s → %s', (root, p, expected) => {
    expect(isInside(root, p, path.posix)).toBe(expected);
  });
  it.each([
    ['C:\\r', 'c:\\R\\a', true], // case-insensitive
    ['C:\\r', 'D:\\r\\a', false], // other drive
    ['C:\\r', 'C:\\r2', false],
  ])('win32 %s ⊇ %s → %s', (root, p, expected) => {
    expect(isInside(root, p, path.win32)).toBe(expected);
  });
  it('accepts ordinary names, refuses tricky ones', () => {
    expect(isSafeSegment('index-abc123.js')).toBe(true);
    expect(isSafeSegment('Trường Chuẩn.png')).toBe(true);
    for (const bad of ['', '.', '..', 'a/b', 'a\\b', 'a:b', 'x\u0001', 'com1', 'LPT9.txt', 'x.', 'x ', 'a'.repeat(256)]) {
      expect(isSafeSegment(bad), bad).toBe(false);
    }
  });
});

describe('mimeTypeFor', () => {
  it.each([
    ['a.html', 'text/html; charset=utf-8'],
    ['a.JS', 'text/javascript; charset=utf-8'],
    ['a.css', 'text/css; charset=utf-8'],
    ['a.svg', 'image/svg+xml'],
    ['a.woff2', 'font/woff2'],
    ['a.wasm', 'application/wasm'],
    ['a.unknown', 'application/octet-stream'],
  ])('%s → %s', (file, mime) => expect(mimeTypeFor(file)).toBe(mime));
});

describe('on disk: symlinks and the request handler', () => {
  let tmp: string;
  let root: string;
  const realFs = {
    readFile: (p: string) => fs.promises.readFile(p),
    realpath: (p: string) => fs.promises.realpath(p),
    isFile: async (p: string) => (await fs.promises.stat(p)).isFile(),
  };

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-proto-'));
    root = path.join(tmp, 'renderer');
    fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>TC</title>');
    fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
    fs.writeFileSync(path.join(tmp, 'secret.txt'), 'top secret');
    fs.mkdirSync(path.join(tmp, 'outside'));
    fs.writeFileSync(path.join(tmp, 'outside', 'x.js'), 'evil()');
    fs.symlinkSync(path.join(tmp, 'secret.txt'), path.join(root, 'leak.txt'));
    fs.symlinkSync(path.join(tmp, 'outside'), path.join(root, 'linked-dir'));
    fs.symlinkSync(path.join(root, 'assets', 'app.js'), path.join(root, 'alias.js')); // inside → fine
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('realPathInside follows symlinks and rejects escapes', async () => {
    expect(await realPathInside(root, path.join(root, 'assets', 'app.js'), realFs.realpath)).toBe(
      fs.realpathSync(path.join(root, 'assets', 'app.js')),
    );
    expect(await realPathInside(root, path.join(root, 'alias.js'), realFs.realpath)).not.toBeNull();
    expect(await realPathInside(root, path.join(root, 'leak.txt'), realFs.realpath)).toBeNull();
    expect(await realPathInside(root, path.join(root, 'linked-dir', 'x.js'), realFs.realpath)).toBeNull();
    expect(await realPathInside(root, path.join(root, 'missing.js'), realFs.realpath)).toBeNull();
  });

  const handler = () => createAppRequestHandler({ root, csp: PROD_CSP_HEADER, fs: realFs });

  it('serves files with MIME type, CSP and nosniff', async () => {
    const res = await handler()(new Request('app://truong-chuan/assets/app.js'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(PROD_CSP_HEADER);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('console.log(1)');
  });

  it('serves index.html for the root and for client-side routes', async () => {
    for (const url of ['app://truong-chuan/', 'app://truong-chuan/ho-so/truong']) {
      const res = await handler()(new Request(url));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<title>TC</title>');
    }
  });

  it('refuses symlink escapes, traversal, missing files and other methods — always with the CSP', async () => {
    const cases: [string, number, string?][] = [
      ['app://truong-chuan/leak.txt', 404],
      ['app://truong-chuan/linked-dir/x.js', 404],
      ['app://truong-chuan/assets/missing.js', 404],
      ['app://truong-chuan/..%2fsecret.txt', 403],
      ['app://truong-chuan/index.html', 405, 'POST'],
    ];
    for (const [url, status, method] of cases) {
      const res = await handler()(new Request(url, { method: method ?? 'GET' }));
      expect(res.status, url).toBe(status);
      expect(res.headers.get('content-security-policy')).toBe(PROD_CSP_HEADER);
      const body = await res.text();
      expect(body).not.toContain('top secret');
      expect(body).not.toContain('evil');
    }
  });

  it('never serves a directory itself: extension-less → SPA index, otherwise 404', async () => {
    const asRoute = await handler()(new Request('app://truong-chuan/assets'));
    expect(await asRoute.text()).toContain('<title>TC</title>');
    fs.mkdirSync(path.join(root, 'dir.v2'), { recursive: true });
    expect((await handler()(new Request('app://truong-chuan/dir.v2'))).status).toBe(404);
  });

  it('answers HEAD without a body', async () => {
    const res = await handler()(new Request('app://truong-chuan/index.html', { method: 'HEAD' }));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });
});
