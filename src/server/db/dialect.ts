import type { ColumnType } from 'typeorm';

/** The two databases the department server runs on. */
export type Dialect = 'sqlite' | 'postgres';

/**
 * Column types that differ per dialect. PostgreSQL gets native `uuid` and `timestamptz` (what
 * an operator expects to see in psql and what indexes and range queries like); SQLite has
 * neither, so ids are text and times are TypeORM's UTC `datetime` text, which sorts correctly.
 */
export interface DialectTypes {
  id: ColumnType;
  timestamp: ColumnType;
}

export function dialectTypes(dialect: Dialect): DialectTypes {
  return dialect === 'postgres' ? { id: 'uuid', timestamp: 'timestamptz' } : { id: 'varchar', timestamp: 'datetime' };
}

/** Positional placeholder for raw SQL: `?` on SQLite, `$n` (1-based) on PostgreSQL. */
export function placeholder(dialect: Dialect, n: number): string {
  return dialect === 'postgres' ? `$${n}` : '?';
}
