import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RpcResponse } from '../../contract/rpc';
import { openBackend, type Backend } from '../backend';
import { bridgeCsp, containedPath, startBridge, type Bridge } from './ws-bridge';

let dir: string;
let staticDir: string;
let backend: Backend;
let bridge: Bridge;
let origin: string;

const INDEX = '<html><head></head><body>x</body></html>';
const APP_JS = 'console.log("app");\n';

/** GET with the path sent exactly as given (fetch would normalise `..` away before sending). */
function rawGet(urlPath: string, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: bridge.port, path: urlPath, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a socket; resolves with it once open, or with the HTTP status the upgrade was refused with. */
function connect(query: string, headers: { origin?: string } = { origin }, urlPath = '/rpc'): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${bridge.port}${urlPath}${query}`, headers.origin ? { origin: headers.origin } : {});
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', (err) => {
      const m = /Unexpected server response: (\d+)/.exec(err.message);
      resolve(m ? Number(m[1]) : -1);
    });
  });
}

async function open(): Promise<WebSocket> {
  const ws = await connect(`?token=${bridge.token}`);
  if (typeof ws === 'number') throw new Error(`socket refused: ${ws}`);
  return ws;
}

let seq = 0;
function rpc(ws: WebSocket, method: string, params: unknown = {}): Promise<RpcResponse> {
  const id = ++seq;
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const res = JSON.parse(data.toString()) as RpcResponse;
      if (res.id !== id) return;
      ws.off('message', onMessage);
      resolve(res);
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, method, params }));
  });
}

function nextMessage(ws: WebSocket): Promise<RpcResponse> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(data.toString()) as RpcResponse)));
}

function closeSocket(ws: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) return resolve();
    ws.once('close', () => resolve());
    ws.close();
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-'));
  staticDir = path.join(dir, 'static');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), INDEX);
  fs.writeFileSync(path.join(staticDir, 'app.js'), APP_JS);
  fs.writeFileSync(path.join(staticDir, 'assets', 'style.css'), 'body{}');
  // A file beside the static folder that must never be served.
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'BÍ MẬT');
  backend = await openBackend({ dataDir: path.join(dir, 'data') });
  bridge = await startBridge({ router: backend.router, staticDir });
  origin = `http://127.0.0.1:${bridge.port}`;
});

afterAll(async () => {
  await bridge.close();
  await backend.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('containedPath', () => {
  const root = path.resolve(os.tmpdir(), 'tc-root');
  it.each([
    ['/index.html', 'index.html'],
    ['/assets/style.css', 'assets/style.css'],
    ['/app.js?v=3', 'app.js'],
    ['/app.js#top', 'app.js'],
    ['/a/../b.js', 'b.js'],
    ['/../../etc/passwd', 'etc/passwd'],
    ['/%2e%2e/%2e%2e/etc/passwd', 'etc/passwd'],
    ['/..%2f..%2fetc%2fpasswd', 'etc/passwd'],
    ['/T%C3%A0i%20li%E1%BB%87u.pdf', 'Tài liệu.pdf'],
  ])('%s stays inside the root (→ %s)', (urlPath, inside) => {
    expect(containedPath(root, urlPath)).toBe(path.join(root, inside));
  });

  it.each([
    ['a NUL byte', '/app.js%00.html'],
    ['malformed percent-encoding', '/%E0%A4%A'],
    ['a lone percent', '/%'],
  ])('returns null for %s', (_label, urlPath) => {
    expect(containedPath(root, urlPath)).toBeNull();
  });

  it('never returns a path outside the root, whatever the input', () => {
    const nasty = [
      '/..',
      '/../',
      '/.%2e/',
      '/%2e%2e%5c%2e%2e%5c',
      '/..\\..\\x',
      '//etc/passwd',
      '/./../.././x',
      `/${'../'.repeat(20)}x`,
    ];
    for (const p of nasty) {
      const r = containedPath(root, p);
      if (r !== null) expect(r === root || r.startsWith(root + path.sep)).toBe(true);
    }
  });
});

describe('ws-bridge static files', () => {
  it('GET / serves index.html with the token injected and a CSP header', async () => {
    const res = await rawGet('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toBe(`<html><head><meta name="tc-bridge-token" content="${bridge.token}"></head><body>x</body></html>`);
    expect(res.headers['content-security-policy']).toBe(bridgeCsp(origin));
    expect(res.headers['content-security-policy']).toContain(`connect-src 'self' ws://127.0.0.1:${bridge.port}`);
    expect(res.headers['content-security-policy']).toContain("script-src 'self';");
    expect(res.headers['content-security-policy']).toContain("worker-src 'self';");
    // Workers (pdf.js) only from our files; no eval, no WebAssembly compilation ('wasm-unsafe-eval').
    expect(res.headers['content-security-policy']).not.toMatch(/worker-src[^;]*blob:|unsafe-eval/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves other files as they are, with their type', async () => {
    const js = await rawGet('/app.js');
    expect(js.status).toBe(200);
    expect(js.body).toBe(APP_JS);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await rawGet('/assets/style.css')).headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it.each([
    '/../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/..%2f..%2fetc%2fpasswd',
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/..%5csecret.txt',
    '/assets/../../secret.txt',
    '/app.js%00',
    '/%E0%A4%A',
    '/assets',
    '/missing.js',
  ])('GET %s → 404, nothing from outside the static folder', async (urlPath) => {
    const res = await rawGet(urlPath);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('BÍ MẬT');
    expect(res.body).not.toContain('root:');
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await rawGet('/', 'POST')).status).toBe(405);
    expect((await rawGet('/', 'HEAD')).status).toBe(200);
  });
});

describe('ws-bridge socket', () => {
  it.each<[string, string, { origin?: string }, string]>([
    ['no token', '', { origin: 'OWN' }, '/rpc'],
    ['an empty token', '?token=', { origin: 'OWN' }, '/rpc'],
    ['a wrong token', '?token=wrong-token', { origin: 'OWN' }, '/rpc'],
    ['a token of the right length but wrong', 'SAME_LENGTH', { origin: 'OWN' }, '/rpc'],
    ['a foreign Origin', 'TOKEN', { origin: 'http://evil.example' }, '/rpc'],
    ['the right host on another port', 'TOKEN', { origin: 'http://127.0.0.1:1' }, '/rpc'],
    ['no Origin header', 'TOKEN', {}, '/rpc'],
    ['another path', 'TOKEN', { origin: 'OWN' }, '/other'],
  ])('is refused with 403 for %s', async (_label, query, headers, urlPath) => {
    const q =
      query === 'TOKEN'
        ? `?token=${bridge.token}`
        : query === 'SAME_LENGTH'
          ? `?token=${'x'.repeat(bridge.token.length)}`
          : query;
    const h = headers.origin === 'OWN' ? { origin } : headers;
    expect(await connect(q, h, urlPath)).toBe(403);
  });

  it('with the token and its own origin, setup.status answers', async () => {
    const ws = await open();
    try {
      expect(await rpc(ws, 'setup.status')).toEqual({ id: seq, ok: true, result: { initialized: false, schoolName: null } });
      expect(await rpc(ws, 'app.info')).toMatchObject({ ok: true, result: { transport: 'ws' } });
    } finally {
      await closeSocket(ws);
    }
  });

  it('answers a non-JSON message with BAD_REQUEST and keeps the socket open', async () => {
    const ws = await open();
    try {
      const reply = nextMessage(ws);
      ws.send('this is not json {');
      expect(await reply).toMatchObject({ id: 0, ok: false, error: { code: 'BAD_REQUEST' } });
      const wrongShape = nextMessage(ws);
      ws.send(JSON.stringify({ hello: 'world' }));
      expect(await wrongShape).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      expect((await rpc(ws, 'setup.status')).ok).toBe(true);
    } finally {
      await closeSocket(ws);
    }
  });

  it('keeps a session per socket, and a closed socket’s session is gone', async () => {
    const a = await open();
    const init = await rpc(a, 'setup.initialize', {
      school: { name: 'Trường Mầm non Hoa Sen', levels: ['mam_non'] },
      admin: { username: 'admin', displayName: 'Quản trị', password: 'mat-khau-admin' },
    });
    expect(init.ok).toBe(true);
    expect(await rpc(a, 'auth.me')).toMatchObject({ ok: true, result: { user: { username: 'admin' } } });
    const b = await open();
    expect(await rpc(b, 'auth.me')).toMatchObject({ ok: true, result: { user: null } });
    expect(await rpc(b, 'users.list')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    await closeSocket(b);

    await closeSocket(a);
    const c = await open();
    try {
      expect(await rpc(c, 'auth.me')).toMatchObject({ ok: true, result: { user: null } });
      expect(await rpc(c, 'school.get')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      expect(await rpc(c, 'auth.login', { username: 'admin', password: 'mat-khau-admin' })).toMatchObject({ ok: true });
      expect(await rpc(c, 'school.get')).toMatchObject({ ok: true, result: { name: 'Trường Mầm non Hoa Sen' } });
    } finally {
      await closeSocket(c);
    }
  });
});

describe('ws-bridge options', () => {
  it('uses a fixed token when given, serves RPC only without staticDir, and closes (without crashing) on an over-sized message', async () => {
    const small = await startBridge({ router: backend.router, token: 'co-dinh', maxPayloadBytes: 1024 });
    try {
      expect(small.token).toBe('co-dinh');
      expect(small.url).toBe(`http://127.0.0.1:${small.port}/`);
      const page = await new Promise<number>((resolve) =>
        http.get(small.url, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }),
      );
      expect(page).toBe(404);
      const ws = new WebSocket(`ws://127.0.0.1:${small.port}/rpc?token=co-dinh`, { origin: `http://127.0.0.1:${small.port}` });
      await new Promise((resolve) => ws.once('open', resolve));
      const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
      ws.on('error', () => undefined);
      ws.send(JSON.stringify({ id: 1, method: 'setup.status', params: { pad: 'x'.repeat(4096) } }));
      expect(await closed).toBe(1009);
      // The bridge survived it (an unhandled socket 'error' would have crashed the process).
      const again = new WebSocket(`ws://127.0.0.1:${small.port}/rpc?token=co-dinh`, { origin: `http://127.0.0.1:${small.port}` });
      await new Promise((resolve) => again.once('open', resolve));
      expect(await rpc(again, 'setup.status')).toMatchObject({ ok: true });
      await closeSocket(again);
    } finally {
      await small.close();
    }
  });

  it('close() terminates open sockets and stops listening', async () => {
    const other = await startBridge({ router: backend.router });
    const ws = new WebSocket(`ws://127.0.0.1:${other.port}/rpc?token=${other.token}`, {
      origin: `http://127.0.0.1:${other.port}`,
    });
    await new Promise((resolve) => ws.once('open', resolve));
    const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
    await other.close();
    await closed;
    const refused = await new Promise<string>((resolve) => {
      const req = http.get(`http://127.0.0.1:${other.port}/`, () => resolve('answered'));
      req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
  });
});
