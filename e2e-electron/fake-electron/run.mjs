/**
 * Smoke test of the BUILT main process without an Electron binary:
 *   npm run build && npx node e2e-electron/fake-electron/run.mjs
 * Loads out/main/index.js with 'electron' replaced by electron-stub.mjs, runs the real
 * backend (out/main/backend.js) in a child process, then drives the recorded protocol and
 * IPC handlers like Electron would. It checks the glue in electron/main/index.ts (order of
 * startup calls, window options, protocol, IPC guard, backend round trip, drained quit); the
 * Playwright suite (smoke.spec.ts) is still the real test where Electron is available.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { register } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const repo = path.resolve(import.meta.dirname, '..', '..');
const mainJs = path.join(repo, 'out', 'main', 'index.js');
if (!fs.existsSync(mainJs)) {
  console.error('out/main/index.js is missing: run `npx electron-vite build` first');
  process.exit(2);
}
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-fake-electron-'));
process.env.TRUONG_CHUAN_DATA_DIR = dataDir;
delete process.env.ELECTRON_RENDERER_URL;
process.chdir(repo);

const results = [];
async function check(name, fn) {
  try {
    await fn();
    results.push([true, name]);
  } catch (err) {
    results.push([false, name, err]);
  }
}
const until = async (what, cond, ms = 20_000) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await cond();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
};

register('./hooks.mjs', import.meta.url);
await import(pathToFileURL(mainJs).href);
const rec = globalThis.__fakeElectron;

await check('before ready: privileged scheme, sandbox, data folder, single-instance lock', () => {
  const pre = rec.calls.filter((c) => c.beforeReady).map((c) => c.name);
  for (const n of ['protocol.registerSchemesAsPrivileged', 'app.enableSandbox', 'app.setPath', 'app.requestSingleInstanceLock']) {
    assert.ok(pre.includes(n), `${n} not called before ready`);
  }
  assert.deepEqual(rec.schemes, [
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
  const userData = rec.calls.find((c) => c.name === 'app.setPath' && c.args[0] === 'userData');
  assert.equal(userData.args[1], dataDir);
  assert.equal(rec.windows.length, 0, 'no window before ready');
});

rec.makeReady();
await until('window and protocol handler', () => rec.windows.length === 1 && rec.protocolHandlers.has('app'));
const win = rec.windows[0];
const wc = win.webContents;

await check('window: isolated, sandboxed, no node, no webview, preload exists', () => {
  const wp = win.opts.webPreferences;
  assert.equal(wp.contextIsolation, true);
  assert.equal(wp.sandbox, true);
  assert.equal(wp.nodeIntegration, false);
  assert.equal(wp.webSecurity, true);
  assert.equal(wp.webviewTag, false);
  assert.equal(wp.spellcheck, false);
  assert.ok(wp.preload.endsWith(path.join('out', 'preload', 'index.cjs')));
  assert.ok(fs.existsSync(wp.preload), 'preload file missing');
  assert.equal(wc.mainFrame.url, 'app://truong-chuan/index.html');
});

await check('app:// serves the built renderer with CSP; traversal refused', async () => {
  const handle = rec.protocolHandlers.get('app');
  const res = await handle(new Request('app://truong-chuan/index.html'));
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-security-policy'), /^default-src 'self'; script-src 'self';/);
  const html = await res.text();
  const script = html.match(/src="\.?\/?(assets\/[^"]+\.js)"/)?.[1];
  assert.ok(script, 'no script in index.html');
  const js = await handle(new Request(`app://truong-chuan/${script}`));
  assert.equal(js.status, 200);
  assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
  const bad = await handle(new Request('app://truong-chuan/..%2f..%2fpackage.json'));
  assert.equal(bad.status, 403);
  assert.ok(bad.headers.get('content-security-policy'));
});

await check('preload bundle runs like a sandboxed preload: requires only electron, exposes only window.api', async () => {
  const vm = await import('node:vm');
  const code = fs.readFileSync(win.opts.webPreferences.preload, 'utf8');
  const exposed = {};
  const sent = [];
  const fakeElectron = {
    contextBridge: { exposeInMainWorld: (key, value) => (exposed[key] = value) },
    ipcRenderer: { invoke: async (...a) => (sent.push(a), { id: 1, ok: true, result: null }) },
  };
  const sandboxRequire = (id) => {
    if (id === 'electron') return fakeElectron;
    throw new Error(`sandboxed preload cannot require ${id}`);
  };
  const module = { exports: {} };
  vm.runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, console });
  assert.deepEqual(Object.keys(exposed), ['api']);
  assert.deepEqual(Object.keys(exposed.api).sort(), ['invoke', 'transport']);
  assert.equal(exposed.api.transport, 'ipc');
  await exposed.api.invoke('app.info', {});
  assert.deepEqual(sent, [['rpc:invoke', 'app.info', {}]]);
  assert.equal((await exposed.api.invoke('users.dropAll', {})).error.code, 'UNKNOWN_METHOD');
  assert.equal(sent.length, 1);
});

const invoke = (args, frame = wc.mainFrame, sender = wc) =>
  rec.ipcHandlers.get('rpc:invoke')({ sender, senderFrame: frame }, ...args);

await check('IPC → backend round trip (app.info, setup.status)', async () => {
  const info = await until('backend answering app.info', async () => {
    const r = await invoke(['app.info', {}]);
    return r.ok ? r : null;
  });
  assert.equal(info.result.transport, 'ipc');
  const status = await invoke(['setup.status', {}]);
  assert.equal(status.ok, true, JSON.stringify(status));
  assert.equal(typeof status.result.initialized, 'boolean');
});

await check('IPC guard: untrusted sender, subframe, unknown method, bad args', async () => {
  const evil = { ...wc.mainFrame, url: 'https://evil.example/' };
  assert.equal((await invoke(['app.info', {}], evil)).error.code, 'UNTRUSTED_SENDER');
  const sub = { ...wc.mainFrame, parent: wc.mainFrame, frameTreeNodeId: 1 };
  assert.equal((await invoke(['app.info', {}], sub)).error.code, 'UNTRUSTED_SENDER');
  assert.equal((await invoke(['app.info', {}], null)).error.code, 'UNTRUSTED_SENDER');
  assert.equal((await invoke(['users.dropAll', {}])).error.code, 'UNKNOWN_METHOD');
  assert.equal((await invoke(['auth.login', { username: 42 }])).error.code, 'INVALID_ARGS');
});

await check('navigation, popups, permissions, network are locked down', () => {
  let prevented = false;
  wc.emit('will-navigate', { url: 'https://example.com/', preventDefault: () => (prevented = true) });
  assert.ok(prevented, 'will-navigate not prevented');
  let attach = false;
  wc.emit('will-attach-webview', { preventDefault: () => (attach = true) }, {}, {});
  assert.ok(attach, 'webview attach not prevented');
  assert.deepEqual(wc.windowOpenHandler({ url: 'https://moet.gov.vn/' }), { action: 'deny' });
  assert.ok(rec.calls.some((c) => c.name === 'shell.openExternal' && c.args[0] === 'https://moet.gov.vn/'));
  assert.deepEqual(wc.windowOpenHandler({ url: 'file:///etc/passwd' }), { action: 'deny' });
  let granted;
  rec.permission.request(wc, 'media', (g) => (granted = g), {});
  assert.equal(granted, false);
  assert.equal(rec.permission.check(), false);
  let cancel;
  rec.webRequest.before.h({ url: 'https://fonts.example/x.css' }, (r) => (cancel = r.cancel));
  assert.equal(cancel, true);
});

await check('logs are written in the data folder', () => {
  assert.ok(fs.existsSync(path.join(dataDir, 'logs', 'main.log')));
  assert.ok(fs.readFileSync(path.join(dataDir, 'logs', 'main.log'), 'utf8').includes('backend ready'));
});

await check('quit drains and stops the backend before the app exits', async () => {
  const fork = rec.forks[0];
  assert.ok(fork, 'backend was not forked');
  assert.deepEqual(fork.args.slice(0, 2), ['--data-dir', dataDir]);
  assert.equal(fork.args[2], '--resources');
  const { app } = await import('electron');
  app.quit();
  assert.equal(rec.quitted, false, 'quit was not deferred');
  await until('app quit after backend stop', () => rec.quitted, 15_000);
  assert.ok(fork.exited, 'backend still running after quit');
});

for (const [ok, name, err] of results) console.log(`${ok ? '✓' : '✗'} ${name}${err ? `\n    ${err.message}` : ''}`);
const failed = results.filter(([ok]) => !ok).length;
console.log(`\n${results.length - failed}/${results.length} checks passed`);
for (const f of rec.forks) if (!f.exited) f.child.kill();
if (process.env.KEEP_DATA) console.log(`data kept in ${dataDir}`);
else fs.rmSync(dataDir, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
