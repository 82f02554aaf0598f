import { RpcError } from '../../../contract/rpc';
import type { syncMethods } from '../../../contract/methods/sync';
import { actorOf, type HandlersFor, type ModuleDeps } from '../module';
import { SyncClient, type SyncClientOptions } from './client';

/**
 * The background timer runs only where the app asks for it: Electron main starts the backend
 * with TRUONG_CHUAN_AUTO_SYNC=1, which electron/main sets when it forks the backend. The CLI and
 * tests open backends briefly and sync on demand.
 */
export function autoSyncWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.TRUONG_CHUAN_AUTO_SYNC === '1';
}

/**
 * Tuning for slow or flaky links (and tests): TRUONG_CHUAN_SYNC_BATCH (changes per push),
 * TRUONG_CHUAN_SYNC_CHUNK_KB (KiB per file upload request), TRUONG_CHUAN_SYNC_TIMEOUT_MS.
 */
export function syncClientOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): SyncClientOptions {
  const int = (v: string | undefined, min: number, max: number) => {
    const n = Number(v);
    return v && Number.isInteger(n) && n >= min && n <= max ? n : undefined;
  };
  const chunkKb = int(env.TRUONG_CHUAN_SYNC_CHUNK_KB, 16, 8192);
  return {
    batchSize: int(env.TRUONG_CHUAN_SYNC_BATCH, 1, 1000),
    chunkBytes: chunkKb ? chunkKb * 1024 : undefined,
    timeoutMs: int(env.TRUONG_CHUAN_SYNC_TIMEOUT_MS, 1000, 3_600_000),
    env,
  };
}

export function syncHandlers(deps: ModuleDeps): HandlersFor<typeof syncMethods> {
  const client = new SyncClient(
    { ds: deps.ds, writes: deps.writes, dataDir: deps.dataDir, frameworks: deps.frameworks, resourcesDir: deps.resourcesDir },
    { ...syncClientOptionsFromEnv(), secrets: deps.secrets },
  );
  if (autoSyncWanted()) client.startAutoSync();
  return {
    'sync.enrol': async (input) => client.enrol(input),
    'sync.run': async (input) => client.run(input),
    'sync.status': async () => client.status(),
    'sync.conflicts': async ({ status }) => client.conflicts(status),
    'sync.resolveConflict': async (input, { conn }) => client.resolveConflict(actorOf(conn), input),
    'sync.exportPackage': async ({ fileHandle, confirmBulkDelete }, { conn }) => {
      let target: string | undefined;
      if (fileHandle) {
        const grant = conn.grants.get(fileHandle);
        if (!grant || grant.mode !== 'write')
          throw new RpcError('FORBIDDEN', 'Chưa chọn nơi lưu gói đồng bộ, hoặc lựa chọn đã hết hiệu lực.');
        target = grant.path;
      }
      return client.exportPackage({ target, confirmBulkDelete });
    },
    'sync.submit': async (input) => client.submit(input),
    'sync.submissions': async () => client.submissions(),
  };
}
