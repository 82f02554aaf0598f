import path from 'node:path';
import { ENV_USER_DATA, PRODUCT_NAME } from './constants';

/**
 * Where things are at run time. The electron-vite build puts main and the backend in
 * out/main (index.js, backend.js), the preload in out/preload/index.cjs and the renderer in
 * out/renderer; electron-builder packs out/** into app.asar and copies resources/** to
 * <install>/resources/resources (extraResources).
 */
export interface RuntimePaths {
  preload: string;
  rendererRoot: string;
  backendEntry: string;
  /** frameworks, catalogs, templates: passed to the backend as --resources. */
  resourcesDir: string;
}

export function runtimePaths(o: { mainDir: string; isPackaged: boolean; resourcesPath: string; appPath: string }): RuntimePaths {
  return {
    preload: path.join(o.mainDir, '..', 'preload', 'index.cjs'),
    rendererRoot: path.join(o.mainDir, '..', 'renderer'),
    backendEntry: path.join(o.mainDir, 'backend.js'),
    resourcesDir: o.isPackaged ? path.join(o.resourcesPath, 'resources') : path.join(o.appPath, 'resources'),
  };
}

/**
 * The per-user data folder: <appData>/Trường Chuẩn (the backend's defaultDataDir agrees, so
 * the CLI finds the same data). TRUONG_CHUAN_DATA_DIR overrides it, as it does for the
 * backend and the CLI (tests, portable setups).
 */
export function resolveUserDataDir(appData: string, env: Readonly<Record<string, string | undefined>>): string {
  const override = env[ENV_USER_DATA];
  if (override) return path.resolve(override);
  return path.join(appData, PRODUCT_NAME);
}
