import { IsNull, type EntityManager } from 'typeorm';
import { RpcError } from '../../../contract/rpc';
import { ACTIVE_STATES, type Summary } from '../../../contract/schemas/assets';
import { classLabel, labelOf, type AssetCatalogs } from './catalogs';
import { BuildingEntity, RoomEntity } from './entities';

const ACTIVE_SQL = `lifecycleState IN (${ACTIVE_STATES.map((s) => `'${s}'`).join(',')})`;
/** Share of assets and rooms with a complete digital record that counts as done (QĐ 131/QĐ-TTg-era target). */
export const DIGITAL_TARGET_PERCENT = 80;
const pct = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 1000) / 10);

type Row = { key: string | null; assets: number; quantity: number; costVnd: number; remainingVnd: number };

export async function summary(
  m: EntityManager,
  cats: AssetCatalogs,
  year: number,
  students: number | undefined,
): Promise<Summary> {
  const group = async (col: string) =>
    (await m.query(
      `SELECT "${col}" AS key, count(*) AS assets, coalesce(sum(quantity),0) AS quantity, coalesce(sum(costVnd),0) AS costVnd, coalesce(sum(remainingVnd),0) AS remainingVnd
       FROM asset WHERE deletedAt IS NULL AND ${ACTIVE_SQL} GROUP BY "${col}" ORDER BY costVnd DESC`,
    )) as Row[];
  const rooms = new Map((await m.getRepository(RoomEntity).find()).map((r) => [r.id, r]));
  const byClass = (await group('assetClass')).map((r) => ({ ...r, label: classLabel(cats, r.key ?? '') }));
  const byFunding = (await group('fundingSource')).map((r) => ({
    ...r,
    label: labelOf(cats.classes.fundingSources, r.key, 'Chưa ghi nguồn'),
  }));
  const byRoom = (await group('roomId')).map((r) => {
    const room = r.key ? rooms.get(r.key) : undefined;
    return { ...r, label: room ? `${room.code} — ${room.name}` : 'Chưa xếp phòng' };
  });

  // Condition per unit: a set's conditionCounts split its quantity and (pro rata) its values.
  const cond = new Map<string, Row>();
  const condRows = (await m.query(
    `SELECT condition, conditionCounts, quantity, costVnd, remainingVnd FROM asset WHERE deletedAt IS NULL AND ${ACTIVE_SQL}`,
  )) as {
    condition: string;
    conditionCounts: string | null;
    quantity: number;
    costVnd: number;
    remainingVnd: number;
  }[];
  for (const r of condRows) {
    const counts = r.conditionCounts ? (JSON.parse(r.conditionCounts) as Record<string, number>) : { [r.condition]: r.quantity };
    const entries = Object.entries(counts);
    for (const [c, q] of entries) {
      let g = cond.get(c);
      if (!g) {
        g = { key: c, assets: 0, quantity: 0, costVnd: 0, remainingVnd: 0 };
        cond.set(c, g);
      }
      if (c === r.condition) g.assets++;
      g.quantity += q;
      g.costVnd += r.quantity ? Math.round((r.costVnd * q) / r.quantity) : 0;
      g.remainingVnd += r.quantity ? Math.round((r.remainingVnd * q) / r.quantity) : 0;
    }
  }
  const byCondition = [...cond.values()]
    .map((r) => ({ ...r, label: labelOf(cats.classes.conditions, r.key) }))
    .sort((a, b) => b.quantity - a.quantity);

  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const adds = (await m.query(`SELECT e.payload FROM asset_event e WHERE e.type = 'recognise' AND e.date BETWEEN ? AND ?`, [
    from,
    to,
  ])) as { payload: string }[];
  const additions = { assets: 0, quantity: 0, costVnd: 0 };
  for (const a of adds) {
    const after = (JSON.parse(a.payload) as { after?: { quantity?: number; costVnd?: number } }).after ?? {};
    additions.assets++;
    additions.quantity += Number(after.quantity ?? 1);
    additions.costVnd += Number(after.costVnd ?? 0);
  }
  const rems = (await m.query(
    `SELECT e.type, e.payload, a.quantity, a.costVnd FROM asset_event e JOIN asset a ON a.id = e.assetId WHERE e.type IN ('disposal_execution','write_off') AND e.date BETWEEN ? AND ?`,
    [from, to],
  )) as { type: string; payload: string; quantity: number; costVnd: number }[];
  const removals = { assets: 0, quantity: 0, costVnd: 0 };
  for (const r of rems) {
    const p = JSON.parse(r.payload) as { quantity?: number; costVnd?: number; before?: { quantity?: number; costVnd?: number } };
    removals.assets++;
    if (r.type === 'write_off') {
      removals.quantity += Number(p.quantity ?? r.quantity);
      removals.costVnd += Number(p.costVnd ?? 0);
    } else {
      removals.quantity += r.quantity;
      removals.costVnd += r.costVnd;
    }
  }

  const [pcs] = (await m.query(
    `SELECT coalesce(sum(CASE WHEN itUse = 'teaching' THEN quantity ELSE 0 END),0) AS teaching, coalesce(sum(CASE WHEN itUse = 'management' THEN quantity ELSE 0 END),0) AS management
     FROM asset WHERE deletedAt IS NULL AND ${ACTIVE_SQL} AND itKind IN ('desktop','laptop','tablet')`,
  )) as [{ teaching: number; management: number }];
  const st = students ?? null;

  const [ac] = (await m.query(
    `SELECT count(*) AS total, coalesce(sum(CASE WHEN roomId IS NOT NULL AND putInUseDate IS NOT NULL AND costVnd > 0 AND fundingSource IS NOT NULL THEN 1 ELSE 0 END),0) AS complete
     FROM asset WHERE deletedAt IS NULL AND ${ACTIVE_SQL}`,
  )) as [{ total: number; complete: number }];
  const buildings = new Map((await m.getRepository(BuildingEntity).find()).map((b) => [b.id, b]));
  const liveRooms = [...rooms.values()].filter((r) => !r.deletedAt && r.status !== 'closed');
  const roomsComplete = liveRooms.filter(
    (r) =>
      r.areaM2 !== null &&
      r.roomType !== 'phong_khac' &&
      (r.constructionType ?? (r.buildingId ? buildings.get(r.buildingId)?.constructionType : null)),
  ).length;
  const [dc] = (await m.query(
    `SELECT count(*) AS n FROM asset WHERE deletedAt IS NULL AND ${ACTIVE_SQL} AND disposalCandidate = 1`,
  )) as [{ n: number }];
  const assetsPercent = pct(ac.complete, ac.total);
  const roomsPercent = pct(roomsComplete, liveRooms.length);
  return {
    year,
    byClass,
    byCondition,
    byFunding,
    byRoom,
    additions,
    removals,
    computers: {
      teaching: pcs.teaching,
      management: pcs.management,
      students: st,
      perStudent: st ? Math.round((pcs.teaching / st) * 10000) / 10000 : null,
      studentsPerComputer: st && pcs.teaching ? Math.round((st / pcs.teaching) * 10) / 10 : null,
    },
    digitalRecords: {
      assetsComplete: ac.complete,
      assets: ac.total,
      assetsPercent,
      roomsComplete,
      rooms: liveRooms.length,
      roomsPercent,
      targetPercent: DIGITAL_TARGET_PERCENT,
      meetsTarget: assetsPercent >= DIGITAL_TARGET_PERCENT && roomsPercent >= DIGITAL_TARGET_PERCENT,
      definition:
        'Tài sản có hồ sơ số đầy đủ: có phòng, ngày đưa vào sử dụng, nguyên giá và nguồn kinh phí. Phòng có hồ sơ số đầy đủ: có diện tích, loại phòng theo danh mục và kết cấu (kiên cố / bán kiên cố / tạm).',
    },
    disposalCandidates: dc.n,
  };
}

export async function equipmentReport(m: EntityManager, cats: AssetCatalogs, listId: string) {
  const list = cats.equipment.lists.find((l) => l.id === listId);
  if (!list) throw new RpcError('NOT_FOUND', `Không có danh mục thiết bị "${listId}".`);
  const rows = (await m.query(
    `SELECT equipmentItemCode AS code, condition, conditionCounts, quantity FROM asset WHERE deletedAt IS NULL AND ${ACTIVE_SQL} AND equipmentItemCode <> ''`,
  )) as { code: string; condition: string; conditionCounts: string | null; quantity: number }[];
  const broken = new Set<string>(cats.classes.conditions.filter((c) => c.broken).map((c) => c.code));
  const have = new Map<string, { actual: number; working: number; assets: number }>();
  for (const r of rows) {
    const g = have.get(r.code) ?? { actual: 0, working: 0, assets: 0 };
    const counts = r.conditionCounts ? (JSON.parse(r.conditionCounts) as Record<string, number>) : { [r.condition]: r.quantity };
    g.actual += r.quantity;
    g.assets++;
    for (const [c, q] of Object.entries(counts)) if (!broken.has(c)) g.working += q;
    have.set(r.code, g);
  }
  const codes = new Set(list.items.map((i) => i.code));
  return {
    listId: list.id,
    title: list.title,
    incomplete: list.incomplete,
    rows: list.items.map((i) => {
      const h = have.get(i.code);
      return {
        code: i.code,
        name: i.name,
        unit: i.unit,
        grade: i.grade,
        subject: i.subject,
        required: i.quantity,
        actual: h?.actual ?? 0,
        working: h?.working ?? 0,
        gap: Math.max(0, i.quantity - (h?.working ?? 0)),
      };
    }),
    unknownCodes: [...have.entries()].filter(([c]) => !codes.has(c)).map(([code, h]) => ({ code, assets: h.assets })),
  };
}

export async function roomsCount(m: EntityManager): Promise<number> {
  return m.getRepository(RoomEntity).countBy({ deletedAt: IsNull() });
}
