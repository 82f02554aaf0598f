import { IsNull, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import { classifyAsset, findWearRow, type EffectiveWearCatalog } from '../../../core/assets';
import { fold } from '../../../core/fold';
import { RpcError } from '../../../contract/rpc';
import {
  ACTIVE_STATES,
  type Asset,
  type AssetEvent,
  type assetCreateSchema,
  type assetDescriptiveSchema,
  type assetListInputSchema,
  type costChangeInputSchema,
  type CostParts,
  type ItDetails,
  type moveInputSchema,
  type repairInputSchema,
} from '../../../contract/schemas/assets';
import type { SyncTx } from '../../db/sync-tx';
import { defaultWearGroup, type AssetCatalogs } from './catalogs';
import { appendEvent, assertActive, changeAsset, eventDto, hydrateAsset, liveAsset, mainSiteId, todayIso } from './common';
import { AssetEntity, AssetEventEntity, RoomEntity, type AssetRow, type RoomRow } from './entities';

type CreateInput = z.output<typeof assetCreateSchema>;
type DescriptivePatch = Partial<z.output<typeof assetDescriptiveSchema>>;
export type ListInput = z.output<typeof assetListInputSchema>;
export type AssetFilter = Partial<Omit<ListInput, 'sort' | 'dir' | 'offset' | 'limit'>>;
type AssetData = Omit<AssetRow, 'id' | 'createdAt' | 'updatedAt' | 'deletedAt' | 'rev'> & { id?: string };

// ───────────────────────────── rows ↔ DTO ─────────────────────────────

export function searchTextOf(
  r: Pick<
    AssetRow,
    | 'code'
    | 'name'
    | 'model'
    | 'brand'
    | 'serial'
    | 'originCountry'
    | 'custodian'
    | 'equipmentItemCode'
    | 'itMac'
    | 'specs'
    | 'notes'
  >,
): string {
  return fold(
    [r.code, r.name, r.model, r.brand, r.serial, r.originCountry, r.custodian, r.equipmentItemCode, r.itMac, r.specs, r.notes]
      .filter((x) => x)
      .join(' '),
  )
    .replace(/\s+/g, ' ')
    .trim();
}

export interface Categorized {
  category: Asset['category'];
  reason: string;
}

/** TT 141 art. 3: fixed asset or tool, per unit of asset (each unit of a set is its own object). */
export function categorize(
  wear: EffectiveWearCatalog,
  r: Pick<AssetRow, 'assetClass' | 'costVnd' | 'quantity' | 'usefulLifeYears' | 'wearGroupKey' | 'wearRatePercent'>,
): Categorized {
  if (r.assetClass === 'consumable')
    return { category: 'consumable', reason: 'Vật tư, vật liệu tiêu hao: không phải tài sản cố định' };
  if (r.assetClass === 'tool') return { category: 'tool', reason: 'Công cụ, dụng cụ (không đủ tiêu chuẩn tài sản cố định)' };
  const row = r.wearGroupKey ? findWearRow(wear, r.wearGroupKey) : undefined;
  const life =
    r.usefulLifeYears ?? row?.usefulLifeYears ?? (r.wearRatePercent ? Math.ceil(100 / r.wearRatePercent - 0.01) : null);
  const unitCost = r.quantity > 1 ? Math.round(r.costVnd / r.quantity) : r.costVnd;
  const c = classifyAsset({ kind: r.assetClass, costVnd: unitCost, usefulLifeYears: life }, wear.thresholds);
  return { category: c.category, reason: `${c.reason} (${c.article})` };
}

function json<T>(s: string | null, fallback: T): T {
  if (s === null || s === '') return fallback;
  try {
    return JSON.parse(s) as T;
  } catch {
    return fallback;
  }
}

export function itOf(r: AssetRow): ItDetails | null {
  if (!r.itKind && !r.itCpu && !r.itRam && !r.itStorage && !r.itOs && !r.itMac && r.itInternet === null && !r.itUse) return null;
  return {
    kind: (r.itKind as ItDetails['kind']) ?? null,
    cpu: r.itCpu,
    ram: r.itRam,
    storage: r.itStorage,
    os: r.itOs,
    mac: r.itMac,
    internet: r.itInternet === null ? null : Boolean(r.itInternet),
    use: (r.itUse as ItDetails['use']) ?? null,
  };
}

function itColumns(
  it: ItDetails | null | undefined,
): Pick<AssetRow, 'itKind' | 'itCpu' | 'itRam' | 'itStorage' | 'itOs' | 'itMac' | 'itInternet' | 'itUse'> {
  return {
    itKind: it?.kind ?? null,
    itCpu: it?.cpu ?? '',
    itRam: it?.ram ?? '',
    itStorage: it?.storage ?? '',
    itOs: it?.os ?? '',
    itMac: it?.mac ?? '',
    itInternet: it?.internet ?? null,
    itUse: it?.use ?? null,
  };
}

export function assetDto(
  r: AssetRow,
  room: Pick<RoomRow, 'code' | 'name'> | null | undefined,
  wear: EffectiveWearCatalog,
): Asset {
  const c = categorize(wear, r);
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    model: r.model,
    brand: r.brand,
    serial: r.serial,
    originCountry: r.originCountry,
    yearMade: r.yearMade,
    unit: r.unit,
    tracking: r.tracking as Asset['tracking'],
    quantity: r.quantity,
    assetClass: r.assetClass,
    category: r.category as Asset['category'],
    categoryReason: c.reason,
    wearGroupKey: r.wearGroupKey,
    usefulLifeYears: r.usefulLifeYears,
    wearRatePercent: r.wearRatePercent,
    costVnd: r.costVnd,
    costParts: json<CostParts | null>(r.costParts, null),
    accumulatedWearVnd: r.accumulatedWearVnd,
    remainingVnd: r.remainingVnd,
    lastWearYear: r.lastWearYear,
    fundingSource: r.fundingSource as Asset['fundingSource'],
    acquiredVia: r.acquiredVia as Asset['acquiredVia'],
    documentNo: r.documentNo,
    documentDate: r.documentDate,
    handoverDate: r.handoverDate,
    putInUseDate: r.putInUseDate,
    bookedDate: r.bookedDate,
    siteId: r.siteId,
    roomId: r.roomId,
    roomCode: room?.code ?? null,
    roomName: room?.name ?? null,
    custodian: r.custodian,
    condition: r.condition as Asset['condition'],
    conditionCounts: json<Asset['conditionCounts']>(r.conditionCounts, null),
    lifecycleState: r.lifecycleState as Asset['lifecycleState'],
    disposalCandidate: Boolean(r.disposalCandidate),
    warrantyUntil: r.warrantyUntil,
    it: itOf(r),
    equipmentItemCode: r.equipmentItemCode,
    specs: r.specs,
    notes: r.notes,
    attachments: json<Asset['attachments']>(r.attachments, []),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    rev: r.rev,
  };
}

// ───────────────────────────── validation helpers ─────────────────────────────

export function checkClass(cats: AssetCatalogs, assetClass: string, field = 'assetClass'): void {
  if (!cats.classes.classes.some((c) => c.code === assetClass)) {
    throw new RpcError('VALIDATION', `Loại tài sản "${assetClass}" không có trong danh mục.`, {
      [field]: 'Loại tài sản không hợp lệ',
    });
  }
}

export function checkWearGroup(wear: EffectiveWearCatalog, key: string | null | undefined): void {
  if (key && !findWearRow(wear, key)) {
    throw new RpcError('VALIDATION', `Nhóm hao mòn "${key}" không có trong danh mục TT 141.`, {
      wearGroupKey: 'Nhóm hao mòn không hợp lệ',
    });
  }
}

/** Per-unit condition of a set: the counts must add up to the quantity; the main condition is the largest count. */
export function conditionColumns(
  counts: Record<string, number> | null | undefined,
  quantity: number,
  condition: string,
): { condition: string; conditionCounts: string | null } {
  if (!counts || Object.keys(counts).length === 0) return { condition, conditionCounts: null };
  const entries = Object.entries(counts).filter(([, n]) => n > 0);
  const sum = entries.reduce((s, [, n]) => s + n, 0);
  if (sum !== quantity) {
    throw new RpcError('VALIDATION', `Tổng số lượng theo tình trạng (${sum}) phải bằng số lượng (${quantity}).`, {
      conditionCounts: 'Tổng khác số lượng',
    });
  }
  entries.sort((a, b) => b[1] - a[1]);
  return { condition: entries[0]?.[0] ?? condition, conditionCounts: JSON.stringify(Object.fromEntries(entries)) };
}

export async function nextCodes(m: EntityManager, n: number, taken: Set<string> = new Set()): Promise<string[]> {
  const rows = (await m.query(
    `SELECT code FROM asset WHERE code GLOB 'TS[0-9][0-9][0-9][0-9][0-9][0-9]*' ORDER BY length(code) DESC, code DESC LIMIT 1`,
  )) as { code: string }[];
  let next = rows[0] ? Number(rows[0].code.slice(2)) + 1 : 1;
  const out: string[] = [];
  while (out.length < n) {
    const code = `TS${String(next).padStart(6, '0')}`;
    next++;
    if (!taken.has(code.toUpperCase())) out.push(code);
  }
  return out;
}

export async function liveRoom(m: EntityManager, id: string): Promise<RoomRow> {
  const room = await m.getRepository(RoomEntity).findOneBy({ id, deletedAt: IsNull() });
  if (!room) throw new RpcError('NOT_FOUND', 'Không tìm thấy phòng.', { roomId: 'Phòng không tồn tại' });
  return room;
}

// ───────────────────────────── create / update ─────────────────────────────

/** Builds a full asset row from validated input (no database access). */
export function buildAssetRow(
  input: CreateInput,
  ctx: { cats: AssetCatalogs; wear: EffectiveWearCatalog; siteId: string | null; code: string },
): AssetData {
  checkClass(ctx.cats, input.assetClass);
  checkWearGroup(ctx.wear, input.wearGroupKey);
  if (input.accumulatedWearVnd > input.costVnd) {
    throw new RpcError('VALIDATION', 'Hao mòn lũy kế lớn hơn nguyên giá.', { accumulatedWearVnd: 'Lớn hơn nguyên giá' });
  }
  const tracking = input.tracking ?? (input.quantity > 1 ? 'quantity' : 'unit');
  const cond = conditionColumns(input.conditionCounts, input.quantity, input.condition);
  const base = {
    code: ctx.code,
    name: input.name,
    model: input.model,
    brand: input.brand,
    serial: input.serial,
    originCountry: input.originCountry,
    yearMade: input.yearMade,
    unit: input.unit,
    tracking,
    quantity: input.quantity,
    assetClass: input.assetClass,
    category: 'tool',
    wearGroupKey: input.wearGroupKey,
    usefulLifeYears: input.usefulLifeYears,
    wearRatePercent: input.wearRatePercent,
    costVnd: input.costVnd,
    costParts: input.costParts ? JSON.stringify(input.costParts) : null,
    accumulatedWearVnd: input.accumulatedWearVnd,
    remainingVnd: input.costVnd - input.accumulatedWearVnd,
    lastWearYear: input.lastWearYear,
    fundingSource: input.fundingSource,
    acquiredVia: input.acquiredVia,
    documentNo: input.documentNo,
    documentDate: input.documentDate,
    handoverDate: input.handoverDate,
    putInUseDate: input.putInUseDate,
    bookedDate: input.bookedDate,
    siteId: ctx.siteId,
    roomId: input.roomId,
    custodian: input.custodian,
    condition: cond.condition,
    conditionCounts: cond.conditionCounts,
    lifecycleState: input.lifecycleState,
    disposalCandidate: false,
    warrantyUntil: input.warrantyUntil,
    ...itColumns(input.it),
    equipmentItemCode: input.equipmentItemCode,
    specs: input.specs,
    notes: input.notes,
    attachments: '[]',
    searchText: '',
  } satisfies AssetData;
  if (!base.wearGroupKey) base.wearGroupKey = defaultWearGroup(input.assetClass);
  const { category } = categorize(ctx.wear, base);
  base.category = category;
  // A default group only matters for a fixed asset; an explicit one is kept as typed.
  if (category !== 'fixed' && !input.wearGroupKey) base.wearGroupKey = null;
  base.searchText = searchTextOf(base);
  if (input.costParts) {
    const p = input.costParts;
    const sum = p.invoiceVnd - p.discountVnd + p.transportInstallVnd + p.taxesFeesVnd + p.otherVnd;
    if (sum !== input.costVnd) {
      throw new RpcError('VALIDATION', `Nguyên giá (${input.costVnd}) khác tổng các thành phần (${sum}).`, {
        costParts: 'Tổng thành phần khác nguyên giá',
      });
    }
  }
  return base;
}

/** The create input that would rebuild a row (used to split a set). */
export function rowToCreateInput(a: AssetRow): CreateInput {
  return {
    code: a.code,
    name: a.name,
    model: a.model,
    brand: a.brand,
    serial: a.serial,
    originCountry: a.originCountry,
    yearMade: a.yearMade,
    unit: a.unit,
    assetClass: a.assetClass,
    wearGroupKey: a.wearGroupKey,
    usefulLifeYears: a.usefulLifeYears,
    wearRatePercent: a.wearRatePercent,
    fundingSource: a.fundingSource as CreateInput['fundingSource'],
    acquiredVia: a.acquiredVia as CreateInput['acquiredVia'],
    documentNo: a.documentNo,
    documentDate: a.documentDate,
    handoverDate: a.handoverDate,
    putInUseDate: a.putInUseDate,
    bookedDate: a.bookedDate,
    condition: a.condition as CreateInput['condition'],
    conditionCounts: json<CreateInput['conditionCounts']>(a.conditionCounts, null),
    warrantyUntil: a.warrantyUntil,
    it: itOf(a),
    equipmentItemCode: a.equipmentItemCode,
    specs: a.specs,
    notes: a.notes,
    tracking: a.tracking as CreateInput['tracking'],
    quantity: a.quantity,
    costVnd: a.costVnd,
    costParts: json<CreateInput['costParts']>(a.costParts, null),
    accumulatedWearVnd: a.accumulatedWearVnd,
    lastWearYear: a.lastWearYear,
    roomId: a.roomId,
    custodian: a.custodian,
    lifecycleState: a.lifecycleState as CreateInput['lifecycleState'],
  };
}

/** The effective date of a recognition: booked, else document, else put in use, else today. */
export function recogniseDate(r: Pick<AssetRow, 'bookedDate' | 'documentDate' | 'putInUseDate'>, fallback = todayIso()): string {
  return r.bookedDate ?? r.documentDate ?? r.putInUseDate ?? fallback;
}

export async function createAsset(
  tx: SyncTx,
  input: CreateInput & { date?: string | undefined; note?: string },
  ctx: { cats: AssetCatalogs; wear: EffectiveWearCatalog },
): Promise<AssetRow> {
  const m = tx.manager;
  let code = input.code;
  if (code === '') code = (await nextCodes(m, 1))[0]!;
  const clash = await m.getRepository(AssetEntity).findOneBy({ code, deletedAt: IsNull() });
  if (clash) throw new RpcError('CONFLICT', `Mã tài sản "${code}" đã có trong sổ (${clash.name}).`, { code: 'Mã đã tồn tại' });
  const room = input.roomId ? await liveRoom(m, input.roomId) : null;
  const siteId = room?.siteId ?? (await mainSiteId(m));
  const data = buildAssetRow(input, { ...ctx, siteId, code });
  const row = await tx.insert(AssetEntity, data);
  const state: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) if (k !== 'searchText') state[k] = v;
  await appendEvent(tx, row.id, 'recognise', {
    date: input.date ?? recogniseDate(row),
    documentNo: row.documentNo,
    documentDate: row.documentDate,
    note: input.note ?? '',
    payload: { origin: row.acquiredVia, before: {}, after: state },
  });
  return row;
}

const DESCRIPTIVE_KEYS = [
  'name',
  'model',
  'brand',
  'serial',
  'originCountry',
  'yearMade',
  'unit',
  'assetClass',
  'wearGroupKey',
  'usefulLifeYears',
  'wearRatePercent',
  'fundingSource',
  'acquiredVia',
  'documentNo',
  'documentDate',
  'handoverDate',
  'putInUseDate',
  'bookedDate',
  'condition',
  'warrantyUntil',
  'equipmentItemCode',
  'specs',
  'notes',
] as const;

export async function updateAsset(
  tx: SyncTx,
  id: string,
  patch: DescriptivePatch,
  opts: {
    expectedRev?: number | undefined;
    date?: string | undefined;
    note?: string;
    cats: AssetCatalogs;
    wear: EffectiveWearCatalog;
  },
): Promise<AssetRow> {
  const current = await liveAsset(tx.manager, id);
  const next: Partial<AssetRow> = {};
  for (const k of DESCRIPTIVE_KEYS) if (patch[k] !== undefined) (next as Record<string, unknown>)[k] = patch[k];
  if (patch.assetClass !== undefined) checkClass(opts.cats, patch.assetClass);
  if (patch.wearGroupKey !== undefined) checkWearGroup(opts.wear, patch.wearGroupKey);
  if (patch.it !== undefined) Object.assign(next, itColumns(patch.it));
  if (patch.conditionCounts !== undefined || patch.condition !== undefined) {
    const counts =
      patch.conditionCounts !== undefined
        ? patch.conditionCounts
        : json<Record<string, number> | null>(current.conditionCounts, null);
    const cond = conditionColumns(
      patch.conditionCounts === undefined && patch.condition !== undefined ? null : counts,
      current.quantity,
      patch.condition ?? current.condition,
    );
    next.condition = cond.condition;
    next.conditionCounts = cond.conditionCounts;
  }
  const merged = { ...current, ...next };
  next.category = categorize(opts.wear, merged).category;
  next.searchText = searchTextOf(merged);
  const { row } = await changeAsset(tx, current, 'edit', next, {
    date: opts.date,
    note: opts.note,
    expectedRev: opts.expectedRev,
  });
  return row;
}

export async function removeAsset(tx: SyncTx, id: string): Promise<void> {
  const current = await liveAsset(tx.manager, id);
  const events = (await tx.manager.query(`SELECT type FROM asset_event WHERE assetId = ? AND type <> 'recognise' LIMIT 1`, [
    id,
  ])) as unknown[];
  if (events.length > 0) {
    throw new RpcError(
      'CONFLICT',
      `Tài sản ${current.code} đã có nghiệp vụ trong sổ (điều chuyển, hao mòn, kiểm kê…); không xóa được. Hãy ghi giảm theo quy định.`,
    );
  }
  await tx.remove(AssetEntity, id);
}

export async function moveAssets(tx: SyncTx, input: z.output<typeof moveInputSchema>): Promise<number> {
  const room = input.roomId ? await liveRoom(tx.manager, input.roomId) : null;
  let moved = 0;
  for (const id of input.ids) {
    const current = await liveAsset(tx.manager, id);
    assertActive(current, 'điều chuyển');
    const patch: Partial<AssetRow> = { roomId: room?.id ?? null };
    if (room) patch.siteId = room.siteId;
    if (input.custodian !== undefined) {
      patch.custodian = input.custodian;
      patch.searchText = searchTextOf({ ...current, custodian: input.custodian });
    }
    const { event } = await changeAsset(tx, current, 'move', patch, input);
    if (event) moved++;
  }
  return moved;
}

export async function repairsBooked(m: EntityManager, assetId: string): Promise<number> {
  const rows = (await m.query(`SELECT payload FROM asset_event WHERE assetId = ? AND type = 'repair'`, [assetId])) as {
    payload: string;
  }[];
  return rows.reduce((s, r) => s + (Number((JSON.parse(r.payload) as { costVnd?: number }).costVnd) || 0), 0);
}

export async function repairAsset(tx: SyncTx, input: z.output<typeof repairInputSchema>, repairPercent: number) {
  const current = await liveAsset(tx.manager, input.id);
  assertActive(current, 'ghi nhận sửa chữa');
  const patch: Partial<AssetRow> = {};
  if (input.condition) {
    patch.condition = input.condition;
    if (current.conditionCounts) patch.conditionCounts = null;
  }
  if (input.underRepair) patch.lifecycleState = 'under_repair';
  else if (current.lifecycleState === 'under_repair') patch.lifecycleState = 'in_use';
  const { row, event } = await changeAsset(tx, current, 'repair', patch, {
    ...input,
    always: true,
    payload: { costVnd: input.costVnd, description: input.description },
  });
  const total = (await repairsBooked(tx.manager, input.id)) as number;
  // Recurring upkeep is not added to the historical cost (TT 141 art. 5(6)); the 30 % test is NĐ 186 art. 29(1).
  const exceeds =
    current.costVnd > 0 && BigInt(input.costVnd) * 100n > BigInt(current.costVnd) * BigInt(Math.round(repairPercent));
  return { row, event: event!, repairsTotalVnd: total, exceedsThreshold: exceeds };
}

export async function changeCost(
  tx: SyncTx,
  input: z.output<typeof costChangeInputSchema>,
  wear: EffectiveWearCatalog,
): Promise<AssetRow> {
  const current = await liveAsset(tx.manager, input.id);
  assertActive(current, 'thay đổi nguyên giá');
  if (input.newCostVnd < current.accumulatedWearVnd) {
    throw new RpcError('VALIDATION', 'Nguyên giá mới nhỏ hơn hao mòn lũy kế.', { newCostVnd: 'Nhỏ hơn hao mòn lũy kế' });
  }
  const patch: Partial<AssetRow> = { costVnd: input.newCostVnd };
  if (input.usefulLifeYears !== undefined) patch.usefulLifeYears = input.usefulLifeYears;
  patch.category = categorize(wear, { ...current, ...patch }).category;
  const { row } = await changeAsset(tx, current, 'cost_change', patch, {
    ...input,
    always: true,
    payload: { reason: input.reason, oldCostVnd: current.costVnd, newCostVnd: input.newCostVnd, article: 'TT 141/2025 Điều 9' },
  });
  return row;
}

export async function attachToAsset(
  tx: SyncTx,
  id: string,
  file: { sha256: string; fileName: string; mimeType: string; sizeBytes: number },
): Promise<AssetRow> {
  const current = await liveAsset(tx.manager, id);
  const list = json<{ sha256: string }[]>(current.attachments, []);
  if (list.some((a) => a.sha256 === file.sha256)) return current;
  const { row } = await changeAsset(
    tx,
    current,
    'attachment',
    { attachments: JSON.stringify([...list, file]) },
    {
      attachmentSha256: file.sha256,
      payload: { file },
    },
  );
  return row;
}

// ───────────────────────────── reading ─────────────────────────────

const SORT_SQL: Record<ListInput['sort'], string> = {
  code: 'a."code"',
  name: 'a."name"',
  costVnd: 'a."costVnd"',
  putInUseDate: 'a."putInUseDate"',
  updatedAt: 'a."updatedAt"',
};

const likePattern = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Folded words → an FTS5 query (trigram needs ≥ 3 characters) and LIKE patterns for shorter words. */
export function searchTerms(q: string): { words: string[]; fts: string | null; likes: string[] } {
  const words = fold(q.normalize('NFC'))
    .split(/\s+/)
    .map((w) => w.trim())
    .filter(Boolean);
  const long = words.filter((w) => w.length >= 3);
  const short = words.filter((w) => w.length < 3);
  return {
    words,
    fts: long.length ? long.map((w) => `"${w.replace(/"/g, '""')}"`).join(' ') : null,
    likes: short.map(likePattern),
  };
}

/**
 * WHERE clause over `asset a` for the list filters. Every filter has an index, but most columns
 * have a handful of values (condition, state, class, funding…): left to itself SQLite would walk
 * a quarter of a 50,000-row table through one of those instead of the room's few hundred rows or
 * the code order. So the columns that are not the driving filter are written `+a."col"`, which
 * keeps their index out of the plan (SQLite's documented way). The driver is, in order: the room,
 * then the full-text match, then the explicitly chosen filters; the default "still on the books"
 * state filter never drives.
 */
export function assetWhere(f: AssetFilter): { sql: string; params: unknown[] } {
  const where: string[] = ['a."deletedAt" IS NULL'];
  const params: unknown[] = [];
  const text = f.q?.trim() ? searchTerms(f.q) : null;
  const byRoom = typeof f.roomId === 'string';
  // Within one room (a few hundred rows, by index) LIKE on the folded text is cheaper than
  // materialising every FTS match of a common word; both match the same substrings.
  if (text && byRoom) {
    text.likes = text.words.map(likePattern);
    text.fts = null;
  }
  const secondary = byRoom || Boolean(text?.fts);
  const eq = (col: string, v: unknown, drive = false) => {
    where.push(`${drive || !secondary ? '' : '+'}a."${col}" = ?`);
    params.push(v);
  };
  if (f.roomId !== undefined) {
    if (f.roomId === null) where.push('a."roomId" IS NULL');
    else eq('roomId', f.roomId, true);
  }
  if (f.siteId) eq('siteId', f.siteId);
  if (f.assetClass) eq('assetClass', f.assetClass);
  if (f.category) eq('category', f.category);
  if (f.condition) eq('condition', f.condition);
  if (f.fundingSource) eq('fundingSource', f.fundingSource);
  if (f.tracking) eq('tracking', f.tracking);
  if (f.itUse) eq('itUse', f.itUse);
  if (f.disposalCandidate !== undefined) eq('disposalCandidate', f.disposalCandidate ? 1 : 0);
  if (f.lifecycleState) eq('lifecycleState', f.lifecycleState);
  else if (!f.includeRemoved) where.push(`+a."lifecycleState" IN (${ACTIVE_STATES.map((s) => `'${s}'`).join(', ')})`);
  if (text?.fts) {
    where.push(`a."id" IN (SELECT "assetId" FROM asset_fts WHERE asset_fts MATCH ?)`);
    params.push(text.fts);
  }
  for (const like of text?.likes ?? []) {
    where.push(`a."searchText" LIKE ? ESCAPE '\\'`);
    params.push(like);
  }
  return { sql: where.join(' AND '), params };
}

export async function roomMap(m: EntityManager): Promise<Map<string, RoomRow>> {
  const rooms = await m.getRepository(RoomEntity).find();
  return new Map(rooms.map((r) => [r.id, r]));
}

export async function listAssets(m: EntityManager, input: ListInput, wear: EffectiveWearCatalog) {
  const { sql, params } = assetWhere(input);
  const order = `${SORT_SQL[input.sort]} ${input.dir === 'desc' ? 'DESC' : 'ASC'}${input.sort === 'code' ? '' : ', a."code" ASC'}`;
  const rows = (await m.query(`SELECT a.* FROM asset a WHERE ${sql} ORDER BY ${order} LIMIT ? OFFSET ?`, [
    ...params,
    input.limit,
    input.offset,
  ])) as Record<string, unknown>[];
  const [{ n }] = (await m.query(`SELECT count(*) AS n FROM asset a WHERE ${sql}`, params)) as [{ n: number }];
  const roomIds = [...new Set(rows.map((r) => r.roomId).filter((x): x is string => typeof x === 'string'))];
  const rooms = roomIds.length
    ? new Map(
        (
          (await m.query(
            `SELECT id, code, name FROM asset_room WHERE id IN (${roomIds.map(() => '?').join(',')})`,
            roomIds,
          )) as RoomRow[]
        ).map((r) => [r.id, r]),
      )
    : new Map<string, RoomRow>();
  return {
    items: rows.map((raw) => {
      const r = hydrateAsset(raw);
      return assetDto(r, r.roomId ? rooms.get(r.roomId) : null, wear);
    }),
    total: n,
    offset: input.offset,
    limit: input.limit,
  };
}

/** Every asset matching the filter, in code order, in pages (exports, labels). */
export async function* iterateAssets(m: EntityManager, f: AssetFilter, pageSize = 2000): AsyncGenerator<AssetRow[]> {
  const { sql, params } = assetWhere(f);
  let after = '';
  for (;;) {
    const rows = (await m.query(`SELECT a.* FROM asset a WHERE ${sql} AND a."code" > ? ORDER BY a."code" LIMIT ?`, [
      ...params,
      after,
      pageSize,
    ])) as Record<string, unknown>[];
    if (rows.length === 0) return;
    yield rows.map(hydrateAsset);
    after = rows[rows.length - 1]!.code as string;
    if (rows.length < pageSize) return;
  }
}

export async function getAsset(
  m: EntityManager,
  by: { id: string } | { code: string },
  wear: EffectiveWearCatalog,
): Promise<Asset> {
  const repo = m.getRepository(AssetEntity);
  const row =
    'id' in by
      ? await repo.findOneBy({ id: by.id, deletedAt: IsNull() })
      : await repo.findOneBy({ code: by.code.trim(), deletedAt: IsNull() });
  if (!row) throw new RpcError('NOT_FOUND', 'id' in by ? 'Không tìm thấy tài sản.' : `Không có tài sản mã "${by.code}".`);
  const room = row.roomId ? await m.getRepository(RoomEntity).findOneBy({ id: row.roomId }) : null;
  return assetDto(row, room, wear);
}

export async function assetById(m: EntityManager, id: string, wear: EffectiveWearCatalog): Promise<Asset> {
  return getAsset(m, { id }, wear);
}

export async function history(m: EntityManager, id: string): Promise<AssetEvent[]> {
  const exists = await m.getRepository(AssetEntity).findOneBy({ id });
  if (!exists) throw new RpcError('NOT_FOUND', 'Không tìm thấy tài sản.');
  const rows = await m.getRepository(AssetEventEntity).find({ where: { assetId: id }, order: { date: 'ASC', id: 'ASC' } });
  return rows.map(eventDto);
}
