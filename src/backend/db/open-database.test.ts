import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATION_NAMES } from '../../../migrations';
import { DatabaseCorruptError, DatabaseTooNewError, openDatabase, type OpenedDatabase } from './open-database';

let dir: string;
let file: string;
const opened: OpenedDatabase[] = [];

async function open(f = file, backupDir?: string): Promise<OpenedDatabase> {
  const db = await openDatabase(f, backupDir ? { backupDir } : {});
  opened.push(db);
  return db;
}

/** Descriptors of this process open on `f` (Linux: /proc/self/fd; elsewhere 0, the rename then proves it). */
function openHandlesOn(f: string): number {
  if (!fs.existsSync('/proc/self/fd')) return 0;
  return fs
    .readdirSync('/proc/self/fd')
    .map((fd) => {
      try {
        return fs.readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return '';
      }
    })
    .filter((target) => target === f).length;
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-'));
  file = path.join(dir, 'truong-chuan.sqlite');
});

afterEach(async () => {
  for (const db of opened.splice(0)) if (db.dataSource.isInitialized) await db.dataSource.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('openDatabase', () => {
  it('creates and migrates a new file with WAL, foreign keys on and synchronous=NORMAL', async () => {
    expect(fs.existsSync(file)).toBe(false);
    const db = await open();
    expect(fs.existsSync(file)).toBe(true);
    expect(db.appliedMigrations).toEqual(MIGRATION_NAMES);
    expect(db.backupFile).toBeNull();
    const ds = db.dataSource;
    expect(await ds.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(await ds.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    expect(await ds.query('PRAGMA synchronous')).toEqual([{ synchronous: 1 }]);
    const tables = (
      (await ds.query(`select name from sqlite_master where type='table' order by name`)) as { name: string }[]
    ).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['app_user', 'change_log', 'meta', 'migrations', 'school', 'school_site']));
  });

  it('has no schema drift: after the migrations the entities need no further DDL', async () => {
    const db = await open();
    const log = await db.dataSource.driver.createSchemaBuilder().log();
    expect(log.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('the drift check is not vacuous: a missing index or column shows up as DDL to run', async () => {
    const db = await open();
    await db.dataSource.query('DROP INDEX "idx_change_log_pending"');
    await db.dataSource.query('ALTER TABLE "school" DROP COLUMN "email"');
    const log = await db.dataSource.driver.createSchemaBuilder().log();
    const ddl = log.upQueries.map((q) => q.query).join('\n');
    expect(ddl).toContain('idx_change_log_pending');
    expect(ddl).toContain('"email"');
  });

  it('applies nothing new when an up-to-date file is reopened, and takes no backup', async () => {
    const first = await open();
    await first.dataSource.destroy();
    const second = await open();
    expect(second.appliedMigrations).toEqual(MIGRATION_NAMES);
    expect(second.backupFile).toBeNull();
    const rows = (await second.dataSource.query('select name from migrations')) as { name: string }[];
    expect(rows).toHaveLength(MIGRATION_NAMES.length);
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
  });

  it('enforces foreign keys: a site cannot point at a missing school', async () => {
    const db = await open();
    await expect(
      db.dataSource.query(
        `insert into school_site (id, createdAt, updatedAt, rev, schoolId, name) values ('s1', 'x', 'x', 1, 'no-such-school', 'Điểm chính')`,
      ),
    ).rejects.toThrow(/FOREIGN KEY/);
  });

  it('refuses a file written by a newer version (DATA_TOO_NEW) and leaves it byte-identical', async () => {
    const first = await open();
    await first.dataSource.query(`insert into migrations (timestamp, name) values (1999999999999, 'Future1999999999999')`);
    await first.dataSource.destroy();
    const before = fs.readFileSync(file);
    const err = await openDatabase(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseTooNewError);
    expect((err as DatabaseTooNewError).code).toBe('DATA_TOO_NEW');
    expect((err as Error).message).toContain('Future1999999999999');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
  });

  it('refuses a file of garbage bytes as corrupt, without changing it', async () => {
    const garbage = Buffer.alloc(8192);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + 13) % 251;
    fs.writeFileSync(file, garbage);
    const err = await openDatabase(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseCorruptError);
    expect((err as DatabaseCorruptError).message).toMatch(/bị hỏng/);
    expect(fs.readFileSync(file).equals(garbage)).toBe(true);
    // The refused file is not held open (on Windows an open handle would lock it against
    // being replaced by a backup).
    expect(openHandlesOn(file)).toBe(0);
    fs.renameSync(file, `${file}.bad`);
    expect(fs.existsSync(`${file}.bad`)).toBe(true);
  });

  it('backs up an existing database with data into backups/ before running pending migrations', async () => {
    const legacy = new Database(file);
    legacy.exec(
      `create table "migrations" (id integer primary key autoincrement, timestamp bigint not null, name varchar not null)`,
    );
    legacy.exec(`create table legacy_note (x text)`);
    legacy.prepare('insert into legacy_note (x) values (?)').run('ghi chú cũ của trường');
    legacy.close();

    const db = await open();
    expect(db.backupFile).not.toBeNull();
    expect(path.dirname(db.backupFile!)).toBe(path.join(dir, 'backups'));
    expect(path.basename(db.backupFile!)).toContain(`before-${MIGRATION_NAMES[0]}`);
    expect(db.appliedMigrations).toEqual(MIGRATION_NAMES);

    const backup = new Database(db.backupFile!, { readonly: true });
    try {
      expect(backup.prepare('select x from legacy_note').all()).toEqual([{ x: 'ghi chú cũ của trường' }]);
      // The backup is the pre-migration state: none of the new tables are in it.
      expect(backup.prepare(`select name from sqlite_master where name = 'school'`).get()).toBeUndefined();
      expect(backup.prepare('select count(*) as n from migrations').get()).toEqual({ n: 0 });
    } finally {
      backup.close();
    }
    // The live file was migrated and kept the old data.
    expect(await db.dataSource.query('select x from legacy_note')).toEqual([{ x: 'ghi chú cũ của trường' }]);
  });

  it('honours an explicit backupDir', async () => {
    const legacy = new Database(file);
    legacy.exec(`create table legacy_note (x text)`);
    legacy.close();
    const backupDir = path.join(dir, 'elsewhere');
    const db = await open(file, backupDir);
    expect(db.backupFile && path.dirname(db.backupFile)).toBe(backupDir);
    expect(fs.existsSync(db.backupFile!)).toBe(true);
  });
});
