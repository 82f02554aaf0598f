import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_MIGRATIONS } from '../../../migrations/server/postgres/index';
import { SQLITE_MIGRATIONS } from '../../../migrations/server/sqlite/index';
import {
  DatabaseTooNewError,
  MIGRATIONS_TABLE,
  databaseStatus,
  migrationNames,
  openDatabase,
  type ServerDatabase,
} from './data-source';
import { createTestDatabase, DIALECTS, type TestDatabase } from './test-database';

describe('migration lists', () => {
  it('have the same names in the same order on both dialects', () => {
    const names = (list: typeof SQLITE_MIGRATIONS) => list.map((M) => new M().name);
    expect(names(SQLITE_MIGRATIONS)).toEqual(names(POSTGRES_MIGRATIONS));
    expect(migrationNames('sqlite').length).toBeGreaterThan(0);
    for (const n of migrationNames('sqlite')) expect(n).toMatch(/\d{13}$/);
  });
});

describe.each(DIALECTS)('server database on %s', (dialect) => {
  let tdb: TestDatabase;
  let db: ServerDatabase;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    db = await openDatabase(tdb.config);
  });
  afterAll(async () => {
    await db?.close();
    await tdb?.cleanup();
  });

  it('applies every migration at open', async () => {
    const rows: { name: string }[] = await db.ds.query(`SELECT "name" FROM "${MIGRATIONS_TABLE}"`);
    expect(rows.map((r) => r.name)).toEqual(migrationNames(dialect));
    expect(await databaseStatus(db)).toEqual({ reachable: true, pendingMigrations: [] });
  });

  it('matches the entities exactly (no schema drift)', async () => {
    const log = await db.ds.driver.createSchemaBuilder().log();
    expect(log.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('enforces foreign keys', async () => {
    const p = dialect === 'postgres' ? ['$1', '$2', '$3', '$4', '$5'] : ['?', '?', '?', '?', '?'];
    await expect(
      db.ds.query(
        `INSERT INTO org_unit (id, parent_id, kind, code, name, created_at) VALUES (${p.join(', ')}, CURRENT_TIMESTAMP)`,
        ['0190a000-0000-7000-8000-000000000001', '0190a000-0000-7000-8000-0000000000ff', 'school', 'X', 'X'],
      ),
    ).rejects.toThrow(/foreign key/i);
  });

  it('re-opening is a no-op and down-migrations undo everything', async () => {
    const again = await openDatabase(tdb.config);
    try {
      expect((await databaseStatus(again)).pendingMigrations).toEqual([]);
    } finally {
      await again.close();
    }
    const scratch = await createTestDatabase(dialect);
    const other = await openDatabase(scratch.config);
    try {
      for (let i = 0; i < migrationNames(dialect).length; i++) await other.ds.undoLastMigration();
      expect((await databaseStatus(other)).pendingMigrations).toEqual(migrationNames(dialect));
      const tables: unknown[] = await other.ds.query(
        dialect === 'postgres'
          ? `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '${MIGRATIONS_TABLE}'`
          : `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '${MIGRATIONS_TABLE}'`,
      );
      expect(tables).toEqual([]);
    } finally {
      await other.close();
      await scratch.cleanup();
    }
  });

  it('refuses a database migrated by a newer build', async () => {
    const scratch = await createTestDatabase(dialect);
    const first = await openDatabase(scratch.config);
    try {
      const p = dialect === 'postgres' ? ['$1', '$2'] : ['?', '?'];
      await first.ds.query(`INSERT INTO "${MIGRATIONS_TABLE}" ("timestamp", "name") VALUES (${p.join(', ')})`, [
        9999999999999,
        'FromTheFuture9999999999999',
      ]);
      await first.close();
      const err = await openDatabase(scratch.config).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DatabaseTooNewError);
      expect(String(err)).toMatch(/phiên bản mới hơn.*FromTheFuture9999999999999/);
    } finally {
      await first.close();
      await scratch.cleanup();
    }
  });

  it('reports pending migrations and an unreachable database', async () => {
    const scratch = await createTestDatabase(dialect);
    const other = await openDatabase(scratch.config);
    try {
      const last = migrationNames(dialect).at(-1)!;
      await other.ds.query(`DELETE FROM "${MIGRATIONS_TABLE}" WHERE "name" = '${last}'`);
      expect(await databaseStatus(other)).toEqual({ reachable: true, pendingMigrations: [last] });
      await other.close();
      expect((await databaseStatus(other)).reachable).toBe(false);
    } finally {
      await other.close();
      await scratch.cleanup();
    }
  });
});

describe('SQLite specifics', () => {
  it('runs in WAL mode with foreign keys on', async () => {
    const tdb = await createTestDatabase('sqlite');
    const db = await openDatabase(tdb.config);
    try {
      const [mode] = await db.ds.query('PRAGMA journal_mode');
      const [fk] = await db.ds.query('PRAGMA foreign_keys');
      expect(mode.journal_mode).toBe('wal');
      expect(fk.foreign_keys).toBe(1);
    } finally {
      await db.close();
      await tdb.cleanup();
    }
  });
});
