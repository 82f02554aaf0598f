/**
 * Electron main process: thin glue. Every decision lives in a plain module with tests
 * (app-protocol, csp, origins, ipc-guard, rpc-handler, security, backend-supervisor,
 * restart-policy, updater-policy, window-state, menu, dialogs, messages); this file only
 * connects them to Electron objects. See docs/decisions/0003-electron-security.md.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  utilityProcess,
  webContents,
  type MessageBoxOptions,
} from 'electron';
import { createAppRequestHandler } from './app-protocol';
import { BackendSupervisor, type BackendChild } from './backend-supervisor';
import { APP_ID, APP_SCHEME, APP_START_URL, PRODUCT_NAME, RPC_CHANNEL } from './constants';
import { buildCsp, devCsp, PROD_CSP_HEADER } from './csp';
import type { DialogDeps } from './dialogs';
import type { SenderInfo } from './ipc-guard';
import { openLogFile } from './log';
import { buildMenuTemplate } from './menu';
import { fatalDialog, gaveUpDialog, type StartupDialog } from './messages';
import { acceptDevServerUrl, originOf, trustedOrigins } from './origins';
import { resolveUserDataDir, runtimePaths } from './paths';
import { decideRestart } from './restart-policy';
import { createRpcHandler } from './rpc-handler';
import { createSealHandler } from './secret-sealer';
import {
  denyPermissionCheck,
  denyPermissionRequest,
  denyWebviewAttach,
  navigationGuard,
  shouldBlockRequest,
  windowOpenHandler,
} from './security';
import { startUpdater, type UpdaterController, type UpdaterStatus } from './updater';
import { fitWindowState, loadWindowState, MIN_SIZE, saveWindowState } from './window-state';

// ---- Before ready: scheme privileges, sandbox for every renderer, data folder, identity ----

protocol.registerSchemesAsPrivileged([
  // standard + secure: relative URLs, origin-scoped storage, secure context; supportFetchAPI
  // for fetch() of our own assets. Not corsEnabled, not bypassCSP, no service workers.
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);
app.enableSandbox();
app.setName(PRODUCT_NAME);
const userData = resolveUserDataDir(app.getPath('appData'), process.env);
app.setPath('userData', userData);
// Chromium's caches and storage in a subfolder, so the data folder stays readable.
app.setPath('sessionData', path.join(userData, 'chromium'));
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

const isDev = !app.isPackaged;
const devServerUrl = acceptDevServerUrl(process.env.ELECTRON_RENDERER_URL, app.isPackaged);
const trusted = trustedOrigins(devServerUrl);
const logsDir = path.join(userData, 'logs');
const mainLog = openLogFile(logsDir, 'main.log', undefined, isDev);
const log = (message: string): void => mainLog.write(message);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  run();
}

function run(): void {
  const paths = runtimePaths({
    mainDir: import.meta.dirname,
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appPath: app.getAppPath(),
  });
  const backendLog = openLogFile(logsDir, 'backend.log', undefined, isDev);
  const ownWindows = new Set<number>();
  let mainWindow: BrowserWindow | null = null;
  let updater: UpdaterController | null = null;
  let updaterStatus: UpdaterStatus = 'off';

  // ---- Backend (utilityProcess) ----

  const spawnBackend = (): BackendChild => {
    const { NODE_OPTIONS: _ignored, ...env } = process.env;
    const child = utilityProcess.fork(paths.backendEntry, ['--data-dir', userData, '--resources', paths.resourcesDir], {
      serviceName: 'truong-chuan-backend',
      stdio: 'pipe',
      // The desktop app syncs in the background once enrolled; the CLI and tests do not.
      env: { ...env, TRUONG_CHUAN_AUTO_SYNC: '1' },
    });
    child.stdout?.on('data', (chunk: Buffer | string) => backendLog.write(String(chunk)));
    child.stderr?.on('data', (chunk: Buffer | string) => backendLog.write(`[stderr] ${String(chunk)}`));
    return child;
  };

  const showStartupDialog = async (d: StartupDialog): Promise<void> => {
    const opts: MessageBoxOptions = {
      type: 'error',
      title: d.title,
      message: d.message,
      detail: d.detail,
      buttons: d.buttons.map((b) => b.label),
      defaultId: 0,
      cancelId: Math.max(0, d.buttons.findIndex((b) => b.action === 'quit')),
      noLink: true,
    };
    const { response } = mainWindow ? await dialog.showMessageBox(mainWindow, opts) : await dialog.showMessageBox(opts);
    const action = d.buttons[response]?.action ?? 'quit';
    if (action === 'retry') supervisor.retry();
    else if (action === 'open-data-folder') {
      await shell.openPath(userData);
      await showStartupDialog(d);
    } else app.quit();
  };

  const supervisor = new BackendSupervisor({
    spawn: spawnBackend,
    onFatal: (message, code) => void showStartupDialog(fatalDialog(code, message, userData)),
    onGiveUp: (exitCode) => void showStartupDialog(gaveUpDialog(exitCode, userData)),
    onReady: () => log('backend ready'),
    // Device and session tokens are stored encrypted with the OS key store (secret-sealer.ts).
    onSeal: createSealHandler(safeStorage),
    log,
  });

  // ---- IPC: one channel, every call guarded (ipc-guard.ts) ----

  const dialogDeps = (connId: number): DialogDeps => {
    const wc = webContents.fromId(connId);
    const win = wc ? BrowserWindow.fromWebContents(wc) : null;
    return {
      showOpenDialog: (o) => (win ? dialog.showOpenDialog(win, o) : dialog.showOpenDialog(o)),
      showSaveDialog: (o) => (win ? dialog.showSaveDialog(win, o) : dialog.showSaveDialog(o)),
      defaultDir: () => app.getPath('documents'),
      grant: (id, grant) => supervisor.grantFile(id, grant),
      newHandle: () => randomUUID(),
    };
  };

  const rpc = createRpcHandler({
    trustedOrigins: trusted,
    forward: (connId, method, params) => supervisor.call(connId, method, params),
    dialogs: dialogDeps,
    log,
  });

  ipcMain.handle(RPC_CHANNEL, (event, ...args: unknown[]) => {
    let sender: SenderInfo = { frameUrl: null, isMainFrame: false, isOwnWindow: false };
    try {
      const frame = event.senderFrame;
      const win = BrowserWindow.fromWebContents(event.sender);
      sender = {
        frameUrl: frame && !frame.detached ? frame.url : null,
        isMainFrame: !!frame && frame.parent === null && frame.frameTreeNodeId === event.sender.mainFrame.frameTreeNodeId,
        isOwnWindow: !!win && ownWindows.has(win.id) && win.webContents.id === event.sender.id,
      };
    } catch {
      // frame already gone: stays untrusted
    }
    return rpc(sender, event.sender.id, args);
  });

  // ---- Every webContents: no navigation away, no popups, no <webview> ----

  app.on('web-contents-created', (_event, contents) => {
    const guard = navigationGuard(trusted, log);
    contents.on('will-navigate', guard);
    contents.on('will-frame-navigate', guard);
    contents.on('will-redirect', guard);
    contents.on('will-attach-webview', denyWebviewAttach);
    contents.setWindowOpenHandler(windowOpenHandler((url) => void shell.openExternal(url), log));
    if (!isDev) contents.on('devtools-opened', () => contents.closeDevTools());
  });

  // ---- Menu ----

  const showAbout = (): void => {
    const opts: MessageBoxOptions = {
      type: 'info',
      title: 'Giới thiệu',
      message: `${PRODUCT_NAME} ${app.getVersion()}`,
      detail:
        'Tự đánh giá, kiểm định chất lượng và quản lý cơ sở vật chất trường học.\n\n' +
        `Electron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node.js ${process.versions.node}\n` +
        `Thư mục dữ liệu: ${userData}`,
      buttons: ['Đóng'],
    };
    void (mainWindow ? dialog.showMessageBox(mainWindow, opts) : dialog.showMessageBox(opts));
  };

  const refreshMenu = (): void => {
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate({
          dev: isDev,
          updater: updaterStatus,
          onCheckForUpdates: () => updater?.checkNow(),
          onInstallUpdate: () => void updater?.promptInstall(),
          onOpenDataFolder: () => void shell.openPath(userData),
          onAbout: showAbout,
        }),
      ),
    );
  };

  // ---- Window ----

  const createWindow = (): BrowserWindow => {
    const state = fitWindowState(
      loadWindowState(userData),
      screen.getAllDisplays().map((d) => d.workArea),
      screen.getPrimaryDisplay().workArea,
    );
    const win = new BrowserWindow({
      ...state.bounds,
      minWidth: MIN_SIZE.width,
      minHeight: MIN_SIZE.height,
      show: false,
      title: PRODUCT_NAME,
      backgroundColor: '#f5f5f5',
      webPreferences: {
        preload: paths.preload,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        spellcheck: false,
        navigateOnDragDrop: false,
        safeDialogs: true,
        devTools: isDev,
      },
    });
    const winId = win.id;
    const connId = win.webContents.id;
    ownWindows.add(winId);
    if (state.maximized) win.maximize();
    win.once('ready-to-show', () => win.show());
    win.on('close', () => saveWindowState(userData, { bounds: win.getNormalBounds(), maximized: win.isMaximized() }));
    win.on('closed', () => {
      ownWindows.delete(winId);
      if (mainWindow === win) mainWindow = null;
    });
    win.webContents.once('destroyed', () => supervisor.disconnect(connId));

    // A crashed renderer is reloaded, within the same limits as the backend.
    const rendererCrashes: number[] = [];
    win.webContents.on('render-process-gone', (_e, details) => {
      log(`renderer gone: ${details.reason}`);
      if (details.reason === 'clean-exit' || win.isDestroyed()) return;
      rendererCrashes.push(Date.now());
      const d = decideRestart(rendererCrashes, Date.now());
      if (d.restart) setTimeout(() => !win.isDestroyed() && win.webContents.reload(), d.delayMs);
    });
    win.webContents.on('did-fail-load', (_e, code, description, url) => log(`load failed ${code} ${description} ${url}`));

    void win.loadURL(devServerUrl ?? APP_START_URL);
    return win;
  };

  // ---- Quit: drain the backend first (never cut a write in half) ----

  let stopping = false;
  let stopped = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    updater?.dispose();
    supervisor
      .stop()
      .catch((err: Error) => log(`backend stop failed: ${err.message}`))
      .finally(() => {
        stopped = true;
        app.quit();
      });
  });
  app.on('window-all-closed', () => app.quit());
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  // ---- Ready ----

  void app.whenReady().then(async () => {
    protocol.handle(
      APP_SCHEME,
      createAppRequestHandler({
        root: paths.rendererRoot,
        csp: PROD_CSP_HEADER,
        fs: {
          readFile: (p) => fs.promises.readFile(p),
          realpath: (p) => fs.promises.realpath(p),
          isFile: async (p) => (await fs.promises.stat(p)).isFile(),
        },
      }),
    );

    const ses = session.defaultSession;
    ses.setPermissionRequestHandler(denyPermissionRequest(log));
    ses.setPermissionCheckHandler(denyPermissionCheck);
    ses.setDevicePermissionHandler(() => false);
    ses.setSpellCheckerEnabled(false);
    ses.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (details, callback) => {
      const cancel = shouldBlockRequest(details.url, trusted);
      if (cancel) log(`request blocked: ${details.url.slice(0, 200)}`);
      callback({ cancel });
    });
    const devOrigin = devServerUrl ? originOf(devServerUrl) : null;
    if (devOrigin) {
      const header = buildCsp(devCsp(devOrigin));
      ses.webRequest.onHeadersReceived({ urls: [`${devOrigin}/*`] }, (details, callback) => {
        callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [header] } });
      });
    }

    log(`start ${PRODUCT_NAME} ${app.getVersion()} (${isDev ? 'dev' : 'packaged'}), data: ${userData}`);
    supervisor.start();
    refreshMenu();
    mainWindow = createWindow();

    updater = await startUpdater({
      userDataDir: userData,
      isPackaged: app.isPackaged,
      pendingWrites: () => supervisor.pendingWrites(),
      stopBackend: () => supervisor.stop({ drainTimeoutMs: 60_000 }),
      resumeBackend: () => {
        if (!stopping) supervisor.start();
      },
      getWindow: () => mainWindow,
      onStatus: (s) => {
        updaterStatus = s;
        refreshMenu();
      },
      log,
    }).catch((err: Error) => {
      log(`updater failed to start: ${err.message}`);
      return null;
    });
  });
}
