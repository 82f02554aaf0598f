import { IsNull, type EntityManager } from 'typeorm';
import { RpcError } from '../../../contract/rpc';
import {
  backedCriterionLevel,
  engineValue,
  judgeReasons,
  levelConsidered,
  metReasons,
  type Judgment,
  type Reason,
} from '../../../core/assessment/gating';
import { availableActions, isEditableState, readOnlyMessage, type ReviewState } from '../../../core/assessment/review';
import { extractCitationIds, renderCitations } from '../../../core/evidence/citations';
import { allCriteria, levelLabel, requirementsAt, standardOf } from '../../../core/frameworks/lookup';
import { nowIso } from '../../db/clock';
import type { SyncTx } from '../../db/sync-tx';
import { loadCodeRules } from '../evidence/code-rules';
import { linkCriterion } from '../evidence/evidence.service';
import {
  assignedCodes,
  canEditCriterion,
  capabilities,
  ensureOpen,
  ensureRecord,
  findRecord,
  isAdmin,
  isChair,
  isWriter,
  notAssignedMessage,
  pin,
  requireCriterion,
  requireRequirement,
  userNames,
  type Actor,
  type Workspace,
} from './context';
import type { CriterionEditor, CriterionListRow, RequirementView, SaveRequirementInput } from './dto';
import {
  CouncilMemberEntity,
  CriterionAssignmentEntity,
  CriterionRecordEntity,
  RequirementEntryEntity,
  ReviewCommentEntity,
  ReviewEventEntity,
  WorkingGroupEntity,
  type RequirementEntryRow,
} from './entities';
import { citationStatuses, citationsOf, isLinked, linkedEvidence, localToday } from './evidence-access';
import { loadData, loadEntries, needsConfirmation, reviewStateOf, toEngineEntry } from './levels.service';
import { findVersion, snapshotOf, writeVersion, type ChangedField, type VersionChange } from './versions';

// ---------------------------------------------------------------------------------------------
// Reading

async function assignees(m: EntityManager, assessmentId: string) {
  const [assignments, members, groups] = await Promise.all([
    m
      .getRepository(CriterionAssignmentEntity)
      .find({ where: { assessmentId, deletedAt: IsNull() }, order: { createdAt: 'ASC' } }),
    m.getRepository(CouncilMemberEntity).find({ where: { assessmentId, deletedAt: IsNull() } }),
    m.getRepository(WorkingGroupEntity).find({ where: { assessmentId, deletedAt: IsNull() } }),
  ]);
  const memberName = new Map(members.map((x) => [x.id, x.fullName]));
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  return (code: string) => {
    const rows = assignments.filter((a) => a.criterionCode === code);
    return {
      members: rows
        .filter((r) => r.memberId && memberName.has(r.memberId))
        .map((r) => ({ id: r.memberId!, fullName: memberName.get(r.memberId!)! })),
      groups: rows
        .filter((r) => r.groupId && groupName.has(r.groupId))
        .map((r) => ({ id: r.groupId!, name: groupName.get(r.groupId!)! })),
      dueDate:
        rows
          .map((r) => r.dueDate)
          .filter((d): d is string => d !== null)
          .sort()[0] ?? null,
    };
  };
}

async function openComments(m: EntityManager, assessmentId: string) {
  const rows = await m
    .getRepository(ReviewCommentEntity)
    .find({ where: { assessmentId, resolvedAt: IsNull(), deletedAt: IsNull() } });
  return {
    ofCriterion: (code: string) => rows.filter((r) => r.criterionCode === code).length,
    ofRequirement: (code: string, level: number, req: string) =>
      rows.filter(
        (r) => r.criterionCode === code && r.level === level && (r.requirementCode === null || r.requirementCode === req),
      ).length,
  };
}

function editBlockers(ws: Workspace, state: ReviewState, canEdit: boolean, actor: Actor): Reason[] {
  const reasons: Reason[] = [];
  if (ws.row.status === 'approved') {
    reasons.push({ code: 'read_only', message: 'Báo cáo tự đánh giá đã được phê duyệt nên chỉ xem được.' });
  } else if (!isEditableState(state)) {
    reasons.push({ code: 'read_only', message: readOnlyMessage(state) });
  }
  if (!canEdit) reasons.push({ code: 'not_assigned', message: notAssignedMessage(actor) });
  return reasons;
}

export async function buildEditor(
  m: EntityManager,
  ws: Workspace,
  code: string,
  actor: Actor,
  today = localToday(),
): Promise<CriterionEditor> {
  const { criterion, standard } = requireCriterion(ws, code);
  const id = ws.row.id;
  const entries = await loadEntries(m, id, code);
  const linked = await linkedEvidence(m, ws.fw.id, code, id, today);
  const statuses = await citationStatuses(
    m,
    entries.flatMap((e) => extractCitationIds(e.description)),
    ws.fw.id,
    today,
  );
  const forLevels = entries.map((e) => toEngineEntry(e, statuses, ws.fw.id));
  const result = backedCriterionLevel(ws.fw, criterion, forLevels);
  const record = await findRecord(m, id, code);
  const state: ReviewState = record?.reviewState ?? 'draft';
  const canEdit = await canEditCriterion(m, actor, id, code);
  const blocked = editBlockers(ws, state, canEdit, actor);
  const caps = await capabilities(m, actor, id, code);
  const comments = await openComments(m, id);
  const names = await userNames(
    m,
    entries.map((e) => e.updatedBy),
  );
  const codes = new Map([...statuses.values()].filter((s) => s.code).map((s) => [s.evidenceId, s.code!]));
  const who = await assignees(m, id);

  const levels = criterion.levels.map((lv) => {
    const considered = levelConsidered(result, lv.level);
    const check = result.levels.find((c) => c.level === lv.level);
    const requirements: RequirementView[] = requirementsAt(criterion, lv.level).map((req) => {
      const e = entries.find((x) => x.level === lv.level && x.requirementCode === req.code);
      const engine = e ? forLevels[entries.indexOf(e)]! : null;
      const description = e?.description ?? '';
      const citations = engine?.citations.slice() ?? [];
      const judge = judgeReasons({ level: lv.level, lowerLevelReached: considered, blocked });
      const met = metReasons({ level: lv.level, description, citations, lowerLevelReached: considered, blocked });
      const value = engine ? engineValue(engine) : null;
      return {
        level: lv.level,
        code: req.code,
        text: req.text,
        rev: e?.rev ?? 0,
        entryId: e?.id ?? null,
        description,
        descriptionRendered: renderCitations(description, codes),
        judgment: e?.judgment ?? 'unassessed',
        carriedOver: Boolean(e?.carriedOver),
        needsConfirmation: e ? needsConfirmation(e) : false,
        updatedAt: e?.updatedAt ?? null,
        updatedByName: e?.updatedBy ? (names.get(e.updatedBy) ?? null) : null,
        citations: [...citations],
        considered,
        counted:
          value !== null &&
          typeof value === 'object' &&
          value.met === true &&
          description.trim() !== '' &&
          (engine?.validEvidenceIds.length ?? 0) > 0,
        canJudge: judge.length === 0,
        judgeReasons: judge,
        canMarkMet: met.length === 0,
        metReasons: met,
        openComments: comments.ofRequirement(code, lv.level, req.code),
      };
    });
    return { level: lv.level, label: levelLabel(ws.fw, lv.level), considered, status: check?.status ?? 'pending', requirements };
  });

  return {
    assessmentId: id,
    frameworkId: ws.fw.id,
    criterion: {
      code: criterion.code,
      title: criterion.title,
      mandatory: criterion.mandatory,
      standardCode: standard.code,
      standardTitle: standard.title,
      evidenceGroup: criterion.evidenceGroup,
      suggestedEvidence: criterion.suggestedEvidence,
      quantitativeData: criterion.quantitativeData.map((q) => ({
        code: q.code,
        text: q.text,
        ...(q.unit ? { unit: q.unit } : {}),
      })),
      quantitativeNote: criterion.quantitativeNote,
    },
    record: {
      reviewState: state,
      rev: record?.rev ?? 0,
      stateChangedAt: record?.stateChangedAt ?? null,
      approvedAt: record?.approvedAt ?? null,
      approvedBy: record?.approvedBy ?? null,
      lastVersionNo: record?.lastVersionNo ?? 0,
    },
    result: {
      level: result.level,
      levelLabel: levelLabel(ws.fw, result.level),
      nextLevel: result.nextLevel,
      assessed: forLevels.some((e) => engineValue(e) !== null),
      pending: result.pending,
      unmet: result.unmet,
    },
    levels,
    permissions: {
      canEdit: blocked.length === 0,
      editReasons: blocked,
      actions: ws.row.status === 'approved' ? [] : availableActions(state, caps),
      canComment: isWriter(actor) && (isAdmin(actor) || actor.member !== null || actor.role === 'secretary'),
    },
    assignees: who(code),
    linkedEvidence: linked,
    openComments: comments.ofCriterion(code),
    carriedUnconfirmed: entries.filter(needsConfirmation).length,
  };
}

export async function listCriteria(m: EntityManager, ws: Workspace, actor: Actor): Promise<CriterionListRow[]> {
  const data = await loadData(m, ws);
  const who = await assignees(m, ws.row.id);
  const comments = await openComments(m, ws.row.id);
  const mine = await assignedCodes(m, ws.row.id, actor.member);
  const editAll = isWriter(actor) && (isAdmin(actor) || isChair(actor));
  return allCriteria(ws.fw).map((c) => {
    const forLevels = data.forLevels.filter((e) => e.criterionCode === c.code);
    const result = backedCriterionLevel(ws.fw, c, forLevels);
    const state = reviewStateOf(data, c.code);
    const a = who(c.code);
    const requirements = c.levels.reduce((n, l) => n + requirementsAt(c, l.level).length, 0);
    return {
      code: c.code,
      title: c.title,
      standardCode: standardOf(ws.fw, c.code)!.code,
      mandatory: c.mandatory,
      reviewState: state,
      level: result.level,
      levelLabel: levelLabel(ws.fw, result.level),
      assessed: forLevels.some((e) => engineValue(e) !== null),
      progress: {
        requirements,
        described: forLevels.filter((e) => e.description.trim() !== '').length,
        judged: forLevels.filter((e) => engineValue(e) !== null).length,
        counted: forLevels.filter(
          (e) => !e.needsConfirmation && e.judgment === 'met' && e.description.trim() !== '' && e.validEvidenceIds.length > 0,
        ).length,
        carriedUnconfirmed: forLevels.filter((e) => e.needsConfirmation).length,
      },
      assignees: { members: a.members, groups: a.groups },
      dueDate: a.dueDate,
      overdue: a.dueDate !== null && a.dueDate < data.today && (state === 'draft' || state === 'returned'),
      openComments: comments.ofCriterion(c.code),
      canEdit: ws.row.status !== 'approved' && isEditableState(state) && (editAll || (isWriter(actor) && mine.has(c.code))),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Writing

/** Checks the caller may change the criterion's content now; returns its review state. */
export async function requireEditable(tx: SyncTx, ws: Workspace, code: string, actor: Actor): Promise<ReviewState> {
  ensureOpen(ws);
  requireCriterion(ws, code);
  if (!(await canEditCriterion(tx.manager, actor, ws.row.id, code))) throw new RpcError('FORBIDDEN', notAssignedMessage(actor));
  const state = (await findRecord(tx.manager, ws.row.id, code))?.reviewState ?? 'draft';
  if (!isEditableState(state)) throw new RpcError('CONFLICT', readOnlyMessage(state));
  return state;
}

/** Editing a returned criterion takes it back to draft (recorded as "revise"). */
async function reviseIfReturned(tx: SyncTx, ws: Workspace, code: string, actor: Actor, state: ReviewState): Promise<void> {
  if (state !== 'returned') return;
  const record = await ensureRecord(tx, ws.row.id, code);
  await tx.update(CriterionRecordEntity, record.id, {
    reviewState: 'draft',
    stateChangedAt: nowIso(),
    stateChangedBy: actor.userId,
  });
  await tx.insert(ReviewEventEntity, {
    assessmentId: ws.row.id,
    criterionCode: code,
    action: 'revise',
    fromState: 'returned',
    toState: 'draft',
    actorId: actor.userId,
    actorName: actor.name,
    note: 'Tự động khi sửa nội dung sau khi bị trả lại.',
  });
}

/** The criterion's level from its entries, as if `override` replaced one entry. */
async function gateFor(
  m: EntityManager,
  ws: Workspace,
  code: string,
  level: number,
  description: string,
): Promise<{ considered: boolean; met: Reason[] }> {
  const { criterion } = requireCriterion(ws, code);
  const entries = await loadEntries(m, ws.row.id, code);
  const ids = [...entries.flatMap((e) => extractCitationIds(e.description)), ...extractCitationIds(description)];
  const statuses = await citationStatuses(m, ids, ws.fw.id);
  // Only lower levels decide whether this level is considered.
  const lower = entries.filter((e) => e.level < level).map((e) => toEngineEntry(e, statuses, ws.fw.id));
  const considered = levelConsidered(backedCriterionLevel(ws.fw, criterion, lower), level);
  const citations = citationsOf(description, statuses, ws.fw.id);
  return { considered, met: metReasons({ level, description, citations, lowerLevelReached: considered }) };
}

function refuse(reasons: Reason[], what: string): never {
  throw new RpcError('VALIDATION', `${what}: ${reasons.map((r) => r.message).join(' ')}`, {
    judgment: reasons.map((r) => r.message).join(' '),
  });
}

/** Links evidence cited in the text to the criterion for this assessment (valid, same framework, not linked yet). */
async function linkCited(tx: SyncTx, ws: Workspace, resourcesDir: string, code: string, text: string): Promise<void> {
  const ids = extractCitationIds(text);
  if (ids.length === 0) return;
  const statuses = await citationStatuses(tx.manager, ids, ws.fw.id);
  let rules: Awaited<ReturnType<typeof loadCodeRules>> | null = null;
  for (const s of statuses.values()) {
    if (s.problem !== null) continue;
    if (await isLinked(tx.manager, s.evidenceId, code, ws.row.id)) continue;
    rules ??= await loadCodeRules(resourcesDir, ws.fw.id);
    await linkCriterion(tx, rules, s.evidenceId, code, ws.row.id);
  }
}

export async function saveRequirement(
  tx: SyncTx,
  ws: Workspace,
  actor: Actor,
  input: SaveRequirementInput,
  resourcesDir: string,
): Promise<void> {
  const { criterion } = requireCriterion(ws, input.criterionCode);
  requireRequirement(criterion, input.level, input.requirementCode);
  const state = await requireEditable(tx, ws, input.criterionCode, actor);
  const repo = tx.manager.getRepository(RequirementEntryEntity);
  const current = await repo.findOneBy({
    assessmentId: ws.row.id,
    criterionCode: input.criterionCode,
    level: input.level,
    requirementCode: input.requirementCode,
    deletedAt: IsNull(),
  });
  const description = input.description ?? current?.description ?? '';
  const judgment: Judgment = input.judgment ?? current?.judgment ?? 'unassessed';
  const confirming = Boolean(input.confirm && current && needsConfirmation(current));
  const fields: ChangedField[] = [];
  if (description !== (current?.description ?? '')) fields.push('description');
  if (judgment !== (current?.judgment ?? 'unassessed')) fields.push('judgment');
  if (confirming) fields.push('confirmation');
  // Idempotent: the same content again (an autosave retry) changes nothing, whatever rev it carries.
  if (fields.length === 0) return;
  if ((current?.rev ?? 0) !== input.expectedRev) {
    throw new RpcError('CONFLICT', 'Yêu cầu này vừa được người khác sửa. Hãy tải lại rồi sửa tiếp.');
  }

  const judging = fields.includes('judgment') && judgment !== 'unassessed';
  if (judging || (confirming && judgment !== 'unassessed')) {
    const gate = await gateFor(tx.manager, ws, input.criterionCode, input.level, description);
    if (!gate.considered) {
      refuse(judgeReasons({ level: input.level, lowerLevelReached: false }), 'Chưa đánh giá được');
    }
    if (judgment === 'met' && gate.met.length > 0) refuse(gate.met, 'Chưa thể đánh giá "Đạt"');
  }

  const patch: Partial<RequirementEntryRow> = { description, judgment, updatedBy: actor.userId };
  if (confirming) Object.assign(patch, { confirmedAt: nowIso(), confirmedBy: actor.userId });
  if (current) {
    await tx.update(RequirementEntryEntity, current.id, patch);
  } else {
    await tx.insert(RequirementEntryEntity, {
      assessmentId: ws.row.id,
      criterionCode: input.criterionCode,
      level: input.level,
      requirementCode: input.requirementCode,
      description,
      judgment,
      carriedOver: false,
      confirmedAt: null,
      confirmedBy: null,
      updatedBy: actor.userId,
    });
  }
  if (fields.includes('description')) await linkCited(tx, ws, resourcesDir, input.criterionCode, description);
  await pin(tx, ws);
  await reviseIfReturned(tx, ws, input.criterionCode, actor, state);
  await writeVersion(tx, ws, input.criterionCode, actor, {
    kind: 'edit',
    changes: [{ level: input.level, requirementCode: input.requirementCode, fields }],
  });
}

/** Confirms carried-over entries; a "Đạt" is checked like a new one (refused entries stay unconfirmed). */
export async function confirmCarried(
  tx: SyncTx,
  ws: Workspace,
  actor: Actor,
  input: { criterionCode: string; level?: number; requirementCode?: string },
): Promise<{ confirmed: number; refused: { level: number; requirementCode: string; reasons: Reason[] }[] }> {
  const state = await requireEditable(tx, ws, input.criterionCode, actor);
  const entries = (await loadEntries(tx.manager, ws.row.id, input.criterionCode))
    .filter(needsConfirmation)
    .filter(
      (e) =>
        (input.level === undefined || e.level === input.level) &&
        (input.requirementCode === undefined || e.requirementCode === input.requirementCode),
    );
  const refused: { level: number; requirementCode: string; reasons: Reason[] }[] = [];
  const changes: VersionChange[] = [];
  // Lower levels first: confirming Mức 1 may make Mức 2 considered.
  for (const e of entries.sort((a, b) => a.level - b.level)) {
    if (e.judgment !== 'unassessed') {
      const gate = await gateFor(tx.manager, ws, input.criterionCode, e.level, e.description);
      const reasons = !gate.considered
        ? judgeReasons({ level: e.level, lowerLevelReached: false })
        : e.judgment === 'met'
          ? gate.met
          : [];
      if (reasons.length > 0) {
        refused.push({ level: e.level, requirementCode: e.requirementCode, reasons });
        continue;
      }
    }
    await tx.update(RequirementEntryEntity, e.id, { confirmedAt: nowIso(), confirmedBy: actor.userId, updatedBy: actor.userId });
    changes.push({ level: e.level, requirementCode: e.requirementCode, fields: ['confirmation'] });
  }
  if (changes.length > 0) {
    await pin(tx, ws);
    await reviseIfReturned(tx, ws, input.criterionCode, actor, state);
    await writeVersion(tx, ws, input.criterionCode, actor, { kind: 'edit', changes });
  }
  return { confirmed: changes.length, refused };
}

/** Writes a version's texts and judgments back; a "Đạt" no longer backed becomes "Chưa đánh giá". */
export async function restoreVersion(
  tx: SyncTx,
  ws: Workspace,
  actor: Actor,
  versionId: string,
): Promise<{ criterionCode: string; downgraded: { level: number; requirementCode: string; reasons: Reason[] }[] }> {
  const version = await findVersion(tx.manager, versionId);
  if (version.assessmentId !== ws.row.id) throw new RpcError('NOT_FOUND', 'Không tìm thấy phiên bản này.');
  const code = version.criterionCode;
  const { criterion } = requireCriterion(ws, code);
  const state = await requireEditable(tx, ws, code, actor);
  const snap = snapshotOf(version);
  const repo = tx.manager.getRepository(RequirementEntryEntity);
  const downgraded: { level: number; requirementCode: string; reasons: Reason[] }[] = [];
  const changes: VersionChange[] = [];
  const ids = snap.flatMap((s) => extractCitationIds(s.description));
  const statuses = await citationStatuses(tx.manager, ids, ws.fw.id);
  for (const lv of criterion.levels) {
    for (const req of requirementsAt(criterion, lv.level)) {
      const target = snap.find((s) => s.level === lv.level && s.requirementCode === req.code);
      const description = target?.description ?? '';
      let judgment: Judgment = target?.judgment ?? 'unassessed';
      if (judgment === 'met') {
        const reasons = metReasons({
          level: lv.level,
          description,
          citations: citationsOf(description, statuses, ws.fw.id),
          lowerLevelReached: true,
        });
        if (reasons.length > 0) {
          downgraded.push({ level: lv.level, requirementCode: req.code, reasons });
          judgment = 'unassessed';
        }
      }
      const current = await repo.findOneBy({
        assessmentId: ws.row.id,
        criterionCode: code,
        level: lv.level,
        requirementCode: req.code,
        deletedAt: IsNull(),
      });
      const fields: ChangedField[] = [];
      if (description !== (current?.description ?? '')) fields.push('description');
      if (judgment !== (current?.judgment ?? 'unassessed')) fields.push('judgment');
      if (fields.length === 0) continue;
      if (current) await tx.update(RequirementEntryEntity, current.id, { description, judgment, updatedBy: actor.userId });
      else
        await tx.insert(RequirementEntryEntity, {
          assessmentId: ws.row.id,
          criterionCode: code,
          level: lv.level,
          requirementCode: req.code,
          description,
          judgment,
          carriedOver: false,
          confirmedAt: null,
          confirmedBy: null,
          updatedBy: actor.userId,
        });
      changes.push({ level: lv.level, requirementCode: req.code, fields });
    }
  }
  await pin(tx, ws);
  await reviseIfReturned(tx, ws, code, actor, state);
  await writeVersion(tx, ws, code, actor, {
    kind: 'restore',
    changes,
    summary: `Khôi phục phiên bản #${version.versionNo}${changes.length === 0 ? ' (không có thay đổi)' : ''}`,
  });
  return { criterionCode: code, downgraded };
}
