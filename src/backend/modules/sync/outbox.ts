import type { EntityManager } from 'typeorm';
import {
  blobFieldsOf,
  bulkDeleteVerdict,
  isLongText,
  isSha256,
  SYNC_ENTITY_RULES,
  type BulkDeleteVerdict,
  type WireChange,
} from '../../../contract/sync-protocol';
import { LOCAL_ONLY, syncedSchemas, tableOf } from './registry';

/** One row of change_log waiting to be pushed. */
export interface PendingChange {
  seq: number;
  changeId: string;
  entity: string;
  rowId: string;
  op: 'insert' | 'update' | 'delete';
  rev: number;
  data: string;
  at: string;
  actor: string | null;
}

const PENDING = `from change_log c left join sync_outbox_failure f on f.changeId = c.changeId
  where c.pushedAt is null and f.poisonedAt is null`;

/** Pending changes after `afterSeq`, oldest first; poisoned ones are left out. */
export async function readPending(m: EntityManager, afterSeq: number, limit: number): Promise<PendingChange[]> {
  return m.query(
    `select c.seq, c.changeId, c.entity, c.rowId, c.op, c.rev, c.data, c.at, c.actor ${PENDING} and c.seq > ? order by c.seq limit ?`,
    [afterSeq, limit],
  );
}

export async function countPending(m: EntityManager): Promise<{ count: number; bytes: number }> {
  const [r] = (await m.query(`select count(*) as n, coalesce(sum(length(c.data)), 0) as bytes ${PENDING}`)) as {
    n: number;
    bytes: number;
  }[];
  return { count: Number(r?.n ?? 0), bytes: Number(r?.bytes ?? 0) };
}

/** SHA-256 of files referenced by pending changes. */
export async function pendingBlobHashes(m: EntityManager): Promise<string[]> {
  const set = new Set<string>();
  for (const entity of Object.keys(SYNC_ENTITY_RULES)) {
    for (const field of blobFieldsOf(entity)) {
      // json_extract runs in SQLite: no JSON parsing of every pending change in JavaScript.
      const rows: { h: string }[] = await m.query(
        `select distinct json_extract(c.data, ?) as h ${PENDING} and c.entity = ? and json_extract(c.data, ?) is not null`,
        [`$.${field}`, entity, `$.${field}`],
      );
      for (const r of rows) if (isSha256(r.h)) set.add(r.h);
    }
  }
  return [...set];
}

/** field → server seq of the value held, per row (`entity\0rowId`). */
export type MetaMap = Map<string, Record<string, number>>;
export const metaKey = (entity: string, rowId: string) => `${entity}\u0000${rowId}`;

export async function loadMetas(m: EntityManager, rows: { entity: string; rowId: string }[]): Promise<MetaMap> {
  const out: MetaMap = new Map();
  const byEntity = new Map<string, Set<string>>();
  for (const r of rows) {
    if (!byEntity.has(r.entity)) byEntity.set(r.entity, new Set());
    byEntity.get(r.entity)!.add(r.rowId);
  }
  for (const [entity, ids] of byEntity) {
    const all = [...ids];
    for (let i = 0; i < all.length; i += 500) {
      const part = all.slice(i, i + 500);
      const found: { rowId: string; seqs: string }[] = await m.query(
        `select rowId, seqs from sync_row_meta where entity = ? and rowId in (${part.map(() => '?').join(', ')})`,
        [entity, ...part],
      );
      for (const f of found) out.set(metaKey(entity, f.rowId), JSON.parse(f.seqs));
    }
  }
  return out;
}

export async function saveMetas(m: EntityManager, metas: MetaMap, keys: Iterable<string>): Promise<void> {
  const rows = [...new Set(keys)].map((k) => {
    const [entity, rowId] = k.split('\u0000') as [string, string];
    return [entity, rowId, JSON.stringify(metas.get(k) ?? {})];
  });
  for (let i = 0; i < rows.length; i += 300) {
    const part = rows.slice(i, i + 300);
    await m.query(
      `insert into sync_row_meta (entity, rowId, seqs) values ${part.map(() => '(?, ?, ?)').join(', ')}
       on conflict (entity, rowId) do update set seqs = excluded.seqs`,
      part.flat(),
    );
  }
}

/** The wire form: local-only fields dropped, long-text edits carry the base they were made on. */
export function toWire(c: PendingChange, metas: MetaMap): WireChange {
  const raw = JSON.parse(c.data) as Record<string, unknown>;
  const data: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) if (!LOCAL_ONLY.has(k)) data[k] = v;
  let base: Record<string, number> | undefined;
  if (c.op !== 'insert') {
    const meta = metas.get(metaKey(c.entity, c.rowId)) ?? {};
    for (const f of Object.keys(data)) {
      if (isLongText(c.entity, f)) (base ??= {})[f] = meta[f] ?? 0;
    }
  }
  return { changeId: c.changeId, entity: c.entity, rowId: c.rowId, op: c.op, rev: c.rev, data, base, at: c.at, actor: c.actor };
}

/**
 * The server took these changes (now or earlier): mark them pushed and record, per field,
 * the sequence of the value this device holds, so its own changes coming back in a pull are
 * recognised as already applied and older remote values do not flip the field back.
 */
export async function ackChanges(
  m: EntityManager,
  acks: { change: PendingChange; seq: number | undefined }[],
  nowIso: string,
): Promise<void> {
  if (acks.length === 0) return;
  const ids = acks.map((a) => a.change.changeId);
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    const marks = part.map(() => '?').join(', ');
    await m.query(`update change_log set pushedAt = ? where changeId in (${marks})`, [nowIso, ...part]);
    await m.query(`delete from sync_outbox_failure where changeId in (${marks})`, part);
  }
  const withSeq = acks.filter((a) => a.seq !== undefined);
  const metas = await loadMetas(
    m,
    withSeq.map((a) => a.change),
  );
  const touched: string[] = [];
  for (const { change, seq } of withSeq) {
    const key = metaKey(change.entity, change.rowId);
    const meta = metas.get(key) ?? {};
    for (const f of Object.keys(JSON.parse(change.data) as object)) {
      if (LOCAL_ONLY.has(f)) continue;
      if ((meta[f] ?? 0) < seq!) meta[f] = seq!;
    }
    metas.set(key, meta);
    touched.push(key);
  }
  await saveMetas(m, metas, touched);
}

/** Counts a refusal; after `maxTries` the change is set aside (poisoned). Returns the newly poisoned ids. */
export async function recordRejections(
  m: EntityManager,
  rejected: { changeId: string; message: string }[],
  nowIso: string,
  maxTries: number,
): Promise<string[]> {
  const poisoned: string[] = [];
  for (const r of rejected) {
    await m.query(
      `insert into sync_outbox_failure (changeId, tries, lastError, lastTriedAt, poisonedAt) values (?, 1, ?, ?, null)
       on conflict (changeId) do update set tries = tries + 1, lastError = excluded.lastError, lastTriedAt = excluded.lastTriedAt`,
      [r.changeId, r.message, nowIso],
    );
    const [row] = (await m.query('select tries from sync_outbox_failure where changeId = ?', [r.changeId])) as {
      tries: number;
    }[];
    if ((row?.tries ?? 0) >= maxTries) {
      await m.query('update sync_outbox_failure set poisonedAt = ? where changeId = ?', [nowIso, r.changeId]);
      poisoned.push(r.changeId);
    }
  }
  return poisoned;
}

/**
 * The client's side of the bulk-delete breaker: pending deletes of rows the server already
 * has (a row created and deleted offline deletes nothing there), per entity, against the
 * entity's rows here. Returns the verdict and the change ids it counted.
 */
export async function bulkDeleteCheck(m: EntityManager): Promise<{ verdict: BulkDeleteVerdict; changeIds: Set<string> }> {
  const rows: { changeId: string; entity: string }[] = await m.query(
    `select c.changeId, c.entity ${PENDING} and c.op = 'delete'
       and not exists (select 1 from change_log i where i.entity = c.entity and i.rowId = c.rowId and i.op = 'insert' and i.pushedAt is null)`,
  );
  const deletes: Record<string, number> = {};
  for (const r of rows) deletes[r.entity] = (deletes[r.entity] ?? 0) + 1;
  const counts: Record<string, number> = {};
  const schemas = syncedSchemas();
  for (const entity of Object.keys(deletes)) {
    const schema = schemas.get(entity);
    if (!schema) continue;
    const [r] = (await m.query(`select count(*) as n from "${tableOf(m.connection, schema)}" where deletedAt is null`)) as {
      n: number;
    }[];
    counts[entity] = Number(r?.n ?? 0) + deletes[entity]!;
  }
  return { verdict: bulkDeleteVerdict(deletes, counts), changeIds: new Set(rows.map((r) => r.changeId)) };
}
