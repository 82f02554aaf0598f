import { IsNull, Not, type EntityManager } from 'typeorm';
import { RpcError } from '../../../contract/rpc';
import type { EducationLevel } from '../../../contract/schemas/common';
import { carriesImprovementItem, carryDates, planCarryOver } from '../../../core/assessment/carry-over';
import { parseSchoolYear, schoolYearStartDate } from '../../../core/assessment/school-year';
import { extractCitationIds } from '../../../core/evidence/citations';
import { EDUCATION_LEVEL_LABELS, type LevelsFramework } from '../../../core/frameworks/framework.schema';
import { allCriteria, findCriterion, frameworksInForce, requirementsAt } from '../../../core/frameworks/lookup';
import { nowIso } from '../../db/clock';
import type { SyncTx } from '../../db/sync-tx';
import type { FrameworkRegistry } from '../../frameworks/framework-loader';
import { findSchool } from '../../services/school.service';
import { loadCodeRules } from '../evidence/code-rules';
import { EvidenceLinkEntity } from '../evidence/entities';
import { linkCriterion } from '../evidence/evidence.service';
import {
  canApprove,
  ensureOpen,
  ensureRecord,
  findAssessmentRow,
  levelsFramework,
  loadWorkspace,
  type Actor,
  type Workspace,
} from './context';
import type { AssessmentCreateInput, AssessmentDto, CarryOverReport, EvidenceOffer } from './dto';
import {
  AssessmentEntity,
  CouncilMemberEntity,
  CriterionRecordEntity,
  ImprovementIssueEntity,
  ImprovementItemEntity,
  PlanTaskEntity,
  RequirementEntryEntity,
  ReviewEventEntity,
  type AssessmentRow,
} from './entities';
import { citationStatuses, isLinked } from './evidence-access';
import { readinessOf } from './levels.service';
import { writeVersion } from './versions';

const LEVEL_TEXT = (l: string) => EDUCATION_LEVEL_LABELS[l as EducationLevel] ?? l;

export async function assessmentDto(m: EntityManager, frameworks: FrameworkRegistry, row: AssessmentRow): Promise<AssessmentDto> {
  const fw = frameworks.get(row.frameworkId);
  const criteria = fw && fw.kind === 'levels' ? allCriteria(fw) : [];
  const requirements = criteria.reduce((n, c) => n + c.levels.reduce((k, l) => k + requirementsAt(c, l.level).length, 0), 0);
  const where = { assessmentId: row.id, deletedAt: IsNull() };
  const [approvedCriteria, judgedRequirements, members] = await Promise.all([
    m.getRepository(CriterionRecordEntity).countBy({ ...where, reviewState: 'approved' }),
    m.getRepository(RequirementEntryEntity).countBy({ ...where, judgment: Not('unassessed') }),
    m.getRepository(CouncilMemberEntity).countBy(where),
  ]);
  return {
    id: row.id,
    schoolYear: row.schoolYear,
    educationLevel: row.educationLevel as EducationLevel,
    frameworkId: row.frameworkId,
    frameworkTitle: fw?.shortTitle ?? row.frameworkId,
    frameworkVersion: row.frameworkVersion,
    frameworkLoadedVersion: fw?.version ?? '',
    title: row.title,
    notes: row.notes,
    previousId: row.previousId,
    status: row.status,
    pinned: row.pinnedAt !== null,
    pinnedAt: row.pinnedAt,
    approvedAt: row.approvedAt,
    approvedBy: row.approvedBy,
    counts: { criteria: criteria.length, approvedCriteria, requirements, judgedRequirements, members },
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    rev: row.rev,
  };
}

export async function listAssessments(m: EntityManager, frameworks: FrameworkRegistry): Promise<AssessmentDto[]> {
  const rows = await m
    .getRepository(AssessmentEntity)
    .find({ where: { deletedAt: IsNull() }, order: { schoolYear: 'DESC', educationLevel: 'ASC' } });
  return Promise.all(rows.map((r) => assessmentDto(m, frameworks, r)));
}

/** The levels framework in force on 01/09 of the school year for the level; TT 57 before older ones. */
export function defaultFramework(frameworks: FrameworkRegistry, schoolYear: string, level: EducationLevel): LevelsFramework {
  const candidates = frameworksInForce(frameworks.list(), schoolYearStartDate(schoolYear), level).filter(
    (f): f is LevelsFramework => f.kind === 'levels',
  );
  const pick = candidates.find((f) => f.family === 'tt57') ?? candidates[0];
  if (!pick) {
    throw new RpcError(
      'VALIDATION',
      `Không có khung đánh giá nào áp dụng cho cấp ${LEVEL_TEXT(level)} năm học ${schoolYear}; hãy chọn khung.`,
      {
        frameworkId: 'Hãy chọn khung đánh giá',
      },
    );
  }
  return pick;
}

function checkFrameworkFits(fw: LevelsFramework, level: string): void {
  if (!fw.educationLevels.includes(level as EducationLevel)) {
    throw new RpcError(
      'VALIDATION',
      `Khung "${fw.shortTitle}" không dùng cho cấp ${LEVEL_TEXT(level)} (chỉ dùng cho: ${fw.educationLevels.map(LEVEL_TEXT).join(', ')}).`,
      { frameworkId: 'Khung không phù hợp với cấp học' },
    );
  }
}

export async function createAssessment(
  tx: SyncTx,
  frameworks: FrameworkRegistry,
  input: AssessmentCreateInput,
  actor: Actor,
): Promise<{ row: AssessmentRow; carried: CarryOverReport | null }> {
  const m = tx.manager;
  const school = await findSchool(m);
  if (!school)
    throw new RpcError('VALIDATION', 'Chưa khai báo thông tin nhà trường; hãy thiết lập trước khi tạo đợt tự đánh giá.');
  if (!school.levels.includes(input.educationLevel)) {
    throw new RpcError(
      'VALIDATION',
      `Trường chưa khai báo cấp ${LEVEL_TEXT(input.educationLevel)} (các cấp: ${school.levels.map(LEVEL_TEXT).join(', ')}).`,
      { educationLevel: 'Cấp học không có trong thông tin nhà trường' },
    );
  }
  const fw = input.frameworkId
    ? levelsFramework(frameworks, input.frameworkId)
    : defaultFramework(frameworks, input.schoolYear, input.educationLevel);
  checkFrameworkFits(fw, input.educationLevel);
  const clash = await m
    .getRepository(AssessmentEntity)
    .findOneBy({ schoolYear: input.schoolYear, educationLevel: input.educationLevel, deletedAt: IsNull() });
  if (clash) {
    throw new RpcError(
      'CONFLICT',
      `Đã có đợt tự đánh giá năm học ${input.schoolYear} cho cấp ${LEVEL_TEXT(input.educationLevel)}.`,
    );
  }
  const previous = input.fromId ? await findAssessmentRow(m, input.fromId) : null;
  let plan = null;
  if (previous) {
    try {
      plan = planCarryOver(previous, { schoolYear: input.schoolYear, frameworkId: fw.id, educationLevel: input.educationLevel });
    } catch (err) {
      throw new RpcError('VALIDATION', (err as Error).message, { fromId: (err as Error).message });
    }
  }
  let row = await tx.insert(AssessmentEntity, {
    schoolYear: input.schoolYear,
    educationLevel: input.educationLevel,
    frameworkId: fw.id,
    frameworkVersion: fw.version,
    title: input.title || `Tự đánh giá năm học ${input.schoolYear} — ${LEVEL_TEXT(input.educationLevel)}`,
    notes: '',
    previousId: previous?.id ?? null,
    status: 'in_progress',
    pinnedAt: null,
    approvedAt: null,
    approvedBy: null,
    createdBy: actor.userId,
  });
  if (!previous || !plan) return { row, carried: null };

  const ws: Workspace = { row, fw };
  const report: CarryOverReport = {
    fromId: previous.id,
    fromSchoolYear: previous.schoolYear,
    requirements: 0,
    planTasks: 0,
    improvementIssues: 0,
    improvementItems: 0,
    note: plan.note,
  };

  if (plan.copyRequirements) {
    const entries = await m
      .getRepository(RequirementEntryEntity)
      .find({ where: { assessmentId: previous.id, deletedAt: IsNull() }, order: { criterionCode: 'ASC', level: 'ASC' } });
    const touched = new Set<string>();
    for (const e of entries) {
      if (e.description.trim() === '' && e.judgment === 'unassessed') continue;
      const criterion = findCriterion(fw, e.criterionCode);
      if (!criterion || !requirementsAt(criterion, e.level).some((r) => r.code === e.requirementCode)) continue;
      await tx.insert(RequirementEntryEntity, {
        assessmentId: row.id,
        criterionCode: e.criterionCode,
        level: e.level,
        requirementCode: e.requirementCode,
        description: e.description,
        judgment: e.judgment,
        carriedOver: true,
        confirmedAt: null,
        confirmedBy: null,
        updatedBy: actor.userId,
      });
      touched.add(e.criterionCode);
      report.requirements++;
    }
    for (const code of touched) {
      await ensureRecord(tx, row.id, code);
      await writeVersion(tx, ws, code, actor, {
        kind: 'carry',
        summary: `Chuyển từ năm học ${previous.schoolYear} (cần xác nhận lại)`,
        changes: [],
      });
    }
  }

  const members = new Map(
    (await m.getRepository(CouncilMemberEntity).find({ where: { assessmentId: previous.id } })).map((x) => [x.id, x.fullName]),
  );
  const tasks = await m
    .getRepository(PlanTaskEntity)
    .find({ where: { assessmentId: previous.id, deletedAt: IsNull() }, order: { sortOrder: 'ASC', createdAt: 'ASC' } });
  for (const t of tasks) {
    if (t.status === 'cancelled') continue;
    const dates = carryDates({ startDate: t.startDate, dueDate: t.dueDate }, plan.yearShift);
    await tx.insert(PlanTaskEntity, {
      assessmentId: row.id,
      title: t.title,
      details: t.details,
      ownerMemberId: null,
      ownerName: t.ownerName || (t.ownerMemberId ? (members.get(t.ownerMemberId) ?? '') : ''),
      ...dates,
      status: 'todo',
      calendarKey: t.calendarKey,
      sortOrder: t.sortOrder,
      completedAt: null,
      carriedOver: true,
      confirmedAt: null,
    });
    report.planTasks++;
  }

  const items = (
    await m
      .getRepository(ImprovementItemEntity)
      .find({ where: { assessmentId: previous.id, deletedAt: IsNull() }, order: { sortOrder: 'ASC', createdAt: 'ASC' } })
  ).filter((i) => carriesImprovementItem(i.progress));
  const issueIds = new Map<string, string>();
  for (const issueId of new Set(items.map((i) => i.issueId).filter((x): x is string => x !== null))) {
    const issue = await m.getRepository(ImprovementIssueEntity).findOneBy({ id: issueId, deletedAt: IsNull() });
    if (!issue) continue;
    const copy = await tx.insert(ImprovementIssueEntity, {
      assessmentId: row.id,
      standardCode: issue.standardCode,
      criterionCodes: issue.criterionCodes,
      currentState: issue.currentState,
      weakness: issue.weakness,
      cause: issue.cause,
      sortOrder: issue.sortOrder,
      carriedOver: true,
      confirmedAt: null,
    });
    issueIds.set(issue.id, copy.id);
    report.improvementIssues++;
  }
  for (const i of items) {
    const dates = carryDates({ startDate: i.startDate, dueDate: i.dueDate }, plan.yearShift);
    await tx.insert(ImprovementItemEntity, {
      assessmentId: row.id,
      issueId: i.issueId ? (issueIds.get(i.issueId) ?? null) : null,
      content: i.content,
      goal: i.goal,
      actions: i.actions,
      indicator: i.indicator,
      timeframe: i.timeframe,
      ...dates,
      owner: i.owner || (i.ownerMemberId ? (members.get(i.ownerMemberId) ?? '') : ''),
      ownerMemberId: null,
      resources: i.resources,
      expectedEvidence: i.expectedEvidence,
      progress: i.progress === 'not_done' ? 'in_progress' : i.progress,
      progressNote: i.progressNote,
      evidenceIds: '[]',
      sortOrder: i.sortOrder,
      carriedFromId: i.id,
      carriedOver: true,
      confirmedAt: null,
    });
    report.improvementItems++;
  }
  if (report.requirements + report.planTasks + report.improvementIssues + report.improvementItems > 0) {
    row = await tx.update(AssessmentEntity, row.id, { pinnedAt: nowIso() });
  }
  return { row, carried: report };
}

export async function updateAssessment(
  tx: SyncTx,
  frameworks: FrameworkRegistry,
  input: { id: string; expectedRev: number; frameworkId?: string; title?: string; notes?: string },
): Promise<AssessmentRow> {
  const ws = await loadWorkspace(tx.manager, frameworks, input.id);
  ensureOpen(ws);
  const patch: Partial<AssessmentRow> = {};
  if (input.title !== undefined) patch.title = input.title;
  if (input.notes !== undefined) patch.notes = input.notes;
  if (input.frameworkId !== undefined && input.frameworkId !== ws.row.frameworkId) {
    if (ws.row.pinnedAt) {
      throw new RpcError(
        'CONFLICT',
        `Đợt tự đánh giá đã có dữ liệu nên khung đánh giá đã được cố định (${ws.fw.shortTitle}, phiên bản ${ws.row.frameworkVersion}); không đổi được.`,
        { frameworkId: 'Khung đánh giá đã cố định' },
      );
    }
    const fw = levelsFramework(frameworks, input.frameworkId);
    checkFrameworkFits(fw, ws.row.educationLevel);
    patch.frameworkId = fw.id;
    patch.frameworkVersion = fw.version;
  }
  return tx.update(AssessmentEntity, ws.row.id, patch, input.expectedRev);
}

export async function removeAssessment(tx: SyncTx, id: string): Promise<void> {
  const row = await findAssessmentRow(tx.manager, id);
  if (row.pinnedAt) {
    throw new RpcError('CONFLICT', 'Đợt tự đánh giá đã có dữ liệu nên không xóa được.');
  }
  await tx.remove(AssessmentEntity, id);
}

async function recordReportEvent(
  tx: SyncTx,
  ws: Workspace,
  actor: Actor,
  action: 'approve' | 'reopen',
  note: string,
): Promise<void> {
  await tx.insert(ReviewEventEntity, {
    assessmentId: ws.row.id,
    criterionCode: '',
    action,
    fromState: action === 'approve' ? 'in_progress' : 'approved',
    toState: action === 'approve' ? 'approved' : 'in_progress',
    actorId: actor.userId,
    actorName: actor.name,
    note,
  });
}

export async function approveAssessment(tx: SyncTx, ws: Workspace, actor: Actor, expectedRev: number): Promise<AssessmentRow> {
  ensureOpen(ws);
  if (!canApprove(actor)) throw new RpcError('FORBIDDEN', 'Chỉ Chủ tịch hội đồng hoặc quản trị viên mới được phê duyệt báo cáo.');
  const readiness = await readinessOf(tx.manager, ws);
  if (!readiness.ready) {
    const first = readiness.items
      .filter((i) => i.severity === 'blocker')
      .slice(0, 3)
      .map((i) => i.message);
    throw new RpcError(
      'VALIDATION',
      `Chưa phê duyệt được: còn ${readiness.counts.blockers} vấn đề cần xử lý (${first.join(' ')}${readiness.counts.blockers > 3 ? ' …' : ''}).`,
    );
  }
  const row = await tx.update(
    AssessmentEntity,
    ws.row.id,
    { status: 'approved', approvedAt: nowIso(), approvedBy: actor.userId },
    expectedRev,
  );
  await recordReportEvent(tx, ws, actor, 'approve', '');
  return row;
}

export async function reopenAssessment(tx: SyncTx, ws: Workspace, actor: Actor, reason: string): Promise<AssessmentRow> {
  if (ws.row.status !== 'approved') throw new RpcError('CONFLICT', 'Báo cáo chưa được phê duyệt nên không cần mở lại.');
  if (!canApprove(actor))
    throw new RpcError('FORBIDDEN', 'Chỉ Chủ tịch hội đồng hoặc quản trị viên mới được mở lại báo cáo đã phê duyệt.');
  const row = await tx.update(AssessmentEntity, ws.row.id, { status: 'in_progress', approvedAt: null, approvedBy: null });
  await recordReportEvent(tx, ws, actor, 'reopen', reason);
  return row;
}

// ---------------------------------------------------------------------------------------------
// Evidence offered from last year

export async function evidenceOffers(m: EntityManager, ws: Workspace): Promise<EvidenceOffer[]> {
  if (!ws.row.previousId) return [];
  const prev = await m.getRepository(AssessmentEntity).findOneBy({ id: ws.row.previousId });
  if (!prev || prev.frameworkId !== ws.fw.id) return [];
  const found = new Map<string, { criterionCode: string; evidenceId: string; linked: boolean; cited: boolean }>();
  const add = (criterionCode: string, evidenceId: string, how: 'linked' | 'cited') => {
    const key = `${criterionCode}|${evidenceId.toLowerCase()}`;
    const cur = found.get(key) ?? { criterionCode, evidenceId: evidenceId.toLowerCase(), linked: false, cited: false };
    cur[how] = true;
    found.set(key, cur);
  };
  const links = await m.getRepository(EvidenceLinkEntity).find({ where: { assessmentId: prev.id, deletedAt: IsNull() } });
  for (const l of links) add(l.criterionCode, l.evidenceId, 'linked');
  const entries = await m.getRepository(RequirementEntryEntity).find({ where: { assessmentId: prev.id, deletedAt: IsNull() } });
  for (const e of entries) for (const id of extractCitationIds(e.description)) add(e.criterionCode, id, 'cited');
  const statuses = await citationStatuses(
    m,
    [...found.values()].map((f) => f.evidenceId),
    ws.fw.id,
  );
  const out: EvidenceOffer[] = [];
  for (const f of found.values()) {
    if (!findCriterion(ws.fw, f.criterionCode)) continue;
    const s = statuses.get(f.evidenceId)!;
    if (s.problem === 'missing') continue;
    out.push({
      criterionCode: f.criterionCode,
      evidenceId: f.evidenceId,
      code: s.code,
      title: s.title,
      linkedLastYear: f.linked,
      citedLastYear: f.cited,
      problem: s.problem,
      unverified: s.unverified,
      alreadyLinked: await isLinked(m, f.evidenceId, f.criterionCode, ws.row.id),
    });
  }
  return out.sort(
    (a, b) =>
      a.criterionCode.localeCompare(b.criterionCode, 'vi', { numeric: true }) ||
      (a.code ?? '').localeCompare(b.code ?? '', 'vi', { numeric: true }),
  );
}

export async function acceptEvidenceOffers(
  tx: SyncTx,
  ws: Workspace,
  resourcesDir: string,
  items: { evidenceId: string; criterionCode: string }[],
): Promise<{ linked: number; skipped: { evidenceId: string; criterionCode: string; reason: string }[] }> {
  ensureOpen(ws);
  const statuses = await citationStatuses(
    tx.manager,
    items.map((i) => i.evidenceId),
    ws.fw.id,
  );
  const rules = await loadCodeRules(resourcesDir, ws.fw.id);
  let linked = 0;
  const skipped: { evidenceId: string; criterionCode: string; reason: string }[] = [];
  for (const item of items) {
    const s = statuses.get(item.evidenceId.toLowerCase())!;
    const skip = (reason: string) => skipped.push({ ...item, reason });
    if (!findCriterion(ws.fw, item.criterionCode)) {
      skip(`Khung "${ws.fw.shortTitle}" không có tiêu chí ${item.criterionCode}.`);
      continue;
    }
    if (s.problem) {
      skip(
        s.problem === 'missing'
          ? 'Minh chứng không còn trong kho.'
          : s.problem === 'expired'
            ? `${s.code} đã hết hiệu lực.`
            : s.problem === 'rejected'
              ? `${s.code} đã bị từ chối khi xác minh.`
              : `${s.code} thuộc khung đánh giá khác.`,
      );
      continue;
    }
    if (await isLinked(tx.manager, s.evidenceId, item.criterionCode, ws.row.id)) {
      skip(`${s.code} đã gắn với tiêu chí ${item.criterionCode}.`);
      continue;
    }
    await linkCriterion(tx, rules, s.evidenceId, item.criterionCode, ws.row.id);
    linked++;
  }
  if (linked > 0 && !ws.row.pinnedAt) ws.row = await tx.update(AssessmentEntity, ws.row.id, { pinnedAt: nowIso() });
  return { linked, skipped };
}

/** Earlier assessments of the same education level, newest first (for trends and last year's plan). */
export async function earlierAssessments(m: EntityManager, row: AssessmentRow): Promise<AssessmentRow[]> {
  const start = parseSchoolYear(row.schoolYear) ?? 0;
  const rows = await m
    .getRepository(AssessmentEntity)
    .find({ where: { educationLevel: row.educationLevel, deletedAt: IsNull() } });
  return rows
    .filter((r) => (parseSchoolYear(r.schoolYear) ?? 0) < start)
    .sort((a, b) => b.schoolYear.localeCompare(a.schoolYear));
}
