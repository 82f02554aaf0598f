import type { EntitySchemaColumnOptions } from 'typeorm';
import { dialectTypes, type Dialect } from '../dialect';

/** A uuid column: native `uuid` on PostgreSQL, 36-character text on SQLite. */
export function idColumn(dialect: Dialect, options: Partial<EntitySchemaColumnOptions> = {}): EntitySchemaColumnOptions {
  const t = dialectTypes(dialect);
  return dialect === 'postgres' ? { type: t.id, ...options } : { type: t.id, length: 36, ...options };
}

/** A point in time: `timestamptz` on PostgreSQL, UTC `datetime` text on SQLite; a `Date` in code. */
export function timeColumn(dialect: Dialect, options: Partial<EntitySchemaColumnOptions> = {}): EntitySchemaColumnOptions {
  return { type: dialectTypes(dialect).timestamp, ...options };
}

/**
 * Relations are declared on the schemas only so TypeORM knows the foreign keys (the
 * schema-drift test compares them with the migrations); code reads and writes the plain id
 * columns and never loads a relation, so the row types stay flat.
 */
export type WithRelations<T, K extends string> = T & { [P in K]?: unknown };
