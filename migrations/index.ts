import type { MigrationInterface } from 'typeorm';
import { Initial1764320000000 } from './0001-initial';
import { Assessment1764400000000 } from './0002-assessment';
import { Evidence1764500000000 } from './0003-evidence';
import { Assets1764600000000 } from './0004-assets';
import { Sync1764700000000 } from './0005-sync';
import { EvidenceCodes1764800000000 } from './0006-evidence-codes';

/**
 * Every migration of the school database, in order, imported statically (no globs) so the
 * bundle carries them and startup can compare this list with the applied one: a database
 * that has applied a migration missing here was written by a newer app and is not opened.
 */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  Initial1764320000000,
  Assessment1764400000000,
  Evidence1764500000000,
  Assets1764600000000,
  Sync1764700000000,
  EvidenceCodes1764800000000,
];

export const MIGRATION_NAMES: string[] = MIGRATIONS.map((M) => new M().name ?? M.name);

/** The schema version shown to users and support: the name of the last migration. */
export const SCHEMA_VERSION = MIGRATION_NAMES[MIGRATION_NAMES.length - 1]!;
