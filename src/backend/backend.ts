import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { RpcError } from '../contract/rpc';
import { openDatabase } from './db/open-database';
import { WriteQueue } from './db/write-queue';
import { assessmentHandlers } from './modules/assessment/handlers';
import { assetsHandlers } from './modules/assets/handlers';
import { assessmentCitations } from './modules/assessment/evidence-access';
import { evidenceHandlers } from './modules/evidence/handlers';
import { foundationHandlers } from './modules/foundation.handlers';
import { frameworksHandlers } from './modules/frameworks.handlers';
import { syncHandlers } from './modules/sync/handlers';
import { FileSecretStore, type SecretStore } from './modules/sync/secret-store';
import { reportsHandlers } from './reports/handlers';
import { reviewHandlers } from './modules/review/handlers';
import { getFrameworkRegistry } from './frameworks/framework-loader';
import { APP_VERSION, type ModuleDeps } from './modules/module';
import { databaseFile, defaultResourcesDir } from './platform/paths';
import { createRouter, type Handlers, type Router } from './rpc/router';
import { refreshSession } from './services/user.service';

export { APP_VERSION };
export { checkDatabase } from './db/health';

export interface BackendOptions {
  dataDir: string;
  resourcesDir?: string;
  /** Where tokens are kept; default: plain 0600 files under <dataDir>/secrets (Electron seals them). */
  secrets?: SecretStore;
  log?: (level: 'info' | 'error', message: string, extra?: unknown) => void;
}

export interface Backend {
  dataDir: string;
  /** The writer connection (tests and maintenance); handlers read through `readSource`. */
  dataSource: DataSource;
  readSource: DataSource;
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
  const resourcesDir = opts.resourcesDir ?? defaultResourcesDir();
  // Bad framework data stops the start with a message naming the file and path, before any write.
  const frameworks = await getFrameworkRegistry(resourcesDir);
  const db = await openDatabase(databaseFile(opts.dataDir), { backupDir: path.join(opts.dataDir, 'backups') });
  const ds = db.dataSource;
  const reader = db.readSource;
  const writes = new WriteQueue(ds);

  const secrets = opts.secrets ?? new FileSecretStore(path.join(opts.dataDir, 'secrets'));
  const deps: ModuleDeps = { ds: reader, writes, dataDir: opts.dataDir, resourcesDir, frameworks, secrets };
  const handlers: Handlers = {
    ...foundationHandlers(deps),
    ...frameworksHandlers(deps),
    ...assessmentHandlers(deps),
    ...evidenceHandlers(deps, { citations: assessmentCitations }),
    ...assetsHandlers(deps),
    ...syncHandlers(deps),
    ...reportsHandlers(deps),
    ...reviewHandlers(deps),
  };

  const router = createRouter({
    handlers,
    refreshSession: (session) => refreshSession(reader.manager, session),
    onInternalError: (err, method) => opts.log?.('error', `rpc ${method} failed`, err),
  });

  return {
    dataDir: opts.dataDir,
    dataSource: ds,
    readSource: reader,
    writes,
    router,
    backupFile: db.backupFile,
    async close() {
      // Let requests in progress and queued writes finish before the connections go away.
      await router.idle();
      await writes.run(null, async () => undefined).catch(() => undefined);
      if (reader.isInitialized) await reader.destroy();
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
