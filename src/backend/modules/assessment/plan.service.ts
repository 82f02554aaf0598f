import { In, IsNull, type EntityManager } from 'typeorm';
import { RpcError } from '../../../contract/rpc';
import { engineValue } from '../../../core/assessment/gating';
import { defaultPlanTasks, isOpenTask, isOverdue } from '../../../core/assessment/plan';
import { findCriterion, requirementsAt } from '../../../core/frameworks/lookup';
import { calendarForSchoolYear } from '../../../core/frameworks/time-rules';
import { nowIso } from '../../db/clock';
import type { SyncTx } from '../../db/sync-tx';
import type { FrameworkRegistry } from '../../frameworks/framework-loader';
import { canApprove, canManage, canReview, ensureOpen, pin, requireManager, type Actor, type Workspace } from './context';
import type { MyWork, PlanDto, PlanTaskDto, PlanTaskInput } from './dto';
import {
  AssessmentEntity,
  CouncilMemberEntity,
  CriterionAssignmentEntity,
  ImprovementItemEntity,
  PlanTaskEntity,
  ReviewCommentEntity,
  ReviewEventEntity,
  WorkingGroupEntity,
  type PlanTaskRow,
} from './entities';
import { localToday } from './evidence-access';
import { loadData, reviewStateOf } from './levels.service';

const needsConfirmation = (t: PlanTaskRow) => Boolean(t.carriedOver) && !t.confirmedAt;

export function taskDto(t: PlanTaskRow, today: string): PlanTaskDto {
  return {
    id: t.id,
    assessmentId: t.assessmentId,
    title: t.title,
    details: t.details,
    ownerMemberId: t.ownerMemberId,
    ownerName: t.ownerName,
    startDate: t.startDate,
    dueDate: t.dueDate,
    status: t.status,
    calendarKey: t.calendarKey,
    sortOrder: t.sortOrder,
    carriedOver: Boolean(t.carriedOver),
    needsConfirmation: needsConfirmation(t),
    completedAt: t.completedAt,
    overdue: isOverdue(t.dueDate, today, isOpenTask(t.status)),
    rev: t.rev,
  };
}

export async function getPlan(m: EntityManager, ws: Workspace, actor: Actor, today = localToday()): Promise<PlanDto> {
  const rows = await m
    .getRepository(PlanTaskEntity)
    .find({ where: { assessmentId: ws.row.id, deletedAt: IsNull() }, order: { sortOrder: 'ASC', createdAt: 'ASC' } });
  const tasks = rows.map((t) => taskDto(t, today));
  return {
    assessmentId: ws.row.id,
    tasks,
    calendar: calendarForSchoolYear(ws.fw.timeRules, ws.row.schoolYear).map((c) => ({
      key: c.key,
      label: c.label,
      date: c.date,
      deadline: c.deadline,
      actor: c.actor,
    })),
    overdue: tasks.filter((t) => t.overdue).length,
    canManage: ws.row.status !== 'approved' && canManage(actor),
  };
}

async function checkOwner(m: EntityManager, ws: Workspace, ownerMemberId: string | null | undefined): Promise<string | null> {
  if (!ownerMemberId) return null;
  const member = await m
    .getRepository(CouncilMemberEntity)
    .findOneBy({ id: ownerMemberId, assessmentId: ws.row.id, deletedAt: IsNull() });
  if (!member)
    throw new RpcError('VALIDATION', 'Người phụ trách phải là thành viên hội đồng.', {
      ownerMemberId: 'Không phải thành viên hội đồng',
    });
  return member.fullName;
}

function checkDates(start: string | null | undefined, due: string | null | undefined): void {
  if (start && due && due < start) {
    throw new RpcError('VALIDATION', 'Hạn hoàn thành phải sau ngày bắt đầu.', {
      dueDate: 'Hạn hoàn thành phải sau ngày bắt đầu',
    });
  }
}

export async function saveTask(tx: SyncTx, ws: Workspace, actor: Actor, input: PlanTaskInput): Promise<PlanTaskRow> {
  ensureOpen(ws);
  const m = tx.manager;
  const repo = m.getRepository(PlanTaskEntity);
  const current = input.id ? await repo.findOneBy({ id: input.id, assessmentId: ws.row.id, deletedAt: IsNull() }) : null;
  if (input.id && !current) throw new RpcError('NOT_FOUND', 'Không tìm thấy nhiệm vụ.');
  // The owner may move their own task along (status only); everything else is for the managers.
  const ownOnly =
    current !== null &&
    !canManage(actor) &&
    actor.member !== null &&
    current.ownerMemberId === actor.member.id &&
    Object.entries(input).every(([k, v]) => v === undefined || ['assessmentId', 'id', 'expectedRev', 'status'].includes(k));
  if (!ownOnly) requireManager(actor);
  await checkOwner(m, ws, input.ownerMemberId);
  checkDates(input.startDate ?? current?.startDate, input.dueDate ?? current?.dueDate);
  const status = input.status ?? current?.status ?? 'todo';
  const completedAt = status === 'done' ? (current?.status === 'done' ? current.completedAt : nowIso()) : null;
  let row: PlanTaskRow;
  if (current) {
    row = await tx.update(
      PlanTaskEntity,
      current.id,
      {
        title: input.title,
        details: input.details,
        ownerMemberId: input.ownerMemberId,
        ownerName: input.ownerName,
        startDate: input.startDate,
        dueDate: input.dueDate,
        status,
        completedAt,
        calendarKey: input.calendarKey,
        sortOrder: input.sortOrder,
        ...(input.confirm && needsConfirmation(current) ? { confirmedAt: nowIso() } : {}),
      },
      input.expectedRev,
    );
  } else {
    if (!input.title) throw new RpcError('VALIDATION', 'Vui lòng nhập tên nhiệm vụ.', { title: 'Vui lòng nhập tên nhiệm vụ' });
    const count = await repo.countBy({ assessmentId: ws.row.id, deletedAt: IsNull() });
    row = await tx.insert(PlanTaskEntity, {
      assessmentId: ws.row.id,
      title: input.title,
      details: input.details ?? '',
      ownerMemberId: input.ownerMemberId ?? null,
      ownerName: input.ownerName ?? '',
      startDate: input.startDate ?? null,
      dueDate: input.dueDate ?? null,
      status,
      calendarKey: input.calendarKey ?? null,
      sortOrder: input.sortOrder ?? count + 1,
      completedAt,
      carriedOver: false,
      confirmedAt: null,
    });
  }
  await pin(tx, ws);
  return row;
}

export async function removeTask(tx: SyncTx, ws: Workspace, actor: Actor, id: string): Promise<void> {
  ensureOpen(ws);
  requireManager(actor);
  await tx.remove(PlanTaskEntity, id);
}

export async function addDefaultTasks(tx: SyncTx, ws: Workspace, actor: Actor): Promise<void> {
  ensureOpen(ws);
  requireManager(actor);
  const repo = tx.manager.getRepository(PlanTaskEntity);
  const existing = await repo.find({ where: { assessmentId: ws.row.id, deletedAt: IsNull() } });
  let order = existing.length;
  for (const t of defaultPlanTasks(ws.fw, ws.row.schoolYear)) {
    if (existing.some((e) => e.title === t.title)) continue;
    await tx.insert(PlanTaskEntity, {
      assessmentId: ws.row.id,
      title: t.title,
      details: t.details,
      ownerMemberId: null,
      ownerName: '',
      startDate: t.startDate,
      dueDate: t.dueDate,
      status: 'todo',
      calendarKey: t.calendarKey,
      sortOrder: ++order,
      completedAt: null,
      carriedOver: false,
      confirmedAt: null,
    });
  }
  await pin(tx, ws);
}

// ---------------------------------------------------------------------------------------------
// "Việc của tôi"

export async function myWork(
  m: EntityManager,
  frameworks: FrameworkRegistry,
  actor: Pick<Actor, 'userId' | 'role' | 'name'>,
  assessmentId: string | undefined,
  today = localToday(),
): Promise<MyWork> {
  const rows = await m.getRepository(AssessmentEntity).find({
    where: assessmentId ? { id: assessmentId, deletedAt: IsNull() } : { status: 'in_progress', deletedAt: IsNull() },
    order: { schoolYear: 'DESC' },
  });
  if (assessmentId && rows.length === 0) throw new RpcError('NOT_FOUND', 'Không tìm thấy đợt tự đánh giá (có thể đã bị xóa).');
  const out: MyWork = {
    today,
    memberships: [],
    criteria: [],
    toReview: [],
    tasks: [],
    improvementItems: [],
    counts: { open: 0, overdue: 0, returned: 0, toReview: 0, tasks: 0 },
  };
  for (const row of rows) {
    const fw = frameworks.get(row.frameworkId);
    if (!fw || fw.kind !== 'levels') continue;
    const ws: Workspace = { row, fw };
    const member = await m
      .getRepository(CouncilMemberEntity)
      .findOne({ where: { assessmentId: row.id, userId: actor.userId, deletedAt: IsNull() } });
    const me: Actor = { ...actor, member };
    if (member)
      out.memberships.push({
        assessmentId: row.id,
        schoolYear: row.schoolYear,
        memberId: member.id,
        councilRole: member.councilRole,
      });
    const data = await loadData(m, ws, today);
    const title = (code: string) => findCriterion(fw, code)?.title ?? code;

    if (member) {
      const assignments = (
        await m.getRepository(CriterionAssignmentEntity).find({ where: { assessmentId: row.id, deletedAt: IsNull() } })
      ).filter((a) => a.memberId === member.id || (member.groupId !== null && a.groupId === member.groupId));
      const groupName = member.groupId
        ? ((await m.getRepository(WorkingGroupEntity).findOneBy({ id: member.groupId }))?.name ?? null)
        : null;
      const comments = await m
        .getRepository(ReviewCommentEntity)
        .find({ where: { assessmentId: row.id, resolvedAt: IsNull(), deletedAt: IsNull() } });
      const codes = [...new Set(assignments.map((a) => a.criterionCode))];
      for (const code of codes) {
        const state = reviewStateOf(data, code);
        if (state === 'approved') continue;
        const criterion = findCriterion(fw, code);
        if (!criterion) continue;
        const mine = assignments.filter((a) => a.criterionCode === code);
        const direct = mine.some((a) => a.memberId === member.id);
        const dueDate =
          mine
            .map((a) => a.dueDate)
            .filter((d): d is string => d !== null)
            .sort()[0] ?? null;
        const entries = data.forLevels.filter((e) => e.criterionCode === code);
        let returned: MyWork['criteria'][number]['returned'] = null;
        if (state === 'returned') {
          const ev = await m
            .getRepository(ReviewEventEntity)
            .findOne({
              where: { assessmentId: row.id, criterionCode: code, toState: 'returned', deletedAt: IsNull() },
              order: { createdAt: 'DESC' },
            });
          if (ev) returned = { note: ev.note, by: ev.actorName, at: ev.createdAt };
        }
        out.criteria.push({
          assessmentId: row.id,
          schoolYear: row.schoolYear,
          criterionCode: code,
          title: criterion.title,
          reviewState: state,
          dueDate,
          overdue: dueDate !== null && dueDate < today && (state === 'draft' || state === 'returned'),
          via: direct ? 'member' : 'group',
          groupName: direct ? null : groupName,
          progress: {
            requirements: criterion.levels.reduce((n, l) => n + requirementsAt(criterion, l.level).length, 0),
            described: entries.filter((e) => e.description.trim() !== '').length,
            judged: entries.filter((e) => engineValue(e) !== null).length,
          },
          carriedUnconfirmed: entries.filter((e) => e.needsConfirmation).length,
          openComments: comments.filter((c) => c.criterionCode === code).length,
          returned,
        });
      }
      const tasks = await m
        .getRepository(PlanTaskEntity)
        .find({ where: { assessmentId: row.id, ownerMemberId: member.id, deletedAt: IsNull() } });
      for (const t of tasks.filter((x) => isOpenTask(x.status))) {
        out.tasks.push({
          assessmentId: row.id,
          id: t.id,
          title: t.title,
          dueDate: t.dueDate,
          status: t.status,
          overdue: isOverdue(t.dueDate, today, true),
        });
      }
      const items = await m
        .getRepository(ImprovementItemEntity)
        .find({
          where: {
            assessmentId: row.id,
            ownerMemberId: member.id,
            progress: In(['not_started', 'in_progress', 'not_done']),
            deletedAt: IsNull(),
          },
        });
      for (const i of items) {
        out.improvementItems.push({
          assessmentId: row.id,
          id: i.id,
          content: i.content,
          dueDate: i.dueDate,
          progress: i.progress,
          overdue: isOverdue(i.dueDate, today, true),
        });
      }
    }

    const reviewer = canReview(me);
    const approver = canApprove(me);
    for (const [code, record] of data.records) {
      if ((record.reviewState === 'pending_review' && reviewer) || (record.reviewState === 'pending_approval' && approver)) {
        out.toReview.push({
          assessmentId: row.id,
          schoolYear: row.schoolYear,
          criterionCode: code,
          title: title(code),
          reviewState: record.reviewState,
        });
      }
    }
  }
  out.criteria.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') ||
      a.criterionCode.localeCompare(b.criterionCode, 'vi', { numeric: true }),
  );
  out.toReview.sort((a, b) => a.criterionCode.localeCompare(b.criterionCode, 'vi', { numeric: true }));
  out.counts = {
    open: out.criteria.length,
    overdue:
      out.criteria.filter((c) => c.overdue).length +
      out.tasks.filter((t) => t.overdue).length +
      out.improvementItems.filter((i) => i.overdue).length,
    returned: out.criteria.filter((c) => c.reviewState === 'returned').length,
    toReview: out.toReview.length,
    tasks: out.tasks.length,
  };
  return out;
}
