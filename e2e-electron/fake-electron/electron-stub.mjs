/**
 * A stand-in for the 'electron' module, just enough for electron/main/index.ts to run under
 * plain Node: records what main does (globalThis.__fakeElectron) and runs the real backend
 * (out/main/backend.js) in a Node child process that mimics utilityProcess/parentPort.
 * Used only by run.mjs; not a test of Electron itself.
 */
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const rec = (globalThis.__fakeElectron = {
  calls: [],
  ready: false,
  schemes: null,
  protocolHandlers: new Map(),
  ipcHandlers: new Map(),
  windows: [],
  contents: [],
  permission: {},
  webRequest: {},
  forks: [],
  menu: null,
  quitted: false,
});
const note = (name, ...args) => rec.calls.push({ name, args, beforeReady: !rec.ready });

let resolveReady;
const readyPromise = new Promise((r) => (resolveReady = r));

class App extends EventEmitter {
  isPackaged = false;
  paths = { appData: path.join(os.tmpdir(), 'tc-fake-appdata'), documents: os.tmpdir() };
  getPath(name) {
    return this.paths[name] ?? path.join(os.tmpdir(), `tc-fake-${name}`);
  }
  setPath(name, value) {
    note('app.setPath', name, value);
    this.paths[name] = value;
  }
  setName(n) {
    note('app.setName', n);
  }
  enableSandbox() {
    note('app.enableSandbox');
  }
  setAppUserModelId(id) {
    note('app.setAppUserModelId', id);
  }
  requestSingleInstanceLock() {
    note('app.requestSingleInstanceLock');
    return true;
  }
  getVersion() {
    return '0.1.0';
  }
  getAppPath() {
    return process.cwd();
  }
  whenReady() {
    return readyPromise;
  }
  quit() {
    note('app.quit');
    const e = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    this.emit('before-quit', e);
    if (!e.defaultPrevented) {
      rec.quitted = true;
      this.emit('will-quit', e);
      this.emit('quit');
    }
  }
}
export const app = new App();
rec.makeReady = () => {
  rec.ready = true;
  app.emit('ready');
  resolveReady();
};

export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    if (rec.ready) throw new Error('registerSchemesAsPrivileged after ready');
    note('protocol.registerSchemesAsPrivileged', schemes);
    rec.schemes = schemes;
  },
  handle(scheme, handler) {
    note('protocol.handle', scheme);
    rec.protocolHandlers.set(scheme, handler);
  },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: (h) => (rec.permission.request = h),
    setPermissionCheckHandler: (h) => (rec.permission.check = h),
    setDevicePermissionHandler: (h) => (rec.permission.device = h),
    setSpellCheckerEnabled: (v) => note('session.setSpellCheckerEnabled', v),
    webRequest: {
      onBeforeRequest: (filter, h) => (rec.webRequest.before = { filter, h }),
      onHeadersReceived: (filter, h) => (rec.webRequest.headers = { filter, h }),
    },
  },
};

let nextWc = 100;
class FakeWebContents extends EventEmitter {
  constructor() {
    super();
    this.id = nextWc++;
    this.mainFrame = { url: '', parent: null, frameTreeNodeId: this.id * 10, detached: false };
    rec.contents.push(this);
    app.emit('web-contents-created', {}, this);
  }
  setWindowOpenHandler(h) {
    this.windowOpenHandler = h;
  }
  loadURL(url) {
    this.mainFrame.url = url;
    note('webContents.loadURL', url);
    return Promise.resolve();
  }
  closeDevTools() {}
  reload() {}
  isDestroyed() {
    return false;
  }
}
export const webContents = { fromId: (id) => rec.contents.find((c) => c.id === id) ?? null };

let nextWin = 1;
export class BrowserWindow extends EventEmitter {
  constructor(opts) {
    super();
    this.id = nextWin++;
    this.opts = opts;
    this.webContents = new FakeWebContents();
    rec.windows.push(this);
  }
  static fromWebContents(wc) {
    return rec.windows.find((w) => w.webContents === wc) ?? null;
  }
  static getAllWindows() {
    return [...rec.windows];
  }
  loadURL(url) {
    return this.webContents.loadURL(url);
  }
  show() {}
  maximize() {}
  isMaximized() {
    return false;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
  isDestroyed() {
    return false;
  }
  getNormalBounds() {
    const { x, y, width, height } = this.opts;
    return { x, y, width, height };
  }
}

export const ipcMain = {
  handle(channel, handler) {
    note('ipcMain.handle', channel);
    rec.ipcHandlers.set(channel, handler);
  },
};
export const Menu = {
  buildFromTemplate: (t) => ({ template: t }),
  setApplicationMenu: (m) => (rec.menu = m.template),
};
const area = { x: 0, y: 0, width: 1920, height: 1040 };
export const screen = { getAllDisplays: () => [{ workArea: area }], getPrimaryDisplay: () => ({ workArea: area }) };
export const shell = {
  openExternal: async (url) => note('shell.openExternal', url),
  openPath: async (p) => (note('shell.openPath', p), ''),
};
export const dialog = {
  showMessageBox: async (...a) => (note('dialog.showMessageBox', a.at(-1)), { response: 0 }),
  showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
  showSaveDialog: async () => ({ canceled: true, filePath: '' }),
};
export class Notification {
  static isSupported() {
    return false;
  }
}

class FakeUtilityProcess extends EventEmitter {
  constructor(child) {
    super();
    this.child = child;
    this.stdout = child.stdout;
    this.stderr = child.stderr;
    child.on('message', (m) => this.emit('message', m));
    child.on('exit', (code, signal) => {
      rec.forks.find((f) => f.child === child).exited = { code, signal };
      this.emit('exit', code ?? 1);
    });
  }
  get pid() {
    return this.child.pid;
  }
  postMessage(m) {
    if (this.child.connected) this.child.send(m);
  }
  kill() {
    return this.child.kill();
  }
}
export const utilityProcess = {
  fork(modulePath, args, opts) {
    note('utilityProcess.fork', modulePath, args, { serviceName: opts?.serviceName, stdio: opts?.stdio });
    const child = fork(modulePath, args, {
      env: opts?.env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
      execArgv: ['--import', path.join(here, 'parent-port-shim.mjs')],
    });
    rec.forks.push({ child, modulePath, args });
    return new FakeUtilityProcess(child);
  },
};

/** No OS key store in the harness: the backend keeps plain 0600 token files (its documented fallback). */
export const safeStorage = {
  isAsyncEncryptionAvailable: async () => false,
  encryptStringAsync: async () => {
    throw new Error('safeStorage unavailable in the fake electron');
  },
  decryptStringAsync: async () => {
    throw new Error('safeStorage unavailable in the fake electron');
  },
  getSelectedStorageBackend: () => 'basic_text',
};

export default { app, protocol, session, webContents, BrowserWindow, ipcMain, Menu, screen, shell, dialog, Notification, utilityProcess, safeStorage };
