/** Sync settings of the department server that are not in ServerConfig. */
export interface SyncServerOptions {
  /**
   * Oldest desktop app version allowed to sync. Older ones get 426 and a Vietnamese "please
   * update" (env SYNC_MIN_APP_VERSION; default: any).
   */
  minAppVersion: string;
}

export const DEFAULT_SYNC_OPTIONS: SyncServerOptions = { minAppVersion: '0.0.0' };

export function syncOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): SyncServerOptions {
  const min = env.SYNC_MIN_APP_VERSION?.trim();
  return { minAppVersion: min && /^\d+(\.\d+){0,2}/.test(min) ? min : DEFAULT_SYNC_OPTIONS.minAppVersion };
}
