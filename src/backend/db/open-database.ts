import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { DataSource } from 'typeorm';
import { RpcError } from '../../contract/rpc';
import { MIGRATION_NAMES, MIGRATIONS } from '../../../migrations';
import { createDataSource } from './data-source';

export interface OpenedDatabase {
  /** The writer: migrations and the write queue's transactions. */
  dataSource: DataSource;
  /**
   * The reader: a second, read-only connection. Under WAL it reads the last committed state,
   * never a write transaction in progress on the writer (one connection would show it), and
   * any attempt to write through it fails: writes must go through the queue.
   */
  readSource: DataSource;
  file: string;
  /** Path of the backup taken before migrating, if migrations ran on an existing file. */
  backupFile: string | null;
  appliedMigrations: string[];
}

export class DatabaseTooNewError extends RpcError {
  constructor(unknown: string[]) {
    super(
      'DATA_TOO_NEW',
      `Dữ liệu này được ghi bởi phiên bản Trường Chuẩn mới hơn (${unknown.join(', ')}). Hãy cập nhật ứng dụng; dữ liệu được giữ nguyên, không mở để tránh hỏng.`,
    );
  }
}

export class DatabaseCorruptError extends RpcError {
  constructor(detail: string) {
    super('INTERNAL', `Tệp dữ liệu bị hỏng (quick_check: ${detail}). Hãy khôi phục từ bản sao lưu gần nhất.`);
  }
}

function appliedIn(db: Database.Database): string[] {
  const hasTable = db.prepare(`select 1 from sqlite_master where type='table' and name='migrations'`).get();
  if (!hasTable) return [];
  return (db.prepare(`select name from migrations order by id`).all() as { name: string }[]).map((r) => r.name);
}

function timestamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

/**
 * Checks an existing file before TypeORM touches it: integrity, and that this build knows
 * every migration the file has applied. Then, if migrations are pending, takes a consistent
 * online backup (SQLite backup API, WAL-safe) so a failed upgrade can be rolled back by hand.
 */
function preflight(file: string, backupDir: string): { backupFile: string | null } {
  if (!fs.existsSync(file)) return { backupFile: null };
  let db: Database.Database | undefined;
  let check: string;
  try {
    db = new Database(file, { fileMustExist: true });
    check = String(db.pragma('quick_check', { simple: true }) ?? 'unknown');
  } catch (err) {
    // Close the handle, or it keeps the file open (and locked on Windows) until GC.
    db?.close();
    // "file is not a database" and friends: same answer as a failed quick_check.
    throw new DatabaseCorruptError((err as Error).message);
  }
  try {
    if (check !== 'ok') throw new DatabaseCorruptError(check);
    const applied = appliedIn(db);
    const unknown = applied.filter((name) => !MIGRATION_NAMES.includes(name));
    if (unknown.length > 0) throw new DatabaseTooNewError(unknown);
    const pending = MIGRATION_NAMES.filter((name) => !applied.includes(name));
    const hasData = db.prepare(`select 1 from sqlite_master where type='table' and name not like 'sqlite_%'`).get();
    if (pending.length === 0 || !hasData) return { backupFile: null };
    fs.mkdirSync(backupDir, { recursive: true });
    const backupFile = path.join(backupDir, `${path.basename(file, '.sqlite')}-before-${pending[0]}-${timestamp()}.sqlite`);
    // better-sqlite3's backup() is async; a VACUUM INTO is synchronous and equally consistent.
    db.prepare('VACUUM INTO ?').run(backupFile);
    return { backupFile };
  } finally {
    db.close();
  }
}

export async function openDatabase(file: string, opts: { backupDir?: string } = {}): Promise<OpenedDatabase> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const backupDir = opts.backupDir ?? path.join(path.dirname(file), 'backups');
  const { backupFile } = preflight(file, backupDir);
  const dataSource = createDataSource({ file, migrations: MIGRATIONS });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (err) {
    await dataSource.destroy();
    throw err;
  }
  const rows: { name: string }[] = await dataSource.query(`select name from migrations order by id`);
  const readSource = createDataSource({ file, migrations: [], readonly: true });
  await readSource.initialize();
  return { dataSource, readSource, file, backupFile, appliedMigrations: rows.map((r) => r.name) };
}
