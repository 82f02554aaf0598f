import { IsNull, type EntityManager } from 'typeorm';
import { RpcError } from '../../../contract/rpc';
import type { CitationStatus } from '../../../core/assessment/gating';
import { isOverdue } from '../../../core/assessment/plan';
import { findCriterion, levelLabel } from '../../../core/frameworks/lookup';
import { nowIso } from '../../db/clock';
import type { SyncTx } from '../../db/sync-tx';
import type { FrameworkRegistry } from '../../frameworks/framework-loader';
import { earlierAssessments } from './assessment.service';
import { canManage, ensureOpen, parseJsonArray, pin, requireManager, type Actor, type Workspace } from './context';
import type {
  ImprovementIssueDto,
  ImprovementIssueInput,
  ImprovementItemDto,
  ImprovementItemInput,
  ImprovementMonitoringDto,
  ImprovementMonitoringInput,
  ImprovementPlanDto,
} from './dto';
import {
  AssessmentEntity,
  AssessmentSummaryEntity,
  CouncilMemberEntity,
  ImprovementIssueEntity,
  ImprovementItemEntity,
  ImprovementMonitoringEntity,
  type ImprovementIssueRow,
  type ImprovementItemRow,
  type ImprovementMonitoringRow,
} from './entities';
import { citationStatuses, localToday } from './evidence-access';
import { computeLevels, loadData, summaryScopes } from './levels.service';
import { scopeCriteria, summaryStandard } from './summary.service';

const open = (r: { carriedOver: boolean; confirmedAt: string | null }) => Boolean(r.carriedOver) && !r.confirmedAt;

export function issueDto(r: ImprovementIssueRow): ImprovementIssueDto {
  return {
    id: r.id,
    assessmentId: r.assessmentId,
    standardCode: r.standardCode,
    criterionCodes: parseJsonArray(r.criterionCodes),
    currentState: r.currentState,
    weakness: r.weakness,
    cause: r.cause,
    sortOrder: r.sortOrder,
    carriedOver: Boolean(r.carriedOver),
    needsConfirmation: open(r),
    rev: r.rev,
  };
}

export function itemDto(r: ImprovementItemRow, statuses: ReadonlyMap<string, CitationStatus>, today: string): ImprovementItemDto {
  return {
    id: r.id,
    assessmentId: r.assessmentId,
    issueId: r.issueId,
    content: r.content,
    goal: r.goal,
    actions: r.actions,
    indicator: r.indicator,
    timeframe: r.timeframe,
    startDate: r.startDate,
    dueDate: r.dueDate,
    owner: r.owner,
    ownerMemberId: r.ownerMemberId,
    resources: r.resources,
    expectedEvidence: r.expectedEvidence,
    progress: r.progress,
    progressNote: r.progressNote,
    evidence: parseJsonArray(r.evidenceIds)
      .map((id) => statuses.get(id.toLowerCase()))
      .filter((s): s is CitationStatus => s !== undefined),
    sortOrder: r.sortOrder,
    carriedFromId: r.carriedFromId,
    carriedOver: Boolean(r.carriedOver),
    needsConfirmation: open(r),
    overdue: isOverdue(r.dueDate, today, r.progress !== 'done'),
    rev: r.rev,
  };
}

export function monitoringDto(r: ImprovementMonitoringRow): ImprovementMonitoringDto {
  return {
    id: r.id,
    assessmentId: r.assessmentId,
    checkpoint: r.checkpoint,
    itemId: r.itemId,
    content: r.content,
    result: r.result,
    adjustment: r.adjustment,
    reviewer: r.reviewer,
    reviewedOn: r.reviewedOn,
    sortOrder: r.sortOrder,
    rev: r.rev,
  };
}

async function rows(m: EntityManager, assessmentId: string) {
  const where = { assessmentId, deletedAt: IsNull() };
  const order = { sortOrder: 'ASC' as const, createdAt: 'ASC' as const };
  return {
    issues: await m.getRepository(ImprovementIssueEntity).find({ where, order }),
    items: await m.getRepository(ImprovementItemEntity).find({ where, order }),
    monitoring: await m.getRepository(ImprovementMonitoringEntity).find({ where, order: { checkpoint: 'ASC', ...order } }),
  };
}

export async function itemDtos(
  m: EntityManager,
  ws: Workspace,
  items: ImprovementItemRow[],
  today = localToday(),
): Promise<ImprovementItemDto[]> {
  const statuses = await citationStatuses(
    m,
    items.flatMap((i) => parseJsonArray(i.evidenceIds)),
    ws.fw.id,
    today,
  );
  return items.map((i) => itemDto(i, statuses, today));
}

/** Weaknesses written by the council with no issue made from them yet. */
async function suggestions(
  m: EntityManager,
  ws: Workspace,
  issues: ImprovementIssueRow[],
): Promise<ImprovementPlanDto['suggestions']> {
  const summaries = await m
    .getRepository(AssessmentSummaryEntity)
    .find({ where: { assessmentId: ws.row.id, deletedAt: IsNull() } });
  const scopes = summaryScopes(ws);
  return summaries
    .filter((s) => s.weaknesses.trim() !== '')
    .filter((s) => {
      const standard = summaryStandard(ws, s.scopeCode);
      return !issues.some(
        (i) => i.standardCode === standard && (ws.fw.family === 'tt57' || parseJsonArray(i.criterionCodes).includes(s.scopeCode)),
      );
    })
    .map((s) => ({
      scopeCode: s.scopeCode,
      title: scopes.find((x) => x.code === s.scopeCode)?.label ?? s.scopeCode,
      weaknesses: s.weaknesses,
      causes: s.causes,
    }))
    .sort((a, b) => a.scopeCode.localeCompare(b.scopeCode, 'vi', { numeric: true }));
}

export async function getImprovement(
  m: EntityManager,
  frameworks: FrameworkRegistry,
  ws: Workspace,
  actor: Actor,
): Promise<ImprovementPlanDto> {
  const today = localToday();
  const r = await rows(m, ws.row.id);
  const prevRow = ws.row.previousId
    ? await m.getRepository(AssessmentEntity).findOneBy({ id: ws.row.previousId, deletedAt: IsNull() })
    : ((await earlierAssessments(m, ws.row))[0] ?? null);
  let previous: ImprovementPlanDto['previous'] = null;
  if (prevRow) {
    const fw = frameworks.get(prevRow.frameworkId);
    const pws: Workspace = { row: prevRow, fw: fw && fw.kind === 'levels' ? fw : ws.fw };
    previous = {
      assessmentId: prevRow.id,
      schoolYear: prevRow.schoolYear,
      items: await itemDtos(m, pws, (await rows(m, prevRow.id)).items, today),
    };
  }
  return {
    assessmentId: ws.row.id,
    issues: r.issues.map(issueDto),
    items: await itemDtos(m, ws, r.items, today),
    monitoring: r.monitoring.map(monitoringDto),
    previous,
    suggestions: await suggestions(m, ws, r.issues),
    canManage: ws.row.status !== 'approved' && canManage(actor),
  };
}

/** One issue per suggestion: standard, related criteria (those below the top level), current state, weakness, cause. */
export async function pullIssues(tx: SyncTx, ws: Workspace, actor: Actor): Promise<ImprovementIssueRow[]> {
  ensureOpen(ws);
  requireManager(actor);
  const m = tx.manager;
  const existing = (await rows(m, ws.row.id)).issues;
  const todo = await suggestions(m, ws, existing);
  const { results } = computeLevels(ws, (await loadData(m, ws)).forLevels);
  const created: ImprovementIssueRow[] = [];
  let order = existing.length;
  for (const s of todo) {
    const codes = scopeCriteria(ws, s.scopeCode);
    const related = ws.fw.family === 'tt57' ? codes.filter((c) => results[c]!.level < ws.fw.maxLevel) : codes;
    const state = codes.map((c) => `${c} ${levelLabel(ws.fw, results[c]!.level)}`).join('; ');
    created.push(
      await tx.insert(ImprovementIssueEntity, {
        assessmentId: ws.row.id,
        standardCode: summaryStandard(ws, s.scopeCode),
        criterionCodes: JSON.stringify(related),
        currentState: `Kết quả tự đánh giá: ${state}.`,
        weakness: s.weaknesses,
        cause: s.causes,
        sortOrder: ++order,
        carriedOver: false,
        confirmedAt: null,
      }),
    );
  }
  if (created.length > 0) await pin(tx, ws);
  return created;
}

function checkStandard(ws: Workspace, standardCode: string, criterionCodes: string[] | undefined): void {
  if (!ws.fw.standards.some((s) => s.code === standardCode)) {
    throw new RpcError('VALIDATION', `Khung "${ws.fw.shortTitle}" không có tiêu chuẩn ${standardCode}.`, {
      standardCode: 'Tiêu chuẩn không tồn tại',
    });
  }
  for (const c of criterionCodes ?? []) {
    if (!findCriterion(ws.fw, c))
      throw new RpcError('VALIDATION', `Không có tiêu chí ${c}.`, { criterionCodes: `Không có tiêu chí ${c}` });
  }
}

export async function saveIssue(
  tx: SyncTx,
  ws: Workspace,
  actor: Actor,
  input: ImprovementIssueInput,
): Promise<ImprovementIssueRow> {
  ensureOpen(ws);
  requireManager(actor);
  const repo = tx.manager.getRepository(ImprovementIssueEntity);
  let row: ImprovementIssueRow;
  if (input.id) {
    const current = await repo.findOneBy({ id: input.id, assessmentId: ws.row.id, deletedAt: IsNull() });
    if (!current) throw new RpcError('NOT_FOUND', 'Không tìm thấy vấn đề cải tiến.');
    checkStandard(ws, input.standardCode ?? current.standardCode, input.criterionCodes);
    row = await tx.update(
      ImprovementIssueEntity,
      current.id,
      {
        standardCode: input.standardCode,
        criterionCodes: input.criterionCodes ? JSON.stringify(input.criterionCodes) : undefined,
        currentState: input.currentState,
        weakness: input.weakness,
        cause: input.cause,
        sortOrder: input.sortOrder,
        ...(input.confirm && open(current) ? { confirmedAt: nowIso() } : {}),
      },
      input.expectedRev,
    );
  } else {
    if (!input.standardCode)
      throw new RpcError('VALIDATION', 'Vui lòng chọn tiêu chuẩn.', { standardCode: 'Vui lòng chọn tiêu chuẩn' });
    checkStandard(ws, input.standardCode, input.criterionCodes);
    row = await tx.insert(ImprovementIssueEntity, {
      assessmentId: ws.row.id,
      standardCode: input.standardCode,
      criterionCodes: JSON.stringify(input.criterionCodes ?? []),
      currentState: input.currentState ?? '',
      weakness: input.weakness ?? '',
      cause: input.cause ?? '',
      sortOrder: input.sortOrder ?? (await repo.countBy({ assessmentId: ws.row.id, deletedAt: IsNull() })) + 1,
      carriedOver: false,
      confirmedAt: null,
    });
  }
  await pin(tx, ws);
  return row;
}

export async function removeIssue(tx: SyncTx, ws: Workspace, actor: Actor, id: string): Promise<void> {
  ensureOpen(ws);
  requireManager(actor);
  for (const i of await tx.manager.getRepository(ImprovementItemEntity).find({ where: { issueId: id, deletedAt: IsNull() } })) {
    await tx.update(ImprovementItemEntity, i.id, { issueId: null });
  }
  await tx.remove(ImprovementIssueEntity, id);
}

const OWNER_FIELDS = ['assessmentId', 'id', 'expectedRev', 'progress', 'progressNote', 'evidenceIds'];

export async function saveItem(
  tx: SyncTx,
  ws: Workspace,
  actor: Actor,
  input: ImprovementItemInput,
): Promise<ImprovementItemRow> {
  ensureOpen(ws);
  const m = tx.manager;
  const repo = m.getRepository(ImprovementItemEntity);
  const current = input.id ? await repo.findOneBy({ id: input.id, assessmentId: ws.row.id, deletedAt: IsNull() }) : null;
  if (input.id && !current) throw new RpcError('NOT_FOUND', 'Không tìm thấy nội dung kế hoạch cải tiến.');
  // The person in charge reports progress and the evidence that shows it done; the rest is for the managers.
  const ownerOnly =
    current !== null &&
    actor.member !== null &&
    current.ownerMemberId === actor.member.id &&
    Object.entries(input).every(([k, v]) => v === undefined || OWNER_FIELDS.includes(k));
  if (!ownerOnly) requireManager(actor);
  if (input.issueId) {
    const issue = await m
      .getRepository(ImprovementIssueEntity)
      .findOneBy({ id: input.issueId, assessmentId: ws.row.id, deletedAt: IsNull() });
    if (!issue) throw new RpcError('VALIDATION', 'Vấn đề cải tiến không tồn tại.', { issueId: 'Vấn đề không tồn tại' });
  }
  if (input.ownerMemberId) {
    const member = await m
      .getRepository(CouncilMemberEntity)
      .findOneBy({ id: input.ownerMemberId, assessmentId: ws.row.id, deletedAt: IsNull() });
    if (!member)
      throw new RpcError('VALIDATION', 'Người phụ trách phải là thành viên hội đồng.', {
        ownerMemberId: 'Không phải thành viên hội đồng',
      });
  }
  if (input.evidenceIds) {
    const statuses = await citationStatuses(m, input.evidenceIds, ws.fw.id);
    const missing = [...statuses.values()].filter((s) => s.problem === 'missing');
    if (missing.length > 0)
      throw new RpcError('VALIDATION', 'Có minh chứng không còn trong kho.', { evidenceIds: 'Minh chứng không tồn tại' });
  }
  const start = input.startDate !== undefined ? input.startDate : (current?.startDate ?? null);
  const due = input.dueDate !== undefined ? input.dueDate : (current?.dueDate ?? null);
  if (start && due && due < start)
    throw new RpcError('VALIDATION', 'Hạn hoàn thành phải sau ngày bắt đầu.', { dueDate: 'Hạn phải sau ngày bắt đầu' });
  const evidenceIds = input.evidenceIds ? JSON.stringify([...new Set(input.evidenceIds.map((x) => x.toLowerCase()))]) : undefined;
  let row: ImprovementItemRow;
  if (current) {
    const { assessmentId: _a, id: _i, expectedRev, confirm, evidenceIds: _e, ...fields } = input;
    row = await tx.update(
      ImprovementItemEntity,
      current.id,
      { ...fields, evidenceIds, ...(confirm && open(current) ? { confirmedAt: nowIso() } : {}) },
      expectedRev,
    );
  } else {
    row = await tx.insert(ImprovementItemEntity, {
      assessmentId: ws.row.id,
      issueId: input.issueId ?? null,
      content: input.content ?? '',
      goal: input.goal ?? '',
      actions: input.actions ?? '',
      indicator: input.indicator ?? '',
      timeframe: input.timeframe ?? '',
      startDate: input.startDate ?? null,
      dueDate: input.dueDate ?? null,
      owner: input.owner ?? '',
      ownerMemberId: input.ownerMemberId ?? null,
      resources: input.resources ?? '',
      expectedEvidence: input.expectedEvidence ?? '',
      progress: input.progress ?? 'not_started',
      progressNote: input.progressNote ?? '',
      evidenceIds: evidenceIds ?? '[]',
      sortOrder: input.sortOrder ?? (await repo.countBy({ assessmentId: ws.row.id, deletedAt: IsNull() })) + 1,
      carriedFromId: null,
      carriedOver: false,
      confirmedAt: null,
    });
  }
  await pin(tx, ws);
  return row;
}

export async function removeItem(tx: SyncTx, ws: Workspace, actor: Actor, id: string): Promise<void> {
  ensureOpen(ws);
  requireManager(actor);
  for (const x of await tx.manager
    .getRepository(ImprovementMonitoringEntity)
    .find({ where: { itemId: id, deletedAt: IsNull() } })) {
    await tx.update(ImprovementMonitoringEntity, x.id, { itemId: null });
  }
  await tx.remove(ImprovementItemEntity, id);
}

export async function saveMonitoring(
  tx: SyncTx,
  ws: Workspace,
  actor: Actor,
  input: ImprovementMonitoringInput,
): Promise<ImprovementMonitoringRow> {
  ensureOpen(ws);
  requireManager(actor);
  const m = tx.manager;
  if (input.itemId) {
    const item = await m
      .getRepository(ImprovementItemEntity)
      .findOneBy({ id: input.itemId, assessmentId: ws.row.id, deletedAt: IsNull() });
    if (!item) throw new RpcError('VALIDATION', 'Nội dung kế hoạch cải tiến không tồn tại.', { itemId: 'Không tồn tại' });
  }
  const repo = m.getRepository(ImprovementMonitoringEntity);
  let row: ImprovementMonitoringRow;
  if (input.id) {
    const current = await repo.findOneBy({ id: input.id, assessmentId: ws.row.id, deletedAt: IsNull() });
    if (!current) throw new RpcError('NOT_FOUND', 'Không tìm thấy kết quả theo dõi.');
    const { assessmentId: _a, id: _i, expectedRev, ...fields } = input;
    row = await tx.update(ImprovementMonitoringEntity, current.id, fields, expectedRev);
  } else {
    if (!input.checkpoint) {
      throw new RpcError('VALIDATION', 'Vui lòng chọn thời điểm theo dõi (cuối học kỳ I hoặc cuối năm học).', {
        checkpoint: 'Vui lòng chọn thời điểm',
      });
    }
    row = await tx.insert(ImprovementMonitoringEntity, {
      assessmentId: ws.row.id,
      checkpoint: input.checkpoint,
      itemId: input.itemId ?? null,
      content: input.content ?? '',
      result: input.result ?? '',
      adjustment: input.adjustment ?? '',
      reviewer: input.reviewer ?? '',
      reviewedOn: input.reviewedOn ?? null,
      sortOrder: input.sortOrder ?? (await repo.countBy({ assessmentId: ws.row.id, deletedAt: IsNull() })) + 1,
    });
  }
  await pin(tx, ws);
  return row;
}

export async function removeMonitoring(tx: SyncTx, ws: Workspace, actor: Actor, id: string): Promise<void> {
  ensureOpen(ws);
  requireManager(actor);
  await tx.remove(ImprovementMonitoringEntity, id);
}
