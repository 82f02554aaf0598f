/**
 * Stocktake reconciliation: the book snapshot frozen at the cut-off time against what the
 * counters recorded, room by room (C53-HD: "theo sổ kế toán" / "thực tế kiểm kê" / "chênh lệch").
 *
 * Rules (see docs/decisions/0008-asset-rules-as-data.md):
 * - A count line is matched to a book item by assetId, else by code (trimmed, NFC, upper-case).
 *   A code that is not in the snapshot but is in the school's register is a known asset counted
 *   outside this session's scope (surplus here, follow-up: move); a code in neither is unknown.
 * - Unit assets (one labelled asset, quantity 1 in the books) — duplicate lines for the same
 *   asset in the same room take the MAXIMUM quantity, so two counters scanning the same projector
 *   count it once. Quantity-tracked sets (e.g. 40 chairs) — lines in the same room are SUMMED,
 *   because counters split a room and each records what they counted; several counters on the same
 *   set and room are flagged for the board to check.
 * - found = Σ rooms; missing = book − found (≥ 0); surplus = found − book (≥ 0);
 *   misplaced = found outside the book room, up to what the book room lacks.
 * - Broken = a line with a broken condition (hư hỏng / không sử dụng được). For a unit asset a
 *   single broken report marks it broken (the board inspects conflicting reports).
 * - Values: book cost and remaining value are split pro rata per unit of quantity with half-up
 *   integer rounding (proportionVnd), so a fully found item has exactly its book values.
 * - Follow-ups: missing → investigate (cause, responsibility, loss handling: NĐ 186/2025 art. 61);
 *   surplus of a set and unknown codes → recognise (ghi tăng, TT 141/2025 art. 4(2đ)); surplus of
 *   a unit asset → investigate (a labelled asset cannot be found twice: duplicated label?);
 *   misplaced and out-of-scope → move (internal transfer); broken → disposal candidate
 *   (NĐ 186/2025 art. 29(1)).
 */
import { proportionVnd } from './money';

export type Tracking = 'unit' | 'quantity';

export interface BookItem {
  assetId: string;
  code: string;
  name: string;
  /** Room per the books; null when the asset has no room. */
  roomId: string | null;
  quantity: number;
  costVnd: number;
  remainingVnd: number;
  /** Group for subtotals (asset class, or the C53-HD group). */
  group: string;
  /** Default: 'unit' when quantity is 1, else 'quantity'. */
  tracking?: Tracking;
}

/** Any asset the school has, used to tell "known but out of scope" from "unknown". */
export interface RegisterEntry {
  assetId: string;
  code: string;
  name?: string;
  roomId?: string | null;
  quantity?: number;
  costVnd?: number;
  remainingVnd?: number;
  group?: string;
  tracking?: Tracking;
}

export interface CountLine {
  code?: string | null;
  assetId?: string | null;
  /** Room where counted. */
  roomId: string | null;
  foundQuantity: number;
  /** Condition code (asset-classes.json `conditions`). */
  condition?: string | null;
  note?: string | null;
  counter?: string | null;
}

export interface ReconcileOptions {
  register?: Iterable<RegisterEntry> | null;
  /** Condition codes counted as broken; default hu_hong, khong_su_dung_duoc. */
  brokenConditions?: readonly string[];
}

export type ReconcileFlag =
  | 'found'
  | 'missing'
  | 'surplus'
  | 'misplaced'
  | 'broken'
  | 'outOfScope'
  | 'duplicateScan'
  | 'multipleCounters'
  | 'seenInSeveralRooms'
  | 'conflictingConditions';

export type ItemStatus = 'found' | 'missing' | 'partial' | 'misplaced' | 'surplus' | 'outOfScope';

export interface Amounts {
  quantity: number;
  costVnd: number;
  remainingVnd: number;
}

export interface RoomCount {
  roomId: string | null;
  quantity: number;
  brokenQuantity: number;
  lines: number;
  counters: string[];
}

export interface ReconciledItem {
  assetId: string;
  code: string;
  name: string;
  group: string;
  tracking: Tracking;
  bookRoomId: string | null;
  book: Amounts;
  actual: Amounts;
  /** actual − book */
  difference: Amounts;
  foundQuantity: number;
  foundInBookRoom: number;
  missingQuantity: number;
  surplusQuantity: number;
  misplacedQuantity: number;
  brokenQuantity: number;
  rooms: RoomCount[];
  status: ItemStatus;
  flags: ReconcileFlag[];
  conditions: string[];
  notes: string[];
}

export interface UnknownCount {
  /** As typed/scanned (null when the line had neither code nor assetId). */
  code: string | null;
  assetId: string | null;
  roomId: string | null;
  quantity: number;
  lines: number;
  counters: string[];
  conditions: string[];
  notes: string[];
}

export interface Totals {
  items: number;
  itemsFound: number;
  itemsMissing: number;
  book: Amounts;
  actual: Amounts;
  difference: Amounts;
  missing: Amounts;
  surplus: Amounts;
  misplacedQuantity: number;
  brokenQuantity: number;
}

export type FollowUpKind = 'recognise' | 'investigate' | 'move' | 'disposalCandidate';

export interface FollowUp {
  kind: FollowUpKind;
  assetId: string | null;
  code: string | null;
  quantity: number;
  fromRoomId?: string | null;
  toRoomId?: string | null;
  reason: string;
  article?: string;
}

export interface ReconcileResult {
  items: ReconciledItem[];
  unknown: UnknownCount[];
  byGroup: { group: string; totals: Totals }[];
  total: Totals;
  /** Unknown-code lines are counted here (they carry no value). */
  unknownQuantity: number;
  followUps: FollowUp[];
  warnings: string[];
}

export const DEFAULT_BROKEN_CONDITIONS: readonly string[] = ['hu_hong', 'khong_su_dung_duoc'];

const ASCII = /^[\x20-\x7e]*$/;

export function normalizeAssetCode(code: string): string {
  return (ASCII.test(code) ? code : code.normalize('NFC')).trim().toUpperCase();
}

interface RoomAgg {
  roomId: string | null;
  max: number;
  sum: number;
  brokenMax: number;
  brokenSum: number;
  lines: number;
  counters: string[];
  conditions: string[];
}

interface Slot {
  assetId: string;
  code: string;
  name: string;
  group: string;
  tracking: Tracking;
  bookRoomId: string | null;
  book: Amounts;
  /** Value basis for out-of-scope items (register values). */
  basis: Amounts;
  outOfScope: boolean;
  /** Usually one or two rooms: a list is cheaper than a Map per item. */
  rooms: RoomAgg[] | null;
  notes: string[] | null;
}

const roomKey = (roomId: string | null | undefined) => roomId ?? '\u0000';

function emptyAmounts(): Amounts {
  return { quantity: 0, costVnd: 0, remainingVnd: 0 };
}

function emptyTotals(): Totals {
  return {
    items: 0,
    itemsFound: 0,
    itemsMissing: 0,
    book: emptyAmounts(),
    actual: emptyAmounts(),
    difference: emptyAmounts(),
    missing: emptyAmounts(),
    surplus: emptyAmounts(),
    misplacedQuantity: 0,
    brokenQuantity: 0,
  };
}

function add(into: Amounts, a: Amounts): void {
  into.quantity += a.quantity;
  into.costVnd += a.costVnd;
  into.remainingVnd += a.remainingVnd;
}

function accumulate(
  t: Totals,
  book: Amounts,
  actual: Amounts,
  difference: Amounts,
  missing: Amounts | null,
  surplus: Amounts | null,
  misplaced: number,
  brokenQty: number,
): void {
  t.items++;
  if (actual.quantity > 0) t.itemsFound++;
  if (missing) t.itemsMissing++;
  add(t.book, book);
  add(t.actual, actual);
  add(t.difference, difference);
  if (missing) add(t.missing, missing);
  if (surplus) add(t.surplus, surplus);
  t.misplacedQuantity += misplaced;
  t.brokenQuantity += brokenQty;
}

function share(basis: Amounts, quantity: number): Amounts {
  return {
    quantity,
    costVnd: proportionVnd(basis.costVnd, quantity, basis.quantity),
    remainingVnd: proportionVnd(basis.remainingVnd, quantity, basis.quantity),
  };
}

const trackingOf = (t: Tracking | undefined, quantity: number): Tracking => t ?? (quantity === 1 ? 'unit' : 'quantity');

export function reconcile(
  snapshot: readonly BookItem[],
  lines: readonly CountLine[],
  options: ReconcileOptions = {},
): ReconcileResult {
  const warnings: string[] = [];
  const broken = new Set(options.brokenConditions ?? DEFAULT_BROKEN_CONDITIONS);

  const slots: Slot[] = [];
  const byAssetId = new Map<string, number>();
  const byCode = new Map<string, number>();
  for (const item of snapshot) {
    if (!Number.isInteger(item.quantity) || item.quantity < 0)
      warnings.push(`Tài sản ${item.code}: số lượng theo sổ không hợp lệ (${item.quantity})`);
    const idx = slots.length;
    const book = { quantity: item.quantity, costVnd: item.costVnd, remainingVnd: item.remainingVnd };
    slots.push({
      assetId: item.assetId,
      code: item.code,
      name: item.name,
      group: item.group,
      tracking: trackingOf(item.tracking, item.quantity),
      bookRoomId: item.roomId,
      book,
      basis: book,
      outOfScope: false,
      rooms: null,
      notes: null,
    });
    if (byAssetId.has(item.assetId)) warnings.push(`Tài sản ${item.assetId} có hai lần trong số liệu sổ sách; chỉ dùng lần đầu`);
    else byAssetId.set(item.assetId, idx);
    const c = normalizeAssetCode(item.code);
    if (byCode.has(c))
      warnings.push(`Mã ${item.code} trùng trong số liệu sổ sách; dòng kiểm kê theo mã được gán cho tài sản đầu tiên`);
    else byCode.set(c, idx);
  }

  let registerById: Map<string, RegisterEntry> | null = null;
  let registerByCode: Map<string, RegisterEntry> | null = null;
  if (options.register) {
    registerById = new Map();
    registerByCode = new Map();
    for (const r of options.register) {
      registerById.set(r.assetId, r);
      registerByCode.set(normalizeAssetCode(r.code), r);
    }
  }
  const outByAssetId = new Map<string, number>();

  const unknown: UnknownCount[] = [];
  const unknownByKey = new Map<string, UnknownCount>();
  let unknownQuantity = 0;

  lines.forEach((line, i) => {
    const qty = line.foundQuantity;
    if (!Number.isInteger(qty) || qty < 0) {
      warnings.push(`Dòng kiểm kê ${i + 1} (${line.code ?? line.assetId ?? 'không mã'}): số lượng không hợp lệ (${qty}), bỏ qua`);
      return;
    }
    let idx: number | undefined;
    if (line.assetId) idx = byAssetId.get(line.assetId);
    if (idx === undefined && line.code) idx = byCode.get(normalizeAssetCode(line.code));
    if (idx === undefined) {
      const reg =
        (line.assetId ? registerById?.get(line.assetId) : undefined) ??
        (line.code ? registerByCode?.get(normalizeAssetCode(line.code)) : undefined);
      if (reg) {
        idx = outByAssetId.get(reg.assetId);
        if (idx === undefined) {
          idx = slots.length;
          const regQty = reg.quantity ?? 1;
          slots.push({
            assetId: reg.assetId,
            code: reg.code,
            name: reg.name ?? reg.code,
            group: reg.group ?? 'khac',
            tracking: trackingOf(reg.tracking, regQty),
            bookRoomId: reg.roomId ?? null,
            book: emptyAmounts(),
            basis: { quantity: regQty, costVnd: reg.costVnd ?? 0, remainingVnd: reg.remainingVnd ?? 0 },
            outOfScope: true,
            rooms: null,
            notes: null,
          });
          outByAssetId.set(reg.assetId, idx);
        }
      }
    }
    const counter = line.counter?.trim() || null;
    const condition = line.condition?.trim() || null;
    const note = line.note?.trim() || null;
    if (idx === undefined) {
      const code = line.code?.trim() || null;
      const key = `${code ? normalizeAssetCode(code) : `#${line.assetId ?? i}`}|${roomKey(line.roomId)}`;
      let u = unknownByKey.get(key);
      if (!u) {
        u = {
          code,
          assetId: line.assetId ?? null,
          roomId: line.roomId,
          quantity: 0,
          lines: 0,
          counters: [],
          conditions: [],
          notes: [],
        };
        unknownByKey.set(key, u);
        unknown.push(u);
      }
      // Same rule as unit assets: an unknown label scanned twice in a room is one thing.
      u.quantity = Math.max(u.quantity, qty);
      u.lines++;
      if (counter && !u.counters.includes(counter)) u.counters.push(counter);
      if (condition && !u.conditions.includes(condition)) u.conditions.push(condition);
      if (note) u.notes.push(note);
      return;
    }
    const slot = slots[idx]!;
    const roomId = line.roomId ?? null;
    if (!slot.rooms) slot.rooms = [];
    let agg: RoomAgg | undefined;
    for (const a of slot.rooms) {
      if (a.roomId === roomId) {
        agg = a;
        break;
      }
    }
    if (!agg) {
      agg = { roomId, max: 0, sum: 0, brokenMax: 0, brokenSum: 0, lines: 0, counters: [], conditions: [] };
      slot.rooms.push(agg);
    }
    agg.lines++;
    agg.max = Math.max(agg.max, qty);
    agg.sum += qty;
    if (condition && broken.has(condition)) {
      agg.brokenMax = Math.max(agg.brokenMax, qty);
      agg.brokenSum += qty;
    }
    if (counter && !agg.counters.includes(counter)) agg.counters.push(counter);
    if (condition && !agg.conditions.includes(condition)) agg.conditions.push(condition);
    if (note) (slot.notes ??= []).push(note);
  });
  for (const u of unknown) unknownQuantity += u.quantity;

  const items: ReconciledItem[] = [];
  const followUps: FollowUp[] = [];
  const groups = new Map<string, Totals>();
  const total = emptyTotals();

  for (const slot of slots) {
    const flags: ReconcileFlag[] = [];
    const rooms: RoomCount[] = [];
    const conditions: string[] = [];
    let found = 0;
    let inBookRoom = 0;
    let brokenQty = 0;
    let duplicate = false;
    let multipleCounters = false;
    for (const agg of slot.rooms ?? []) {
      const q = slot.tracking === 'unit' ? agg.max : agg.sum;
      const b = Math.min(q, slot.tracking === 'unit' ? (agg.brokenMax > 0 ? q : 0) : agg.brokenSum);
      if (slot.tracking === 'unit' && agg.lines > 1) duplicate = true;
      if (slot.tracking === 'quantity' && agg.counters.length > 1) multipleCounters = true;
      for (const c of agg.conditions) if (!conditions.includes(c)) conditions.push(c);
      found += q;
      brokenQty += b;
      if (slot.bookRoomId === null || agg.roomId === slot.bookRoomId) inBookRoom += q;
      rooms.push({ roomId: agg.roomId, quantity: q, brokenQuantity: b, lines: agg.lines, counters: agg.counters });
    }
    const bookQty = slot.book.quantity;
    const missing = Math.max(0, bookQty - found);
    const surplus = Math.max(0, found - bookQty);
    const elsewhere = found - inBookRoom;
    const misplaced = slot.outOfScope ? 0 : Math.min(elsewhere, Math.max(0, bookQty - inBookRoom));

    if (found > 0) flags.push('found');
    if (missing > 0) flags.push('missing');
    if (surplus > 0) flags.push('surplus');
    if (misplaced > 0) flags.push('misplaced');
    if (brokenQty > 0) flags.push('broken');
    if (slot.outOfScope) flags.push('outOfScope');
    if (duplicate) flags.push('duplicateScan');
    if (multipleCounters) flags.push('multipleCounters');
    let roomsWithFinds = 0;
    for (const r of rooms) if (r.quantity > 0) roomsWithFinds++;
    if (slot.tracking === 'unit' && roomsWithFinds > 1) flags.push('seenInSeveralRooms');
    if (slot.tracking === 'unit' && brokenQty > 0 && conditions.some((c) => !broken.has(c))) flags.push('conflictingConditions');

    let status: ItemStatus;
    if (slot.outOfScope) status = 'outOfScope';
    else if (found === 0 && bookQty > 0) status = 'missing';
    else if (missing > 0) status = 'partial';
    else if (misplaced > 0) status = 'misplaced';
    else if (surplus > 0) status = 'surplus';
    else status = 'found';

    const book = slot.book;
    const actual = slot.outOfScope
      ? share(slot.basis, found)
      : bookQty > 0
        ? share(book, found)
        : { ...emptyAmounts(), quantity: found };
    const difference = {
      quantity: actual.quantity - book.quantity,
      costVnd: actual.costVnd - book.costVnd,
      remainingVnd: actual.remainingVnd - book.remainingVnd,
    };
    const missingAmounts = missing === 0 ? null : share(book, missing);
    const surplusAmounts =
      surplus === 0
        ? null
        : slot.outOfScope
          ? share(slot.basis, surplus)
          : bookQty > 0
            ? share(book, surplus)
            : { ...emptyAmounts(), quantity: surplus };

    items.push({
      assetId: slot.assetId,
      code: slot.code,
      name: slot.name,
      group: slot.group,
      tracking: slot.tracking,
      bookRoomId: slot.bookRoomId,
      book,
      actual,
      difference,
      foundQuantity: found,
      foundInBookRoom: slot.outOfScope ? 0 : inBookRoom,
      missingQuantity: missing,
      surplusQuantity: surplus,
      misplacedQuantity: misplaced,
      brokenQuantity: brokenQty,
      rooms,
      status,
      flags,
      conditions,
      notes: slot.notes ?? [],
    });

    // Follow-ups.
    const ref = { assetId: slot.assetId, code: slot.code };
    if (missing > 0) {
      followUps.push({
        kind: 'investigate',
        ...ref,
        quantity: missing,
        fromRoomId: slot.bookRoomId,
        reason: `Thiếu ${missing} so với sổ: xác định nguyên nhân, trách nhiệm và xử lý (bồi thường / xử lý tài sản bị mất)`,
        article: 'NĐ 186/2025 Điều 61; Luật 15/2017 Điều 59 khoản 4',
      });
    }
    if (slot.outOfScope) {
      for (const r of rooms) {
        if (r.quantity === 0) continue;
        followUps.push({
          kind: 'move',
          ...ref,
          quantity: r.quantity,
          fromRoomId: slot.bookRoomId,
          toRoomId: r.roomId,
          reason:
            'Tài sản có trong sổ nhưng thuộc phòng ngoài phạm vi đợt kiểm kê: điều chuyển nội bộ về phòng đã kiểm đếm, hoặc đối chiếu với đợt kiểm kê của phòng theo sổ',
        });
      }
    } else {
      if (surplus > 0) {
        followUps.push(
          slot.tracking === 'quantity'
            ? {
                kind: 'recognise',
                ...ref,
                quantity: surplus,
                reason: `Thừa ${surplus} so với sổ: ghi tăng tài sản phát hiện thừa khi kiểm kê`,
                article: 'TT 141/2025 Điều 4 khoản 2 điểm đ; Điều 6 khoản 5',
              }
            : {
                kind: 'investigate',
                ...ref,
                quantity: surplus,
                reason: 'Tài sản đơn chiếc được kiểm đếm nhiều hơn sổ (có thể trùng nhãn/mã ở nhiều nơi): kiểm tra lại nhãn',
              },
        );
      }
      if (misplaced > 0) {
        let left = misplaced;
        for (const r of rooms) {
          if (left === 0) break;
          if (r.roomId === slot.bookRoomId || r.quantity === 0) continue;
          const q = Math.min(left, r.quantity);
          left -= q;
          followUps.push({
            kind: 'move',
            ...ref,
            quantity: q,
            fromRoomId: slot.bookRoomId,
            toRoomId: r.roomId,
            reason: 'Tài sản ở phòng khác với sổ: điều chuyển nội bộ (hoặc đưa về đúng phòng)',
          });
        }
      }
    }
    if (brokenQty > 0) {
      followUps.push({
        kind: 'disposalCandidate',
        ...ref,
        quantity: brokenQty,
        reason: `${brokenQty} đang hư hỏng: xem xét sửa chữa hoặc đề nghị thanh lý (chi phí sửa chữa > 30% nguyên giá)`,
        article: 'NĐ 186/2025 Điều 29 khoản 1',
      });
    }

    // Totals.
    let g = groups.get(slot.group);
    if (!g) {
      g = emptyTotals();
      groups.set(slot.group, g);
    }
    accumulate(g, book, actual, difference, missingAmounts, surplusAmounts, misplaced, brokenQty);
    accumulate(total, book, actual, difference, missingAmounts, surplusAmounts, misplaced, brokenQty);
  }

  for (const u of unknown) {
    followUps.push({
      kind: 'recognise',
      assetId: null,
      code: u.code,
      quantity: u.quantity,
      toRoomId: u.roomId,
      reason:
        'Mã không có trong sổ tài sản: xác định nguồn gốc, nguyên giá theo biên bản kiểm kê rồi ghi tăng (tài sản phát hiện thừa)',
      article: 'TT 141/2025 Điều 4 khoản 2 điểm đ; Điều 6 khoản 5',
    });
  }

  const byGroup = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([group, totals]) => ({ group, totals }));
  return { items, unknown, byGroup, total, unknownQuantity, followUps, warnings };
}
