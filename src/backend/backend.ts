import fs from 'node:fs';
import path from 'node:path';
import { IsNull, type DataSource } from 'typeorm';
import { SCHEMA_VERSION } from '../../migrations';
import { RpcError } from '../contract/rpc';
import { ChangeLogEntity } from './db/entities';
import { openDatabase } from './db/open-database';
import { WriteQueue } from './db/write-queue';
import { databaseFile } from './platform/paths';
import { createRouter, type Connection, type Handlers, type Router } from './rpc/router';
import { createSchool, findSchool, getSchool, updateSchool } from './services/school.service';
import {
  addUser,
  authenticate,
  changeOwnPassword,
  countUsers,
  listUsers,
  setPassword,
  updateUser,
} from './services/user.service';

export const APP_VERSION = '0.1.0';

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
  const m = ds.manager;
  const actor = (conn: Connection) => conn.session?.userId ?? null;

  const handlers: Handlers = {
    'app.info': async (_i, { conn }) => ({ version: APP_VERSION, schemaVersion: SCHEMA_VERSION, transport: conn.transport }),
    'setup.status': async () => {
      const school = await findSchool(m);
      return { initialized: school !== null, schoolName: school?.name ?? null };
    },
    'setup.initialize': async (input, { conn }) => {
      const result = await writes.run(null, async (tx) => {
        if ((await findSchool(tx.manager)) || (await countUsers(tx.manager)) > 0) {
          throw new RpcError('CONFLICT', 'Ứng dụng đã được thiết lập trên máy này.');
        }
        const school = await createSchool(tx, input.school);
        const user = await addUser(tx.manager, { ...input.admin, role: 'admin' });
        return { school, user };
      });
      conn.session = { userId: result.user.id, username: result.user.username, role: result.user.role };
      return result;
    },
    'auth.login': async ({ username, password }, { conn }) => {
      const user = await authenticate(m, username, password);
      conn.session = { userId: user.id, username: user.username, role: user.role };
      return { user };
    },
    'auth.logout': async (_i, { conn }) => {
      conn.session = null;
      return { ok: true as const };
    },
    'auth.me': async (_i, { conn }) => {
      if (!conn.session) return { user: null };
      const user = (await listUsers(m)).find((u) => u.id === conn.session!.userId && !u.disabled) ?? null;
      if (!user) conn.session = null;
      return { user };
    },
    'auth.changePassword': async ({ currentPassword, newPassword }, { conn }) => {
      await writes.run(actor(conn), (tx) => changeOwnPassword(tx.manager, conn.session!.userId, currentPassword, newPassword));
      return { ok: true as const };
    },
    'school.get': async () => getSchool(m),
    'school.update': async ({ expectedRev, profile }, { conn }) =>
      writes.run(actor(conn), (tx) => updateSchool(tx, profile, expectedRev)),
    'users.list': async () => listUsers(m),
    'users.add': async (input, { conn }) => writes.run(actor(conn), (tx) => addUser(tx.manager, input)),
    'users.update': async (input, { conn }) => writes.run(actor(conn), (tx) => updateUser(tx.manager, input)),
    'users.resetPassword': async ({ id, password }, { conn }) => {
      await writes.run(actor(conn), (tx) => setPassword(tx.manager, id, password));
      return { ok: true as const };
    },
    'db.check': async () => checkDatabase(ds),
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

export async function checkDatabase(ds: DataSource) {
  const [qc] = (await ds.query('PRAGMA quick_check')) as { quick_check: string }[];
  const [jm] = (await ds.query('PRAGMA journal_mode')) as { journal_mode: string }[];
  const applied = ((await ds.query('select name from migrations order by id')) as { name: string }[]).map((r) => r.name);
  const pendingChanges = await ds.getRepository(ChangeLogEntity).count({ where: { pushedAt: IsNull() } });
  const quickCheck = qc?.quick_check ?? 'unknown';
  return {
    ok: quickCheck === 'ok',
    quickCheck,
    journalMode: jm?.journal_mode ?? 'unknown',
    schemaVersion: SCHEMA_VERSION,
    appliedMigrations: applied,
    pendingChanges,
  };
}

/** Consistent copy of the live database (works while the app runs, WAL included). */
export async function backupDatabase(ds: DataSource, target: string): Promise<{ file: string; bytes: number }> {
  const file = path.resolve(target);
  if (fs.existsSync(file)) throw new RpcError('VALIDATION', `Tệp "${file}" đã tồn tại; hãy chọn tên khác.`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.partial`;
  await ds.query('VACUUM INTO ?', [tmp]);
  fs.renameSync(tmp, file);
  return { file, bytes: fs.statSync(file).size };
}
