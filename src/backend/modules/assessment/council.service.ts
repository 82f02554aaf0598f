import { In, IsNull, type EntityManager } from 'typeorm';
import { RpcError } from '../../../contract/rpc';
import { allCriteria, standardOf } from '../../../core/frameworks/lookup';
import { UserEntity } from '../../db/entities';
import type { SyncTx } from '../../db/sync-tx';
import { canManage, ensureOpen, pin, requireCriterion, requireManager, type Actor, type Workspace } from './context';
import type { AssignmentRow, CouncilDto, CouncilMemberDto, CouncilMemberInput, WorkingGroupDto, WorkingGroupInput } from './dto';
import {
  CouncilMemberEntity,
  CriterionAssignmentEntity,
  PlanTaskEntity,
  WorkingGroupEntity,
  ImprovementItemEntity,
  type CouncilMemberRow,
  type WorkingGroupRow,
} from './entities';
import { councilCheck } from './levels.service';

export async function liveMembers(m: EntityManager, assessmentId: string): Promise<CouncilMemberRow[]> {
  return m
    .getRepository(CouncilMemberEntity)
    .find({ where: { assessmentId, deletedAt: IsNull() }, order: { sortOrder: 'ASC', createdAt: 'ASC' } });
}

async function liveGroups(m: EntityManager, assessmentId: string): Promise<WorkingGroupRow[]> {
  return m
    .getRepository(WorkingGroupEntity)
    .find({ where: { assessmentId, deletedAt: IsNull() }, order: { sortOrder: 'ASC', createdAt: 'ASC' } });
}

export async function memberDtos(m: EntityManager, rows: CouncilMemberRow[]): Promise<CouncilMemberDto[]> {
  const ids = rows.map((r) => r.userId).filter((x): x is string => x !== null);
  const users = ids.length ? await m.getRepository(UserEntity).find({ where: { id: In(ids) } }) : [];
  const username = new Map(users.map((u) => [u.id, u.username]));
  return rows.map((r) => ({
    id: r.id,
    assessmentId: r.assessmentId,
    userId: r.userId,
    username: r.userId ? (username.get(r.userId) ?? null) : null,
    fullName: r.fullName,
    position: r.position,
    councilRole: r.councilRole,
    groupId: r.groupId,
    duties: r.duties,
    sortOrder: r.sortOrder,
    rev: r.rev,
  }));
}

function groupDto(g: WorkingGroupRow, members: CouncilMemberRow[]): WorkingGroupDto {
  return {
    id: g.id,
    assessmentId: g.assessmentId,
    name: g.name,
    leaderMemberId: g.leaderMemberId,
    duties: g.duties,
    sortOrder: g.sortOrder,
    memberIds: members.filter((x) => x.groupId === g.id).map((x) => x.id),
    rev: g.rev,
  };
}

export async function getCouncil(m: EntityManager, ws: Workspace, actor: Actor): Promise<CouncilDto> {
  const members = await liveMembers(m, ws.row.id);
  const groups = await liveGroups(m, ws.row.id);
  return {
    assessmentId: ws.row.id,
    members: await memberDtos(m, members),
    groups: groups.map((g) => groupDto(g, members)),
    check: await councilCheck(m, ws),
    canManage: ws.row.status !== 'approved' && canManage(actor),
  };
}

async function checkGroup(m: EntityManager, ws: Workspace, groupId: string | null | undefined): Promise<void> {
  if (!groupId) return;
  const g = await m.getRepository(WorkingGroupEntity).findOneBy({ id: groupId, assessmentId: ws.row.id, deletedAt: IsNull() });
  if (!g)
    throw new RpcError('VALIDATION', 'Nhóm công tác không tồn tại trong đợt tự đánh giá này.', { groupId: 'Nhóm không tồn tại' });
}

export async function saveMember(tx: SyncTx, ws: Workspace, actor: Actor, input: CouncilMemberInput): Promise<CouncilMemberRow> {
  ensureOpen(ws);
  requireManager(actor);
  const m = tx.manager;
  await checkGroup(m, ws, input.groupId);
  let fullName = input.fullName;
  if (input.userId) {
    const user = await m.getRepository(UserEntity).findOneBy({ id: input.userId });
    if (!user) throw new RpcError('VALIDATION', 'Tài khoản không tồn tại.', { userId: 'Tài khoản không tồn tại' });
    const seat = await m
      .getRepository(CouncilMemberEntity)
      .findOneBy({ assessmentId: ws.row.id, userId: input.userId, deletedAt: IsNull() });
    if (seat && seat.id !== input.id) {
      throw new RpcError('CONFLICT', `${user.displayName} đã là thành viên hội đồng của đợt này.`, {
        userId: 'Đã là thành viên',
      });
    }
    if (!fullName) fullName = user.displayName;
  }
  let row: CouncilMemberRow;
  if (input.id) {
    const current = await m
      .getRepository(CouncilMemberEntity)
      .findOneBy({ id: input.id, assessmentId: ws.row.id, deletedAt: IsNull() });
    if (!current) throw new RpcError('NOT_FOUND', 'Không tìm thấy thành viên hội đồng.');
    if (fullName === '') throw new RpcError('VALIDATION', 'Vui lòng nhập họ và tên.', { fullName: 'Vui lòng nhập họ và tên' });
    row = await tx.update(
      CouncilMemberEntity,
      current.id,
      {
        userId: input.userId,
        fullName,
        position: input.position,
        councilRole: input.councilRole,
        groupId: input.groupId,
        duties: input.duties,
        sortOrder: input.sortOrder,
      },
      input.expectedRev,
    );
  } else {
    if (!fullName)
      throw new RpcError('VALIDATION', 'Vui lòng nhập họ và tên hoặc chọn tài khoản.', { fullName: 'Vui lòng nhập họ và tên' });
    const count = await m.getRepository(CouncilMemberEntity).countBy({ assessmentId: ws.row.id, deletedAt: IsNull() });
    row = await tx.insert(CouncilMemberEntity, {
      assessmentId: ws.row.id,
      userId: input.userId ?? null,
      fullName,
      position: input.position ?? '',
      councilRole: input.councilRole ?? 'member',
      groupId: input.groupId ?? null,
      duties: input.duties ?? '',
      sortOrder: input.sortOrder ?? count + 1,
    });
  }
  await pin(tx, ws);
  return row;
}

export async function removeMember(tx: SyncTx, ws: Workspace, actor: Actor, id: string): Promise<void> {
  ensureOpen(ws);
  requireManager(actor);
  const m = tx.manager;
  for (const a of await m.getRepository(CriterionAssignmentEntity).find({ where: { memberId: id, deletedAt: IsNull() } })) {
    await tx.remove(CriterionAssignmentEntity, a.id);
  }
  for (const g of await m.getRepository(WorkingGroupEntity).find({ where: { leaderMemberId: id, deletedAt: IsNull() } })) {
    await tx.update(WorkingGroupEntity, g.id, { leaderMemberId: null });
  }
  for (const t of await m.getRepository(PlanTaskEntity).find({ where: { ownerMemberId: id, deletedAt: IsNull() } })) {
    const member = await m.getRepository(CouncilMemberEntity).findOneBy({ id });
    await tx.update(PlanTaskEntity, t.id, { ownerMemberId: null, ownerName: t.ownerName || member?.fullName || '' });
  }
  for (const i of await m.getRepository(ImprovementItemEntity).find({ where: { ownerMemberId: id, deletedAt: IsNull() } })) {
    await tx.update(ImprovementItemEntity, i.id, { ownerMemberId: null });
  }
  await tx.remove(CouncilMemberEntity, id);
}

export async function saveGroup(tx: SyncTx, ws: Workspace, actor: Actor, input: WorkingGroupInput): Promise<WorkingGroupDto> {
  ensureOpen(ws);
  requireManager(actor);
  const m = tx.manager;
  if (input.leaderMemberId) {
    const leader = await m
      .getRepository(CouncilMemberEntity)
      .findOneBy({ id: input.leaderMemberId, assessmentId: ws.row.id, deletedAt: IsNull() });
    if (!leader)
      throw new RpcError('VALIDATION', 'Trưởng nhóm phải là thành viên hội đồng.', {
        leaderMemberId: 'Không phải thành viên hội đồng',
      });
  }
  let row: WorkingGroupRow;
  if (input.id) {
    const current = await m
      .getRepository(WorkingGroupEntity)
      .findOneBy({ id: input.id, assessmentId: ws.row.id, deletedAt: IsNull() });
    if (!current) throw new RpcError('NOT_FOUND', 'Không tìm thấy nhóm công tác.');
    row = await tx.update(
      WorkingGroupEntity,
      current.id,
      { name: input.name, leaderMemberId: input.leaderMemberId, duties: input.duties, sortOrder: input.sortOrder },
      input.expectedRev,
    );
  } else {
    if (!input.name) throw new RpcError('VALIDATION', 'Vui lòng nhập tên nhóm.', { name: 'Vui lòng nhập tên nhóm' });
    const count = await m.getRepository(WorkingGroupEntity).countBy({ assessmentId: ws.row.id, deletedAt: IsNull() });
    row = await tx.insert(WorkingGroupEntity, {
      assessmentId: ws.row.id,
      name: input.name,
      leaderMemberId: input.leaderMemberId ?? null,
      duties: input.duties ?? '',
      sortOrder: input.sortOrder ?? count + 1,
    });
  }
  // The leader belongs to the group.
  if (row.leaderMemberId) {
    const leader = await m.getRepository(CouncilMemberEntity).findOneBy({ id: row.leaderMemberId });
    if (leader && leader.groupId !== row.id) await tx.update(CouncilMemberEntity, leader.id, { groupId: row.id });
  }
  await pin(tx, ws);
  return groupDto(row, await liveMembers(m, ws.row.id));
}

export async function removeGroup(tx: SyncTx, ws: Workspace, actor: Actor, id: string): Promise<void> {
  ensureOpen(ws);
  requireManager(actor);
  const m = tx.manager;
  for (const x of await m.getRepository(CouncilMemberEntity).find({ where: { groupId: id, deletedAt: IsNull() } })) {
    await tx.update(CouncilMemberEntity, x.id, { groupId: null });
  }
  for (const a of await m.getRepository(CriterionAssignmentEntity).find({ where: { groupId: id, deletedAt: IsNull() } })) {
    await tx.remove(CriterionAssignmentEntity, a.id);
  }
  await tx.remove(WorkingGroupEntity, id);
}

export async function listAssignments(m: EntityManager, ws: Workspace): Promise<AssignmentRow[]> {
  const [assignments, members, groups] = await Promise.all([
    m
      .getRepository(CriterionAssignmentEntity)
      .find({ where: { assessmentId: ws.row.id, deletedAt: IsNull() }, order: { createdAt: 'ASC' } }),
    liveMembers(m, ws.row.id),
    liveGroups(m, ws.row.id),
  ]);
  const member = new Map(members.map((x) => [x.id, x]));
  const group = new Map(groups.map((g) => [g.id, g]));
  return allCriteria(ws.fw).map((c) => {
    const rows = assignments.filter((a) => a.criterionCode === c.code);
    return {
      criterionCode: c.code,
      title: c.title,
      standardCode: standardOf(ws.fw, c.code)!.code,
      members: rows
        .filter((r) => r.memberId && member.has(r.memberId))
        .map((r) => ({ id: r.memberId!, fullName: member.get(r.memberId!)!.fullName })),
      groups: rows
        .filter((r) => r.groupId && group.has(r.groupId))
        .map((r) => ({ id: r.groupId!, name: group.get(r.groupId!)!.name })),
      dueDate: rows.map((r) => r.dueDate).find((d) => d !== null) ?? null,
    };
  });
}

export async function setAssignments(
  tx: SyncTx,
  ws: Workspace,
  actor: Actor,
  input: { criterionCodes: string[]; memberIds: string[]; groupIds: string[]; dueDate: string | null },
): Promise<void> {
  ensureOpen(ws);
  requireManager(actor);
  const m = tx.manager;
  for (const code of input.criterionCodes) requireCriterion(ws, code);
  const members = await liveMembers(m, ws.row.id);
  const groups = await liveGroups(m, ws.row.id);
  for (const id of input.memberIds) {
    if (!members.some((x) => x.id === id))
      throw new RpcError('VALIDATION', 'Người được phân công phải là thành viên hội đồng.', {
        memberIds: 'Không phải thành viên hội đồng',
      });
  }
  for (const id of input.groupIds) {
    if (!groups.some((g) => g.id === id))
      throw new RpcError('VALIDATION', 'Nhóm công tác không tồn tại.', { groupIds: 'Nhóm không tồn tại' });
  }
  const repo = m.getRepository(CriterionAssignmentEntity);
  for (const code of new Set(input.criterionCodes)) {
    const current = await repo.find({ where: { assessmentId: ws.row.id, criterionCode: code, deletedAt: IsNull() } });
    const want = [
      ...[...new Set(input.memberIds)].map((id) => ({ memberId: id, groupId: null })),
      ...[...new Set(input.groupIds)].map((id) => ({ memberId: null, groupId: id })),
    ];
    for (const row of current) {
      const keep = want.find((w) => w.memberId === row.memberId && w.groupId === row.groupId);
      if (!keep) await tx.remove(CriterionAssignmentEntity, row.id);
      else if (row.dueDate !== input.dueDate) await tx.update(CriterionAssignmentEntity, row.id, { dueDate: input.dueDate });
    }
    for (const w of want) {
      if (current.some((r) => r.memberId === w.memberId && r.groupId === w.groupId)) continue;
      await tx.insert(CriterionAssignmentEntity, { assessmentId: ws.row.id, criterionCode: code, ...w, dueDate: input.dueDate });
    }
  }
  await pin(tx, ws);
}
