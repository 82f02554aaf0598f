import { IsNull, type EntityManager } from 'typeorm';
import { RpcError } from '../../../contract/rpc';
import { allCriteria, levelLabel, standardOf } from '../../../core/frameworks/lookup';
import type { SyncTx } from '../../db/sync-tx';
import type { FrameworkRegistry } from '../../frameworks/framework-loader';
import { earlierAssessments } from './assessment.service';
import { assignedCodes, canManage, ensureOpen, isAdmin, isChair, isWriter, pin, type Actor, type Workspace } from './context';
import type { SummariesDto, SummaryDto, SummaryInput } from './dto';
import { AssessmentSummaryEntity, type AssessmentSummaryRow } from './entities';
import { computeLevels, loadData, summaryScopes } from './levels.service';

const FIELDS = ['strengths', 'weaknesses', 'causes', 'trend', 'priorities'] as const;

/** Criteria a summary scope covers: a standard's criteria (TT 57) or the criterion itself. */
export function scopeCriteria(ws: Workspace, scopeCode: string): string[] {
  const scope = summaryScopes(ws).find((s) => s.code === scopeCode);
  if (!scope) return [];
  if (scope.kind === 'criterion') return [scopeCode];
  return ws.fw.standards.find((s) => s.code === scopeCode)?.criteria.map((c) => c.code) ?? [];
}

async function canEditScope(m: EntityManager, ws: Workspace, actor: Actor, scopeCode: string): Promise<boolean> {
  if (ws.row.status === 'approved' || !isWriter(actor)) return false;
  if (canManage(actor) || isAdmin(actor) || isChair(actor)) return true;
  const mine = await assignedCodes(m, ws.row.id, actor.member);
  return scopeCriteria(ws, scopeCode).some((c) => mine.has(c));
}

export async function listSummaries(
  m: EntityManager,
  frameworks: FrameworkRegistry,
  ws: Workspace,
  actor: Actor,
): Promise<SummariesDto> {
  const rows = await m.getRepository(AssessmentSummaryEntity).find({ where: { assessmentId: ws.row.id, deletedAt: IsNull() } });
  const data = await loadData(m, ws);
  const { assessment, results, assessed } = computeLevels(ws, data.forLevels);
  const scopes = summaryScopes(ws);
  const items: SummaryDto[] = [];
  for (const scope of scopes) {
    const row = rows.find((r) => r.scopeCode === scope.code);
    items.push({
      scopeCode: scope.code,
      scopeKind: scope.kind,
      title: scope.title,
      strengths: row?.strengths ?? '',
      weaknesses: row?.weaknesses ?? '',
      causes: row?.causes ?? '',
      trend: row?.trend ?? '',
      priorities: row?.priorities ?? '',
      rev: row?.rev ?? 0,
      updatedAt: row?.updatedAt ?? null,
      canEdit: await canEditScope(m, ws, actor, scope.code),
      criteria: scopeCriteria(ws, scope.code).map((code) => ({
        code,
        level: results[code]!.level,
        levelLabel: levelLabel(ws.fw, results[code]!.level),
        assessed: assessed.has(code),
      })),
    });
  }

  // Xu hướng 03 năm: this year and the earlier years of the same education level.
  const window = Math.max(1, ws.fw.timeRules.dataWindowYears ?? 3);
  const trend: SummariesDto['trend'] = [];
  for (const prev of (await earlierAssessments(m, ws.row)).slice(0, window - 1).reverse()) {
    const fw = frameworks.get(prev.frameworkId);
    if (!fw || fw.kind !== 'levels') continue;
    const pws: Workspace = { row: prev, fw };
    const computed = computeLevels(pws, (await loadData(m, pws)).forLevels);
    trend.push({
      assessmentId: prev.id,
      schoolYear: prev.schoolYear,
      frameworkId: prev.frameworkId,
      schoolLevel: computed.assessment.schoolLevel,
      schoolLevelLabel: computed.assessment.schoolLevelLabel,
      criteria:
        prev.frameworkId === ws.fw.id
          ? Object.fromEntries(allCriteria(fw).map((c) => [c.code, computed.results[c.code]!.level]))
          : null,
    });
  }
  trend.push({
    assessmentId: ws.row.id,
    schoolYear: ws.row.schoolYear,
    frameworkId: ws.fw.id,
    schoolLevel: assessment.schoolLevel,
    schoolLevelLabel: assessment.schoolLevelLabel,
    criteria: Object.fromEntries(allCriteria(ws.fw).map((c) => [c.code, results[c.code]!.level])),
  });
  return { scopeKind: scopes[0]?.kind ?? 'standard', items, trend };
}

export async function saveSummary(tx: SyncTx, ws: Workspace, actor: Actor, input: SummaryInput): Promise<AssessmentSummaryRow> {
  ensureOpen(ws);
  const scope = summaryScopes(ws).find((s) => s.code === input.scopeCode);
  if (!scope) {
    throw new RpcError(
      'NOT_FOUND',
      `Khung "${ws.fw.shortTitle}" không có ${ws.fw.family === 'tt57' ? 'tiêu chuẩn' : 'tiêu chí'} ${input.scopeCode}.`,
    );
  }
  if (!(await canEditScope(tx.manager, ws, actor, input.scopeCode))) {
    throw new RpcError(
      'FORBIDDEN',
      `Bạn chỉ viết được đánh giá chung của ${scope.label.toLowerCase()} có tiêu chí được phân công cho mình.`,
    );
  }
  const repo = tx.manager.getRepository(AssessmentSummaryEntity);
  const current = await repo.findOneBy({ assessmentId: ws.row.id, scopeCode: input.scopeCode, deletedAt: IsNull() });
  const patch = Object.fromEntries(
    FIELDS.filter((f) => input[f] !== undefined).map((f) => [f, input[f]!]),
  ) as Partial<AssessmentSummaryRow>;
  const changed = FIELDS.some((f) => patch[f] !== undefined && patch[f] !== (current?.[f] ?? ''));
  if (current && !changed) return current;
  if ((current?.rev ?? 0) !== input.expectedRev) {
    throw new RpcError('CONFLICT', 'Phần đánh giá chung này vừa được người khác sửa. Hãy tải lại rồi sửa tiếp.');
  }
  let row: AssessmentSummaryRow;
  if (current) row = await tx.update(AssessmentSummaryEntity, current.id, { ...patch, updatedBy: actor.userId });
  else {
    row = await tx.insert(AssessmentSummaryEntity, {
      assessmentId: ws.row.id,
      scopeCode: input.scopeCode,
      strengths: patch.strengths ?? '',
      weaknesses: patch.weaknesses ?? '',
      causes: patch.causes ?? '',
      trend: patch.trend ?? '',
      priorities: patch.priorities ?? '',
      updatedBy: actor.userId,
    });
  }
  await pin(tx, ws);
  return row;
}

export function summaryStandard(ws: Workspace, scopeCode: string): string {
  return ws.fw.family === 'tt57' ? scopeCode : (standardOf(ws.fw, scopeCode)?.code ?? scopeCode);
}
