import type { DataSource, EntityManager, EntitySchema } from 'typeorm';
import { blobFieldsOf, isSha256 } from '../../../contract/sync-protocol';
import { SYNCED_ENTITIES } from '../../db/entities';
import { SyncConflictEntity } from './entities';

/** Fields of a local row that never travel (`rev` counts local revisions only). */
export const LOCAL_ONLY = new Set(['rev']);

/**
 * Entities whose rows travel, by EntitySchema name: every SYNCED entity plus the conflict
 * records. Built lazily: modules add themselves to SYNCED_ENTITIES.
 */
export function syncedSchemas(): Map<string, EntitySchema> {
  const map = new Map<string, EntitySchema>();
  for (const s of [...SYNCED_ENTITIES, SyncConflictEntity]) map.set(s.options.name, s);
  return map;
}

/** Property names of an entity's columns. */
export function columnsOf(conn: DataSource, schema: EntitySchema): Set<string> {
  return new Set(conn.getMetadata(schema).columns.map((c) => c.propertyName));
}

export function tableOf(conn: DataSource, schema: EntitySchema): string {
  return conn.getMetadata(schema).tableName;
}

/** SHA-256 values in the blob fields of `data` (see SYNC_ENTITY_RULES). */
export function blobHashesIn(entity: string, data: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const f of blobFieldsOf(entity)) {
    const v = data[f];
    if (isSha256(v)) out.push(v);
  }
  return out;
}

export function managerConn(m: EntityManager): DataSource {
  return m.connection;
}
