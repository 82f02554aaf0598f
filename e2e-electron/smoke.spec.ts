import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';

/**
 * Launches the built app (out/, from `npm run build`) with a throw-away data folder and
 * checks the security checklist from the outside. See docs/decisions/0003-electron-security.md.
 */

const repoRoot = path.resolve(import.meta.dirname, '..');
const EXPECTED_CSP =
  "default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/**
 * What the page-side callbacks touch. Typed by hand so this file also typechecks without the
 * DOM lib (tsconfig.node.json); the callbacks run in the renderer, where these exist.
 */
interface PageGlobals {
  location: { href: string };
  fetch: typeof fetch;
  open(url: string): unknown;
  require?: unknown;
  process?: unknown;
  module?: unknown;
  ipcRenderer?: unknown;
  api: { transport: string; invoke(method: string, params: unknown): Promise<unknown> };
  navigator: {
    geolocation: {
      getCurrentPosition(ok: () => void, err: (e: { code: number }) => void, opts: { timeout: number }): void;
    };
  };
}

let app: ElectronApplication;
let page: Page;
let dataDir: string;

test.beforeAll(async () => {
  if (!fs.existsSync(path.join(repoRoot, 'out', 'main', 'index.js'))) throw new Error('Run `npm run build` first (out/ is missing).');
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-electron-e2e-'));
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'ELECTRON_RENDERER_URL') env[k] = v;
  env.TRUONG_CHUAN_DATA_DIR = dataDir;
  const extra = process.env.ELECTRON_EXTRA_ARGS?.split(' ').filter(Boolean) ?? []; // e.g. --no-sandbox in containers
  app = await electron.launch({ args: [repoRoot, ...extra], cwd: repoRoot, env });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

test('the window opens on app://truong-chuan', async () => {
  expect(page.url()).toBe('app://truong-chuan/index.html');
  await expect(page.locator('body')).not.toBeEmpty();
});

test('every app:// response carries the CSP header', async () => {
  const headers = await page.evaluate(async () => {
    const g = globalThis as unknown as PageGlobals;
    const res = await g.fetch(g.location.href, { cache: 'no-store' });
    const missing = await g.fetch('/no-such-file.js', { cache: 'no-store' });
    return {
      csp: res.headers.get('content-security-policy'),
      nosniff: res.headers.get('x-content-type-options'),
      missingStatus: missing.status,
      missingCsp: missing.headers.get('content-security-policy'),
    };
  });
  expect(headers.csp).toBe(EXPECTED_CSP);
  expect(headers.nosniff).toBe('nosniff');
  expect(headers.missingStatus).toBe(404);
  expect(headers.missingCsp).toBe(EXPECTED_CSP);
});

test('no Node.js in the page', async () => {
  const probe = await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    return { require: typeof g.require, process: typeof g.process, module: typeof g.module };
  });
  expect(probe).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined' });
});

test('window.api is the IPC bridge and nothing else', async () => {
  const api = await page.evaluate(async () => {
    const g = globalThis as unknown as PageGlobals;
    return {
      keys: Object.keys(g.api).sort(),
      transport: g.api.transport,
      info: await g.api.invoke('app.info', {}),
      unknown: await g.api.invoke('users.dropAll', {}),
      badArgs: await g.api.invoke('auth.login', { username: 42 }),
      ipcRenderer: typeof g.ipcRenderer,
    };
  });
  expect(api.keys).toEqual(['invoke', 'transport']);
  expect(api.transport).toBe('ipc');
  expect(api.info).toMatchObject({ ok: true, result: { transport: 'ipc' } });
  expect(api.unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  expect(api.badArgs).toMatchObject({ ok: false, error: { code: 'INVALID_ARGS' } });
  expect(api.ipcRenderer).toBe('undefined');
});

test('navigation to an external URL is blocked, and window.open opens no window', async () => {
  const before = app.windows().length;
  await page.evaluate(() => {
    (globalThis as unknown as PageGlobals).location.href = 'https://example.com/';
  });
  await page.waitForTimeout(1000);
  expect(page.url()).toMatch(/^app:\/\/truong-chuan\//);
  const opened = await page.evaluate(() => (globalThis as unknown as PageGlobals).open('file:///etc/passwd') === null);
  expect(opened).toBe(true);
  expect(app.windows().length).toBe(before);
});

test('permission requests are denied', async () => {
  const code = await page.evaluate(
    () =>
      new Promise<number | string>((resolve) => {
        (globalThis as unknown as PageGlobals).navigator.geolocation.getCurrentPosition(
          () => resolve('granted'),
          (err) => resolve(err.code),
          { timeout: 5000 },
        );
      }),
  );
  expect(code).toBe(1); // PERMISSION_DENIED
});
