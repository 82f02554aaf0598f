import { IsNull, type EntityManager } from 'typeorm';
import { RpcError } from '../../../contract/rpc';
import { findCriterion, requirementsAt } from '../../../core/frameworks/lookup';
import type { SyncTx } from '../../db/sync-tx';
import { ensureRecord, type Actor, type Workspace } from './context';
import type { CriterionVersionDetail, CriterionVersionDto } from './dto';
import { CriterionRecordEntity, CriterionVersionEntity, RequirementEntryEntity, type CriterionVersionRow } from './entities';

/** Consecutive edits of one criterion by one person within this window make one version. */
export const VERSION_MERGE_MS = 10 * 60 * 1000;

export type ChangedField = 'description' | 'judgment' | 'confirmation';
export interface VersionChange {
  level: number;
  requirementCode: string;
  fields: ChangedField[];
}
export interface SnapshotEntry {
  level: number;
  requirementCode: string;
  description: string;
  judgment: 'met' | 'not_met' | 'unassessed';
}

const FIELD_TEXT: Record<ChangedField, string> = { description: 'hiện trạng', judgment: 'đánh giá', confirmation: 'xác nhận' };

function parse<T>(text: string): T[] {
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}

/** "Mức 1: hiện trạng, đánh giá; Mức 2: hiện trạng". */
export function describeChanges(ws: Workspace, code: string, changes: readonly VersionChange[]): string {
  const criterion = findCriterion(ws.fw, code);
  return changes
    .map((c) => {
      const several = criterion ? requirementsAt(criterion, c.level).length > 1 : true;
      return `Mức ${c.level}${several ? ` (${c.requirementCode})` : ''}: ${c.fields.map((f) => FIELD_TEXT[f]).join(', ')}`;
    })
    .join('; ');
}

function mergeChanges(a: readonly VersionChange[], b: readonly VersionChange[]): VersionChange[] {
  const out = a.map((c) => ({ ...c, fields: [...c.fields] }));
  for (const c of b) {
    const same = out.find((x) => x.level === c.level && x.requirementCode === c.requirementCode);
    if (!same) {
      out.push({ ...c, fields: [...c.fields] });
      continue;
    }
    for (const f of c.fields) if (!same.fields.includes(f)) same.fields.push(f);
  }
  return out.sort((x, y) => x.level - y.level || x.requirementCode.localeCompare(y.requirementCode));
}

async function snapshot(m: EntityManager, assessmentId: string, code: string): Promise<SnapshotEntry[]> {
  const entries = await m.getRepository(RequirementEntryEntity).find({
    where: { assessmentId, criterionCode: code, deletedAt: IsNull() },
    order: { level: 'ASC', requirementCode: 'ASC' },
  });
  return entries.map((e) => ({
    level: e.level,
    requirementCode: e.requirementCode,
    description: e.description,
    judgment: e.judgment,
  }));
}

/**
 * Records the criterion's state after a change. An edit right after the same person's previous
 * edit (within VERSION_MERGE_MS) updates that version instead of adding one, so autosave does not
 * flood the history. The criterion record's rev changes either way.
 */
export async function writeVersion(
  tx: SyncTx,
  ws: Workspace,
  code: string,
  actor: Actor,
  opts: { kind: 'edit' | 'restore' | 'carry'; changes: VersionChange[]; summary?: string },
): Promise<CriterionVersionRow> {
  const record = await ensureRecord(tx, ws.row.id, code);
  const snap = JSON.stringify(await snapshot(tx.manager, ws.row.id, code));
  const repo = tx.manager.getRepository(CriterionVersionEntity);
  const last = await repo.findOne({
    where: { assessmentId: ws.row.id, criterionCode: code, deletedAt: IsNull() },
    order: { versionNo: 'DESC' },
  });
  if (
    opts.kind === 'edit' &&
    last &&
    last.kind === 'edit' &&
    last.actorId === actor.userId &&
    Date.now() - Date.parse(last.updatedAt) < VERSION_MERGE_MS
  ) {
    const changes = mergeChanges(parse<VersionChange>(last.changes), opts.changes);
    const updated = await tx.update(CriterionVersionEntity, last.id, {
      changes: JSON.stringify(changes),
      summary: describeChanges(ws, code, changes).slice(0, 500),
      snapshot: snap,
    });
    await tx.touch(CriterionRecordEntity, record.id);
    return updated;
  }
  const versionNo = Math.max(record.lastVersionNo, last?.versionNo ?? 0) + 1;
  const row = await tx.insert(CriterionVersionEntity, {
    assessmentId: ws.row.id,
    criterionCode: code,
    versionNo,
    kind: opts.kind,
    actorId: actor.userId,
    actorName: actor.name,
    summary: (opts.summary ?? describeChanges(ws, code, opts.changes)).slice(0, 500),
    changes: JSON.stringify(opts.changes),
    snapshot: snap,
  });
  await tx.update(CriterionRecordEntity, record.id, { lastVersionNo: versionNo });
  return row;
}

export function versionDto(v: CriterionVersionRow): CriterionVersionDto {
  return {
    id: v.id,
    criterionCode: v.criterionCode,
    versionNo: v.versionNo,
    kind: v.kind,
    actorId: v.actorId,
    actorName: v.actorName,
    at: v.updatedAt,
    summary: v.summary,
    changes: parse<VersionChange>(v.changes),
  };
}

export function versionDetail(v: CriterionVersionRow): CriterionVersionDetail {
  return { ...versionDto(v), snapshot: parse<SnapshotEntry>(v.snapshot) };
}

export async function history(m: EntityManager, assessmentId: string, code: string): Promise<CriterionVersionDto[]> {
  const rows = await m.getRepository(CriterionVersionEntity).find({
    where: { assessmentId, criterionCode: code, deletedAt: IsNull() },
    order: { versionNo: 'DESC' },
  });
  return rows.map(versionDto);
}

export async function findVersion(m: EntityManager, id: string): Promise<CriterionVersionRow> {
  const v = await m.getRepository(CriterionVersionEntity).findOneBy({ id, deletedAt: IsNull() });
  if (!v) throw new RpcError('NOT_FOUND', 'Không tìm thấy phiên bản này.');
  return v;
}

export function snapshotOf(v: CriterionVersionRow): SnapshotEntry[] {
  return parse<SnapshotEntry>(v.snapshot);
}
