import { v7 as uuidv7 } from 'uuid';
import { CONFLICT_ENTITY, isLongText, type ConflictRecordData, type WireChange } from '../../contract/sync-protocol';

/**
 * The server's merge of one change into the current state of its row. Changes are applied in
 * the order the server numbers them, so per-field last-writer-wins is "the later change sets
 * the field". Long-text fields also remember who wrote them last and at which sequence: an
 * edit made without having seen that write (its `base` is older) by another device raises a
 * conflict record that keeps both texts.
 */

export interface RowState {
  data: Record<string, unknown>;
  /** Long-text fields only: [seq, deviceId] of the last write. */
  meta: Record<string, [number, string]>;
  deleted: boolean;
  createdSeq: number;
  updatedSeq: number;
  /** Not yet in sync_row. */
  isNew: boolean;
}

export interface RaisedConflict {
  changeId: string;
  rowId: string;
  data: ConflictRecordData;
}

/** Fields that describe the local copy only and never travel. */
export const LOCAL_ONLY_FIELDS = new Set(['rev']);

function textOf(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** The data of a change as stored and pulled: local-only fields removed. */
export function travellingData(c: WireChange): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c.data)) if (!LOCAL_ONLY_FIELDS.has(k)) data[k] = v;
  if (c.op === 'delete') {
    if (data.deletedAt === undefined || data.deletedAt === null) data.deletedAt = c.at;
    // The desktop's SyncTx.remove stamps updatedAt with the same time as deletedAt but logs
    // only deletedAt: carry it, so every copy of the tombstone agrees.
    if (data.updatedAt === undefined) data.updatedAt = data.deletedAt;
  }
  return data;
}

/**
 * Applies `c` (already numbered `seq`) from `deviceId` to `row` (mutated; created when
 * undefined) and returns the row and any conflict records to raise.
 */
export function mergeChange(
  row: RowState | undefined,
  c: WireChange,
  data: Record<string, unknown>,
  seq: number,
  deviceId: string,
  now: string,
): { row: RowState; conflicts: RaisedConflict[] } {
  const state: RowState = row ?? { data: {}, meta: {}, deleted: false, createdSeq: seq, updatedSeq: seq, isNew: true };
  const conflicts: RaisedConflict[] = [];
  for (const [field, value] of Object.entries(data)) {
    if (isLongText(c.entity, field)) {
      const last = state.meta[field];
      const base = c.base?.[field] ?? 0;
      if (last && last[0] > base && last[1] !== deviceId && !same(state.data[field], value)) {
        const id = uuidv7();
        conflicts.push({
          changeId: uuidv7(),
          rowId: id,
          data: {
            id,
            createdAt: now,
            updatedAt: now,
            deletedAt: null,
            entity: c.entity,
            rowId: c.rowId,
            field,
            keptValue: textOf(value),
            otherValue: textOf(state.data[field]),
            keptSeq: seq,
            otherSeq: last[0],
            keptDevice: deviceId,
            otherDevice: last[1],
            status: 'open',
            resolution: null,
            resolvedValue: null,
            resolvedBy: null,
            resolvedAt: null,
          },
        });
      }
      state.meta[field] = [seq, deviceId];
    }
    state.data[field] = value;
  }
  if (state.data.id === undefined) state.data.id = c.rowId;
  state.deleted = state.data.deletedAt !== undefined && state.data.deletedAt !== null;
  state.updatedSeq = seq;
  return { row: state, conflicts };
}

export { CONFLICT_ENTITY };
