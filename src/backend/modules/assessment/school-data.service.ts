import { In, IsNull, type EntityManager } from 'typeorm';
import { RpcError } from '../../../contract/rpc';
import type { EducationLevel } from '../../../contract/schemas/common';
import {
  catalogItems,
  normaliseDataValue,
  schoolDataCatalog,
  type SchoolDataCatalog,
} from '../../../core/assessment/school-data';
import { shiftSchoolYear } from '../../../core/assessment/school-year';
import type { SyncTx } from '../../db/sync-tx';
import { annexRoomCountsForYears } from '../assets/places';
import { canManage, ensureOpen, requireManager, type Actor, type Workspace } from './context';
import type { SchoolDataDto } from './dto';
import { SchoolDataValueEntity } from './entities';

/**
 * Room counts per school year from the asset register, keyed by the catalog keys of section
 * "cong_trinh" (e.g. "cong_trinh.phong_hoc.kien_co", "cong_trinh.thu_vien"), or null while the
 * register has no rooms (src/backend/modules/assets/places.ts, mapping in
 * src/core/assets/annex-rooms.ts). An entered value still wins over a counted one, so a school
 * can correct the count.
 */
export function roomCountsFromInventory(
  m: EntityManager,
  schoolYears: string[],
): Promise<Map<string, Record<string, number>> | null> {
  return annexRoomCountsForYears(m, schoolYears);
}

export function catalogOf(ws: Workspace): SchoolDataCatalog {
  return schoolDataCatalog(ws.fw, ws.row.educationLevel as EducationLevel);
}

/** The assessment's year and the ones before it, oldest first (TT 57: 3 years). */
export function dataYears(ws: Workspace, catalog = catalogOf(ws)): string[] {
  const years: string[] = [];
  for (let i = catalog.windowYears - 1; i >= 0; i--) years.push(shiftSchoolYear(ws.row.schoolYear, -i));
  return years;
}

export async function getSchoolData(m: EntityManager, ws: Workspace, actor: Actor): Promise<SchoolDataDto> {
  const catalog = catalogOf(ws);
  const years = dataYears(ws, catalog);
  const items = catalogItems(catalog);
  const rows = await m.getRepository(SchoolDataValueEntity).find({ where: { schoolYear: In(years), deletedAt: IsNull() } });
  const countedByYear = await roomCountsFromInventory(m, years);
  const values: SchoolDataDto['values'] = {};
  for (const year of years) {
    const entered = new Map(rows.filter((r) => r.schoolYear === year).map((r) => [r.dataKey, r.value]));
    const counted = countedByYear?.get(year) ?? {};
    const out: SchoolDataDto['values'][string] = {};
    for (const it of items) {
      const e = entered.get(it.key);
      if (e !== undefined) out[it.key] = { value: e, source: 'entered' };
      else if (it.source === 'inventory' && counted[it.key] !== undefined)
        out[it.key] = { value: String(counted[it.key]), source: 'inventory' };
    }
    // Totals ("Cộng") not entered: the sum of their parts, when at least one part has a value.
    for (const it of items) {
      if (!it.sumOf || out[it.key]) continue;
      const parts = it.sumOf.map((k) => out[k]?.value).filter((v): v is string => v !== undefined);
      if (parts.length > 0) out[it.key] = { value: String(parts.reduce((s, v) => s + Number(v), 0)), source: 'computed' };
    }
    values[year] = out;
  }
  return { assessmentId: ws.row.id, catalog, years, values, canEdit: ws.row.status !== 'approved' && canManage(actor) };
}

export async function setSchoolData(
  tx: SyncTx,
  ws: Workspace,
  actor: Actor,
  schoolYear: string,
  values: Record<string, string | number | null>,
): Promise<void> {
  ensureOpen(ws);
  requireManager(actor);
  const catalog = catalogOf(ws);
  const years = dataYears(ws, catalog);
  if (!years.includes(schoolYear)) {
    throw new RpcError('VALIDATION', `Cơ sở dữ liệu của đợt này gồm các năm học ${years.join(', ')}.`, {
      schoolYear: 'Năm học ngoài phạm vi',
    });
  }
  const items = new Map(catalogItems(catalog).map((i) => [i.key, i]));
  const fields: Record<string, string> = {};
  const clean: [string, string | null][] = [];
  for (const [key, raw] of Object.entries(values)) {
    const it = items.get(key);
    if (!it) {
      fields[key] = 'Không có trong danh mục cơ sở dữ liệu';
      continue;
    }
    if (it.currentYearOnly && schoolYear !== ws.row.schoolYear) {
      fields[key] = `${it.label}: chỉ nhập cho năm học ${ws.row.schoolYear} (thời điểm tự đánh giá)`;
      continue;
    }
    if (raw === null || (typeof raw === 'string' && raw.trim() === '')) {
      clean.push([key, null]);
      continue;
    }
    const v = normaliseDataValue(it, raw);
    if ('error' in v) fields[key] = v.error;
    else clean.push([key, v.value]);
  }
  if (Object.keys(fields).length > 0) {
    throw new RpcError(
      'VALIDATION',
      `Có ${Object.keys(fields).length} số liệu không hợp lệ: ${Object.values(fields).slice(0, 3).join('; ')}.`,
      fields,
    );
  }
  const repo = tx.manager.getRepository(SchoolDataValueEntity);
  for (const [key, value] of clean) {
    const current = await repo.findOneBy({ schoolYear, dataKey: key, deletedAt: IsNull() });
    if (value === null) {
      if (current) await tx.remove(SchoolDataValueEntity, current.id);
    } else if (current) {
      await tx.update(SchoolDataValueEntity, current.id, { value, updatedBy: actor.userId });
    } else {
      await tx.insert(SchoolDataValueEntity, { schoolYear, dataKey: key, value, updatedBy: actor.userId });
    }
  }
}
