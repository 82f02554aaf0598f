import type { EntitySchemaColumnOptions } from 'typeorm';

/**
 * Columns every synced row carries. Ids are UUIDv7 (time-ordered, made on any device without
 * coordination); deletes are tombstones (`deletedAt`) so a delete can travel to the server;
 * `rev` counts local revisions and lets a form detect that someone else saved first.
 * Timestamps are ISO-8601 text: the same on SQLite and PostgreSQL and in sync payloads.
 */
export interface SyncedRow {
  id: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  rev: number;
}

export const syncedColumns = {
  id: { type: 'varchar', length: 36, primary: true },
  createdAt: { type: 'varchar', length: 30 },
  updatedAt: { type: 'varchar', length: 30 },
  deletedAt: { type: 'varchar', length: 30, nullable: true },
  rev: { type: 'integer', default: 1 },
} satisfies Record<keyof SyncedRow, EntitySchemaColumnOptions>;

export const SYNCED_BASE_KEYS = ['id', 'createdAt', 'updatedAt', 'deletedAt', 'rev'] as const;
