import { createHash } from 'node:crypto';
import os from 'node:os';
import { In, IsNull, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import {
  normalizeAssetCode,
  proportionVnd,
  reconcile,
  type BookItem,
  type CountLine,
  type ReconcileResult,
  type RegisterEntry,
  type EffectiveWearCatalog,
} from '../../../core/assets';
import { RpcError } from '../../../contract/rpc';
import {
  ACTIVE_STATES,
  type CountFile,
  type FollowUp,
  type Stocktake,
  type StocktakeLine,
  type countLineInputSchema,
  type decideInputSchema,
  type scanInputSchema,
  type stocktakeCreateSchema,
} from '../../../contract/schemas/assets';
import { newId, nowIso } from '../../db/clock';
import type { SyncTx } from '../../db/sync-tx';
import { bulkInsert, bulkUpdate } from './batch';
import { classLabel, type AssetCatalogs } from './catalogs';
import { changeAsset, hydrate, liveAsset, todayIso } from './common';
import {
  AssetEntity,
  RoomEntity,
  StocktakeEntity,
  StocktakeFollowUpEntity,
  StocktakeLineEntity,
  type AssetRow,
  type RoomRow,
  type StocktakeBookRow,
  type StocktakeFollowUpRow,
  type StocktakeLineRow,
  type StocktakeRow,
} from './entities';
import { partialRemoval, writeOff } from './ledger';
import { createAsset, rowToCreateInput } from './register';

const DEVICE = os.hostname().slice(0, 100);

// ───────────────────────────── DTOs ─────────────────────────────

export function stocktakeDto(r: StocktakeRow, lineCount: number): Stocktake {
  return {
    id: r.id,
    name: r.name,
    decisionNo: r.decisionNo,
    decisionDate: r.decisionDate,
    members: JSON.parse(r.members) as Stocktake['members'],
    roomIds: JSON.parse(r.roomIds) as string[],
    cutoffAt: r.cutoffAt,
    status: r.status as Stocktake['status'],
    principalDecision: r.principalDecision,
    closedAt: r.closedAt,
    book: { items: r.bookItems, quantity: r.bookQuantity, costVnd: r.bookCostVnd, remainingVnd: r.bookRemainingVnd },
    lineCount,
    rev: r.rev,
    createdAt: r.createdAt,
  };
}

export function lineDto(r: StocktakeLineRow): StocktakeLine {
  return {
    id: r.id,
    stocktakeId: r.stocktakeId,
    code: r.code,
    assetId: r.assetId,
    roomId: r.roomId,
    foundQuantity: r.foundQuantity,
    condition: r.condition as StocktakeLine['condition'],
    location: r.location,
    note: r.note,
    counter: r.counter,
    method: r.method as StocktakeLine['method'],
    countedAt: r.countedAt,
    device: r.device,
  };
}

function followUpDto(r: StocktakeFollowUpRow): FollowUp {
  return {
    id: r.id,
    kind: r.kind as FollowUp['kind'],
    assetId: r.assetId,
    code: r.code,
    name: r.name,
    quantity: r.quantity,
    fromRoomId: r.fromRoomId,
    toRoomId: r.toRoomId,
    reason: r.reason,
    article: r.article,
    decision: r.decision as FollowUp['decision'],
    action: (r.action as FollowUp['action']) ?? null,
    details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null,
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt,
  };
}

async function lineCount(m: EntityManager, id: string): Promise<number> {
  const [{ n }] = (await m.query(`SELECT count(*) AS n FROM asset_stocktake_line WHERE stocktakeId = ? AND deletedAt IS NULL`, [
    id,
  ])) as [{ n: number }];
  return n;
}

export async function getSession(m: EntityManager, id: string): Promise<StocktakeRow> {
  const row = await m.getRepository(StocktakeEntity).findOneBy({ id, deletedAt: IsNull() });
  if (!row) throw new RpcError('NOT_FOUND', 'Không tìm thấy đợt kiểm kê.');
  return row;
}

async function openSession(m: EntityManager, id: string): Promise<StocktakeRow> {
  const row = await getSession(m, id);
  if (row.status === 'closed') throw new RpcError('CONFLICT', `Đợt kiểm kê "${row.name}" đã kết thúc; chỉ được xem.`);
  return row;
}

export async function stocktakeById(m: EntityManager, id: string): Promise<Stocktake> {
  return stocktakeDto(await getSession(m, id), await lineCount(m, id));
}

export async function listStocktakes(m: EntityManager): Promise<Stocktake[]> {
  const rows = await m.getRepository(StocktakeEntity).find({ where: { deletedAt: IsNull() }, order: { createdAt: 'DESC' } });
  const counts = new Map(
    (
      (await m.query(
        `SELECT stocktakeId, count(*) AS n FROM asset_stocktake_line WHERE deletedAt IS NULL GROUP BY stocktakeId`,
      )) as { stocktakeId: string; n: number }[]
    ).map((r) => [r.stocktakeId, r.n]),
  );
  return rows.map((r) => stocktakeDto(r, counts.get(r.id) ?? 0));
}

// ───────────────────────────── create: freeze the books ─────────────────────────────

export async function createStocktake(tx: SyncTx, input: z.output<typeof stocktakeCreateSchema>): Promise<Stocktake> {
  const m = tx.manager;
  const roomIds = [...new Set(input.roomIds)];
  if (roomIds.length) {
    const found = await m.getRepository(RoomEntity).findBy({ id: In(roomIds), deletedAt: IsNull() });
    if (found.length !== roomIds.length)
      throw new RpcError('VALIDATION', 'Có phòng trong phạm vi kiểm kê không tồn tại.', { roomIds: 'Phòng không tồn tại' });
  }
  const cutoffAt = input.cutoffAt ?? nowIso();
  if (Number.isNaN(Date.parse(cutoffAt)))
    throw new RpcError('VALIDATION', 'Thời điểm kiểm kê không hợp lệ.', { cutoffAt: 'Không hợp lệ' });
  const id = newId();
  const scope = roomIds.length ? `AND roomId IN (${roomIds.map(() => '?').join(',')})` : '';
  const states = ACTIVE_STATES.map(() => '?').join(',');
  const [totals] = (await m.query(
    `SELECT count(*) AS items, coalesce(sum(quantity),0) AS quantity, coalesce(sum(costVnd),0) AS cost, coalesce(sum(remainingVnd),0) AS remaining FROM asset WHERE deletedAt IS NULL AND lifecycleState IN (${states}) ${scope}`,
    [...ACTIVE_STATES, ...roomIds],
  )) as [{ items: number; quantity: number; cost: number; remaining: number }];
  await tx.insert(StocktakeEntity, {
    id,
    name: input.name,
    decisionNo: input.decisionNo,
    decisionDate: input.decisionDate,
    members: JSON.stringify(input.members),
    roomIds: JSON.stringify(roomIds),
    cutoffAt,
    status: 'counting',
    principalDecision: '',
    closedAt: null,
    bookItems: totals.items,
    bookQuantity: totals.quantity,
    bookCostVnd: totals.cost,
    bookRemainingVnd: totals.remaining,
    resultSummary: null,
  });
  // The snapshot: one INSERT … SELECT in the same transaction (local table, not synced).
  await m.query(
    `INSERT INTO asset_stocktake_book (stocktakeId, assetId, code, name, roomId, groupKey, tracking, quantity, costVnd, remainingVnd, inBooks)
     SELECT ?, id, code, name, roomId, assetClass, tracking, quantity, costVnd, remainingVnd, 1 FROM asset WHERE deletedAt IS NULL AND lifecycleState IN (${states}) ${scope}`,
    [id, ...ACTIVE_STATES, ...roomIds],
  );
  return stocktakeById(m, id);
}

export async function updateStocktake(
  tx: SyncTx,
  input: {
    id: string;
    expectedRev?: number | undefined;
    name?: string | undefined;
    decisionNo?: string | undefined;
    decisionDate?: string | null | undefined;
    members?: unknown[] | undefined;
    principalDecision?: string | undefined;
  },
): Promise<Stocktake> {
  await openSession(tx.manager, input.id);
  await tx.update(
    StocktakeEntity,
    input.id,
    {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.decisionNo !== undefined ? { decisionNo: input.decisionNo } : {}),
      ...(input.decisionDate !== undefined ? { decisionDate: input.decisionDate } : {}),
      ...(input.members !== undefined ? { members: JSON.stringify(input.members) } : {}),
      ...(input.principalDecision !== undefined ? { principalDecision: input.principalDecision } : {}),
    },
    input.expectedRev,
  );
  return stocktakeById(tx.manager, input.id);
}

// ───────────────────────────── counting ─────────────────────────────

const hydrateBook = (r: Record<string, unknown>) => hydrate<StocktakeBookRow>(r, ['inBooks']);

async function bookByCode(m: EntityManager, sessionId: string, code: string): Promise<StocktakeBookRow | null> {
  const norm = normalizeAssetCode(code);
  let rows = (await m.query(
    `SELECT * FROM asset_stocktake_book WHERE stocktakeId = ? AND inBooks = 1 AND code IN (?, ?) LIMIT 1`,
    [sessionId, code.trim(), norm],
  )) as Record<string, unknown>[];
  if (!rows.length)
    rows = (await m.query(
      `SELECT * FROM asset_stocktake_book WHERE stocktakeId = ? AND inBooks = 1 AND upper(code) = ? LIMIT 1`,
      [sessionId, norm],
    )) as Record<string, unknown>[];
  return rows[0] ? hydrateBook(rows[0]) : null;
}

async function registerByCode(m: EntityManager, code: string): Promise<AssetRow | null> {
  const repo = m.getRepository(AssetEntity);
  const exact = await repo.findOneBy({ code: code.trim(), deletedAt: IsNull() });
  if (exact) return exact;
  const norm = normalizeAssetCode(code);
  return norm !== code.trim() ? repo.findOneBy({ code: norm, deletedAt: IsNull() }) : null;
}

async function roomRef(m: EntityManager, id: string | null): Promise<{ id: string; code: string; name: string } | null> {
  if (!id) return null;
  const r = await m.getRepository(RoomEntity).findOneBy({ id });
  return r ? { id: r.id, code: r.code, name: r.name } : null;
}

type ScanInput = z.output<typeof scanInputSchema>;

/** One scanned (or typed) code: records the line and says at once what it is. */
export async function scan(tx: SyncTx, input: ScanInput) {
  const m = tx.manager;
  await openSession(m, input.id);
  const roomId = input.roomId ?? null;
  if (roomId && !(await m.getRepository(RoomEntity).findOneBy({ id: roomId, deletedAt: IsNull() }))) {
    throw new RpcError('VALIDATION', 'Phòng kiểm đếm không tồn tại.', { roomId: 'Phòng không tồn tại' });
  }
  const book = await bookByCode(m, input.id, input.code);
  const record = async (assetId: string | null, code: string) =>
    lineDto(
      await tx.insert(StocktakeLineEntity, {
        stocktakeId: input.id,
        code,
        assetId,
        roomId,
        foundQuantity: input.quantity,
        condition: input.condition,
        location: '',
        note: input.note,
        counter: input.counter,
        method: 'scan',
        countedAt: nowIso(),
        device: DEVICE,
      }),
    );
  const lines = m.getRepository(StocktakeLineEntity);
  if (book && book.assetId) {
    const asset = { id: book.assetId, code: book.code, name: book.name, quantity: book.quantity, roomId: book.roomId };
    const expectedRoom = await roomRef(m, book.roomId);
    const previous = await lines.findBy({ stocktakeId: input.id, assetId: book.assetId, deletedAt: IsNull() });
    if (book.tracking === 'unit') {
      const sameRoom = previous.find((l) => l.roomId === roomId);
      if (sameRoom)
        return {
          status: 'duplicate' as const,
          message: `Đã quét ${book.code} ở phòng này rồi (không ghi thêm).`,
          asset,
          expectedRoom,
        };
      if (previous.length > 0) {
        const other = await roomRef(m, previous[0]!.roomId);
        const line = await record(book.assetId, book.code);
        return {
          status: 'duplicate' as const,
          message: `${book.code} đã được quét ở ${other ? `phòng ${other.code}` : 'nơi khác'}: ban kiểm kê cần kiểm tra nhãn.`,
          asset,
          expectedRoom,
          line,
        };
      }
    }
    const line = await record(book.assetId, book.code);
    if (roomId && book.roomId && roomId !== book.roomId) {
      return {
        status: 'misplaced' as const,
        message: `${book.code} ${book.name} theo sổ ở phòng ${expectedRoom?.code ?? '?'}.`,
        asset,
        expectedRoom,
        line,
      };
    }
    if (book.tracking === 'quantity') {
      const here = previous.filter((l) => l.roomId === roomId).reduce((s, l) => s + l.foundQuantity, 0) + input.quantity;
      if (here > book.quantity)
        return {
          status: 'surplus' as const,
          message: `Đã đếm ${here}/${book.quantity} ${book.name}: thừa so với sổ.`,
          asset,
          expectedRoom,
          line,
        };
      return { status: 'found' as const, message: `Đã đếm ${here}/${book.quantity} ${book.name}.`, asset, expectedRoom, line };
    }
    return { status: 'found' as const, message: `Khớp sổ: ${book.code} ${book.name}.`, asset, expectedRoom, line };
  }
  const reg = await registerByCode(m, input.code);
  if (reg) {
    const line = await record(reg.id, reg.code);
    const expectedRoom = await roomRef(m, reg.roomId);
    return {
      status: 'surplus' as const,
      message: `${reg.code} ${reg.name} có trong sổ nhưng không thuộc phạm vi đợt kiểm kê${expectedRoom ? ` (theo sổ ở phòng ${expectedRoom.code})` : ''}.`,
      asset: { id: reg.id, code: reg.code, name: reg.name, quantity: reg.quantity, roomId: reg.roomId },
      expectedRoom,
      line,
    };
  }
  const line = await record(null, input.code.trim());
  return { status: 'unknown' as const, message: `Mã "${input.code.trim()}" không có trong sổ tài sản.`, line };
}

/** Lines entered by hand (found quantity, condition, location, note, counter); idempotent by lineId. */
export async function countLines(tx: SyncTx, id: string, inputs: z.output<typeof countLineInputSchema>[]) {
  const m = tx.manager;
  await openSession(m, id);
  let added = 0;
  let updated = 0;
  const out: StocktakeLine[] = [];
  const repo = m.getRepository(StocktakeLineEntity);
  for (const l of inputs) {
    let assetId = l.assetId;
    let code = l.code;
    if (assetId) {
      const a = await m.getRepository(AssetEntity).findOneBy({ id: assetId });
      if (!a) throw new RpcError('VALIDATION', 'Tài sản không tồn tại.', { assetId: 'Không tồn tại' });
      code ||= a.code;
    } else if (code) {
      const book = await bookByCode(m, id, code);
      assetId = book?.assetId ?? (await registerByCode(m, code))?.id ?? null;
      if (book) code = book.code;
    } else {
      throw new RpcError('VALIDATION', 'Dòng kiểm kê cần mã tài sản.', { code: 'Thiếu mã tài sản' });
    }
    const data = {
      stocktakeId: id,
      code,
      assetId,
      roomId: l.roomId,
      foundQuantity: l.foundQuantity,
      condition: l.condition,
      location: l.location,
      note: l.note,
      counter: l.counter,
    };
    const existing = l.lineId ? await repo.findOneBy({ id: l.lineId }) : null;
    if (existing) {
      if (existing.stocktakeId !== id) throw new RpcError('CONFLICT', 'Dòng kiểm kê thuộc đợt khác.');
      out.push(lineDto(await tx.update(StocktakeLineEntity, existing.id, data)));
      updated++;
    } else {
      out.push(
        lineDto(
          await tx.insert(StocktakeLineEntity, {
            ...data,
            ...(l.lineId ? { id: l.lineId } : {}),
            method: 'manual',
            countedAt: nowIso(),
            device: DEVICE,
          }),
        ),
      );
      added++;
    }
  }
  return { added, updated, lines: out };
}

export async function removeLine(tx: SyncTx, id: string, lineId: string): Promise<void> {
  await openSession(tx.manager, id);
  const line = await tx.manager.getRepository(StocktakeLineEntity).findOneBy({ id: lineId, stocktakeId: id });
  if (!line) throw new RpcError('NOT_FOUND', 'Không tìm thấy dòng kiểm kê.');
  await tx.remove(StocktakeLineEntity, lineId);
}

export async function listLines(m: EntityManager, id: string, roomId: string | null | undefined, offset: number, limit: number) {
  await getSession(m, id);
  const where = {
    stocktakeId: id,
    deletedAt: IsNull(),
    ...(roomId !== undefined ? { roomId: roomId === null ? IsNull() : roomId } : {}),
  };
  const [rows, total] = await m
    .getRepository(StocktakeLineEntity)
    .findAndCount({ where, order: { countedAt: 'ASC', id: 'ASC' }, skip: offset, take: limit });
  return { items: rows.map(lineDto), total };
}

export async function progress(m: EntityManager, id: string) {
  const session = await getSession(m, id);
  const scope = JSON.parse(session.roomIds) as string[];
  const expected = (await m.query(
    `SELECT roomId, count(*) AS items, coalesce(sum(quantity),0) AS quantity FROM asset_stocktake_book WHERE stocktakeId = ? AND inBooks = 1 GROUP BY roomId`,
    [id],
  )) as { roomId: string | null; items: number; quantity: number }[];
  const counted = (await m.query(
    `SELECT b.roomId AS roomId, count(DISTINCT b.assetId) AS items FROM asset_stocktake_book b JOIN asset_stocktake_line l ON l.stocktakeId = b.stocktakeId AND l.assetId = b.assetId AND l.deletedAt IS NULL
     WHERE b.stocktakeId = ? AND b.inBooks = 1 GROUP BY b.roomId`,
    [id],
  )) as { roomId: string | null; items: number }[];
  const lines = (await m.query(
    `SELECT roomId, count(*) AS lines, coalesce(sum(foundQuantity),0) AS quantity, group_concat(DISTINCT counter) AS counters FROM asset_stocktake_line WHERE stocktakeId = ? AND deletedAt IS NULL GROUP BY roomId`,
    [id],
  )) as { roomId: string | null; lines: number; quantity: number; counters: string | null }[];
  const key = (r: string | null) => r ?? '';
  const roomKeys = new Set<string>([...scope, ...expected.map((e) => key(e.roomId)), ...lines.map((l) => key(l.roomId))]);
  const rooms = new Map((await m.getRepository(RoomEntity).find()).map((r) => [r.id, r]));
  const out = [...roomKeys].map((k) => {
    const e = expected.find((x) => key(x.roomId) === k);
    const c = counted.find((x) => key(x.roomId) === k);
    const l = lines.find((x) => key(x.roomId) === k);
    const room: RoomRow | undefined = k ? rooms.get(k) : undefined;
    const expectedItems = e?.items ?? 0;
    const countedItems = c?.items ?? 0;
    return {
      roomId: k || null,
      roomCode: room?.code ?? null,
      roomName: room?.name ?? null,
      expectedItems,
      expectedQuantity: e?.quantity ?? 0,
      countedItems,
      countedQuantity: l?.quantity ?? 0,
      lines: l?.lines ?? 0,
      counters: (l?.counters ?? '').split(',').filter(Boolean),
      percent: expectedItems ? Math.round((countedItems / expectedItems) * 1000) / 10 : l ? 100 : 0,
    };
  });
  out.sort((a, b) => (a.roomCode ?? '\uffff').localeCompare(b.roomCode ?? '\uffff'));
  const expectedItems = out.reduce((s, r) => s + r.expectedItems, 0);
  const countedItems = out.reduce((s, r) => s + r.countedItems, 0);
  return {
    rooms: out,
    total: {
      expectedItems,
      countedItems,
      lines: out.reduce((s, r) => s + r.lines, 0),
      percent: expectedItems ? Math.round((countedItems / expectedItems) * 1000) / 10 : 0,
    },
  };
}

// ───────────────────────────── count files (another PC) ─────────────────────────────

const LINE_KEYS = [
  'id',
  'code',
  'assetId',
  'roomId',
  'roomCode',
  'foundQuantity',
  'condition',
  'location',
  'note',
  'counter',
  'method',
  'countedAt',
  'device',
] as const;
const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

export function lineHash(l: Record<(typeof LINE_KEYS)[number], unknown>): string {
  return sha(JSON.stringify(LINE_KEYS.map((k) => l[k] ?? null)));
}

export async function exportCounts(m: EntityManager, id: string, counter?: string): Promise<CountFile> {
  const session = await getSession(m, id);
  const rows = await m
    .getRepository(StocktakeLineEntity)
    .find({
      where: { stocktakeId: id, deletedAt: IsNull(), ...(counter ? { counter } : {}) },
      order: { countedAt: 'ASC', id: 'ASC' },
    });
  const rooms = new Map((await m.getRepository(RoomEntity).find()).map((r) => [r.id, r.code]));
  const lines = rows.map((r) => {
    const base = {
      id: r.id,
      code: r.code,
      assetId: r.assetId,
      roomId: r.roomId,
      roomCode: r.roomId ? (rooms.get(r.roomId) ?? null) : null,
      foundQuantity: r.foundQuantity,
      condition: r.condition as CountFile['lines'][number]['condition'],
      location: r.location,
      note: r.note,
      counter: r.counter,
      method: r.method as CountFile['lines'][number]['method'],
      countedAt: r.countedAt,
      device: r.device,
    };
    return { ...base, hash: lineHash(base) };
  });
  return {
    format: 'truong-chuan/stocktake-counts',
    version: 1,
    stocktakeId: session.id,
    stocktakeName: session.name,
    exportedAt: nowIso(),
    device: DEVICE,
    lines,
    hash: sha(lines.map((l) => l.hash).join('\n')),
  };
}

export async function importCounts(tx: SyncTx, id: string, file: CountFile) {
  const m = tx.manager;
  await openSession(m, id);
  if (sha(file.lines.map((l) => l.hash).join('\n')) !== file.hash) {
    throw new RpcError('VALIDATION', 'Tệp kết quả kiểm đếm bị sửa hoặc không trọn vẹn (mã kiểm tra không khớp).');
  }
  const rooms = await m.getRepository(RoomEntity).find({ where: { deletedAt: IsNull() } });
  const roomIds = new Set(rooms.map((r) => r.id));
  const roomByCode = new Map(rooms.map((r) => [r.code, r.id]));
  const repo = m.getRepository(StocktakeLineEntity);
  let added = 0;
  let skipped = 0;
  const rejected: { id: string; reason: string }[] = [];
  for (const l of file.lines) {
    if (lineHash(l) !== l.hash) {
      rejected.push({ id: l.id, reason: 'Mã kiểm tra của dòng không khớp (dòng bị sửa)' });
      continue;
    }
    if (await repo.findOneBy({ id: l.id })) {
      skipped++;
      continue;
    }
    const roomId = l.roomId && roomIds.has(l.roomId) ? l.roomId : l.roomCode ? (roomByCode.get(l.roomCode) ?? null) : null;
    let assetId = l.assetId;
    if (assetId && !(await m.getRepository(AssetEntity).findOneBy({ id: assetId }))) assetId = null;
    if (!assetId && l.code) assetId = (await bookByCode(m, id, l.code))?.assetId ?? (await registerByCode(m, l.code))?.id ?? null;
    await tx.insert(StocktakeLineEntity, {
      id: l.id,
      stocktakeId: id,
      code: l.code,
      assetId,
      roomId,
      foundQuantity: l.foundQuantity,
      condition: l.condition,
      location: l.location,
      note: l.note,
      counter: l.counter,
      method: l.method,
      countedAt: l.countedAt,
      device: l.device,
    });
    added++;
  }
  return { added, skipped, rejected };
}

// ───────────────────────────── reconciliation ─────────────────────────────

function brokenConditions(cats: AssetCatalogs): string[] {
  return cats.classes.conditions.filter((c) => c.broken).map((c) => c.code);
}

async function compute(
  m: EntityManager,
  cats: AssetCatalogs,
  id: string,
): Promise<{ result: ReconcileResult; book: StocktakeBookRow[] }> {
  const book = (
    (await m.query(`SELECT * FROM asset_stocktake_book WHERE stocktakeId = ? AND inBooks = 1 ORDER BY seq`, [id])) as Record<
      string,
      unknown
    >[]
  ).map(hydrateBook);
  const lines = (await m.query(
    `SELECT code, assetId, roomId, foundQuantity, condition, note, counter FROM asset_stocktake_line WHERE stocktakeId = ? AND deletedAt IS NULL ORDER BY countedAt, id`,
    [id],
  )) as CountLine[];
  const items: BookItem[] = book.map((b) => ({
    assetId: b.assetId!,
    code: b.code,
    name: b.name,
    roomId: b.roomId,
    quantity: b.quantity,
    costVnd: b.costVnd,
    remainingVnd: b.remainingVnd,
    group: b.groupKey,
    tracking: b.tracking as 'unit' | 'quantity',
  }));
  // Register entries only for what the lines name outside the snapshot (known but out of scope).
  const inBook = new Set(book.map((b) => b.assetId));
  const inBookCodes = new Set(book.map((b) => normalizeAssetCode(b.code)));
  const outIds = [...new Set(lines.filter((l) => l.assetId && !inBook.has(l.assetId)).map((l) => l.assetId!))];
  const outCodes = [
    ...new Set(
      lines.filter((l) => !l.assetId && l.code && !inBookCodes.has(normalizeAssetCode(l.code))).map((l) => l.code!.trim()),
    ),
  ];
  const register: RegisterEntry[] = [];
  const add = (rows: Record<string, unknown>[]) => {
    for (const r of rows)
      register.push({
        assetId: r.id as string,
        code: r.code as string,
        name: r.name as string,
        roomId: (r.roomId as string | null) ?? null,
        quantity: r.quantity as number,
        costVnd: r.costVnd as number,
        remainingVnd: r.remainingVnd as number,
        group: r.assetClass as string,
        tracking: r.tracking as 'unit' | 'quantity',
      });
  };
  for (let i = 0; i < outIds.length; i += 900) {
    const c = outIds.slice(i, i + 900);
    add((await m.query(`SELECT * FROM asset WHERE id IN (${c.map(() => '?').join(',')})`, c)) as Record<string, unknown>[]);
  }
  for (let i = 0; i < outCodes.length; i += 900) {
    const c = outCodes.slice(i, i + 900);
    add(
      (await m.query(`SELECT * FROM asset WHERE deletedAt IS NULL AND code IN (${c.map(() => '?').join(',')})`, c)) as Record<
        string,
        unknown
      >[],
    );
  }
  const result = reconcile(items, lines, { register, brokenConditions: brokenConditions(cats) });
  return { result, book };
}

const fuKey = (f: {
  kind: string;
  assetId: string | null;
  code: string | null;
  fromRoomId?: string | null | undefined;
  toRoomId?: string | null | undefined;
}) => `${f.kind}|${f.assetId ?? ''}|${f.assetId ? '' : (f.code ?? '')}|${f.fromRoomId ?? ''}|${f.toRoomId ?? ''}`;

/** Stores the proposed follow-ups, keeping decisions already taken on the same proposal (batched). */
async function storeFollowUps(tx: SyncTx, id: string, result: ReconcileResult): Promise<StocktakeFollowUpRow[]> {
  const repo = tx.manager.getRepository(StocktakeFollowUpEntity);
  const existing = new Map((await repo.findBy({ stocktakeId: id, deletedAt: IsNull() })).map((r) => [r.key, r]));
  const names = new Map(result.items.map((i) => [i.assetId, i.name]));
  // The same proposal twice (e.g. two moves into one room) is one proposal with the quantities added.
  const proposals = new Map<string, (typeof result.followUps)[number]>();
  for (const f of result.followUps) {
    const key = fuKey(f);
    const prev = proposals.get(key);
    proposals.set(key, prev ? { ...prev, quantity: prev.quantity + f.quantity } : f);
  }
  const inserts: Omit<StocktakeFollowUpRow, 'id' | 'createdAt' | 'updatedAt' | 'deletedAt' | 'rev'>[] = [];
  const updates: { current: StocktakeFollowUpRow; patch: Partial<StocktakeFollowUpRow> }[] = [];
  for (const [key, f] of proposals) {
    const data = {
      kind: f.kind,
      assetId: f.assetId,
      code: f.code,
      name: f.assetId ? (names.get(f.assetId) ?? null) : null,
      quantity: f.quantity,
      fromRoomId: f.fromRoomId ?? null,
      toRoomId: f.toRoomId ?? null,
      reason: f.reason,
      article: f.article ?? '',
      stale: false,
    };
    const prev = existing.get(key);
    if (prev) {
      // A changed quantity reopens the decision.
      const reopen = prev.quantity !== f.quantity && prev.decision !== 'pending';
      updates.push({
        current: prev,
        patch: { ...data, ...(reopen ? { decision: 'pending', decidedAt: null, decidedBy: null } : {}) },
      });
    } else {
      inserts.push({
        stocktakeId: id,
        key,
        ...data,
        decision: 'pending',
        action: null,
        details: null,
        decidedBy: null,
        decidedAt: null,
      });
    }
  }
  for (const [key, row] of existing)
    if (!proposals.has(key) && !row.stale) updates.push({ current: row, patch: { stale: true } });
  const updated = await bulkUpdate(tx, StocktakeFollowUpEntity, updates);
  const inserted = await bulkInsert(tx, StocktakeFollowUpEntity, inserts);
  return [...updated.filter((r) => !r.stale), ...inserted];
}

function groupsOut(cats: AssetCatalogs, result: ReconcileResult) {
  return result.byGroup.map((g) => ({ group: g.group, label: classLabel(cats, g.group), totals: g.totals }));
}

function itemsOut(result: ReconcileResult, offset: number, limit: number) {
  const notable = result.items.filter((i) => i.status !== 'found' || i.flags.some((f) => f !== 'found'));
  return {
    items: notable.slice(offset, offset + limit).map((i) => ({
      assetId: i.assetId,
      code: i.code,
      name: i.name,
      group: i.group,
      bookRoomId: i.bookRoomId,
      book: i.book,
      actual: i.actual,
      difference: i.difference,
      status: i.status,
      flags: i.flags,
      rooms: i.rooms.map((r) => ({ roomId: r.roomId, quantity: r.quantity, brokenQuantity: r.brokenQuantity })),
    })),
    itemsTotal: notable.length,
  };
}

export async function reconcileSession(tx: SyncTx, cats: AssetCatalogs, id: string, offset: number, limit: number) {
  const session = await getSession(tx.manager, id);
  const { result } = await compute(tx.manager, cats, id);
  const followUps =
    session.status === 'closed'
      ? await tx.manager
          .getRepository(StocktakeFollowUpEntity)
          .find({ where: { stocktakeId: id, deletedAt: IsNull(), stale: false }, order: { createdAt: 'ASC' } })
      : await storeFollowUps(tx, id, result);
  return {
    total: result.total,
    byGroup: groupsOut(cats, result),
    ...itemsOut(result, offset, limit),
    unknown: result.unknown.map((u) => ({ code: u.code, roomId: u.roomId, quantity: u.quantity, counters: u.counters })),
    followUps: followUps.map(followUpDto),
    warnings: result.warnings,
  };
}

export async function decide(tx: SyncTx, input: z.output<typeof decideInputSchema>): Promise<FollowUp> {
  await openSession(tx.manager, input.id);
  const row = await tx.manager
    .getRepository(StocktakeFollowUpEntity)
    .findOneBy({ id: input.followUpId, stocktakeId: input.id, deletedAt: IsNull() });
  if (!row || row.stale) throw new RpcError('NOT_FOUND', 'Không tìm thấy đề xuất xử lý (hãy đối chiếu lại).');
  const action = row.kind === 'investigate' && input.decision === 'accepted' ? (input.action ?? 'record') : null;
  const updated = await tx.update(StocktakeFollowUpEntity, row.id, {
    decision: input.decision,
    action,
    details: input.details ? JSON.stringify(input.details) : row.details,
    decidedBy: input.decision === 'pending' ? null : tx.actor,
    decidedAt: input.decision === 'pending' ? null : nowIso(),
  });
  return followUpDto(updated);
}

// ───────────────────────────── closing ─────────────────────────────

async function freeSplitCode(m: EntityManager, code: string): Promise<string> {
  for (let n = 2; ; n++) {
    const c = `${code}-${n}`;
    if (!(await m.getRepository(AssetEntity).findOneBy({ code: c }))) return c;
  }
}

function markBroken(a: AssetRow, q: number, brokenCode: string): Partial<AssetRow> {
  if (a.tracking === 'unit' || q >= a.quantity)
    return {
      disposalCandidate: true,
      condition: brokenCode,
      conditionCounts: a.quantity > 1 ? JSON.stringify({ [brokenCode]: a.quantity }) : null,
    };
  const counts: Record<string, number> = a.conditionCounts
    ? (JSON.parse(a.conditionCounts) as Record<string, number>)
    : { [a.condition]: a.quantity };
  let need = q - (counts[brokenCode] ?? 0);
  for (const k of Object.keys(counts).sort((x, y) => counts[y]! - counts[x]!)) {
    if (need <= 0 || k === brokenCode) continue;
    const take = Math.min(need, counts[k]!);
    counts[k]! -= take;
    need -= take;
    if (counts[k] === 0) delete counts[k];
  }
  counts[brokenCode] = Math.max(counts[brokenCode] ?? 0, q);
  const main = Object.entries(counts).sort((x, y) => y[1] - x[1])[0]![0];
  return { disposalCandidate: true, condition: main, conditionCounts: JSON.stringify(counts) };
}

export async function closeSession(
  tx: SyncTx,
  cats: AssetCatalogs,
  wear: EffectiveWearCatalog,
  id: string,
  principalDecision: string | undefined,
) {
  const m = tx.manager;
  const session = await openSession(m, id);
  const { result, book } = await compute(m, cats, id);
  const followUps = await storeFollowUps(tx, id, result);
  const pending = followUps.filter((f) => f.decision === 'pending');
  if (pending.length) {
    throw new RpcError(
      'VALIDATION',
      `Còn ${pending.length} đề xuất xử lý chưa quyết định (chấp nhận hoặc không); hãy quyết định hết rồi kết thúc kiểm kê.`,
    );
  }
  const date = todayIso();
  const doc = { date, documentNo: session.decisionNo, documentDate: session.decisionDate, refId: id };
  const applied = { recognised: 0, moved: 0, writtenOff: 0, recorded: 0, disposalCandidates: 0, rejected: 0 };
  let events = 0;
  const brokenCode = brokenConditions(cats)[0] ?? 'hu_hong';
  const order = ['move', 'recognise', 'investigate', 'disposalCandidate'];
  const accepted = followUps
    .filter((f) => f.decision === 'accepted')
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  applied.rejected = followUps.filter((f) => f.decision === 'rejected').length;
  for (const f of accepted) {
    const note = `Kiểm kê "${session.name}": ${f.reason}`;
    const details = f.details
      ? (JSON.parse(f.details) as { name?: string; assetClass?: string; costVnd?: number; unit?: string; fundingSource?: string })
      : {};
    if (f.kind === 'move' && f.assetId) {
      const a = await liveAsset(m, f.assetId);
      const room = f.toRoomId ? await m.getRepository(RoomEntity).findOneBy({ id: f.toRoomId }) : null;
      if (a.tracking === 'unit' || f.quantity >= a.quantity) {
        const r = await changeAsset(
          tx,
          a,
          'move',
          { roomId: f.toRoomId, ...(room ? { siteId: room.siteId } : {}) },
          { ...doc, note, payload: { followUpId: f.id } },
        );
        if (r.event) events++;
      } else {
        // Part of a set found in another room: split it off as its own line in that room.
        const rest = partialRemoval(a, f.quantity);
        const code = await freeSplitCode(m, a.code);
        await changeAsset(tx, a, 'move', rest, {
          ...doc,
          note,
          payload: { followUpId: f.id, splitQuantity: f.quantity, splitCode: code },
        });
        await createAsset(
          tx,
          {
            ...rowToCreateInput(a),
            code,
            quantity: f.quantity,
            costVnd: a.costVnd - (rest.costVnd as number),
            accumulatedWearVnd: a.accumulatedWearVnd - (rest.accumulatedWearVnd as number),
            costParts: null,
            conditionCounts: null,
            roomId: f.toRoomId,
            tracking: 'quantity',
            date,
            note: `Tách từ ${a.code} (${f.quantity} ${a.unit}) khi kiểm kê "${session.name}"`,
          },
          { cats, wear },
        );
        events += 2;
      }
      applied.moved++;
    } else if (f.kind === 'recognise') {
      if (f.assetId) {
        const a = await liveAsset(m, f.assetId);
        const unitCost = proportionVnd(a.costVnd, 1, a.quantity);
        const unitAcc = proportionVnd(a.accumulatedWearVnd, 1, a.quantity);
        const patch: Partial<AssetRow> = {
          quantity: a.quantity + f.quantity,
          costVnd: a.costVnd + unitCost * f.quantity,
          accumulatedWearVnd: a.accumulatedWearVnd + unitAcc * f.quantity,
        };
        if (a.conditionCounts) {
          const c = JSON.parse(a.conditionCounts) as Record<string, number>;
          c[a.condition] = (c[a.condition] ?? 0) + f.quantity;
          patch.conditionCounts = JSON.stringify(c);
        }
        await changeAsset(tx, a, 'stocktake_result', patch, {
          ...doc,
          note,
          payload: { followUpId: f.id, kind: 'surplus', quantity: f.quantity, article: 'TT 141/2025 Điều 4 khoản 2 điểm đ' },
        });
      } else {
        const code = f.code ?? '';
        const clash = code ? await m.getRepository(AssetEntity).findOneBy({ code, deletedAt: IsNull() }) : null;
        if (clash) throw new RpcError('CONFLICT', `Mã ${code} đã có trong sổ (${clash.name}); hãy đối chiếu lại.`);
        await createAsset(
          tx,
          {
            code,
            name: details.name || `Tài sản phát hiện thừa khi kiểm kê${code ? ` (${code})` : ''}`,
            model: '',
            brand: '',
            serial: '',
            originCountry: '',
            yearMade: null,
            unit: details.unit ?? 'cái',
            assetClass: details.assetClass ?? 'tool',
            wearGroupKey: null,
            usefulLifeYears: null,
            wearRatePercent: null,
            fundingSource: (details.fundingSource as never) ?? null,
            acquiredVia: 'kiem_ke_thua',
            documentNo: session.decisionNo,
            documentDate: session.decisionDate,
            handoverDate: null,
            putInUseDate: session.cutoffAt.slice(0, 10),
            bookedDate: date,
            condition: 'dang_hoat_dong',
            conditionCounts: null,
            warrantyUntil: null,
            it: null,
            equipmentItemCode: '',
            specs: '',
            notes: note,
            tracking: f.quantity > 1 ? 'quantity' : 'unit',
            quantity: Math.max(1, f.quantity),
            costVnd: details.costVnd ?? 0,
            costParts: null,
            accumulatedWearVnd: 0,
            lastWearYear: null,
            roomId: f.toRoomId,
            custodian: '',
            lifecycleState: 'in_use',
            date,
            note,
          },
          { cats, wear },
        );
      }
      events++;
      applied.recognised++;
    } else if (f.kind === 'investigate' && f.assetId) {
      if (f.action === 'write_off') {
        await writeOff(tx, {
          id: f.assetId,
          quantity: f.quantity,
          reason: f.reason,
          date,
          documentNo: session.decisionNo,
          documentDate: session.decisionDate,
          note,
        });
        applied.writtenOff++;
      } else {
        const a = await liveAsset(m, f.assetId);
        await changeAsset(
          tx,
          a,
          'stocktake_result',
          {},
          { ...doc, note, always: true, payload: { followUpId: f.id, kind: 'missing', quantity: f.quantity, reason: f.reason } },
        );
        applied.recorded++;
      }
      events++;
    } else if (f.kind === 'disposalCandidate' && f.assetId) {
      const a = await liveAsset(m, f.assetId);
      const r = await changeAsset(tx, a, 'stocktake_result', markBroken(a, f.quantity, brokenCode), {
        ...doc,
        note,
        always: true,
        payload: { followUpId: f.id, kind: 'disposalCandidate', quantity: f.quantity, article: 'NĐ 186/2025 Điều 29 khoản 1' },
      });
      if (r.event) events++;
      applied.disposalCandidates++;
    }
  }

  // Freeze the result next to the books, so the biên bản of a closed session never changes.
  const byAsset = new Map(result.items.map((i) => [i.assetId, i]));
  await m.query(`DELETE FROM asset_stocktake_book WHERE stocktakeId = ?`, [id]);
  const rows: unknown[][] = [];
  for (const b of book) {
    const i = byAsset.get(b.assetId!);
    rows.push([
      id,
      b.assetId,
      b.code,
      b.name,
      b.roomId,
      b.groupKey,
      b.tracking,
      b.quantity,
      b.costVnd,
      b.remainingVnd,
      1,
      i?.actual.quantity ?? 0,
      i?.actual.costVnd ?? 0,
      i?.actual.remainingVnd ?? 0,
      i?.status ?? 'missing',
      JSON.stringify(i?.flags ?? []),
    ]);
  }
  for (const i of result.items.filter((x) => x.status === 'outOfScope')) {
    rows.push([
      id,
      i.assetId,
      i.code,
      i.name,
      i.rooms[0]?.roomId ?? null,
      i.group,
      i.tracking,
      0,
      0,
      0,
      0,
      i.actual.quantity,
      i.actual.costVnd,
      i.actual.remainingVnd,
      'outOfScope',
      JSON.stringify(i.flags),
    ]);
  }
  for (const u of result.unknown) {
    rows.push([
      id,
      null,
      u.code ?? '',
      'Không có trong sổ tài sản',
      u.roomId,
      'khac',
      'unit',
      0,
      0,
      0,
      0,
      u.quantity,
      0,
      0,
      'unknown',
      '[]',
    ]);
  }
  const cols = [
    'stocktakeId',
    'assetId',
    'code',
    'name',
    'roomId',
    'groupKey',
    'tracking',
    'quantity',
    'costVnd',
    'remainingVnd',
    'inBooks',
    'actualQuantity',
    'actualCostVnd',
    'actualRemainingVnd',
    'status',
    'flags',
  ];
  const per = Math.floor(30_000 / cols.length);
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    await m.query(
      `INSERT INTO asset_stocktake_book (${cols.map((c) => `"${c}"`).join(', ')}) VALUES ${chunk.map(() => `(${cols.map(() => '?').join(', ')})`).join(', ')}`,
      chunk.flat(),
    );
  }
  await tx.update(StocktakeEntity, id, {
    status: 'closed',
    closedAt: nowIso(),
    ...(principalDecision !== undefined ? { principalDecision } : {}),
    resultSummary: JSON.stringify({
      total: result.total,
      byGroup: result.byGroup,
      unknownQuantity: result.unknownQuantity,
      applied,
    }),
  });
  return { stocktake: await stocktakeById(m, id), applied, events };
}

// ───────────────────────────── the biên bản model ─────────────────────────────

export interface ReportLine {
  code: string;
  name: string;
  room: string;
  book: { quantity: number; costVnd: number; remainingVnd: number };
  actual: { quantity: number; costVnd: number; remainingVnd: number };
  difference: { quantity: number; costVnd: number; remainingVnd: number };
  note: string;
}
export interface ReportGroup {
  group: string;
  label: string;
  lines: ReportLine[];
  total: ReportLine['book'] & { actual: ReportLine['actual']; difference: ReportLine['difference'] };
}

const STATUS_NOTE: Record<string, string> = {
  found: '',
  missing: 'Thiếu',
  partial: 'Thiếu một phần',
  misplaced: 'Sai vị trí',
  surplus: 'Thừa',
  outOfScope: 'Ngoài phạm vi kiểm kê',
  unknown: 'Không có trong sổ',
};

/** Books / actual / difference per group (closed: the frozen result; counting: a live draft). */
export async function reportModel(m: EntityManager, cats: AssetCatalogs, id: string) {
  const session = await getSession(m, id);
  const rooms = new Map((await m.getRepository(RoomEntity).find()).map((r) => [r.id, r.code]));
  const lines: (ReportLine & { group: string })[] = [];
  if (session.status === 'closed') {
    const rows = (
      (await m.query(`SELECT * FROM asset_stocktake_book WHERE stocktakeId = ? ORDER BY groupKey, code`, [id])) as Record<
        string,
        unknown
      >[]
    ).map(hydrateBook);
    for (const r of rows) {
      const book = {
        quantity: r.inBooks ? r.quantity : 0,
        costVnd: r.inBooks ? r.costVnd : 0,
        remainingVnd: r.inBooks ? r.remainingVnd : 0,
      };
      const actual = { quantity: r.actualQuantity ?? 0, costVnd: r.actualCostVnd ?? 0, remainingVnd: r.actualRemainingVnd ?? 0 };
      lines.push({
        group: r.groupKey,
        code: r.code,
        name: r.name,
        room: r.roomId ? (rooms.get(r.roomId) ?? '') : '',
        book,
        actual,
        difference: {
          quantity: actual.quantity - book.quantity,
          costVnd: actual.costVnd - book.costVnd,
          remainingVnd: actual.remainingVnd - book.remainingVnd,
        },
        note: STATUS_NOTE[r.status ?? ''] ?? r.status ?? '',
      });
    }
  } else {
    const { result } = await compute(m, cats, id);
    for (const i of [...result.items].sort((a, b) => a.group.localeCompare(b.group) || a.code.localeCompare(b.code))) {
      lines.push({
        group: i.group,
        code: i.code,
        name: i.name,
        room: i.bookRoomId ? (rooms.get(i.bookRoomId) ?? '') : '',
        book: i.book,
        actual: i.actual,
        difference: i.difference,
        note: STATUS_NOTE[i.status] ?? i.status,
      });
    }
    for (const u of result.unknown) {
      lines.push({
        group: 'khac',
        code: u.code ?? '',
        name: 'Không có trong sổ tài sản',
        room: u.roomId ? (rooms.get(u.roomId) ?? '') : '',
        book: { quantity: 0, costVnd: 0, remainingVnd: 0 },
        actual: { quantity: u.quantity, costVnd: 0, remainingVnd: 0 },
        difference: { quantity: u.quantity, costVnd: 0, remainingVnd: 0 },
        note: 'Không có trong sổ',
      });
    }
  }
  const groups = new Map<string, ReportGroup>();
  const zero = () => ({ quantity: 0, costVnd: 0, remainingVnd: 0 });
  const total = { ...zero(), actual: zero(), difference: zero() };
  for (const l of lines) {
    let g = groups.get(l.group);
    if (!g) {
      g = {
        group: l.group,
        label: l.group === 'khac' ? 'Tài sản chưa có trong sổ' : classLabel(cats, l.group),
        lines: [],
        total: { ...zero(), actual: zero(), difference: zero() },
      };
      groups.set(l.group, g);
    }
    g.lines.push(l);
    for (const t of [g.total, total]) {
      t.quantity += l.book.quantity;
      t.costVnd += l.book.costVnd;
      t.remainingVnd += l.book.remainingVnd;
      for (const k of ['quantity', 'costVnd', 'remainingVnd'] as const) {
        t.actual[k] += l.actual[k];
        t.difference[k] += l.difference[k];
      }
    }
  }
  return {
    session: stocktakeDto(session, await lineCount(m, id)),
    draft: session.status !== 'closed',
    groups: [...groups.values()],
    total,
  };
}
