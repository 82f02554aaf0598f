/**
 * Component tests only: the evidence FakeBridge plus an in-memory self-assessment backend for
 * one assessment (THCS, TT 57 PL II). Params are validated with the contract, and the rules
 * that matter to the screens come from src/core like the real backend's: "Đạt" needs a
 * description citing valid evidence (metReasons), Mức L needs Mức L−1 (levelConsidered), the
 * review state machine and who may act (availableActions), expectedRev on every save.
 */
import { contract, type MethodName } from '../../../contract/methods';
import { RpcError, type RpcResponse } from '../../../contract/rpc';
import type {
  AssessmentDto,
  CitationDto,
  CouncilRoleDto,
  CriterionEditorDto,
  JudgmentDto,
  ReviewStateDto,
} from '../../../contract/schemas/assessment';
import type { Role } from '../../../contract/schemas/common';
import type { LocalSchoolComment } from '../../../contract/schemas/review';
import {
  availableActions,
  backedCriterionLevel,
  engineValue,
  isEditableState,
  judgeReasons,
  levelConsidered,
  metReasons,
  planTransition,
  readOnlyMessage,
  type EntryForLevels,
  type Reason,
  type ReviewCapability,
} from '../../../core/assessment';
import { citationToken, extractCitationIds, renderCitations } from '../../../core/evidence/citations';
import { allCriteria, findCriterion, levelLabel, requirementsAt, standardOf } from '../../../core/frameworks';
import { schoolLevel } from '../../../core/levels';
import { seededBridge } from '../../test/fake-bridge';
import { EvidenceBridge, TT57_PT } from '../evidence/test-support';

type Params = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export const ASSESSMENT_ID = '5a5a5a5a-0000-4000-8000-000000000001';
const NOW = '2026-10-01T07:03:00.000Z';

interface Entry {
  description: string;
  judgment: JudgmentDto;
  rev: number;
  needsConfirmation: boolean;
  updatedAt: string | null;
}

interface Comment {
  id: string;
  criterionCode: string;
  level: number | null;
  requirementCode: string | null;
  body: string;
  authorName: string;
  resolved: boolean;
  at: string;
}

export class AssessmentBridge extends EvidenceBridge {
  entries = new Map<string, Entry>();
  states = new Map<string, ReviewStateDto>();
  comments: Comment[] = [];
  /** userId → council role (a seat in this assessment's council). */
  seats = new Map<string, CouncilRoleDto>();
  /** userId → criterion codes assigned to them. */
  assigned = new Map<string, Set<string>>();
  criterionRevs = new Map<string, number>();
  /** False: the school has no assessment yet (assessment.create makes it). */
  hasAssessment = true;
  /** The department's comments returned to the school (sync.reviewComments). */
  deptComments: LocalSchoolComment[] = [];
  /** The department server does not answer: the backend serves its cache and queues replies. */
  deptOffline = false;
  deptCachedAt = '2026-10-20T02:00:00.000Z';

  override async invoke(method: MethodName, params: unknown): Promise<RpcResponse> {
    const ours =
      method.startsWith('assessment.') ||
      method.startsWith('criterion.') ||
      method.startsWith('review.') ||
      method.startsWith('summary.') ||
      method.startsWith('council.') ||
      method.startsWith('plan.') ||
      method.startsWith('assignment.') ||
      method === 'sync.reviewComments' ||
      method === 'sync.replyReviewComment';
    if (!ours) return super.invoke(method, params);
    this.calls.push({ method, params });
    const id = this.calls.length;
    try {
      const spec = contract[method];
      const parsed = spec.input.safeParse(params ?? {});
      if (!parsed.success) throw new RpcError('INVALID_ARGS', 'Dữ liệu không hợp lệ');
      const user = this.state.users.find((u) => u.id === this.state.sessionUserId);
      if (!user) throw new RpcError('UNAUTHENTICATED', 'Vui lòng đăng nhập');
      if (Array.isArray(spec.access) && !spec.access.includes(user.role)) throw new RpcError('FORBIDDEN', 'Không có quyền');
      return { id, ok: true, result: structuredClone(this.handleAssessment(method, parsed.data as Params, user.id, user.role)) };
    } catch (err) {
      if (err instanceof RpcError) return { id, ok: false, error: err.toBody() };
      throw err;
    }
  }

  // ---- seeding ---------------------------------------------------------------------------

  /** Writes a requirement directly, as an earlier session would have. */
  setEntry(code: string, level: number, req: string, fields: Partial<Entry>): Entry {
    const key = `${code}|${level}|${req}`;
    const e: Entry = {
      description: '',
      judgment: 'unassessed',
      rev: 0,
      needsConfirmation: false,
      updatedAt: NOW,
      ...this.entries.get(key),
      ...fields,
    };
    e.rev += 1;
    this.entries.set(key, e);
    for (const id of extractCitationIds(e.description)) this.cited.add(id);
    return e;
  }

  /** Someone else saves the requirement (its rev moves on). */
  otherUserSaves(code: string, level: number, req: string, description: string): void {
    this.setEntry(code, level, req, { description });
  }

  /** A user with a seat in the council and, for members, assigned criteria. */
  addCouncilUser(username: string, role: Role, seat: CouncilRoleDto, assigned: string[] = []) {
    const u = this.addUser(username, role);
    this.seats.set(u.id, seat);
    this.assigned.set(u.id, new Set(assigned));
    return u;
  }

  // ---- the methods ---------------------------------------------------------------------

  private caps(userId: string, role: Role, code: string): Set<ReviewCapability> {
    const caps = new Set<ReviewCapability>();
    const writer = role === 'admin' || role === 'council_member' || role === 'secretary';
    if (!writer) return caps;
    const seat = this.seats.get(userId);
    if (role === 'admin' || seat === 'chair' || this.assigned.get(userId)?.has(code)) caps.add('edit');
    if (role === 'admin' || (seat && seat !== 'member')) caps.add('review');
    if (role === 'admin' || seat === 'chair') caps.add('approve');
    return caps;
  }

  private citation(id: string): CitationDto {
    const e = this.evidence.find((x) => x.id.toLowerCase() === id);
    if (!e) return { evidenceId: id, code: null, title: '', problem: 'missing', unverified: false, validUntil: null };
    return {
      evidenceId: e.id,
      code: e.code,
      title: e.title,
      problem: e.expired ? 'expired' : e.verification === 'rejected' ? 'rejected' : null,
      unverified: e.verification !== 'verified',
      validUntil: e.validUntil,
    };
  }

  private entry(code: string, level: number, req: string): Entry {
    return (
      this.entries.get(`${code}|${level}|${req}`) ?? {
        description: '',
        judgment: 'unassessed',
        rev: 0,
        needsConfirmation: false,
        updatedAt: null,
      }
    );
  }

  private forLevels(code: string): EntryForLevels[] {
    const c = findCriterion(TT57_PT, code)!;
    return c.levels.flatMap((lv) =>
      requirementsAt(c, lv.level).map((r) => {
        const e = this.entry(code, lv.level, r.code);
        return {
          criterionCode: code,
          level: lv.level,
          requirementCode: r.code,
          description: e.description,
          judgment: e.judgment,
          needsConfirmation: e.needsConfirmation,
          validEvidenceIds: extractCitationIds(e.description).filter((id) => this.citation(id).problem === null),
        };
      }),
    );
  }

  private editor(code: string, userId: string, role: Role): CriterionEditorDto {
    const fw = TT57_PT;
    const c = findCriterion(fw, code);
    if (!c) throw new RpcError('NOT_FOUND', `Không có tiêu chí ${code}.`);
    const std = standardOf(fw, code)!;
    const entries = this.forLevels(code);
    const result = backedCriterionLevel(fw, c, entries);
    const state = this.states.get(code) ?? 'draft';
    const caps = this.caps(userId, role, code);
    const blocked: Reason[] = [];
    if (!isEditableState(state)) blocked.push({ code: 'read_only', message: readOnlyMessage(state) });
    if (!caps.has('edit'))
      blocked.push({ code: 'not_assigned', message: 'Bạn chỉ sửa được các tiêu chí được phân công cho mình.' });
    const codes = new Map(this.evidence.map((e) => [e.id.toLowerCase(), e.code]));
    const linked = this.evidence.filter((e) => e.criteria.includes(code)).map((e) => this.citation(e.id.toLowerCase()));
    return {
      assessmentId: ASSESSMENT_ID,
      frameworkId: fw.id,
      criterion: {
        code,
        title: c.title,
        mandatory: c.mandatory,
        standardCode: std.code,
        standardTitle: std.title,
        evidenceGroup: c.evidenceGroup,
        suggestedEvidence: c.suggestedEvidence,
        quantitativeData: [],
        quantitativeNote: null,
      },
      record: {
        reviewState: state,
        rev: this.criterionRevs.get(code) ?? 0,
        stateChangedAt: null,
        approvedAt: null,
        approvedBy: null,
        lastVersionNo: 0,
      },
      result: {
        level: result.level,
        levelLabel: levelLabel(fw, result.level),
        nextLevel: result.nextLevel,
        assessed: entries.some((e) => engineValue(e) !== null),
        pending: result.pending,
        unmet: result.unmet,
      },
      levels: c.levels.map((lv) => {
        const considered = levelConsidered(result, lv.level);
        return {
          level: lv.level,
          label: levelLabel(fw, lv.level),
          considered,
          status: result.levels.find((x) => x.level === lv.level)?.status ?? 'pending',
          requirements: requirementsAt(c, lv.level).map((r) => {
            const e = this.entry(code, lv.level, r.code);
            const citations = extractCitationIds(e.description).map((id) => this.citation(id));
            const met = metReasons({
              level: lv.level,
              description: e.description,
              citations,
              lowerLevelReached: considered,
              blocked,
            });
            return {
              level: lv.level,
              code: r.code,
              text: r.text,
              rev: e.rev,
              entryId: e.rev > 0 ? `${code}-${lv.level}-${r.code}` : null,
              description: e.description,
              descriptionRendered: renderCitations(e.description, codes),
              judgment: e.judgment,
              carriedOver: e.needsConfirmation,
              needsConfirmation: e.needsConfirmation,
              updatedAt: e.updatedAt,
              updatedByName: e.rev > 0 ? 'Người dùng admin' : null,
              citations,
              considered,
              counted: entries.some(
                (x) =>
                  x.level === lv.level &&
                  x.requirementCode === r.code &&
                  engineValue(x) !== null &&
                  x.judgment === 'met' &&
                  x.validEvidenceIds.length > 0,
              ),
              canJudge: judgeReasons({ level: lv.level, lowerLevelReached: considered, blocked }).length === 0,
              judgeReasons: judgeReasons({ level: lv.level, lowerLevelReached: considered, blocked }),
              canMarkMet: met.length === 0,
              metReasons: met,
              openComments: this.comments.filter((x) => !x.resolved && x.criterionCode === code && x.level === lv.level).length,
            };
          }),
        };
      }),
      permissions: {
        canEdit: blocked.length === 0,
        editReasons: blocked,
        actions: availableActions(state, caps),
        canComment: caps.size > 0,
      },
      assignees: { members: [], groups: [], dueDate: null },
      linkedEvidence: linked,
      openComments: this.comments.filter((x) => !x.resolved && x.criterionCode === code).length,
      carriedUnconfirmed: entries.filter((e) => e.needsConfirmation).length,
    };
  }

  private assessment(): AssessmentDto {
    return {
      id: ASSESSMENT_ID,
      schoolYear: '2026-2027',
      educationLevel: 'thcs',
      frameworkId: TT57_PT.id,
      frameworkTitle: TT57_PT.shortTitle,
      frameworkVersion: TT57_PT.version,
      frameworkLoadedVersion: TT57_PT.version,
      title: 'Tự đánh giá năm học 2026-2027 — Trung học cơ sở',
      notes: '',
      previousId: null,
      status: 'in_progress',
      pinned: this.entries.size > 0,
      pinnedAt: null,
      approvedAt: null,
      approvedBy: null,
      counts: { criteria: 15, approvedCriteria: 0, requirements: 30, judgedRequirements: 0, members: this.seats.size },
      createdAt: NOW,
      updatedAt: NOW,
      rev: 1,
    };
  }

  private handleAssessment(method: MethodName, p: Params, userId: string, role: Role): unknown {
    const fw = TT57_PT;
    switch (method) {
      case 'assessment.list':
        return this.hasAssessment ? [this.assessment()] : [];
      case 'assessment.create':
        if (this.hasAssessment)
          throw new RpcError('CONFLICT', 'Đã có đợt tự đánh giá năm học 2026-2027 cho cấp Trung học cơ sở.');
        this.hasAssessment = true;
        return { assessment: this.assessment(), carried: null };
      case 'assessment.get':
        return this.assessment();
      case 'assessment.levels': {
        const criteria = allCriteria(fw).map((c) => {
          const entries = this.forLevels(c.code);
          const r = backedCriterionLevel(fw, c, entries);
          return {
            code: c.code,
            title: c.title,
            standardCode: standardOf(fw, c.code)!.code,
            mandatory: c.mandatory,
            level: r.level,
            levelLabel: levelLabel(fw, r.level),
            assessed: entries.some((e) => engineValue(e) !== null),
            nextLevel: r.nextLevel,
            pending: r.pending,
            unmet: r.unmet,
            reviewState: this.states.get(c.code) ?? 'draft',
          };
        });
        const map = Object.fromEntries(criteria.filter((c) => c.assessed).map((c) => [c.code, c.level]));
        const s = schoolLevel(fw, map);
        return {
          assessmentId: ASSESSMENT_ID,
          frameworkId: fw.id,
          schoolLevel: s.schoolLevel,
          schoolLevelLabel: levelLabel(fw, s.schoolLevel),
          nextLevel: s.nextLevel,
          explanation: '',
          blockers: s.blockers,
          unassessed: s.unassessed,
          criteria,
        };
      }
      case 'criterion.list':
        return allCriteria(fw).map((c) => {
          const entries = this.forLevels(c.code);
          const r = backedCriterionLevel(fw, c, entries);
          return {
            code: c.code,
            title: c.title,
            standardCode: standardOf(fw, c.code)!.code,
            mandatory: c.mandatory,
            reviewState: this.states.get(c.code) ?? 'draft',
            level: r.level,
            levelLabel: levelLabel(fw, r.level),
            assessed: entries.some((e) => engineValue(e) !== null),
            progress: { requirements: entries.length, described: 0, judged: 0, counted: 0, carriedUnconfirmed: 0 },
            assignees: { members: [], groups: [] },
            dueDate: null,
            overdue: false,
            openComments: 0,
            canEdit: true,
          };
        });
      case 'criterion.get':
        return this.editor(p.criterionCode, userId, role);
      case 'criterion.saveRequirement': {
        const code = p.criterionCode;
        const caps = this.caps(userId, role, code);
        if (!caps.has('edit')) throw new RpcError('FORBIDDEN', 'Bạn chỉ sửa được các tiêu chí được phân công cho mình.');
        const state = this.states.get(code) ?? 'draft';
        if (!isEditableState(state)) throw new RpcError('CONFLICT', readOnlyMessage(state));
        const current = this.entry(code, p.level, p.requirementCode);
        const description = p.description ?? current.description;
        const judgment = p.judgment ?? current.judgment;
        if (description === current.description && judgment === current.judgment) return this.editor(code, userId, role);
        if (current.rev !== p.expectedRev)
          throw new RpcError('CONFLICT', 'Yêu cầu này vừa được người khác sửa. Hãy tải lại rồi sửa tiếp.');
        if (judgment === 'met' && judgment !== current.judgment) {
          const c = findCriterion(fw, code)!;
          const lower = this.forLevels(code).filter((e) => e.level < p.level);
          const considered = levelConsidered(backedCriterionLevel(fw, c, lower), p.level);
          const reasons = metReasons({
            level: p.level,
            description,
            citations: extractCitationIds(description).map((id) => this.citation(id)),
            lowerLevelReached: considered,
          });
          if (reasons.length > 0)
            throw new RpcError('VALIDATION', `Chưa thể đánh giá "Đạt": ${reasons.map((r) => r.message).join(' ')}`);
        }
        this.setEntry(code, p.level, p.requirementCode, { description, judgment, updatedAt: NOW });
        if (state === 'returned') this.states.set(code, 'draft');
        return this.editor(code, userId, role);
      }
      case 'criterion.confirm': {
        const c = findCriterion(fw, p.criterionCode)!;
        let confirmed = 0;
        for (const lv of c.levels) {
          for (const r of requirementsAt(c, lv.level)) {
            if (
              (p.level !== undefined && p.level !== lv.level) ||
              (p.requirementCode !== undefined && p.requirementCode !== r.code)
            )
              continue;
            const e = this.entry(p.criterionCode, lv.level, r.code);
            if (!e.needsConfirmation) continue;
            this.setEntry(p.criterionCode, lv.level, r.code, { needsConfirmation: false });
            confirmed++;
          }
        }
        return { confirmed, refused: [], editor: this.editor(p.criterionCode, userId, role) };
      }
      case 'criterion.history':
        return [];
      case 'review.transition': {
        const code = p.criterionCode;
        const state = this.states.get(code) ?? 'draft';
        const plan = planTransition(state, p.action, this.caps(userId, role, code), p.note);
        if (!plan.ok) throw new RpcError(plan.reason === 'forbidden' ? 'FORBIDDEN' : 'VALIDATION', plan.message);
        this.states.set(code, plan.to);
        this.criterionRevs.set(code, (this.criterionRevs.get(code) ?? 0) + 1);
        if (p.note) {
          this.comments.push({
            id: crypto.randomUUID(),
            criterionCode: code,
            level: p.level ?? null,
            requirementCode: p.requirementCode ?? null,
            body: p.note,
            authorName: 'Người dùng admin',
            resolved: false,
            at: NOW,
          });
        }
        const event = {
          id: crypto.randomUUID(),
          criterionCode: code,
          action: p.action,
          fromState: state,
          toState: plan.to,
          actorId: userId,
          actorName: 'x',
          note: p.note,
          at: NOW,
        };
        return { reviewState: plan.to, event, editor: this.editor(code, userId, role) };
      }
      case 'review.comments':
        return this.comments
          .filter((c) => (!p.criterionCode || c.criterionCode === p.criterionCode) && (p.includeResolved || !c.resolved))
          .map((c) => ({ ...c, authorId: null, resolvedAt: null, resolvedBy: null, eventId: null, rev: 1 }));
      case 'review.addComment': {
        const c: Comment = {
          id: crypto.randomUUID(),
          criterionCode: p.criterionCode,
          level: p.level ?? null,
          requirementCode: p.requirementCode ?? null,
          body: p.body,
          authorName: 'Người dùng admin',
          resolved: false,
          at: NOW,
        };
        this.comments.push(c);
        return { ...c, authorId: null, resolvedAt: null, resolvedBy: null, eventId: null, rev: 1 };
      }
      case 'summary.list':
        return { scopeKind: 'standard', items: [], trend: [] };
      case 'sync.reviewComments':
        return {
          comments: this.deptComments,
          cachedAt: this.deptCachedAt,
          refreshed: !this.deptOffline,
          error: this.deptOffline ? 'Không kết nối được tới máy chủ của Sở.' : null,
        };
      case 'sync.replyReviewComment': {
        const c = this.deptComments.find((x) => x.id === p.commentId);
        if (!c) throw new RpcError('NOT_FOUND', 'Không tìm thấy nhận xét này.');
        if (this.deptOffline) c.pendingReply = p.reply;
        else Object.assign(c, { reply: p.reply, replyBy: 'thcs-le-loi', replyAt: NOW, pendingReply: null });
        return c;
      }
      default:
        throw new RpcError('UNKNOWN_METHOD', method);
    }
  }
}

/** The seeded THCS school with its admin logged in (or a council user), and the assessment. */
export function assessmentBridge(): AssessmentBridge {
  const bridge = new AssessmentBridge();
  bridge.state = seededBridge().state;
  bridge.state.sessionUserId = bridge.state.users[0]!.id;
  return bridge;
}

/** Logs the bridge in as another user. */
export function loginAs(bridge: AssessmentBridge, userId: string): void {
  bridge.state.sessionUserId = userId;
}

export const token = citationToken;
export const EDITOR_ROUTE = (code: string) => `/self-assessment/${ASSESSMENT_ID}/criteria/${code}`;

/** A department comment returned with the submitted dossier of this assessment. */
export function deptComment(fields: Partial<LocalSchoolComment> & { criterionCode: string; body: string }): LocalSchoolComment {
  return {
    id: crypto.randomUUID(),
    kind: 'comment',
    requirementRef: '',
    evidenceId: '',
    evidenceCode: '',
    authorName: 'Trần Thị Thanh Tra',
    createdAt: '2026-10-15T03:00:00.000Z',
    returnedWith: '0199aaaa-0000-7000-8000-000000000001',
    reply: '',
    replyBy: '',
    replyAt: null,
    submissionId: '0199aaaa-0000-7000-8000-000000000001',
    subjectId: ASSESSMENT_ID,
    pendingReply: null,
    ...fields,
  };
}
