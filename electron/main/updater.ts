import fs from 'node:fs';
import path from 'node:path';
import { Notification, dialog, type BrowserWindow } from 'electron';
import type { AppUpdater, UpdateInfo } from 'electron-updater';
import {
  decideInstall,
  INSTALL_WAIT,
  resolveUpdateConfig,
  UPDATE_CHECK_INTERVAL_MS,
  UPDATE_CONFIG_FILE,
} from './updater-policy';

/**
 * electron-updater glue (rules in updater-policy.ts). Generic provider, feed from env or
 * userData/update.json, off without a feed and in unpackaged runs. Downloads in the
 * background; installs on quit (autoInstallOnAppQuit, after main has drained the backend),
 * or right away only when the user picks "Cài đặt và khởi động lại" and the backend reports
 * no write pending.
 */

export type UpdaterStatus = 'off' | 'idle' | 'downloading' | 'ready';

export interface UpdaterHooks {
  userDataDir: string;
  isPackaged: boolean;
  pendingWrites(): Promise<number | null>;
  /** Refuses new calls, drains writes, stops the backend. */
  stopBackend(): Promise<void>;
  /** Starts it again when an install did not go ahead (the app is still running). */
  resumeBackend(): void;
  getWindow(): BrowserWindow | null;
  onStatus(status: UpdaterStatus): void;
  log(message: string): void;
}

export interface UpdaterController {
  checkNow(): void;
  promptInstall(): Promise<void>;
  dispose(): void;
}

function readConfigFile(dir: string): string | null {
  try {
    return fs.readFileSync(path.join(dir, UPDATE_CONFIG_FILE), 'utf8');
  } catch {
    return null;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const RESUME_AFTER_MS = 20_000;

export async function startUpdater(hooks: UpdaterHooks): Promise<UpdaterController | null> {
  const { config, problem } = resolveUpdateConfig(readConfigFile(hooks.userDataDir), process.env);
  if (problem) hooks.log(`updater: ${problem}`);
  if (!config) {
    hooks.onStatus('off');
    return null;
  }
  if (!hooks.isPackaged) {
    hooks.log('updater: feed configured but the app is not packaged; updates stay off');
    hooks.onStatus('off');
    return null;
  }

  // electron-updater is CommonJS and defines autoUpdater with a getter that Node's ESM
  // named-export detection cannot see: take it from the default export.
  const mod = (await import('electron-updater')) as unknown as { autoUpdater?: AppUpdater; default?: { autoUpdater?: AppUpdater } };
  const updater = mod.default?.autoUpdater ?? mod.autoUpdater;
  if (!updater) {
    hooks.log('updater: electron-updater did not load');
    hooks.onStatus('off');
    return null;
  }

  updater.logger = {
    info: (m?: unknown) => hooks.log(`updater: ${String(m)}`),
    warn: (m?: unknown) => hooks.log(`updater warn: ${String(m)}`),
    error: (m?: unknown) => hooks.log(`updater error: ${String(m)}`),
    debug: () => {},
  };
  updater.setFeedURL({ provider: 'generic', url: config.feedUrl });
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  updater.allowDowngrade = false;
  updater.allowPrerelease = false;

  let status: UpdaterStatus = 'idle';
  let downloaded: UpdateInfo | null = null;
  let installing = false;
  const setStatus = (s: UpdaterStatus): void => {
    status = s;
    hooks.onStatus(s);
  };

  updater.on('update-available', () => setStatus('downloading'));
  updater.on('update-not-available', () => setStatus('idle'));
  updater.on('error', (err: Error) => {
    hooks.log(`updater error: ${err.message}`);
    if (status !== 'ready') setStatus('idle');
  });
  updater.on('update-downloaded', (info: UpdateInfo) => {
    downloaded = info;
    setStatus('ready');
    if (Notification.isSupported()) {
      const n = new Notification({
        title: `Đã có Trường Chuẩn ${info.version}`,
        body: 'Bản cập nhật sẽ được cài khi bạn thoát ứng dụng. Bấm vào đây để cài ngay.',
      });
      n.on('click', () => void controller.promptInstall());
      n.show();
    }
  });

  const check = (): void => {
    if (status === 'downloading' || status === 'ready') return;
    updater.checkForUpdates().catch((err: Error) => hooks.log(`updater check failed: ${err.message}`));
  };

  const controller: UpdaterController = {
    checkNow: check,
    async promptInstall() {
      if (!downloaded || installing) return;
      const win = hooks.getWindow();
      const opts = {
        type: 'info' as const,
        title: 'Cập nhật Trường Chuẩn',
        message: `Phiên bản ${downloaded.version} đã sẵn sàng.`,
        detail: 'Ứng dụng sẽ đóng, cài đặt bản mới rồi tự mở lại. Nếu để sau, bản cập nhật sẽ được cài khi bạn thoát ứng dụng.',
        buttons: ['Cài đặt và khởi động lại', 'Để sau'],
        defaultId: 0,
        cancelId: 1,
        noLink: true,
      };
      const { response } = win ? await dialog.showMessageBox(win, opts) : await dialog.showMessageBox(opts);
      const userConfirmed = response === 0;
      const started = Date.now();
      for (;;) {
        const decision = decideInstall({ updateDownloaded: downloaded !== null, userConfirmed, pendingWrites: await hooks.pendingWrites() });
        if (decision.action === 'none') return;
        if (decision.action === 'install') break;
        if (Date.now() - started > INSTALL_WAIT.maxWaitMs) {
          const busy = {
            type: 'warning' as const,
            title: 'Cập nhật Trường Chuẩn',
            message: 'Ứng dụng đang lưu dữ liệu nên chưa thể cài bản cập nhật.',
            detail: 'Vui lòng thử lại sau ít phút, hoặc thoát ứng dụng khi đã xong việc: bản cập nhật sẽ được cài lúc đó.',
            buttons: ['Đóng'],
          };
          if (win) await dialog.showMessageBox(win, busy);
          else await dialog.showMessageBox(busy);
          return;
        }
        await sleep(INSTALL_WAIT.pollMs);
      }
      installing = true;
      await hooks.stopBackend();
      try {
        updater.quitAndInstall(false, true);
      } catch (err) {
        hooks.log(`updater: install failed: ${(err as Error).message}`);
      }
      // Normally the app is gone by now. If the installer could not start, keep working.
      setTimeout(() => {
        installing = false;
        hooks.resumeBackend();
      }, RESUME_AFTER_MS).unref?.();
    },
    dispose() {
      clearInterval(timer);
    },
  };

  const timer = setInterval(check, UPDATE_CHECK_INTERVAL_MS);
  timer.unref?.();
  setStatus('idle');
  check();
  return controller;
}
