import { DataSource, type MigrationInterface } from 'typeorm';
import { ENTITIES } from './entities';

export interface DataSourceOptions {
  file: string;
  migrations: (new () => MigrationInterface)[];
  logging?: boolean;
  /** A reader connection: its own better-sqlite3 handle, opened read-only. */
  readonly?: boolean;
}

/**
 * The one DataSource shape used by the app, the CLI and tests. WAL lets readers run while the
 * single writer commits; synchronous=NORMAL is safe under WAL (a power cut loses at most the
 * last transactions, never corrupts) and much faster than FULL on school PCs' slow disks.
 */
export function createDataSource({ file, migrations, logging = false, readonly = false }: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'better-sqlite3',
    database: file,
    entities: ENTITIES,
    migrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    enableWAL: !readonly,
    readonly,
    fileMustExist: readonly,
    logging,
    prepareDatabase: (db: { pragma: (s: string) => unknown }) => {
      db.pragma('busy_timeout = 5000');
      db.pragma('synchronous = NORMAL');
    },
  });
}
