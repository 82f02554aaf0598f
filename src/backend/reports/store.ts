/**
 * What the reports module keeps in the database: the narrative texts of the report (per
 * assessment) and one record per export (file, SHA-256, data revision, author). Both live as
 * JSON rows of the `meta` key/value table — no migration, local to this device, not synced
 * (see docs/decisions/0012-official-documents.md). Keys:
 *   reports.texts.<assessmentId>   reports.export.<exportId>
 */
import { Like, type EntityManager } from 'typeorm';
import { RpcError } from '../../contract/rpc';
import {
  REPORT_DATE_KEYS,
  REPORT_TEXT_KEYS,
  type ReportKind,
  type ReportTextsDto,
  type ReportTextsInput,
} from '../../contract/schemas/reports';
import { newId, nowIso } from '../db/clock';
import { ChangeLogEntity, MetaEntity } from '../db/entities';
import type { SyncTx } from '../db/sync-tx';

export type ReportTexts = Omit<ReportTextsDto, 'canEdit'>;

const TEXT_KEYS = REPORT_TEXT_KEYS;
const DATE_KEYS = REPORT_DATE_KEYS;

export const textsKey = (assessmentId: string): string => `reports.texts.${assessmentId}`;
export const exportKey = (exportId: string): string => `reports.export.${exportId}`;

export function emptyTexts(assessmentId: string): ReportTexts {
  return {
    assessmentId,
    rev: 0,
    updatedAt: null,
    updatedBy: null,
    ...(Object.fromEntries(TEXT_KEYS.map((k) => [k, ''])) as Record<(typeof TEXT_KEYS)[number], string>),
    ...(Object.fromEntries(DATE_KEYS.map((k) => [k, null])) as Record<(typeof DATE_KEYS)[number], string | null>),
    standardIntros: {},
  };
}

export async function readTexts(m: EntityManager, assessmentId: string): Promise<ReportTexts> {
  const row = await m.getRepository(MetaEntity).findOneBy({ key: textsKey(assessmentId) });
  const base = emptyTexts(assessmentId);
  if (!row) return base;
  try {
    const doc = JSON.parse(row.value) as Partial<ReportTexts>;
    const out: ReportTexts = { ...base };
    for (const k of TEXT_KEYS) if (typeof doc[k] === 'string') out[k] = doc[k];
    for (const k of DATE_KEYS) if (typeof doc[k] === 'string') out[k] = doc[k];
    if (doc.standardIntros && typeof doc.standardIntros === 'object') {
      out.standardIntros = Object.fromEntries(Object.entries(doc.standardIntros).filter(([, v]) => typeof v === 'string'));
    }
    out.rev = typeof doc.rev === 'number' ? doc.rev : 1;
    out.updatedAt = typeof doc.updatedAt === 'string' ? doc.updatedAt : null;
    out.updatedBy = typeof doc.updatedBy === 'string' ? doc.updatedBy : null;
    return out;
  } catch {
    return base;
  }
}

/** Saves the given fields; CONFLICT when someone saved since `expectedRev`; no-op when nothing changed. */
export async function saveTexts(tx: SyncTx, input: ReportTextsInput, actor: string | null): Promise<ReportTexts> {
  const current = await readTexts(tx.manager, input.assessmentId);
  const next: ReportTexts = { ...current };
  let changed = false;
  for (const k of TEXT_KEYS) {
    const v = input[k];
    if (v !== undefined && v !== current[k]) {
      next[k] = v;
      changed = true;
    }
  }
  for (const k of DATE_KEYS) {
    const v = input[k];
    if (v !== undefined && v !== current[k]) {
      next[k] = v;
      changed = true;
    }
  }
  if (input.standardIntros !== undefined) {
    const merged = { ...current.standardIntros };
    for (const [code, v] of Object.entries(input.standardIntros)) {
      if (v === '') delete merged[code];
      else merged[code] = v;
    }
    if (JSON.stringify(merged) !== JSON.stringify(current.standardIntros)) {
      next.standardIntros = merged;
      changed = true;
    }
  }
  if (!changed) return current;
  if (current.rev !== input.expectedRev) {
    throw new RpcError('CONFLICT', 'Nội dung báo cáo vừa được người khác sửa. Hãy tải lại rồi sửa tiếp.');
  }
  next.rev = current.rev + 1;
  next.updatedAt = nowIso();
  next.updatedBy = actor;
  await tx.manager.getRepository(MetaEntity).save({ key: textsKey(input.assessmentId), value: JSON.stringify(next) });
  return next;
}

// ---------------------------------------------------------------------------------------------
// Export records

export interface ExportRecord {
  exportId: string;
  assessmentId: string;
  schoolYear: string;
  kind: ReportKind;
  file: string;
  sha256: string;
  bytes: number;
  final: boolean;
  dataRevision: number;
  /** Revision of the report texts (kept outside the change log) the export was made from. */
  textsRev: number;
  createdAt: string;
  createdBy: string | null;
  createdByName: string;
  gapCount: number;
  preflightOk: boolean;
}

export function newExportId(): string {
  return newId();
}

export async function recordExport(tx: SyncTx, rec: ExportRecord): Promise<void> {
  await tx.manager.getRepository(MetaEntity).insert({ key: exportKey(rec.exportId), value: JSON.stringify(rec) });
}

export async function findExport(m: EntityManager, exportId: string): Promise<ExportRecord> {
  const row = await m.getRepository(MetaEntity).findOneBy({ key: exportKey(exportId) });
  if (!row) throw new RpcError('NOT_FOUND', 'Không tìm thấy bản xuất này.');
  return JSON.parse(row.value) as ExportRecord;
}

/** Newest first. */
export async function listExports(m: EntityManager, assessmentId?: string): Promise<ExportRecord[]> {
  const rows = await m.getRepository(MetaEntity).find({ where: { key: Like('reports.export.%') } });
  return rows
    .map((r) => {
      try {
        return JSON.parse(r.value) as ExportRecord;
      } catch {
        return null;
      }
    })
    .filter((r): r is ExportRecord => r !== null && (!assessmentId || r.assessmentId === assessmentId))
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.exportId < b.exportId ? 1 : -1));
}

/** The change-log sequence number of the last write: the data revision an export comes from. */
export async function dataRevision(m: EntityManager): Promise<number> {
  const r = await m
    .getRepository(ChangeLogEntity)
    .createQueryBuilder('c')
    .select('MAX(c.seq)', 'seq')
    .getRawOne<{ seq: number | null }>();
  return Number(r?.seq ?? 0);
}
