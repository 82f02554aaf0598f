import { IsNull, type EntityManager } from 'typeorm';
import { RpcError } from '../../../contract/rpc';
import type { AssetEvent, AssetEventType } from '../../../contract/schemas/assets';
import { SchoolSiteEntity } from '../../db/entities';
import type { SyncTx } from '../../db/sync-tx';
import {
  AssetEntity,
  AssetEventEntity,
  AssetSettingsEntity,
  type AssetEventRow,
  type AssetRow,
  type AssetSettingsRow,
} from './entities';

/** Today as the school sees it (local calendar date), ISO. */
export function todayIso(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export const ASSET_BOOL_KEYS = ['disposalCandidate', 'itInternet'] as const;

/** Raw SQLite row (booleans as 0/1) → the shape TypeORM gives. */
export function hydrate<T>(raw: Record<string, unknown>, boolKeys: readonly string[]): T {
  const out: Record<string, unknown> = { ...raw };
  for (const k of boolKeys) if (out[k] !== null && out[k] !== undefined) out[k] = Boolean(out[k]);
  return out as T;
}

export const hydrateAsset = (raw: Record<string, unknown>): AssetRow => hydrate<AssetRow>(raw, ASSET_BOOL_KEYS);

/** Fields of an asset the ledger tracks: everything but the sync columns and the search text. */
export const STATE_KEYS = [
  'code',
  'name',
  'model',
  'brand',
  'serial',
  'originCountry',
  'yearMade',
  'unit',
  'tracking',
  'quantity',
  'assetClass',
  'category',
  'wearGroupKey',
  'usefulLifeYears',
  'wearRatePercent',
  'costVnd',
  'costParts',
  'accumulatedWearVnd',
  'remainingVnd',
  'lastWearYear',
  'fundingSource',
  'acquiredVia',
  'documentNo',
  'documentDate',
  'handoverDate',
  'putInUseDate',
  'bookedDate',
  'siteId',
  'roomId',
  'custodian',
  'condition',
  'conditionCounts',
  'lifecycleState',
  'disposalCandidate',
  'warrantyUntil',
  'itKind',
  'itCpu',
  'itRam',
  'itStorage',
  'itOs',
  'itMac',
  'itInternet',
  'itUse',
  'equipmentItemCode',
  'specs',
  'notes',
  'attachments',
] as const satisfies readonly (keyof AssetRow)[];
export type StateKey = (typeof STATE_KEYS)[number];

export function stateOf(row: AssetRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of STATE_KEYS) out[k] = row[k];
  return out;
}

/** before/after of the tracked fields the patch really changes. */
export function diff(
  current: AssetRow,
  patch: Partial<AssetRow>,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const k of STATE_KEYS) {
    if (!(k in patch)) continue;
    const v = (patch as Record<string, unknown>)[k];
    if (v === undefined) continue;
    if (current[k] !== v) {
      before[k] = current[k];
      after[k] = v;
    }
  }
  return { before, after };
}

export interface EventInput {
  date?: string | undefined;
  documentNo?: string | undefined;
  documentDate?: string | null | undefined;
  attachmentSha256?: string | null | undefined;
  refId?: string | null | undefined;
  note?: string | undefined;
  payload: Record<string, unknown>;
}

export function eventData(
  assetId: string,
  type: AssetEventType,
  e: EventInput,
  actor: string | null,
): Omit<AssetEventRow, 'id' | 'createdAt' | 'updatedAt' | 'deletedAt' | 'rev'> {
  return {
    assetId,
    type,
    date: e.date ?? e.documentDate ?? todayIso(),
    documentNo: e.documentNo ?? '',
    documentDate: e.documentDate ?? null,
    attachmentSha256: e.attachmentSha256 ?? null,
    refId: e.refId ?? null,
    payload: JSON.stringify(e.payload),
    note: e.note ?? '',
    actor,
  };
}

/** Appends one ledger event (insert-only) in the caller's transaction. */
export async function appendEvent(tx: SyncTx, assetId: string, type: AssetEventType, e: EventInput): Promise<AssetEventRow> {
  return tx.insert(AssetEventEntity, eventData(assetId, type, e, tx.actor));
}

export function eventDto(row: AssetEventRow): AssetEvent {
  return {
    id: row.id,
    assetId: row.assetId,
    type: row.type as AssetEventType,
    date: row.date,
    documentNo: row.documentNo,
    documentDate: row.documentDate,
    attachmentSha256: row.attachmentSha256,
    refId: row.refId,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    note: row.note,
    actor: row.actor,
    createdAt: row.createdAt,
  };
}

export async function liveAsset(m: EntityManager, id: string): Promise<AssetRow> {
  const row = await m.getRepository(AssetEntity).findOneBy({ id, deletedAt: IsNull() });
  if (!row) throw new RpcError('NOT_FOUND', 'Không tìm thấy tài sản.');
  return row;
}

/**
 * Updates an asset and writes its ledger event in the same transaction. Returns the row as
 * stored; does nothing (and writes no event) when no tracked field changes, unless `always`.
 */
export async function changeAsset(
  tx: SyncTx,
  current: AssetRow,
  type: AssetEventType,
  patch: Partial<AssetRow>,
  e: Omit<EventInput, 'payload'> & { payload?: Record<string, unknown>; always?: boolean; expectedRev?: number | undefined },
): Promise<{ row: AssetRow; event: AssetEventRow | null }> {
  const { before, after } = diff(current, patch);
  const full: Partial<AssetRow> = { ...patch };
  if ('costVnd' in after || 'accumulatedWearVnd' in after) {
    const cost = (full.costVnd ?? current.costVnd) as number;
    const acc = (full.accumulatedWearVnd ?? current.accumulatedWearVnd) as number;
    full.remainingVnd = cost - acc;
    if (full.remainingVnd !== current.remainingVnd) {
      before.remainingVnd = current.remainingVnd;
      after.remainingVnd = full.remainingVnd;
    }
  }
  if (Object.keys(after).length === 0 && !e.always) {
    if (e.expectedRev !== undefined && current.rev !== e.expectedRev) {
      throw new RpcError('CONFLICT', 'Dữ liệu vừa được người khác sửa. Hãy tải lại rồi sửa tiếp.');
    }
    return { row: current, event: null };
  }
  if (Object.keys(after).length === 0 && e.expectedRev !== undefined && current.rev !== e.expectedRev) {
    throw new RpcError('CONFLICT', 'Dữ liệu vừa được người khác sửa. Hãy tải lại rồi sửa tiếp.');
  }
  // An event with no state change (a declaration, a recorded shortage) leaves the row as it is.
  const row = Object.keys(after).length > 0 ? await tx.update(AssetEntity, current.id, full, e.expectedRev) : current;
  const event = await appendEvent(tx, current.id, type, { ...e, payload: { ...(e.payload ?? {}), before, after } });
  return { row: row as AssetRow, event };
}

export async function mainSiteId(m: EntityManager): Promise<string> {
  const sites = await m
    .getRepository(SchoolSiteEntity)
    .find({ where: { deletedAt: IsNull() }, order: { isMain: 'DESC', sortOrder: 'ASC', createdAt: 'ASC' } });
  const site = sites[0];
  if (!site) throw new RpcError('CONFLICT', 'Chưa khai báo thông tin nhà trường và điểm trường. Hãy hoàn tất thiết lập trước.');
  return site.id;
}

export async function getSettingsRow(m: EntityManager): Promise<AssetSettingsRow | null> {
  return m.getRepository(AssetSettingsEntity).findOne({ where: { deletedAt: IsNull() }, order: { createdAt: 'ASC' } });
}

export const DEFAULT_SETTINGS = {
  roundingUnit: 'vnd',
  provinceOverrideId: null,
  selfFunded: false,
  disposalDelegated: false,
} as const;

export function settingsOf(row: AssetSettingsRow | null): {
  roundingUnit: 'vnd' | 'thousand';
  provinceOverrideId: string | null;
  selfFunded: boolean;
  disposalDelegated: boolean;
  rev: number;
} {
  if (!row) return { ...DEFAULT_SETTINGS, rev: 0 };
  return {
    roundingUnit: row.roundingUnit === 'thousand' ? 'thousand' : 'vnd',
    provinceOverrideId: row.provinceOverrideId,
    selfFunded: Boolean(row.selfFunded),
    disposalDelegated: Boolean(row.disposalDelegated),
    rev: row.rev,
  };
}

/** Refuses writes on removed assets (transferred out, liquidated, destroyed, lost). */
export function assertActive(row: AssetRow, what: string): void {
  if (['transferred_out', 'liquidated', 'destroyed', 'lost'].includes(row.lifecycleState)) {
    throw new RpcError('CONFLICT', `Tài sản ${row.code} đã ghi giảm (${row.lifecycleState}); không thể ${what}.`);
  }
}
