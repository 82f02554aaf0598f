import type { EntityManager, EntitySchema } from 'typeorm';
import type { PulledChange } from '../../../contract/sync-protocol';
import { loadMetas, metaKey, saveMetas, type MetaMap } from './outbox';
import { blobHashesIn, columnsOf, LOCAL_ONLY, syncedSchemas } from './registry';

/**
 * Applying pulled changes. Writes go straight to the tables (inside the write queue's
 * transaction) and are NOT change-logged, so nothing echoes back to the server. A field is
 * applied only when the change is newer than the value held (per-field server sequence in
 * sync_row_meta) and the field has no local edit waiting to be pushed (that edit will be
 * numbered later by the server, so it wins anyway; overwriting it now would make the screen
 * flicker and lose the base for conflict detection). That makes applying idempotent and
 * independent of order: a retried page, an own change coming back, or a change that failed
 * once and is retried later all land on the same state.
 */

export interface ApplyOutcome {
  /** Changes received that did not come from this device. */
  remote: number;
  /** Changes that could not be applied here (kept in sync_inbox_failure). */
  failed: number;
  /**
   * Entities this app does not sync: a newer app's data, or code counters older apps of the
   * school still send (local since ADR 0013). Kept on the server, skipped here, never failures.
   */
  skipped: number;
  blobHashes: Set<string>;
}

interface ApplyContext {
  schemas: Map<string, EntitySchema>;
  columns: Map<string, Set<string>>;
  metas: MetaMap;
  touched: Set<string>;
  pending: Map<string, Set<string>>;
  /** Local rev of the rows the page touches that exist here. */
  revs: Map<string, number>;
}

async function revsFor(m: EntityManager, schemas: Map<string, EntitySchema>, changes: { entity: string; rowId: string }[]) {
  const out = new Map<string, number>();
  const byEntity = new Map<string, Set<string>>();
  for (const c of changes) {
    if (!schemas.has(c.entity)) continue;
    if (!byEntity.has(c.entity)) byEntity.set(c.entity, new Set());
    byEntity.get(c.entity)!.add(c.rowId);
  }
  for (const [entity, ids] of byEntity) {
    const table = m.connection.getMetadata(schemas.get(entity)!).tableName;
    const all = [...ids];
    for (let i = 0; i < all.length; i += 500) {
      const part = all.slice(i, i + 500);
      const rows: { id: string; rev: number }[] = await m.query(
        `select id, rev from "${table}" where id in (${part.map(() => '?').join(', ')})`,
        part,
      );
      for (const r of rows) out.set(metaKey(entity, r.id), Number(r.rev));
    }
  }
  return out;
}

async function pendingFieldsFor(
  m: EntityManager,
  changes: { entity: string; rowId: string }[],
): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  const [any] = (await m.query(
    `select count(*) as n from change_log c left join sync_outbox_failure f on f.changeId = c.changeId
     where c.pushedAt is null and f.poisonedAt is null`,
  )) as { n: number }[];
  if (!any || Number(any.n) === 0) return out;
  const byEntity = new Map<string, Set<string>>();
  for (const c of changes) {
    if (!byEntity.has(c.entity)) byEntity.set(c.entity, new Set());
    byEntity.get(c.entity)!.add(c.rowId);
  }
  for (const [entity, ids] of byEntity) {
    const all = [...ids];
    for (let i = 0; i < all.length; i += 500) {
      const part = all.slice(i, i + 500);
      const rows: { rowId: string; data: string }[] = await m.query(
        `select c.rowId, c.data from change_log c left join sync_outbox_failure f on f.changeId = c.changeId
         where c.pushedAt is null and f.poisonedAt is null and c.entity = ? and c.rowId in (${part.map(() => '?').join(', ')})`,
        [entity, ...part],
      );
      for (const r of rows) {
        const key = metaKey(entity, r.rowId);
        if (!out.has(key)) out.set(key, new Set());
        for (const f of Object.keys(JSON.parse(r.data) as object)) out.get(key)!.add(f);
      }
    }
  }
  return out;
}

async function context(m: EntityManager, changes: PulledChange[]): Promise<ApplyContext> {
  const schemas = syncedSchemas();
  const columns = new Map<string, Set<string>>();
  for (const [name, s] of schemas) columns.set(name, columnsOf(m.connection, s));
  return {
    schemas,
    columns,
    metas: await loadMetas(m, changes),
    touched: new Set(),
    pending: await pendingFieldsFor(m, changes),
    revs: await revsFor(m, schemas, changes),
  };
}

/** Applies one change; throws when the database refuses it (the caller isolates it in a savepoint). */
async function applyOne(m: EntityManager, ctx: ApplyContext, c: PulledChange): Promise<'applied' | 'skipped'> {
  const schema = ctx.schemas.get(c.entity);
  if (!schema) return 'skipped';
  const cols = ctx.columns.get(c.entity)!;
  const key = metaKey(c.entity, c.rowId);
  const meta = { ...(ctx.metas.get(key) ?? {}) };
  const waiting = ctx.pending.get(key);
  const fields: Record<string, unknown> = {};
  let metaChanged = false;
  for (const [f, v] of Object.entries(c.data)) {
    if (LOCAL_ONLY.has(f) || f === 'id' || !cols.has(f)) continue;
    if ((meta[f] ?? 0) >= c.seq) continue;
    if (waiting?.has(f)) continue;
    fields[f] = v;
    meta[f] = c.seq;
    metaChanged = true;
  }
  const repo = m.getRepository(schema);
  if (Object.keys(fields).length > 0) {
    const rev = ctx.revs.get(key);
    if (rev !== undefined) await repo.update({ id: c.rowId } as never, { ...fields, rev: rev + 1 } as never);
    else await repo.insert({ ...fields, id: c.rowId, rev: 1 } as never);
    ctx.revs.set(key, (rev ?? 0) + 1);
  }
  if (metaChanged) {
    ctx.metas.set(key, meta);
    ctx.touched.add(key);
  }
  return 'applied';
}

async function isolated(m: EntityManager, work: () => Promise<unknown>): Promise<string | null> {
  await m.query('SAVEPOINT sync_apply');
  try {
    await work();
    await m.query('RELEASE SAVEPOINT sync_apply');
    return null;
  } catch (err) {
    await m.query('ROLLBACK TO SAVEPOINT sync_apply');
    await m.query('RELEASE SAVEPOINT sync_apply');
    return err instanceof Error ? err.message : String(err);
  }
}

function describeApplyError(c: PulledChange, raw: string): string {
  if (/UNIQUE/i.test(raw)) return `Không ghi được ${c.entity} ${c.rowId} từ máy chủ: trùng với dữ liệu đã có trên máy (${raw}).`;
  if (/FOREIGN KEY/i.test(raw)) return `Không ghi được ${c.entity} ${c.rowId} từ máy chủ: thiếu dữ liệu liên quan; sẽ thử lại.`;
  if (/NOT NULL/i.test(raw)) return `Không ghi được ${c.entity} ${c.rowId} từ máy chủ: thiếu thông tin bắt buộc; sẽ thử lại.`;
  return `Không ghi được ${c.entity} ${c.rowId} từ máy chủ (${raw}).`;
}

/**
 * Applies one pulled page inside the caller's transaction (which also stores the cursor).
 * A change this database refuses is isolated (savepoint), recorded and retried later; it
 * never blocks the page.
 */
export async function applyPage(m: EntityManager, changes: PulledChange[], nowIso: string): Promise<ApplyOutcome> {
  const outcome: ApplyOutcome = { remote: 0, failed: 0, skipped: 0, blobHashes: new Set() };
  if (changes.length === 0) return outcome;
  const own = new Set<string>();
  for (let i = 0; i < changes.length; i += 500) {
    const part = changes.slice(i, i + 500).map((c) => c.changeId);
    const rows: { changeId: string }[] = await m.query(
      `select changeId from change_log where changeId in (${part.map(() => '?').join(', ')})`,
      part,
    );
    for (const r of rows) own.add(r.changeId);
  }
  let ctx = await context(m, changes);
  const known = changes.filter((c) => ctx.schemas.has(c.entity));
  for (const c of changes) if (!own.has(c.changeId)) outcome.remote++;
  outcome.skipped = changes.length - known.length;
  const failed = new Set<number>();
  // Fast path: the whole page under one savepoint. If the database refuses anything, undo
  // the page and go change by change, each isolated, so one bad change stays alone.
  const whole = await isolated(m, async () => {
    for (const c of known) await applyOne(m, ctx, c);
  });
  if (whole !== null) {
    ctx = await context(m, changes);
    for (const c of known) {
      const err = await isolated(m, () => applyOne(m, ctx, c));
      if (!err) continue;
      failed.add(c.seq);
      await m.query(
        `insert into sync_inbox_failure (seq, changeId, entity, rowId, change, tries, lastError, lastTriedAt, givenUpAt)
         values (?, ?, ?, ?, ?, 1, ?, ?, null)
         on conflict (seq) do update set tries = tries + 1, lastError = excluded.lastError, lastTriedAt = excluded.lastTriedAt`,
        [c.seq, c.changeId, c.entity, c.rowId, JSON.stringify(c), describeApplyError(c, err), nowIso],
      );
    }
  }
  outcome.failed = failed.size;
  for (const c of known) {
    if (!failed.has(c.seq)) for (const h of blobHashesIn(c.entity, c.data)) outcome.blobHashes.add(h);
  }
  await saveMetas(m, ctx.metas, ctx.touched);
  return outcome;
}

/**
 * Retries pulled changes that failed before; gives up on one after `maxTries`. Returns how many
 * now applied, and those changes (the caller checks evidence codes they bring, ADR 0013).
 */
export async function retryInbox(
  m: EntityManager,
  nowIso: string,
  maxTries: number,
): Promise<{ applied: number; blobHashes: Set<string>; changes: PulledChange[] }> {
  const rows: { seq: number; change: string; tries: number }[] = await m.query(
    'select seq, change, tries from sync_inbox_failure where givenUpAt is null order by seq limit 1000',
  );
  const blobHashes = new Set<string>();
  const done: PulledChange[] = [];
  if (rows.length === 0) return { applied: 0, blobHashes, changes: done };
  const changes = rows.map((r) => JSON.parse(r.change) as PulledChange);
  const ctx = await context(m, changes);
  let applied = 0;
  for (let i = 0; i < rows.length; i++) {
    const c = changes[i]!;
    const err = await isolated(m, () => applyOne(m, ctx, c));
    if (err) {
      const tries = rows[i]!.tries + 1;
      await m.query('update sync_inbox_failure set tries = ?, lastError = ?, lastTriedAt = ?, givenUpAt = ? where seq = ?', [
        tries,
        describeApplyError(c, err),
        nowIso,
        tries >= maxTries ? nowIso : null,
        c.seq,
      ]);
    } else {
      applied++;
      done.push(c);
      await m.query('delete from sync_inbox_failure where seq = ?', [c.seq]);
      for (const h of blobHashesIn(c.entity, c.data)) blobHashes.add(h);
    }
  }
  await saveMetas(m, ctx.metas, ctx.touched);
  return { applied, blobHashes, changes: done };
}

/**
 * A second computer of a school that already syncs: its own first-run setup (a school
 * profile and sites nobody has seen) gives way to the server's, so the school is not there
 * twice. Only when this installation holds nothing else and never pushed; otherwise both
 * stay (the app shows the oldest school profile) and nothing is lost.
 */
export async function adoptServerSchool(m: EntityManager, upToSeq: number): Promise<boolean> {
  // Only what existed at enrolment (the wizard's output): anything written since is the
  // user's work and stays.
  const [r] = (await m.query(
    `select count(*) as n from change_log where pushedAt is not null or entity not in ('School', 'SchoolSite') or seq > ?`,
    [upToSeq],
  )) as { n: number }[];
  if (Number(r?.n ?? 1) > 0) return false;
  const err = await isolated(m, async () => {
    await m.query(`delete from change_log where pushedAt is null and entity in ('School', 'SchoolSite')`);
    await m.query(`delete from sync_row_meta where entity in ('School', 'SchoolSite')`);
    await m.query('delete from school_site');
    await m.query('delete from school');
  });
  return err === null;
}
