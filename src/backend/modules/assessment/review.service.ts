import { IsNull, type EntityManager } from 'typeorm';
import { RpcError } from '../../../contract/rpc';
import { planTransition, type ReviewAction, type ReviewState } from '../../../core/assessment/review';
import { requirementsAt } from '../../../core/frameworks/lookup';
import { nowIso } from '../../db/clock';
import type { SyncTx } from '../../db/sync-tx';
import {
  canEditCriterion,
  canReview,
  capabilities,
  ensureOpen,
  ensureRecord,
  isAdmin,
  isWriter,
  requireCriterion,
  type Actor,
  type Workspace,
} from './context';
import type { ReviewCommentDto, ReviewEventDto } from './dto';
import {
  CriterionRecordEntity,
  ReviewCommentEntity,
  ReviewEventEntity,
  type ReviewCommentRow,
  type ReviewEventRow,
} from './entities';

export function eventDto(e: ReviewEventRow): ReviewEventDto {
  return {
    id: e.id,
    criterionCode: e.criterionCode,
    action: e.action as ReviewEventDto['action'],
    fromState: e.fromState as ReviewState,
    toState: e.toState as ReviewState,
    actorId: e.actorId,
    actorName: e.actorName,
    note: e.note,
    at: e.createdAt,
  };
}

export function commentDto(c: ReviewCommentRow): ReviewCommentDto {
  return {
    id: c.id,
    criterionCode: c.criterionCode,
    level: c.level,
    requirementCode: c.requirementCode,
    authorId: c.authorId,
    authorName: c.authorName,
    body: c.body,
    resolved: c.resolvedAt !== null,
    resolvedAt: c.resolvedAt,
    resolvedBy: c.resolvedBy,
    eventId: c.eventId,
    at: c.createdAt,
    rev: c.rev,
  };
}

function checkAnchor(
  ws: Workspace,
  code: string,
  level?: number,
  requirementCode?: string,
): { level: number | null; requirementCode: string | null } {
  if (level === undefined) return { level: null, requirementCode: null };
  const { criterion } = requireCriterion(ws, code);
  const reqs = requirementsAt(criterion, level);
  if (reqs.length === 0)
    throw new RpcError('VALIDATION', `Tiêu chí ${code} không có Mức ${level}.`, { level: 'Mức không tồn tại' });
  if (requirementCode !== undefined && !reqs.some((r) => r.code === requirementCode)) {
    throw new RpcError('VALIDATION', `Tiêu chí ${code} không có yêu cầu "${requirementCode}" ở Mức ${level}.`, {
      requirementCode: 'Yêu cầu không tồn tại',
    });
  }
  return { level, requirementCode: requirementCode ?? (reqs.length === 1 ? reqs[0]!.code : null) };
}

export async function transition(
  tx: SyncTx,
  ws: Workspace,
  actor: Actor,
  input: { criterionCode: string; action: ReviewAction; note: string; level?: number; requirementCode?: string },
): Promise<{ state: ReviewState; event: ReviewEventRow }> {
  ensureOpen(ws);
  requireCriterion(ws, input.criterionCode);
  const record = await ensureRecord(tx, ws.row.id, input.criterionCode);
  const caps = await capabilities(tx.manager, actor, ws.row.id, input.criterionCode);
  const outcome = planTransition(record.reviewState, input.action, caps, input.note);
  if (!outcome.ok) {
    throw new RpcError(
      outcome.reason === 'illegal' ? 'CONFLICT' : outcome.reason === 'forbidden' ? 'FORBIDDEN' : 'VALIDATION',
      outcome.message,
      {
        ...(outcome.reason === 'note_required' ? { note: outcome.message } : {}),
      },
    );
  }
  const now = nowIso();
  await tx.update(CriterionRecordEntity, record.id, {
    reviewState: outcome.to,
    stateChangedAt: now,
    stateChangedBy: actor.userId,
    ...(outcome.to === 'approved' ? { approvedAt: now, approvedBy: actor.userId } : {}),
    ...(input.action === 'reopen' ? { approvedAt: null, approvedBy: null } : {}),
  });
  const event = await tx.insert(ReviewEventEntity, {
    assessmentId: ws.row.id,
    criterionCode: input.criterionCode,
    action: input.action,
    fromState: outcome.from,
    toState: outcome.to,
    actorId: actor.userId,
    actorName: actor.name,
    note: input.note,
  });
  if (input.note.trim() !== '') {
    const anchor = checkAnchor(ws, input.criterionCode, input.level, input.requirementCode);
    await tx.insert(ReviewCommentEntity, {
      assessmentId: ws.row.id,
      criterionCode: input.criterionCode,
      ...anchor,
      authorId: actor.userId,
      authorName: actor.name,
      body: input.note,
      resolvedAt: null,
      resolvedBy: null,
      eventId: event.id,
    });
  }
  return { state: outcome.to, event };
}

export async function listEvents(m: EntityManager, assessmentId: string, code: string): Promise<ReviewEventDto[]> {
  const rows = await m
    .getRepository(ReviewEventEntity)
    .find({ where: { assessmentId, criterionCode: code, deletedAt: IsNull() }, order: { createdAt: 'ASC', id: 'ASC' } });
  return rows.map(eventDto);
}

export async function listComments(
  m: EntityManager,
  assessmentId: string,
  code: string | undefined,
  includeResolved: boolean,
): Promise<ReviewCommentDto[]> {
  const rows = await m.getRepository(ReviewCommentEntity).find({
    where: {
      assessmentId,
      ...(code ? { criterionCode: code } : {}),
      ...(includeResolved ? {} : { resolvedAt: IsNull() }),
      deletedAt: IsNull(),
    },
    order: { createdAt: 'ASC', id: 'ASC' },
  });
  return rows.map(commentDto);
}

function requireCommenter(actor: Actor): void {
  if (!isWriter(actor) || !(isAdmin(actor) || actor.member !== null || actor.role === 'secretary')) {
    throw new RpcError('FORBIDDEN', 'Chỉ thành viên hội đồng tự đánh giá hoặc quản trị viên mới được góp ý.');
  }
}

export async function addComment(
  tx: SyncTx,
  ws: Workspace,
  actor: Actor,
  input: { criterionCode: string; level?: number; requirementCode?: string; body: string },
): Promise<ReviewCommentRow> {
  ensureOpen(ws);
  requireCommenter(actor);
  const anchor = checkAnchor(ws, input.criterionCode, input.level, input.requirementCode);
  return tx.insert(ReviewCommentEntity, {
    assessmentId: ws.row.id,
    criterionCode: input.criterionCode,
    ...anchor,
    authorId: actor.userId,
    authorName: actor.name,
    body: input.body,
    resolvedAt: null,
    resolvedBy: null,
    eventId: null,
  });
}

export async function findComment(m: EntityManager, id: string): Promise<ReviewCommentRow> {
  const row = await m.getRepository(ReviewCommentEntity).findOneBy({ id, deletedAt: IsNull() });
  if (!row) throw new RpcError('NOT_FOUND', 'Không tìm thấy góp ý này.');
  return row;
}

/** The author, someone who edits the criterion, or a reviewer marks a comment resolved (or open again). */
export async function resolveComment(
  tx: SyncTx,
  ws: Workspace,
  actor: Actor,
  comment: ReviewCommentRow,
  resolved: boolean,
): Promise<ReviewCommentRow> {
  ensureOpen(ws);
  const allowed =
    isWriter(actor) &&
    (comment.authorId === actor.userId ||
      canReview(actor) ||
      (await canEditCriterion(tx.manager, actor, ws.row.id, comment.criterionCode)));
  if (!allowed)
    throw new RpcError(
      'FORBIDDEN',
      'Chỉ người góp ý, người phụ trách tiêu chí hoặc người rà soát mới đánh dấu được góp ý đã xử lý.',
    );
  return tx.update(
    ReviewCommentEntity,
    comment.id,
    resolved ? { resolvedAt: nowIso(), resolvedBy: actor.userId } : { resolvedAt: null, resolvedBy: null },
  );
}
