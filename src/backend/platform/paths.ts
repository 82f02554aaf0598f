import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Trường Chuẩn';

/**
 * The per-user data folder, the same one Electron's app.getPath('userData') gives for our
 * productName, so the CLI and the desktop app work on the same data by default.
 * TRUONG_CHUAN_DATA_DIR overrides it (tests, portable installs).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.TRUONG_CHUAN_DATA_DIR) return path.resolve(env.TRUONG_CHUAN_DATA_DIR);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  // Empty counts as unset (XDG spec; Electron's userData does the same), else the path would be relative.
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), PRODUCT_NAME);
}

export const databaseFile = (dataDir: string): string => path.join(dataDir, 'truong-chuan.sqlite');

/** resources/ (frameworks, catalogs, templates): beside the sources in dev, in extraResources when packaged. */
export function defaultResourcesDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TRUONG_CHUAN_RESOURCES_DIR) return path.resolve(env.TRUONG_CHUAN_RESOURCES_DIR);
  return path.resolve(import.meta.dirname, '..', '..', '..', 'resources');
}
