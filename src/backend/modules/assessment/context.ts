import { In, IsNull, type EntityManager } from 'typeorm';
import { RpcError } from '../../../contract/rpc';
import type { Role } from '../../../contract/schemas/common';
import type { Criterion, LevelsFramework, Requirement, Standard } from '../../../core/frameworks/framework.schema';
import { findCriterion, requirementsAt, standardOf } from '../../../core/frameworks/lookup';
import type { ReviewCapability } from '../../../core/assessment/review';
import { nowIso } from '../../db/clock';
import { UserEntity } from '../../db/entities';
import type { SyncTx } from '../../db/sync-tx';
import type { FrameworkRegistry } from '../../frameworks/framework-loader';
import type { Session } from '../../rpc/router';
import {
  AssessmentEntity,
  CouncilMemberEntity,
  CriterionAssignmentEntity,
  CriterionRecordEntity,
  type AssessmentRow,
  type CouncilMemberRow,
  type CriterionRecordRow,
} from './entities';

/** An assessment with its (levels) framework. */
export interface Workspace {
  row: AssessmentRow;
  fw: LevelsFramework;
}

export async function findAssessmentRow(m: EntityManager, id: string): Promise<AssessmentRow> {
  const row = await m.getRepository(AssessmentEntity).findOneBy({ id, deletedAt: IsNull() });
  if (!row) throw new RpcError('NOT_FOUND', 'Không tìm thấy đợt tự đánh giá (có thể đã bị xóa).');
  return row;
}

export function levelsFramework(frameworks: FrameworkRegistry, id: string): LevelsFramework {
  const fw = frameworks.get(id);
  if (!fw) throw new RpcError('VALIDATION', `Không có khung đánh giá "${id}".`, { frameworkId: 'Khung đánh giá không tồn tại' });
  if (fw.kind !== 'levels') {
    throw new RpcError('VALIDATION', `Khung "${fw.shortTitle}" tính điểm, không dùng cho tự đánh giá theo tiêu chí.`, {
      frameworkId: 'Khung này không xét mức theo tiêu chí',
    });
  }
  return fw;
}

export async function loadWorkspace(m: EntityManager, frameworks: FrameworkRegistry, id: string): Promise<Workspace> {
  const row = await findAssessmentRow(m, id);
  return { row, fw: levelsFramework(frameworks, row.frameworkId) };
}

/** Writes are refused once the whole report is approved. */
export function ensureOpen(ws: Workspace): void {
  if (ws.row.status === 'approved') {
    throw new RpcError('CONFLICT', 'Báo cáo tự đánh giá đã được phê duyệt nên chỉ xem được; hãy mở lại (có ghi lý do) để sửa.');
  }
}

export function requireCriterion(ws: Workspace, code: string): { criterion: Criterion; standard: Standard } {
  const criterion = findCriterion(ws.fw, code);
  const standard = standardOf(ws.fw, code);
  if (!criterion || !standard) {
    throw new RpcError('NOT_FOUND', `Khung "${ws.fw.shortTitle}" không có tiêu chí ${code}.`, {
      criterionCode: 'Tiêu chí không tồn tại',
    });
  }
  return { criterion, standard };
}

export function requireRequirement(criterion: Criterion, level: number, code: string): Requirement {
  const req = requirementsAt(criterion, level).find((r) => r.code === code);
  if (!req) {
    const known = requirementsAt(criterion, level).map((r) => r.code);
    throw new RpcError(
      'VALIDATION',
      known.length === 0
        ? `Tiêu chí ${criterion.code} không có yêu cầu ở Mức ${level}.`
        : `Tiêu chí ${criterion.code} không có yêu cầu "${code}" ở Mức ${level} (có: ${known.join(', ')}).`,
      { requirementCode: 'Yêu cầu không tồn tại' },
    );
  }
  return req;
}

/** Marks the year as having data: from now on its framework cannot change. */
export async function pin(tx: SyncTx, ws: Workspace): Promise<void> {
  if (ws.row.pinnedAt) return;
  ws.row = await tx.update(AssessmentEntity, ws.row.id, { pinnedAt: nowIso(), frameworkVersion: ws.fw.version });
}

// ---------------------------------------------------------------------------------------------
// Who is acting

export const WRITER_ROLES: readonly Role[] = ['admin', 'council_member', 'secretary'];

export interface Actor {
  userId: string;
  role: Role;
  name: string;
  /** The caller's seat in this assessment's council, if any. */
  member: CouncilMemberRow | null;
}

export async function userNames(m: EntityManager, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  const out = new Map<string, string>([['cli', 'Dòng lệnh (CLI)']]);
  if (wanted.length === 0) return out;
  const rows = await m.getRepository(UserEntity).find({ where: { id: In(wanted) } });
  for (const r of rows) out.set(r.id, r.displayName);
  return out;
}

export async function actorFor(m: EntityManager, session: Session | null, assessmentId: string | null): Promise<Actor> {
  if (!session) throw new RpcError('UNAUTHENTICATED', 'Phiên làm việc đã hết. Vui lòng đăng nhập lại.');
  const names = await userNames(m, [session.userId]);
  const member = assessmentId
    ? await m.getRepository(CouncilMemberEntity).findOne({
        where: { assessmentId, userId: session.userId, deletedAt: IsNull() },
        order: { createdAt: 'ASC' },
      })
    : null;
  return { userId: session.userId, role: session.role, name: names.get(session.userId) ?? session.username, member };
}

export const isWriter = (a: Actor): boolean => WRITER_ROLES.includes(a.role);
export const isAdmin = (a: Actor): boolean => a.role === 'admin';
export const isChair = (a: Actor): boolean => a.member?.councilRole === 'chair';

/** Council, groups, assignments, plan, improvement plan, data annex. */
export function canManage(a: Actor): boolean {
  if (!isWriter(a)) return false;
  if (a.role === 'admin' || a.role === 'secretary') return true;
  return a.member !== null && a.member.councilRole !== 'member';
}

export function canReview(a: Actor): boolean {
  return isWriter(a) && (isAdmin(a) || (a.member !== null && a.member.councilRole !== 'member'));
}

export function canApprove(a: Actor): boolean {
  return isWriter(a) && (isAdmin(a) || isChair(a));
}

export function requireManager(a: Actor): void {
  if (!canManage(a)) {
    throw new RpcError(
      'FORBIDDEN',
      'Chỉ quản trị viên, Chủ tịch, Phó Chủ tịch hoặc Thư ký hội đồng mới được thay đổi hội đồng, phân công và kế hoạch.',
    );
  }
}

/** Criterion codes assigned to the member, directly or through the member's group. */
export async function assignedCodes(
  m: EntityManager,
  assessmentId: string,
  member: CouncilMemberRow | null,
): Promise<Set<string>> {
  if (!member) return new Set();
  const rows = await m.getRepository(CriterionAssignmentEntity).find({ where: { assessmentId, deletedAt: IsNull() } });
  return new Set(
    rows
      .filter((r) => r.memberId === member.id || (member.groupId !== null && r.groupId === member.groupId))
      .map((r) => r.criterionCode),
  );
}

/** Edit = the chair, an administrator, or a member the criterion is assigned to. */
export async function canEditCriterion(m: EntityManager, a: Actor, assessmentId: string, code: string): Promise<boolean> {
  if (!isWriter(a)) return false;
  if (isAdmin(a) || isChair(a)) return true;
  return (await assignedCodes(m, assessmentId, a.member)).has(code);
}

export async function capabilities(
  m: EntityManager,
  a: Actor,
  assessmentId: string,
  code: string,
): Promise<Set<ReviewCapability>> {
  const caps = new Set<ReviewCapability>();
  if (await canEditCriterion(m, a, assessmentId, code)) caps.add('edit');
  if (canReview(a)) caps.add('review');
  if (canApprove(a)) caps.add('approve');
  return caps;
}

export function notAssignedMessage(a: Actor): string {
  return isWriter(a)
    ? 'Bạn chỉ sửa được các tiêu chí được phân công cho mình hoặc nhóm của mình (Chủ tịch hội đồng và quản trị viên sửa được mọi tiêu chí).'
    : 'Tài khoản của bạn chỉ được xem.';
}

// ---------------------------------------------------------------------------------------------
// Criterion records

export async function findRecord(m: EntityManager, assessmentId: string, code: string): Promise<CriterionRecordRow | null> {
  return m.getRepository(CriterionRecordEntity).findOneBy({ assessmentId, criterionCode: code, deletedAt: IsNull() });
}

export async function ensureRecord(tx: SyncTx, assessmentId: string, code: string): Promise<CriterionRecordRow> {
  const found = await findRecord(tx.manager, assessmentId, code);
  if (found) return found;
  return tx.insert(CriterionRecordEntity, {
    assessmentId,
    criterionCode: code,
    reviewState: 'draft',
    stateChangedAt: null,
    stateChangedBy: null,
    approvedAt: null,
    approvedBy: null,
    lastVersionNo: 0,
  });
}

/** JSON arrays stored in text columns. */
export function parseJsonArray(text: string): string[] {
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
