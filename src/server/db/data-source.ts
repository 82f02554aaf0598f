import { DataSource, type MigrationInterface } from 'typeorm';
import { POSTGRES_MIGRATIONS } from '../../../migrations/server/postgres/index';
import { SQLITE_MIGRATIONS } from '../../../migrations/server/sqlite/index';
import type { DatabaseConfig } from '../config';
import type { Dialect } from './dialect';
import { serverEntities } from './entities/index';

/** Name of TypeORM's bookkeeping table of applied migrations. */
export const MIGRATIONS_TABLE = 'schema_migration';

export function dialectOf(db: DatabaseConfig): Dialect {
  return db.kind === 'postgres' ? 'postgres' : 'sqlite';
}

export function migrationsFor(dialect: Dialect): (new () => MigrationInterface)[] {
  return dialect === 'postgres' ? POSTGRES_MIGRATIONS : SQLITE_MIGRATIONS;
}

/** Migration names in order, as TypeORM records them. */
export function migrationNames(dialect: Dialect): string[] {
  return migrationsFor(dialect).map((M) => new M().name ?? M.name);
}

export interface CreateDataSourceOptions {
  /** Apply pending migrations in `initialize()`. The server and CLI always do; tests of migrations may not. */
  migrationsRun?: boolean;
  logging?: boolean;
}

/**
 * One DataSource shape for the server, the CLI and tests. Schema changes only ever come from
 * the hand-written migrations (`synchronize` stays off).
 */
export function createDataSource(db: DatabaseConfig, opts: CreateDataSourceOptions = {}): DataSource {
  const dialect = dialectOf(db);
  const common = {
    entities: serverEntities(dialect),
    migrations: migrationsFor(dialect),
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsRun: opts.migrationsRun ?? true,
    synchronize: false,
    logging: opts.logging ?? false,
  };
  if (db.kind === 'postgres') {
    return new DataSource({ type: 'postgres', url: db.url, ...common });
  }
  return new DataSource({
    type: 'better-sqlite3',
    database: db.file,
    // WAL lets the CLI (e.g. `server school add`) write while the server reads; TypeORM also
    // turns foreign keys on for every SQLite connection.
    enableWAL: true,
    timeout: 5000,
    prepareDatabase: (conn: { pragma(s: string): unknown }) => {
      // Safe under WAL (a power cut loses at most the last commits, never corrupts).
      conn.pragma('synchronous = NORMAL');
    },
    ...common,
  });
}

/** An open database with its dialect; `close()` is safe to call twice. */
export interface ServerDatabase {
  ds: DataSource;
  dialect: Dialect;
  close(): Promise<void>;
}

/** The database was migrated by a newer build: running this one on it could corrupt data. */
export class DatabaseTooNewError extends Error {
  override name = 'DatabaseTooNewError';
}

/**
 * Opens the database and applies pending migrations. Refuses a database that has applied a
 * migration this build does not know (someone started an older version after an upgrade).
 */
export async function openDatabase(db: DatabaseConfig, opts: CreateDataSourceOptions = {}): Promise<ServerDatabase> {
  const ds = createDataSource(db, opts);
  await ds.initialize();
  const dialect = dialectOf(db);
  if (opts.migrationsRun !== false) {
    const known = new Set(migrationNames(dialect));
    const rows: { name: string }[] = await ds.query(`SELECT "name" FROM "${MIGRATIONS_TABLE}"`);
    const unknown = rows.map((r) => r.name).filter((n) => !known.has(n));
    if (unknown.length > 0) {
      await ds.destroy();
      throw new DatabaseTooNewError(
        `Cơ sở dữ liệu đã được nâng cấp bởi phiên bản mới hơn của máy chủ (${unknown.join(', ')}). ` +
          'Hãy cài phiên bản mới nhất rồi chạy lại.',
      );
    }
  }
  return {
    ds,
    dialect,
    async close() {
      if (ds.isInitialized) await ds.destroy();
    },
  };
}

export interface DatabaseStatus {
  reachable: boolean;
  pendingMigrations: string[];
}

/**
 * Whether the database answers and every migration this build knows is applied; used by
 * `GET /ready`. Reads the bookkeeping table directly rather than via `showMigrations()`,
 * which would create the table: a probe should not write.
 */
export async function databaseStatus(db: ServerDatabase): Promise<DatabaseStatus> {
  const expected = migrationNames(db.dialect);
  try {
    await db.ds.query('SELECT 1');
  } catch {
    return { reachable: false, pendingMigrations: expected };
  }
  try {
    const rows: { name: string }[] = await db.ds.query(`SELECT "name" FROM "${MIGRATIONS_TABLE}"`);
    const applied = new Set(rows.map((r) => r.name));
    return { reachable: true, pendingMigrations: expected.filter((n) => !applied.has(n)) };
  } catch {
    return { reachable: true, pendingMigrations: expected };
  }
}
