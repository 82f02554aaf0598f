import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { RpcError } from '../contract/rpc';
import { openDatabase } from './db/open-database';
import { WriteQueue } from './db/write-queue';
import { assessmentHandlers } from './modules/assessment/handlers';
import { assetsHandlers } from './modules/assets/handlers';
import { evidenceHandlers } from './modules/evidence/handlers';
import { foundationHandlers } from './modules/foundation.handlers';
import { APP_VERSION, type ModuleDeps } from './modules/module';
import { databaseFile, defaultResourcesDir } from './platform/paths';
import { createRouter, type Handlers, type Router } from './rpc/router';

export { APP_VERSION };
export { checkDatabase } from './db/health';

export interface BackendOptions {
  dataDir: string;
  resourcesDir?: string;
  log?: (level: 'info' | 'error', message: string, extra?: unknown) => void;
}

export interface Backend {
  dataDir: string;
  dataSource: DataSource;
  writes: WriteQueue;
  router: Router;
  backupFile: string | null;
  close(): Promise<void>;
}

/**
 * The backend as one plain Node object: the same code runs in Electron's utilityProcess,
 * behind the WebSocket bridge, in the CLI and in tests; only the transport differs.
 */
export async function openBackend(opts: BackendOptions): Promise<Backend> {
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const db = await openDatabase(databaseFile(opts.dataDir), { backupDir: path.join(opts.dataDir, 'backups') });
  const ds = db.dataSource;
  const writes = new WriteQueue(ds);

  const deps: ModuleDeps = { ds, writes, dataDir: opts.dataDir, resourcesDir: opts.resourcesDir ?? defaultResourcesDir() };
  const handlers: Handlers = {
    ...foundationHandlers(deps),
    ...assessmentHandlers(deps),
    ...evidenceHandlers(deps),
    ...assetsHandlers(deps),
  };

  const router = createRouter({
    handlers,
    onInternalError: (err, method) => opts.log?.('error', `rpc ${method} failed`, err),
  });

  return {
    dataDir: opts.dataDir,
    dataSource: ds,
    writes,
    router,
    backupFile: db.backupFile,
    async close() {
      // Let queued writes finish before the connection goes away.
      await writes.run(null, async () => undefined).catch(() => undefined);
      if (ds.isInitialized) await ds.destroy();
    },
  };
}

/** Consistent copy of the live database (works while the app runs, WAL included). */
export async function backupDatabase(ds: DataSource, target: string): Promise<{ file: string; bytes: number }> {
  const file = path.resolve(target);
  if (fs.existsSync(file)) throw new RpcError('VALIDATION', `Tệp "${file}" đã tồn tại; hãy chọn tên khác.`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.partial`;
  // A .partial left by an interrupted backup would make VACUUM INTO fail ("file is not a database").
  fs.rmSync(tmp, { force: true });
  try {
    await ds.query('VACUUM INTO ?', [tmp]);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  fs.renameSync(tmp, file);
  return { file, bytes: fs.statSync(file).size };
}
