import type { MigrationInterface } from 'typeorm';
import { ServerInit1767225600000 } from './1767225600000-server-init';
import { ServerSync1767312000000 } from './1767312000000-sync';
import { ServerReview1767398400000 } from './1767398400000-review';

/**
 * Migrations of the department server on SQLite, in order, imported statically so a bundle
 * carries them. Each has a twin in ../postgres with the same name: the two lists must stay
 * in step (a test checks the names match).
 */
export const SQLITE_MIGRATIONS: (new () => MigrationInterface)[] = [
  ServerInit1767225600000,
  ServerSync1767312000000,
  ServerReview1767398400000,
];
