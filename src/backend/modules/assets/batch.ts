import type { EntitySchema } from 'typeorm';
import { newId, nowIso } from '../../db/clock';
import type { SyncedRow } from '../../db/entities';
import { SYNCED_BASE_KEYS } from '../../db/entities/base';
import type { SyncTx } from '../../db/sync-tx';

/**
 * Batch writes for thousands of synced rows inside ONE `writes.run` transaction (imports,
 * wear runs, stocktake closing). They do what SyncTx.insert/update do — stamp the base
 * columns and append one change-log row per change, with the same shape as `SyncTx.log` —
 * but with multi-row statements through `tx.manager`, so 50,000 rows take seconds, not
 * minutes. sync-tx.ts stays the single place for ordinary writes; see ADR 0010.
 */

/** SQLite's default SQLITE_MAX_VARIABLE_NUMBER is 32766; stay below it. */
const MAX_VARS = 30_000;

type Data<T extends SyncedRow> = Omit<T, (typeof SYNCED_BASE_KEYS)[number]> & { id?: string };

interface ColumnInfo {
  prop: string;
  db: string;
  default: unknown;
}

const columnCache = new WeakMap<object, ColumnInfo[]>();

function columnsOf(tx: SyncTx, schema: EntitySchema): ColumnInfo[] {
  let cols = columnCache.get(schema);
  if (!cols) {
    const meta = tx.manager.connection.getMetadata(schema);
    cols = meta.columns.map((c) => ({ prop: c.propertyName, db: c.databaseName, default: c.default }));
    columnCache.set(schema, cols);
  }
  return cols;
}

function tableOf(tx: SyncTx, schema: EntitySchema): string {
  return tx.manager.connection.getMetadata(schema).tableName;
}

/** JS value → what better-sqlite3 binds (booleans as 0/1, undefined as the column default or NULL). */
function bind(value: unknown, col?: ColumnInfo): unknown {
  if (value === undefined) value = col?.default ?? null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function insertRows(tx: SyncTx, table: string, cols: ColumnInfo[], rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const per = Math.max(1, Math.floor(MAX_VARS / cols.length));
  const head = `INSERT INTO ${q(table)} (${cols.map((c) => q(c.db)).join(', ')}) VALUES `;
  const tuple = `(${cols.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const params: unknown[] = [];
    for (const row of chunk) for (const c of cols) params.push(bind(row[c.prop], c));
    await tx.manager.query(head + chunk.map(() => tuple).join(', '), params);
  }
}

const LOG_COLS: ColumnInfo[] = ['changeId', 'entity', 'rowId', 'op', 'rev', 'data', 'at', 'actor', 'pushedAt'].map((c) => ({
  prop: c,
  db: c,
  default: null,
}));

async function insertLog(
  tx: SyncTx,
  schema: EntitySchema,
  entries: { rowId: string; op: 'insert' | 'update' | 'delete'; rev: number; data: unknown }[],
): Promise<void> {
  const at = nowIso();
  const entity = schema.options.name;
  await insertRows(
    tx,
    'change_log',
    LOG_COLS,
    entries.map((e) => ({
      changeId: newId(),
      entity,
      rowId: e.rowId,
      op: e.op,
      rev: e.rev,
      data: JSON.stringify(e.data),
      at,
      actor: tx.actor,
      pushedAt: null,
    })),
  );
}

/** Inserts many synced rows and their change-log rows (op 'insert', rev 1, all fields). */
export async function bulkInsert<T extends SyncedRow>(tx: SyncTx, schema: EntitySchema<T>, data: Data<T>[]): Promise<T[]> {
  if (data.length === 0) return [];
  const now = nowIso();
  const rows = data.map(
    (d) => ({ ...d, id: d.id ?? newId(), createdAt: now, updatedAt: now, deletedAt: null, rev: 1 }) as unknown as T,
  );
  await insertRows(
    tx,
    tableOf(tx, schema as EntitySchema),
    columnsOf(tx, schema as EntitySchema),
    rows as unknown as Record<string, unknown>[],
  );
  await insertLog(
    tx,
    schema as EntitySchema,
    rows.map((r) => ({ rowId: r.id, op: 'insert' as const, rev: 1, data: r })),
  );
  return rows;
}

/**
 * Updates many synced rows: for each, only the fields whose value really changed are written
 * and logged (as SyncTx.update does); rev + 1 and updatedAt stamp each changed row. Rows are
 * grouped by the set of changed columns and written with UPDATE … FROM (VALUES …).
 */
export async function bulkUpdate<T extends SyncedRow>(
  tx: SyncTx,
  schema: EntitySchema<T>,
  changes: { current: T; patch: Partial<Data<T>> }[],
): Promise<T[]> {
  const now = nowIso();
  const table = tableOf(tx, schema as EntitySchema);
  const cols = new Map(columnsOf(tx, schema as EntitySchema).map((c) => [c.prop, c]));
  const groups = new Map<string, { keys: string[]; rows: { id: string; values: unknown[] }[] }>();
  const log: { rowId: string; op: 'update'; rev: number; data: unknown }[] = [];
  const out: T[] = [];
  for (const { current, patch } of changes) {
    const changed: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined || (SYNCED_BASE_KEYS as readonly string[]).includes(key)) continue;
      if ((current as unknown as Record<string, unknown>)[key] !== value) changed[key] = value;
    }
    const keys = Object.keys(changed).sort();
    if (keys.length === 0) {
      out.push(current);
      continue;
    }
    const rev = current.rev + 1;
    const sig = keys.join('|');
    let g = groups.get(sig);
    if (!g) {
      g = { keys, rows: [] };
      groups.set(sig, g);
    }
    g.rows.push({ id: current.id, values: [current.id, ...keys.map((k) => bind(changed[k], cols.get(k))), now, rev] });
    log.push({ rowId: current.id, op: 'update', rev, data: { ...changed, updatedAt: now } });
    out.push({ ...current, ...changed, updatedAt: now, rev });
  }
  for (const g of groups.values()) {
    const width = g.keys.length + 3;
    const per = Math.max(1, Math.floor(MAX_VARS / width));
    const sets = [
      ...g.keys.map((k, i) => `${q(cols.get(k)?.db ?? k)} = v.column${i + 2}`),
      `"updatedAt" = v.column${g.keys.length + 2}`,
      `"rev" = v.column${g.keys.length + 3}`,
    ];
    const tuple = `(${Array.from({ length: width }, () => '?').join(', ')})`;
    for (let i = 0; i < g.rows.length; i += per) {
      const chunk = g.rows.slice(i, i + per);
      await tx.manager.query(
        `UPDATE ${q(table)} SET ${sets.join(', ')} FROM (VALUES ${chunk.map(() => tuple).join(', ')}) AS v WHERE ${q(table)}."id" = v.column1`,
        chunk.flatMap((r) => r.values),
      );
    }
  }
  await insertLog(tx, schema as EntitySchema, log);
  return out;
}
