import { IsNull, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import { annexRoomCounts, roomNormGaps } from '../../../core/assets';
import { fold } from '../../../core/fold';
import { RpcError } from '../../../contract/rpc';
import type {
  Building,
  buildingInputSchema,
  NormsReport,
  normsReportInputSchema,
  Room,
  roomInputSchema,
} from '../../../contract/schemas/assets';
import { SchoolSiteEntity } from '../../db/entities';
import type { SyncTx } from '../../db/sync-tx';
import { labelOf, type AssetCatalogs } from './catalogs';
import { mainSiteId } from './common';
import { BuildingEntity, RoomEntity, type BuildingRow, type RoomRow } from './entities';

type BuildingInput = z.output<typeof buildingInputSchema>;
type RoomInput = z.output<typeof roomInputSchema>;

export function buildingDto(b: BuildingRow, roomCount: number): Building {
  return {
    id: b.id,
    siteId: b.siteId,
    code: b.code,
    name: b.name,
    grade: b.grade as Building['grade'],
    constructionType: b.constructionType as Building['constructionType'],
    floors: b.floors,
    floorAreaM2: b.floorAreaM2,
    yearInUse: b.yearInUse,
    costVnd: b.costVnd,
    fundingSource: b.fundingSource as Building['fundingSource'],
    note: b.note,
    roomCount,
    rev: b.rev,
    updatedAt: b.updatedAt,
  };
}

async function siteFor(m: EntityManager, siteId: string | undefined): Promise<string> {
  if (!siteId) return mainSiteId(m);
  const site = await m.getRepository(SchoolSiteEntity).findOneBy({ id: siteId, deletedAt: IsNull() });
  if (!site) throw new RpcError('VALIDATION', 'Điểm trường không tồn tại.', { siteId: 'Điểm trường không tồn tại' });
  return site.id;
}

function buildingColumns(i: BuildingInput, siteId: string) {
  return {
    siteId,
    code: i.code,
    name: i.name,
    grade: i.grade,
    constructionType: i.constructionType,
    floors: i.floors,
    floorAreaM2: i.floorAreaM2,
    yearInUse: i.yearInUse,
    costVnd: i.costVnd,
    fundingSource: i.fundingSource,
    note: i.note,
  };
}

export async function listBuildings(m: EntityManager, siteId?: string): Promise<Building[]> {
  const rows = await m
    .getRepository(BuildingEntity)
    .find({ where: { deletedAt: IsNull(), ...(siteId ? { siteId } : {}) }, order: { name: 'ASC' } });
  const counts = new Map(
    (
      (await m.query(
        `SELECT buildingId, count(*) AS n FROM asset_room WHERE deletedAt IS NULL AND buildingId IS NOT NULL GROUP BY buildingId`,
      )) as { buildingId: string; n: number }[]
    ).map((r) => [r.buildingId, r.n]),
  );
  return rows.map((b) => buildingDto(b, counts.get(b.id) ?? 0));
}

export async function addBuilding(tx: SyncTx, input: BuildingInput): Promise<Building> {
  const row = await tx.insert(BuildingEntity, buildingColumns(input, await siteFor(tx.manager, input.siteId)));
  return buildingDto(row, 0);
}

export async function updateBuilding(tx: SyncTx, id: string, input: BuildingInput, expectedRev?: number): Promise<Building> {
  const current = await tx.manager.getRepository(BuildingEntity).findOneBy({ id, deletedAt: IsNull() });
  if (!current) throw new RpcError('NOT_FOUND', 'Không tìm thấy công trình.');
  const row = await tx.update(
    BuildingEntity,
    id,
    buildingColumns(input, input.siteId ? await siteFor(tx.manager, input.siteId) : current.siteId),
    expectedRev,
  );
  const [{ n }] = (await tx.manager.query(`SELECT count(*) AS n FROM asset_room WHERE deletedAt IS NULL AND buildingId = ?`, [
    id,
  ])) as [{ n: number }];
  return buildingDto(row, n);
}

export async function removeBuilding(tx: SyncTx, id: string): Promise<void> {
  const [{ n }] = (await tx.manager.query(`SELECT count(*) AS n FROM asset_room WHERE deletedAt IS NULL AND buildingId = ?`, [
    id,
  ])) as [{ n: number }];
  if (n > 0) throw new RpcError('CONFLICT', `Công trình còn ${n} phòng; hãy chuyển hoặc xóa các phòng trước.`);
  await tx.remove(BuildingEntity, id);
}

// ───────────────────────────── rooms ─────────────────────────────

export function roomDto(
  r: RoomRow,
  building: BuildingRow | undefined,
  counts: { assets: number; pcs: number } | undefined,
): Room {
  return {
    id: r.id,
    siteId: r.siteId,
    buildingId: r.buildingId,
    buildingName: building?.name ?? null,
    code: r.code,
    name: r.name,
    floor: r.floor,
    block: r.block,
    roomType: r.roomType,
    areaM2: r.areaM2,
    seats: r.seats,
    constructionType: r.constructionType as Room['constructionType'],
    effectiveConstructionType: (r.constructionType ?? building?.constructionType ?? null) as Room['effectiveConstructionType'],
    meetsTt14: r.meetsTt14 === null ? null : Boolean(r.meetsTt14),
    personInCharge: r.personInCharge,
    internet: Boolean(r.internet),
    status: r.status as Room['status'],
    inUseFromYear: r.inUseFromYear,
    inUseToYear: r.inUseToYear,
    note: r.note,
    assetCount: counts?.assets ?? 0,
    pcCount: counts?.pcs ?? 0,
    rev: r.rev,
    updatedAt: r.updatedAt,
  };
}

function checkRoomType(cats: AssetCatalogs, i: RoomInput): { block: string; roomType: string } {
  const type = cats.roomTypes.roomTypes.find((t) => t.code === i.roomType);
  if (!type)
    throw new RpcError('VALIDATION', `Loại phòng "${i.roomType}" không có trong danh mục.`, {
      roomType: 'Loại phòng không hợp lệ',
    });
  const block = i.block || type.block;
  if (!cats.roomTypes.blocks.some((b) => b.code === block))
    throw new RpcError('VALIDATION', `Khối "${block}" không có trong danh mục.`, { block: 'Khối không hợp lệ' });
  return { block, roomType: type.code };
}

async function roomColumns(m: EntityManager, cats: AssetCatalogs, i: RoomInput, siteId: string | undefined) {
  let site = siteId;
  if (i.buildingId) {
    const b = await m.getRepository(BuildingEntity).findOneBy({ id: i.buildingId, deletedAt: IsNull() });
    if (!b) throw new RpcError('VALIDATION', 'Công trình không tồn tại.', { buildingId: 'Công trình không tồn tại' });
    site = i.siteId ?? b.siteId;
  }
  const { block, roomType } = checkRoomType(cats, i);
  return {
    siteId: await siteFor(m, i.siteId ?? site),
    buildingId: i.buildingId,
    code: i.code,
    name: i.name,
    floor: i.floor,
    block,
    roomType,
    areaM2: i.areaM2,
    seats: i.seats,
    constructionType: i.constructionType,
    meetsTt14: i.meetsTt14,
    personInCharge: i.personInCharge,
    internet: i.internet,
    status: i.status,
    inUseFromYear: i.inUseFromYear,
    inUseToYear: i.inUseToYear,
    note: i.note,
  };
}

async function assertRoomCodeFree(m: EntityManager, code: string, exceptId?: string): Promise<void> {
  const clash = await m.getRepository(RoomEntity).findOneBy({ code, deletedAt: IsNull() });
  if (clash && clash.id !== exceptId)
    throw new RpcError('CONFLICT', `Mã phòng "${code}" đã có (${clash.name}).`, { code: 'Mã phòng đã tồn tại' });
}

async function roomCounts(m: EntityManager, roomId?: string): Promise<Map<string, { assets: number; pcs: number }>> {
  const rows = (await m.query(
    `SELECT roomId, count(*) AS assets, coalesce(sum(CASE WHEN itKind IN ('desktop','laptop','tablet') THEN quantity ELSE 0 END), 0) AS pcs
     FROM asset WHERE deletedAt IS NULL AND lifecycleState IN ('in_use','idle','under_repair','pending_disposal') AND roomId IS NOT NULL ${roomId ? 'AND roomId = ?' : ''} GROUP BY roomId`,
    roomId ? [roomId] : [],
  )) as { roomId: string; assets: number; pcs: number }[];
  return new Map(rows.map((r) => [r.roomId, { assets: r.assets, pcs: r.pcs }]));
}

export async function listRooms(
  m: EntityManager,
  f: { siteId?: string | undefined; buildingId?: string | undefined; q?: string | undefined },
): Promise<Room[]> {
  let rows = await m.getRepository(RoomEntity).find({
    where: {
      deletedAt: IsNull(),
      ...(f.siteId ? { siteId: f.siteId } : {}),
      ...(f.buildingId ? { buildingId: f.buildingId } : {}),
    },
    order: { code: 'ASC' },
  });
  if (f.q?.trim()) {
    const q = fold(f.q.trim());
    rows = rows.filter((r) => fold(`${r.code} ${r.name} ${r.personInCharge}`).includes(q));
  }
  const buildings = new Map((await m.getRepository(BuildingEntity).find()).map((b) => [b.id, b]));
  const counts = await roomCounts(m);
  return rows.map((r) => roomDto(r, r.buildingId ? buildings.get(r.buildingId) : undefined, counts.get(r.id)));
}

export async function roomById(m: EntityManager, id: string): Promise<Room> {
  const r = await m.getRepository(RoomEntity).findOneBy({ id, deletedAt: IsNull() });
  if (!r) throw new RpcError('NOT_FOUND', 'Không tìm thấy phòng.');
  const b = r.buildingId ? await m.getRepository(BuildingEntity).findOneBy({ id: r.buildingId }) : null;
  return roomDto(r, b ?? undefined, (await roomCounts(m, id)).get(id));
}

export async function addRoom(tx: SyncTx, cats: AssetCatalogs, input: RoomInput): Promise<Room> {
  await assertRoomCodeFree(tx.manager, input.code);
  const row = await tx.insert(RoomEntity, await roomColumns(tx.manager, cats, input, undefined));
  return roomById(tx.manager, row.id);
}

export async function updateRoom(
  tx: SyncTx,
  cats: AssetCatalogs,
  id: string,
  input: RoomInput,
  expectedRev?: number,
): Promise<Room> {
  const current = await tx.manager.getRepository(RoomEntity).findOneBy({ id, deletedAt: IsNull() });
  if (!current) throw new RpcError('NOT_FOUND', 'Không tìm thấy phòng.');
  await assertRoomCodeFree(tx.manager, input.code, id);
  await tx.update(RoomEntity, id, await roomColumns(tx.manager, cats, input, current.siteId), expectedRev);
  return roomById(tx.manager, id);
}

export async function removeRoom(tx: SyncTx, id: string): Promise<void> {
  const [{ n }] = (await tx.manager.query(
    `SELECT count(*) AS n FROM asset WHERE deletedAt IS NULL AND roomId = ? AND lifecycleState IN ('in_use','idle','under_repair','pending_disposal')`,
    [id],
  )) as [{ n: number }];
  if (n > 0) throw new RpcError('CONFLICT', `Phòng còn ${n} tài sản; hãy điều chuyển tài sản trước khi xóa phòng.`);
  await tx.remove(RoomEntity, id);
}

// ───────────────────────────── reports ─────────────────────────────

export async function normsReport(
  m: EntityManager,
  cats: AssetCatalogs,
  input: z.output<typeof normsReportInputSchema>,
): Promise<NormsReport> {
  const rooms = await m.getRepository(RoomEntity).find({ where: { deletedAt: IsNull() } });
  const live = rooms.filter((r) => r.status !== 'closed');
  const gaps = roomNormGaps(
    {
      level: input.level,
      classes: input.classes,
      students: input.students,
      tier: input.tier,
      rooms: live.map((r) => ({ type: r.roomType, block: r.block, areaM2: r.areaM2 })),
    },
    cats.norms,
  );
  const typeLabel = (code: string) => labelOf(cats.roomTypes.roomTypes, code, code);
  const blockLabel = (code: string) => labelOf(cats.roomTypes.blocks, code, code);
  const normed = new Set(gaps.map((g) => g.roomType));
  const without = new Map<string, number>();
  for (const r of live) if (!normed.has(r.roomType)) without.set(r.roomType, (without.get(r.roomType) ?? 0) + 1);
  const rows = gaps.map((g) => ({
    normId: g.normId,
    block: g.block,
    blockLabel: blockLabel(g.block),
    roomType: g.roomType,
    roomTypeLabel: typeLabel(g.roomType),
    required: g.required,
    actual: g.actual,
    gap: g.gap,
    requiredAreaM2: g.requiredAreaM2,
    roomsBelowArea: g.roomsBelowArea,
    roomsWithoutArea: g.roomsWithoutArea,
    source: {
      document: g.source.document,
      article: g.source.article,
      grade: g.source.grade,
      ...(g.source.note ? { note: g.source.note } : {}),
    },
    verified: g.verified,
    incomplete: g.incomplete,
    ...(g.note ? { note: g.note } : {}),
  }));
  return {
    level: input.level,
    tier: input.tier,
    classes: input.classes,
    students: input.students,
    rows,
    catalogGaps: cats.norms.gaps.filter((g) => g.level === input.level).map((g) => ({ block: g.block, note: g.note })),
    roomsWithoutNorm: [...without.entries()].map(([roomType, count]) => ({ roomType, count })).sort((a, b) => b.count - a.count),
    totals: {
      required: rows.reduce((s, r) => s + (r.required ?? 0), 0),
      actual: rows.reduce((s, r) => s + r.actual, 0),
      gap: rows.reduce((s, r) => s + (r.gap ?? 0), 0),
      incompleteNorms: rows.filter((r) => r.incomplete).length,
    },
  };
}

type Cell = { rooms: number; areaM2: number };
const cell = (): Cell => ({ rooms: 0, areaM2: 0 });

type KnownConstruction = 'kien_co' | 'ban_kien_co' | 'tam';

type Register = { rooms: RoomRow[]; buildings: Map<string, BuildingRow> };

async function loadRegister(m: EntityManager): Promise<Register> {
  const rooms = await m.getRepository(RoomEntity).find({ where: { deletedAt: IsNull() } });
  const buildings = new Map((await m.getRepository(BuildingEntity).find()).map((b) => [b.id, b]));
  return { rooms, buildings };
}

/** Rooms in use during `year` (built by then, not yet closed), with their construction type. */
function roomsInUse({ rooms, buildings }: Register, year: number): { room: RoomRow; ct: KnownConstruction | 'unknown' }[] {
  const out: { room: RoomRow; ct: KnownConstruction | 'unknown' }[] = [];
  for (const r of rooms) {
    const b = r.buildingId ? buildings.get(r.buildingId) : undefined;
    const from = r.inUseFromYear ?? b?.yearInUse ?? null;
    if (from !== null && from > year) continue;
    if (r.inUseToYear !== null && r.inUseToYear < year) continue;
    if (r.status === 'closed' && r.inUseToYear === null) continue;
    out.push({ room: r, ct: (r.constructionType ?? b?.constructionType ?? 'unknown') as KnownConstruction | 'unknown' });
  }
  return out;
}

/**
 * The self-assessment annex's room lines (`cong_trinh.*`) for school years like "2025-2026",
 * each counted as of its end year, from one read of the register; null while the register has
 * no rooms at all, so the annex falls back to typed values
 * (src/backend/modules/assessment/school-data.service.ts).
 */
export async function annexRoomCountsForYears(
  m: EntityManager,
  schoolYears: string[],
): Promise<Map<string, Record<string, number>> | null> {
  const register = await loadRegister(m);
  if (register.rooms.length === 0) return null;
  const out = new Map<string, Record<string, number>>();
  for (const schoolYear of schoolYears) {
    const end = Number(/^(\d{4})-(\d{4})$/.exec(schoolYear)?.[2]);
    if (!Number.isInteger(end)) continue;
    const inUse = roomsInUse(register, end).map(({ room, ct }) => ({
      block: room.block,
      roomType: room.roomType,
      constructionType: ct === 'unknown' ? null : ct,
    }));
    out.set(schoolYear, annexRoomCounts(inUse).counts);
  }
  return out;
}

/** Rooms in use during `year`, by block and type, split by construction type (self-assessment annex). */
export async function roomsByConstructionType(m: EntityManager, cats: AssetCatalogs, year: number) {
  const groups = new Map<
    string,
    { block: string; roomType: string; kien_co: Cell; ban_kien_co: Cell; tam: Cell; unknown: Cell; total: Cell }
  >();
  const total = { kien_co: cell(), ban_kien_co: cell(), tam: cell(), unknown: cell(), total: cell() };
  for (const { room: r, ct } of roomsInUse(await loadRegister(m), year)) {
    const key = `${r.block}|${r.roomType}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        block: r.block,
        roomType: r.roomType,
        kien_co: cell(),
        ban_kien_co: cell(),
        tam: cell(),
        unknown: cell(),
        total: cell(),
      };
      groups.set(key, g);
    }
    const area = r.areaM2 ?? 0;
    for (const c of [g[ct], g.total, total[ct], total.total]) {
      c.rooms++;
      c.areaM2 = Math.round((c.areaM2 + area) * 100) / 100;
    }
  }
  const blockOrder = new Map(cats.roomTypes.blocks.map((b) => [b.code, b.order]));
  const rows = [...groups.values()]
    .sort((a, b) => (blockOrder.get(a.block) ?? 99) - (blockOrder.get(b.block) ?? 99) || a.roomType.localeCompare(b.roomType))
    .map((g) => ({
      ...g,
      blockLabel: labelOf(cats.roomTypes.blocks, g.block, g.block),
      roomTypeLabel: labelOf(cats.roomTypes.roomTypes, g.roomType, g.roomType),
    }));
  return { year, rows, total };
}
