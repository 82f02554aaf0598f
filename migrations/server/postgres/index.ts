import type { MigrationInterface } from 'typeorm';
import { ServerInit1767225600000 } from './1767225600000-server-init';
import { ServerSync1767312000000 } from './1767312000000-sync';
import { ServerReview1767398400000 } from './1767398400000-review';

/**
 * Migrations of the department server on PostgreSQL, in order, imported statically so a
 * bundle carries them. Same names as ../sqlite, one per schema change.
 */
export const POSTGRES_MIGRATIONS: (new () => MigrationInterface)[] = [
  ServerInit1767225600000,
  ServerSync1767312000000,
  ServerReview1767398400000,
];
