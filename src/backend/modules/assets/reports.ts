import { In, IsNull, type EntityManager } from 'typeorm';
import { formatVnDate } from '../../../core/assets';
import { RpcError } from '../../../contract/rpc';
import { findSchool } from '../../services/school.service';
import { classLabel, labelOf, type AssetCatalogs } from './catalogs';
import { hydrateAsset } from './common';
import { AssetEntity, AssetEventEntity, RoomEntity, type AssetRow } from './entities';
import { wearByYear } from './wear';

/** Data behind the Word/Excel documents (the renderers in documents.ts only lay it out). */

export interface SchoolHeader {
  name: string;
  managingBody: string;
  principal: string;
  code: string;
}

export async function schoolHeader(m: EntityManager): Promise<SchoolHeader> {
  const s = await findSchool(m);
  return { name: s?.name ?? '', managingBody: s?.managingBody ?? '', principal: s?.principal ?? '', code: s?.code ?? '' };
}

export const vnDate = (iso: string | null | undefined): string =>
  iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? formatVnDate(iso.slice(0, 10)) : '';

// ───────────────────────────── sổ tài sản cố định ─────────────────────────────

export interface RegisterLine {
  code: string;
  name: string;
  documentNo: string;
  documentDate: string;
  originCountry: string;
  putInUse: string;
  room: string;
  costVnd: number;
  ratePercent: number | null;
  wearYearVnd: number;
  accumulatedVnd: number;
  remainingVnd: number;
  removal: string;
}

export interface RegisterModel {
  school: SchoolHeader;
  year: number;
  groups: {
    group: string;
    label: string;
    lines: RegisterLine[];
    total: { costVnd: number; wearYearVnd: number; accumulatedVnd: number; remainingVnd: number };
  }[];
  total: { costVnd: number; wearYearVnd: number; accumulatedVnd: number; remainingVnd: number };
}

const METHOD_LABEL: Record<string, string> = {
  transfer: 'Điều chuyển',
  sale: 'Thanh lý (bán)',
  scrap: 'Thanh lý (phá dỡ, hủy bỏ)',
  destroy: 'Tiêu hủy',
  loss: 'Bị mất',
};

/** Fixed assets on the books during `year`, with the year's wear and the values at 31/12. */
export async function registerModel(m: EntityManager, cats: AssetCatalogs, year: number): Promise<RegisterModel> {
  const end = `${year}-12-31`;
  const start = `${year}-01-01`;
  const assets = (
    (await m.query(
      `SELECT * FROM asset WHERE deletedAt IS NULL AND category IN ('fixed','land','special') ORDER BY assetClass, code`,
    )) as Record<string, unknown>[]
  ).map(hydrateAsset);
  const rooms = new Map((await m.getRepository(RoomEntity).find()).map((r) => [r.id, r.code]));
  const ids = assets.map((a) => a.id);
  const events = new Map<string, { type: string; date: string; documentNo: string; payload: Record<string, unknown> }[]>();
  for (let i = 0; i < ids.length; i += 900) {
    const chunk = ids.slice(i, i + 900);
    const rows = (await m.query(
      `SELECT e.assetId, e.type, e.date, e.documentNo, e.payload, e.refId, r.status AS runStatus FROM asset_event e LEFT JOIN asset_wear_run r ON r.id = e.refId
       WHERE e.assetId IN (${chunk.map(() => '?').join(',')}) AND e.date <= ? ORDER BY e.date, e.id`,
      [...chunk, end],
    )) as { assetId: string; type: string; date: string; documentNo: string; payload: string; runStatus: string | null }[];
    for (const r of rows) {
      const list = events.get(r.assetId) ?? [];
      list.push({
        type: r.type,
        date: r.date,
        documentNo: r.documentNo,
        payload: { ...(JSON.parse(r.payload) as Record<string, unknown>), runStatus: r.runStatus },
      });
      events.set(r.assetId, list);
    }
  }
  const groups = new Map<string, RegisterModel['groups'][number]>();
  const total = { costVnd: 0, wearYearVnd: 0, accumulatedVnd: 0, remainingVnd: 0 };
  for (const a of assets) {
    const evs = events.get(a.id) ?? [];
    if (!evs.some((e) => e.type === 'recognise')) continue; // booked after the year
    const state: Record<string, unknown> = {};
    let wearYear = 0;
    let removal = '';
    let removedBefore = false;
    for (const e of evs) {
      const after = e.payload.after as Record<string, unknown> | undefined;
      if (e.type === 'recognise') Object.assign(state, after ?? {});
      else if (after) Object.assign(state, after);
      if ((e.type === 'wear' || e.type === 'wear_reversal') && e.date.startsWith(String(year)))
        wearYear += Number(e.payload.annualVnd) || 0;
      if (e.type === 'disposal_execution' || (e.type === 'write_off' && e.payload.whole)) {
        if (e.date < start) removedBefore = true;
        else
          removal = `${METHOD_LABEL[String(e.payload.method)] ?? 'Ghi giảm'} ${e.documentNo} ngày ${vnDate(e.date)}`.replace(
            /\s+/g,
            ' ',
          );
      }
    }
    if (removedBefore) continue;
    const cost = Number(state.costVnd ?? a.costVnd);
    const acc = Number(state.accumulatedWearVnd ?? a.accumulatedWearVnd);
    const line: RegisterLine = {
      code: a.code,
      name: [a.name, a.model, a.brand].filter(Boolean).join(' — '),
      documentNo: a.documentNo,
      documentDate: vnDate(a.documentDate),
      originCountry: a.originCountry,
      putInUse: vnDate(a.putInUseDate),
      room: a.roomId ? (rooms.get(a.roomId) ?? '') : '',
      costVnd: cost,
      ratePercent: a.wearRatePercent ?? (a.usefulLifeYears ? Math.round(10000 / a.usefulLifeYears) / 100 : null),
      wearYearVnd: wearYear,
      accumulatedVnd: acc,
      remainingVnd: cost - acc,
      removal,
    };
    let g = groups.get(a.assetClass);
    if (!g) {
      g = {
        group: a.assetClass,
        label: classLabel(cats, a.assetClass),
        lines: [],
        total: { costVnd: 0, wearYearVnd: 0, accumulatedVnd: 0, remainingVnd: 0 },
      };
      groups.set(a.assetClass, g);
    }
    g.lines.push(line);
    for (const t of [g.total, total]) {
      t.costVnd += line.costVnd;
      t.wearYearVnd += line.wearYearVnd;
      t.accumulatedVnd += line.accumulatedVnd;
      t.remainingVnd += line.remainingVnd;
    }
  }
  return { school: await schoolHeader(m), year, groups: [...groups.values()], total };
}

// ───────────────────────────── thẻ tài sản cố định ─────────────────────────────

export interface CardModel {
  school: SchoolHeader;
  asset: AssetRow;
  classLabel: string;
  room: string;
  funding: string;
  costLines: { documentNo: string; date: string; description: string; costVnd: number }[];
  wear: { year: number; annualVnd: number; accumulatedVnd: number; remainingVnd: number }[];
  removal: { documentNo: string; date: string; reason: string } | null;
}

export async function cardModel(m: EntityManager, cats: AssetCatalogs, id: string): Promise<CardModel> {
  const asset = await m.getRepository(AssetEntity).findOneBy({ id, deletedAt: IsNull() });
  if (!asset) throw new RpcError('NOT_FOUND', 'Không tìm thấy tài sản.');
  const room = asset.roomId ? await m.getRepository(RoomEntity).findOneBy({ id: asset.roomId }) : null;
  const evs = await m
    .getRepository(AssetEventEntity)
    .find({
      where: { assetId: id, type: In(['recognise', 'cost_change', 'disposal_execution', 'write_off']) },
      order: { date: 'ASC', id: 'ASC' },
    });
  const costLines: CardModel['costLines'] = [];
  let removal: CardModel['removal'] = null;
  for (const e of evs) {
    const p = JSON.parse(e.payload) as Record<string, unknown> & { after?: { costVnd?: number } };
    if (e.type === 'recognise')
      costLines.push({
        documentNo: e.documentNo,
        date: vnDate(e.documentDate ?? e.date),
        description: `Ghi tăng (${labelOf(cats.classes.origins, String(p.origin ?? asset.acquiredVia))})`,
        costVnd: Number(p.after?.costVnd ?? asset.costVnd),
      });
    else if (e.type === 'cost_change')
      costLines.push({
        documentNo: e.documentNo,
        date: vnDate(e.documentDate ?? e.date),
        description: `Thay đổi nguyên giá (${String(p.reason)})`,
        costVnd: Number(p.newCostVnd) - Number(p.oldCostVnd),
      });
    else if (e.type === 'disposal_execution' || (e.type === 'write_off' && p.whole))
      removal = {
        documentNo: e.documentNo,
        date: vnDate(e.date),
        reason: String(p.reason ?? METHOD_LABEL[String(p.method)] ?? ''),
      };
  }
  return {
    school: await schoolHeader(m),
    asset,
    classLabel: classLabel(cats, asset.assetClass),
    room: room ? `${room.code} — ${room.name}` : '',
    funding: labelOf(cats.classes.fundingSources, asset.fundingSource, ''),
    costLines,
    wear: await wearByYear(m, id),
    removal,
  };
}
