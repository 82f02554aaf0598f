import { v7 as uuidv7 } from 'uuid';
import {
  SCHOOL_STATE_LABELS,
  SCHOOL_STATES,
  type AssignmentView,
  type AssignRequest,
  type CommentView,
  type ConclusionRequest,
  type Dashboard,
  type DossierDiff,
  type DossierInfo,
  type InboxItem,
  type InboxQuery,
  type PushJudgmentsRequest,
  type RecognitionView,
  type ReviewAccount,
  type ReviewRole,
  type SchoolComment,
  type SchoolState,
  type TeamView,
} from '../../contract/schemas/review';
import { SUBMISSION_STATE_LABELS, type SubmissionState, type SubmissionDiff } from '../../contract/sync-protocol';
import { E, type AccountRow, type OrgUnitRow } from '../db/entities/index';
import { conflict, forbidden, invalid, notFound } from '../errors';
import type { AccountActor } from '../services/actor';
import { subtreeIds } from '../services/org-tree';
import { SYNC_E, type SyncSubmissionEventRow, type SyncSubmissionRow } from '../sync/entities';
import type { SyncService } from '../sync/service';

/** A dossier is followed across its versions: same school, kind and subject. */
export const dossierKey = (s: { unitId: string; kind: string; subjectId: string }) => `${s.unitId}/${s.kind}/${s.subjectId}`;

interface Access {
  sub: SyncSubmissionRow;
  key: string;
  role: ReviewRole;
  assignment: AssignmentRow | null;
}

interface AssignmentRow {
  dossier_key: string;
  unit_id: string;
  lead_id: string;
  member_ids: string;
  deadline: string | null;
  assigned_at: string;
}

interface CommentRow {
  id: string;
  dossier_key: string;
  unit_id: string;
  submission_id: string;
  account_id: string;
  author_name: string;
  kind: string;
  criterion_code: string;
  requirement_ref: string;
  evidence_id: string;
  body: string;
  created_at: string;
  returned_with: string | null;
  reply: string;
  reply_by: string;
  reply_at: string | null;
}

interface RecognitionRow {
  id: string;
  dossier_key: string;
  unit_id: string;
  submission_id: string;
  framework_id: string;
  level: number | string;
  decision_number: string;
  decision_date: string;
  valid_until: string;
  recorded_by: string;
  recorded_at: string;
}

const TRANSITIONS = {
  return: { from: ['received', 'under_review'] as SubmissionState[], to: 'returned' as SubmissionState },
  accept: { from: ['received', 'under_review'] as SubmissionState[], to: 'accepted' as SubmissionState },
  start_review: { from: ['received'] as SubmissionState[], to: 'under_review' as SubmissionState },
};

const DAY = 86_400_000;

/** `yyyy-mm-dd` plus whole years (29/02 → 28/02). */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y + years, m - 1, d));
  if (t.getUTCMonth() !== m - 1) t.setUTCDate(0);
  return t.toISOString().slice(0, 10);
}

/**
 * The department's review of submitted dossiers (issue 8): who may open which dossier (admins
 * their subtree; inspectors only dossiers assigned to them — 403 otherwise), assignment of a
 * team, members' judgments and comments (idempotent by client id), the team view with
 * disagreements side by side, the lead's conclusion, return with comments and acceptance,
 * decisions of recognition (valid 5 years), the school's view of comments and its replies,
 * the dashboard and the audit log. Tables: migrations/server/*\/1767398400000-review.ts.
 */
export class ReviewService {
  constructor(private readonly sync: SyncService) {}

  private get db() {
    return this.sync.deps.db;
  }
  private get ctx() {
    return this.sync.deps.services.ctx;
  }
  private p(n: number) {
    return this.sync.store.p(n);
  }
  private nowIso() {
    return this.sync.now().toISOString();
  }
  private q<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.db.ds.manager.query(sql, params) as Promise<T[]>;
  }
  private subs() {
    return this.db.ds.manager.getRepository<SyncSubmissionRow>(SYNC_E.Submission);
  }

  // --- access -------------------------------------------------------------------------------

  private async assignmentOf(key: string): Promise<AssignmentRow | null> {
    const [row] = await this.q<AssignmentRow>(`SELECT * FROM review_assignment WHERE dossier_key = ${this.p(1)}`, [key]);
    return row ?? null;
  }

  /** 404 for a dossier that does not exist; 403 for one the caller may not open. */
  async access(actor: AccountActor, submissionId: string, need: 'read' | 'lead' | 'admin' = 'read'): Promise<Access> {
    const sub = /^[0-9a-f-]{36}$/i.test(submissionId) ? await this.subs().findOneBy({ id: submissionId }) : null;
    if (!sub) throw notFound('SUBMISSION_NOT_FOUND', 'Không tìm thấy hồ sơ đã nộp này.');
    const key = dossierKey(sub);
    const assignment = await this.assignmentOf(key);
    let role: ReviewRole | null = null;
    if (await this.sync.deps.services.can(actor, 'dossier.review', { unitId: sub.unitId })) role = 'admin';
    else if (assignment?.lead_id === actor.accountId) role = 'lead';
    else if (assignment && (JSON.parse(assignment.member_ids) as string[]).includes(actor.accountId)) role = 'member';
    if (!role) throw forbidden('Hồ sơ này chưa được giao cho bạn đánh giá.');
    if (need === 'admin' && role !== 'admin') throw forbidden('Chỉ quản trị của Sở/Phòng mới làm được việc này.');
    if (need === 'lead' && role === 'member') throw forbidden('Chỉ trưởng đoàn (hoặc quản trị) mới làm được việc này.');
    return { sub, key, role, assignment };
  }

  private async names(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.ds.manager
      .getRepository<AccountRow>(E.Account)
      .createQueryBuilder('a')
      .where('a.id IN (:...ids)', { ids: [...new Set(ids)] })
      .getMany();
    return new Map(rows.map((a) => [a.id, a.displayName || a.username]));
  }

  private async assignmentView(a: AssignmentRow | null): Promise<AssignmentView | null> {
    if (!a) return null;
    const members = JSON.parse(a.member_ids) as string[];
    const names = await this.names([a.lead_id, ...members]);
    return {
      leadId: a.lead_id,
      leadName: names.get(a.lead_id) ?? '',
      members: members.map((id) => ({ id, name: names.get(id) ?? '' })),
      deadline: a.deadline,
      assignedAt: a.assigned_at,
    };
  }

  async audit(actor: AccountActor, sub: { id: string; key: string }, action: string, detail = ''): Promise<void> {
    await this.q(
      `INSERT INTO review_audit (id, dossier_key, submission_id, account_id, actor_name, action, detail, at) VALUES (${[1, 2, 3, 4, 5, 6, 7, 8].map((n) => this.p(n)).join(', ')})`,
      [uuidv7(), sub.key, sub.id, actor.accountId, actor.username, action, detail, this.nowIso()],
    );
  }

  private async unit(id: string): Promise<OrgUnitRow | null> {
    return this.db.ds.manager.getRepository<OrgUnitRow>(E.OrgUnit).findOneBy({ id });
  }

  // --- inbox & assignment ---------------------------------------------------------------------

  /** Admins: every dossier of their subtree; inspectors: the dossiers assigned to them. */
  async inbox(actor: AccountActor, query: InboxQuery = {}): Promise<InboxItem[]> {
    const admin = this.sync.deps.services.can.bind(this.sync.deps.services);
    let rows: SyncSubmissionRow[];
    const assignments = await this.q<AssignmentRow>(`SELECT * FROM review_assignment`);
    const byKey = new Map(assignments.map((a) => [a.dossier_key, a]));
    if (actor.role === 'dept_admin') {
      const units = await subtreeIds(this.ctx, actor.orgUnitId);
      rows = units.length ? await this.subs().createQueryBuilder('s').where('s.unitId IN (:...units)', { units }).getMany() : [];
    } else {
      const mine = assignments.filter(
        (a) => a.lead_id === actor.accountId || (JSON.parse(a.member_ids) as string[]).includes(actor.accountId),
      );
      const units = [...new Set(mine.map((a) => a.unit_id))];
      rows = units.length
        ? (await this.subs().createQueryBuilder('s').where('s.unitId IN (:...units)', { units }).getMany()).filter((s) =>
            mine.some((a) => a.dossier_key === dossierKey(s)),
          )
        : [];
    }
    // Latest version of each dossier only.
    const latest = new Map<string, SyncSubmissionRow>();
    for (const r of rows) {
      const k = dossierKey(r);
      if ((latest.get(k)?.version ?? 0) < r.version) latest.set(k, r);
    }
    const conclusions = new Map(
      (await this.q<{ dossier_key: string; level: number | string }>(`SELECT dossier_key, level FROM review_conclusion`)).map(
        (c) => [c.dossier_key, Number(c.level)],
      ),
    );
    const out: InboxItem[] = [];
    for (const s of latest.values()) {
      const unit = await this.unit(s.unitId);
      const a = byKey.get(dossierKey(s)) ?? null;
      const info = subjectInfo(s);
      const item: InboxItem = {
        submissionId: s.id,
        unitId: s.unitId,
        schoolCode: unit?.code ?? '',
        schoolName: unit?.name ?? '',
        kind: s.kind,
        subjectId: s.subjectId,
        version: s.version,
        state: s.state as SubmissionState,
        submittedAt: s.submittedAt.toISOString(),
        frameworkId: info.frameworkId,
        schoolYear: info.schoolYear,
        level: conclusions.get(dossierKey(s)) ?? null,
        assignment: await this.assignmentView(a),
        myRole:
          actor.role === 'dept_admin' && (await admin(actor, 'dossier.review', { unitId: s.unitId }))
            ? 'admin'
            : a?.lead_id === actor.accountId
              ? 'lead'
              : 'member',
      };
      if (query.state && item.state !== query.state) continue;
      if (query.school && item.unitId !== query.school && item.schoolCode !== query.school) continue;
      if (query.framework && item.frameworkId !== query.framework) continue;
      if (query.level !== undefined && item.level !== query.level) continue;
      if (query.from && item.submittedAt.slice(0, 10) < query.from) continue;
      if (query.to && item.submittedAt.slice(0, 10) > query.to) continue;
      out.push(item);
    }
    return out.sort((x, y) => (x.submittedAt < y.submittedAt ? 1 : -1));
  }

  async assign(actor: AccountActor, submissionId: string, req: AssignRequest): Promise<AssignmentView> {
    const a = await this.access(actor, submissionId, 'admin');
    await this.sync.deps.services.authorize(actor, 'dossier.assign', { unitId: a.sub.unitId });
    const ids = [...new Set([req.leadId, ...req.memberIds])];
    const accounts = await this.db.ds.manager
      .getRepository<AccountRow>(E.Account)
      .createQueryBuilder('a')
      .where('a.id IN (:...ids)', { ids })
      .getMany();
    if (accounts.length !== ids.length || accounts.some((x) => x.disabled || x.role === 'school_user')) {
      throw invalid('INVALID_REVIEWER', 'Thành viên đoàn phải là tài khoản chuyên viên/thanh tra hoặc quản trị đang hoạt động.');
    }
    const members = req.memberIds.filter((m) => m !== req.leadId);
    const now = this.nowIso();
    await this.sync.store.tx(async (m) => {
      await m.query(`DELETE FROM review_assignment WHERE dossier_key = ${this.p(1)}`, [a.key]);
      await m.query(
        `INSERT INTO review_assignment (dossier_key, unit_id, lead_id, member_ids, deadline, assigned_by, assigned_at) VALUES (${[1, 2, 3, 4, 5, 6, 7].map((n) => this.p(n)).join(', ')})`,
        [a.key, a.sub.unitId, req.leadId, JSON.stringify(members), req.deadline ?? null, actor.accountId, now],
      );
    });
    await this.audit(actor, { id: a.sub.id, key: a.key }, 'assign', `Trưởng đoàn ${req.leadId}; ${members.length} thành viên`);
    return (await this.assignmentView(await this.assignmentOf(a.key)))!;
  }

  /**
   * Who a department admin may put on a team: the active inspectors and admins of its subtree,
   * by unit then name. Inspectors (and schools) get 403: they never assign.
   */
  async reviewers(actor: AccountActor): Promise<ReviewAccount[]> {
    await this.sync.deps.services.authorize(actor, 'dossier.assign', { unitId: actor.orgUnitId });
    const unitIds = await subtreeIds(this.ctx, actor.orgUnitId);
    const accounts = await this.db.ds.manager
      .getRepository<AccountRow>(E.Account)
      .createQueryBuilder('a')
      .where('a.orgUnitId IN (:...unitIds)', { unitIds })
      .andWhere('a.role IN (:...roles)', { roles: ['inspector', 'dept_admin'] })
      .getMany();
    const units = new Map<string, OrgUnitRow>();
    for (const id of new Set(accounts.map((a) => a.orgUnitId))) {
      const u = await this.unit(id);
      if (u) units.set(id, u);
    }
    return accounts
      .filter((a) => !a.disabled && units.has(a.orgUnitId))
      .map((a) => {
        const u = units.get(a.orgUnitId)!;
        return {
          id: a.id,
          username: a.username,
          displayName: a.displayName,
          role: a.role,
          unit: { id: u.id, code: u.code, name: u.name },
        };
      })
      .sort(
        (x, y) =>
          x.unit.code.localeCompare(y.unit.code) ||
          (x.displayName || x.username).localeCompare(y.displayName || y.username, 'vi'),
      );
  }

  async dossier(actor: AccountActor, submissionId: string): Promise<DossierInfo> {
    const a = await this.access(actor, submissionId);
    const unit = await this.unit(a.sub.unitId);
    return {
      submission: await this.sync.submissions.view(a.sub),
      assignment: await this.assignmentView(a.assignment),
      myRole: a.role,
      school: { id: a.sub.unitId, code: unit?.code ?? '', name: unit?.name ?? '' },
    };
  }

  /** The frozen rows and manifest (audited as a download); the review starts at the first one. */
  async snapshot(actor: AccountActor, submissionId: string) {
    const a = await this.access(actor, submissionId);
    await this.audit(actor, { id: a.sub.id, key: a.key }, 'download', `Phiên bản ${a.sub.version}`);
    if (a.sub.state === 'received') await this.move(actor, a, 'start_review', 'Bắt đầu đánh giá hồ sơ.');
    return { manifest: JSON.parse(a.sub.manifest), manifestHash: a.sub.manifestHash, rows: JSON.parse(a.sub.snapshot) };
  }

  /** A file of the dossier (listed in its manifest), for a reviewer of that dossier. */
  async blob(actor: AccountActor, submissionId: string, sha256: string) {
    const a = await this.access(actor, submissionId);
    const manifest = JSON.parse(a.sub.manifest) as { blobs: { sha256: string }[] };
    if (!manifest.blobs.some((b) => b.sha256 === sha256)) throw notFound('BLOB_NOT_FOUND', 'Tệp này không thuộc hồ sơ.');
    const st = await this.sync.blobs.storage.stat(sha256);
    if (!st) throw notFound('BLOB_NOT_FOUND', 'Máy chủ không còn giữ tệp này.');
    return { stream: await this.sync.blobs.storage.open(sha256), sizeBytes: st.sizeBytes };
  }

  // --- judgments & comments -------------------------------------------------------------------

  async push(actor: AccountActor, submissionId: string, req: PushJudgmentsRequest) {
    const a = await this.access(actor, submissionId);
    const locked: string[] = [];
    let judgments = 0;
    let comments = 0;
    await this.sync.store.tx(async (m) => {
      for (const j of req.judgments) {
        const [old] = (await m.query(`SELECT account_id FROM review_judgment WHERE id = ${this.p(1)}`, [j.id])) as {
          account_id: string;
        }[];
        if (old && old.account_id !== actor.accountId) throw conflict('ID_TAKEN', 'Mã đánh giá đã được dùng.');
        // One judgment per member and requirement: a new client id for the same place replaces it.
        await m.query(
          `DELETE FROM review_judgment WHERE dossier_key = ${this.p(1)} AND account_id = ${this.p(2)} AND criterion_code = ${this.p(3)} AND level = ${this.p(4)} AND requirement_code = ${this.p(5)}`,
          [a.key, actor.accountId, j.criterionCode, j.level, j.requirementCode],
        );
        await m.query(`DELETE FROM review_judgment WHERE id = ${this.p(1)}`, [j.id]);
        await m.query(
          `INSERT INTO review_judgment (id, dossier_key, submission_id, account_id, criterion_code, level, requirement_code, judgment, level_reached, agree, note, updated_at) VALUES (${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((n) => this.p(n)).join(', ')})`,
          [
            j.id,
            a.key,
            a.sub.id,
            actor.accountId,
            j.criterionCode,
            j.level,
            j.requirementCode,
            j.judgment,
            j.levelReached,
            j.agree,
            j.note,
            j.updatedAt,
          ],
        );
        judgments++;
      }
      for (const c of req.comments) {
        const [old] = (await m.query(`SELECT account_id, returned_with FROM review_comment WHERE id = ${this.p(1)}`, [c.id])) as {
          account_id: string;
          returned_with: string | null;
        }[];
        if (old) {
          if (old.account_id !== actor.accountId) throw conflict('ID_TAKEN', 'Mã nhận xét đã được dùng.');
          if (old.returned_with) {
            locked.push(c.id);
            continue;
          }
          await m.query(
            `UPDATE review_comment SET body = ${this.p(1)}, kind = ${this.p(2)}, requirement_ref = ${this.p(3)}, evidence_id = ${this.p(4)} WHERE id = ${this.p(5)}`,
            [c.body, c.kind, c.requirementRef, c.evidenceId, c.id],
          );
        } else {
          await m.query(
            `INSERT INTO review_comment (id, dossier_key, unit_id, submission_id, account_id, author_name, kind, criterion_code, requirement_ref, evidence_id, body, created_at, returned_with, reply, reply_by, reply_at) VALUES (${Array.from({ length: 16 }, (_, i) => this.p(i + 1)).join(', ')})`,
            [
              c.id,
              a.key,
              a.sub.unitId,
              a.sub.id,
              actor.accountId,
              actor.username,
              c.kind,
              c.criterionCode,
              c.requirementRef,
              c.evidenceId,
              c.body,
              c.createdAt,
              null,
              '',
              '',
              null,
            ],
          );
        }
        comments++;
      }
    });
    if (judgments || comments)
      await this.audit(actor, { id: a.sub.id, key: a.key }, 'judgments', `${judgments} đánh giá, ${comments} nhận xét`);
    return { judgments, comments, locked };
  }

  private commentView(c: CommentRow): CommentView {
    return {
      id: c.id,
      kind: c.kind as CommentView['kind'],
      criterionCode: c.criterion_code,
      requirementRef: c.requirement_ref,
      evidenceId: c.evidence_id,
      body: c.body,
      authorName: c.author_name,
      createdAt: c.created_at,
      returnedWith: c.returned_with,
      reply: c.reply,
      replyBy: c.reply_by,
      replyAt: c.reply_at,
    };
  }

  private async commentsOf(key: string): Promise<CommentRow[]> {
    return this.q<CommentRow>(`SELECT * FROM review_comment WHERE dossier_key = ${this.p(1)} ORDER BY created_at, id`, [key]);
  }

  async team(actor: AccountActor, submissionId: string): Promise<TeamView> {
    const a = await this.access(actor, submissionId);
    const rows = await this.q<{
      account_id: string;
      criterion_code: string;
      level: number | string;
      requirement_code: string;
      judgment: string;
      level_reached: number | string | null;
      agree: string;
      note: string;
    }>(`SELECT * FROM review_judgment WHERE dossier_key = ${this.p(1)} ORDER BY criterion_code, level, requirement_code`, [
      a.key,
    ]);
    const memberIds = a.assignment ? [a.assignment.lead_id, ...(JSON.parse(a.assignment.member_ids) as string[])] : [];
    const names = await this.names([...memberIds, ...rows.map((r) => r.account_id)]);
    const criteria = new Map<string, TeamView['criteria'][number]>();
    for (const r of rows) {
      const c = criteria.get(r.criterion_code) ?? {
        criterionCode: r.criterion_code,
        verdicts: [],
        requirements: [],
        disagreement: false,
      };
      criteria.set(r.criterion_code, c);
      const mj = {
        accountId: r.account_id,
        name: names.get(r.account_id) ?? '',
        judgment: r.judgment as 'met',
        agree: r.agree as '',
        levelReached: r.level_reached === null ? null : Number(r.level_reached),
        note: r.note,
      };
      if (Number(r.level) === 0 && r.requirement_code === '') {
        c.verdicts.push(mj);
        continue;
      }
      let req = c.requirements.find((x) => x.level === Number(r.level) && x.requirementCode === r.requirement_code);
      if (!req) {
        req = { level: Number(r.level), requirementCode: r.requirement_code, judgments: [], disagreement: false };
        c.requirements.push(req);
      }
      req.judgments.push(mj);
    }
    for (const c of criteria.values()) {
      for (const r of c.requirements) {
        const seen = new Set(r.judgments.map((j) => j.judgment).filter((j) => j !== 'unassessed'));
        r.disagreement = seen.size > 1;
      }
      const levels = new Set(c.verdicts.map((v) => v.levelReached).filter((l) => l !== null));
      c.disagreement = levels.size > 1 || c.requirements.some((r) => r.disagreement);
    }
    const [concl] = await this.q<{
      level: number | string;
      findings: string;
      conclusion: string;
      recommendation: string;
      set_at: string;
      submission_id: string;
    }>(`SELECT * FROM review_conclusion WHERE dossier_key = ${this.p(1)}`, [a.key]);
    return {
      submissionId: a.sub.id,
      members: memberIds.map((id, i) => ({ accountId: id, name: names.get(id) ?? '', role: i === 0 ? 'lead' : 'member' })),
      criteria: [...criteria.values()],
      comments: (await this.commentsOf(a.key)).map((c) => this.commentView(c)),
      conclusion: concl
        ? {
            level: Number(concl.level),
            findings: concl.findings,
            conclusion: concl.conclusion,
            recommendation: concl.recommendation,
            setAt: concl.set_at,
            submissionId: concl.submission_id,
          }
        : null,
    };
  }

  async conclude(actor: AccountActor, submissionId: string, req: ConclusionRequest) {
    const a = await this.access(actor, submissionId, 'lead');
    await this.sync.store.tx(async (m) => {
      await m.query(`DELETE FROM review_conclusion WHERE dossier_key = ${this.p(1)}`, [a.key]);
      await m.query(
        `INSERT INTO review_conclusion (dossier_key, submission_id, level, findings, conclusion, recommendation, set_by, set_at) VALUES (${[1, 2, 3, 4, 5, 6, 7, 8].map((n) => this.p(n)).join(', ')})`,
        [a.key, a.sub.id, req.level, req.findings, req.conclusion, req.recommendation, actor.accountId, this.nowIso()],
      );
    });
    await this.audit(actor, { id: a.sub.id, key: a.key }, 'conclusion', `Mức ${req.level}`);
    return (await this.team(actor, submissionId)).conclusion!;
  }

  private async move(actor: AccountActor, a: Access, action: keyof typeof TRANSITIONS, comment: string) {
    const t = TRANSITIONS[action];
    const now = this.sync.now();
    await this.sync.store.tx(async (m) => {
      const repo = m.getRepository<SyncSubmissionRow>(SYNC_E.Submission);
      const current = await repo.findOneByOrFail({ id: a.sub.id });
      if (!t.from.includes(current.state as SubmissionState)) {
        throw conflict(
          'INVALID_TRANSITION',
          `Hồ sơ đang ở trạng thái "${SUBMISSION_STATE_LABELS[current.state as SubmissionState]}", không thể chuyển sang "${SUBMISSION_STATE_LABELS[t.to]}".`,
        );
      }
      await repo.update({ id: a.sub.id }, { state: t.to, updatedAt: now });
      await m.getRepository<SyncSubmissionEventRow>(SYNC_E.SubmissionEvent).insert({
        id: uuidv7(),
        submissionId: a.sub.id,
        state: t.to,
        comment,
        actorId: actor.accountId,
        actorName: actor.username,
        at: now,
      });
      if (action === 'return') {
        await m.query(
          `UPDATE review_comment SET returned_with = ${this.p(1)} WHERE dossier_key = ${this.p(2)} AND returned_with IS NULL`,
          [a.sub.id, a.key],
        );
      }
    });
    a.sub.state = t.to;
  }

  /** The team returns the dossier: state → returned, every comment not yet sent goes to the school. */
  async returnDossier(actor: AccountActor, submissionId: string, message: string) {
    const a = await this.access(actor, submissionId, 'lead');
    const text = message.trim();
    if (!text) throw invalid('COMMENT_REQUIRED', 'Khi trả lại hồ sơ, hãy ghi rõ nội dung cần bổ sung.');
    await this.move(actor, a, 'return', text);
    await this.audit(actor, { id: a.sub.id, key: a.key }, 'return', text);
    return this.sync.submissions.view(a.sub);
  }

  async accept(actor: AccountActor, submissionId: string) {
    const a = await this.access(actor, submissionId, 'lead');
    const [c] = await this.q(`SELECT level FROM review_conclusion WHERE dossier_key = ${this.p(1)}`, [a.key]);
    if (!c) throw conflict('CONCLUSION_REQUIRED', 'Trưởng đoàn cần ghi kết luận của đoàn trước khi công nhận hồ sơ.');
    await this.move(actor, a, 'accept', 'Hồ sơ được chấp nhận.');
    await this.audit(actor, { id: a.sub.id, key: a.key }, 'accept', '');
    return this.sync.submissions.view(a.sub);
  }

  /** The decision of recognition: number, date, level, valid for 5 years by default. */
  async decide(
    actor: AccountActor,
    submissionId: string,
    req: { number: string; date: string; level?: number; validYears: number },
  ): Promise<RecognitionView> {
    const a = await this.access(actor, submissionId, 'admin');
    if (a.sub.state !== 'accepted') throw conflict('NOT_ACCEPTED', 'Chỉ ra quyết định công nhận cho hồ sơ đã được chấp nhận.');
    const [c] = await this.q<{ level: number | string }>(`SELECT level FROM review_conclusion WHERE dossier_key = ${this.p(1)}`, [
      a.key,
    ]);
    const level = req.level ?? (c ? Number(c.level) : 0);
    const id = uuidv7();
    await this.q(
      `INSERT INTO review_recognition (id, dossier_key, unit_id, submission_id, framework_id, level, decision_number, decision_date, valid_until, recorded_by, recorded_at) VALUES (${Array.from({ length: 11 }, (_, i) => this.p(i + 1)).join(', ')})`,
      [
        id,
        a.key,
        a.sub.unitId,
        a.sub.id,
        subjectInfo(a.sub).frameworkId ?? '',
        level,
        req.number,
        req.date,
        addYears(req.date, req.validYears),
        actor.accountId,
        this.nowIso(),
      ],
    );
    await this.audit(actor, { id: a.sub.id, key: a.key }, 'decision', `Quyết định ${req.number} ngày ${req.date}, mức ${level}`);
    return (await this.recognitions(actor)).find((r) => r.id === id)!;
  }

  private async visibleUnits(actor: AccountActor): Promise<string[]> {
    if (actor.role === 'dept_admin') return subtreeIds(this.ctx, actor.orgUnitId);
    const rows = await this.q<AssignmentRow>(`SELECT * FROM review_assignment`);
    return [
      ...new Set(
        rows
          .filter((a) => a.lead_id === actor.accountId || (JSON.parse(a.member_ids) as string[]).includes(actor.accountId))
          .map((a) => a.unit_id),
      ),
    ];
  }

  async recognitions(actor: AccountActor): Promise<RecognitionView[]> {
    const units = new Set(await this.visibleUnits(actor));
    const rows = (await this.q<RecognitionRow>(`SELECT * FROM review_recognition ORDER BY valid_until`)).filter((r) =>
      units.has(r.unit_id),
    );
    const today = this.sync.now().toISOString().slice(0, 10);
    const out: RecognitionView[] = [];
    for (const r of rows) {
      const unit = await this.unit(r.unit_id);
      const daysLeft = Math.round((Date.parse(r.valid_until) - Date.parse(today)) / DAY);
      out.push({
        id: r.id,
        unitId: r.unit_id,
        schoolCode: unit?.code ?? '',
        schoolName: unit?.name ?? '',
        submissionId: r.submission_id,
        frameworkId: r.framework_id,
        level: Number(r.level),
        decisionNumber: r.decision_number,
        decisionDate: r.decision_date,
        validUntil: r.valid_until,
        daysLeft,
        expiringSoon: daysLeft <= 365,
      });
    }
    return out;
  }

  /** What changed since the previous version, and which comments the school answered. */
  async diff(actor: AccountActor, submissionId: string): Promise<DossierDiff> {
    const a = await this.access(actor, submissionId);
    const diff = a.sub.diff ? (JSON.parse(a.sub.diff) as SubmissionDiff) : null;
    const changedCriteria = new Set<string>();
    if (diff && a.sub.previousId) {
      const prev = await this.subs().findOneBy({ id: a.sub.previousId });
      const rowsOf = (s: SyncSubmissionRow | null) =>
        new Map(
          (s ? (JSON.parse(s.snapshot) as { entity: string; id: string; data: Record<string, unknown> }[]) : []).map((r) => [
            `${r.entity}\u0000${r.id}`,
            r,
          ]),
        );
      const before = rowsOf(prev);
      const after = rowsOf(a.sub);
      for (const ref of [...diff.added, ...diff.changed, ...diff.removed]) {
        const r = after.get(`${ref.entity}\u0000${ref.id}`) ?? before.get(`${ref.entity}\u0000${ref.id}`);
        const code = r?.data.criterionCode;
        if (typeof code === 'string') changedCriteria.add(code);
      }
    }
    return {
      submissionId: a.sub.id,
      version: a.sub.version,
      previousId: a.sub.previousId,
      diff,
      changedCriteria: [...changedCriteria].sort(),
      comments: (await this.commentsOf(a.key))
        .filter((c) => c.returned_with !== null)
        .map((c) => ({
          ...this.commentView(c),
          answered: c.reply.trim() !== '',
          criterionChanged: changedCriteria.has(c.criterion_code),
        })),
    };
  }

  async auditLog(actor: AccountActor, submissionId: string) {
    const a = await this.access(actor, submissionId, 'lead');
    const rows = await this.q<{ at: string; actor_name: string; action: string; detail: string; submission_id: string }>(
      `SELECT at, actor_name, action, detail, submission_id FROM review_audit WHERE dossier_key = ${this.p(1)} ORDER BY at, id`,
      [a.key],
    );
    return rows.map((r) => ({
      at: r.at,
      actorName: r.actor_name,
      action: r.action,
      detail: r.detail,
      submissionId: r.submission_id,
    }));
  }

  // --- the school's side ------------------------------------------------------------------------

  /** Comments the department sent back to the caller's school (never another school's). */
  async schoolComments(actor: AccountActor): Promise<SchoolComment[]> {
    const unit = await this.sync.schoolOf(actor);
    const rows = await this.q<CommentRow>(
      `SELECT * FROM review_comment WHERE unit_id = ${this.p(1)} AND returned_with IS NOT NULL ORDER BY created_at, id`,
      [unit.id],
    );
    return rows.map((c) => ({
      ...this.commentView(c),
      submissionId: c.returned_with!,
      subjectId: c.dossier_key.split('/')[2] ?? '',
    }));
  }

  async reply(actor: AccountActor, commentId: string, reply: string): Promise<SchoolComment> {
    const unit = await this.sync.schoolOf(actor);
    const [c] = await this.q<CommentRow>(`SELECT * FROM review_comment WHERE id = ${this.p(1)}`, [commentId]);
    if (!c || c.unit_id !== unit.id || !c.returned_with) throw notFound('COMMENT_NOT_FOUND', 'Không tìm thấy nhận xét này.');
    await this.q(
      `UPDATE review_comment SET reply = ${this.p(1)}, reply_by = ${this.p(2)}, reply_at = ${this.p(3)} WHERE id = ${this.p(4)}`,
      [reply.trim(), actor.username, this.nowIso(), commentId],
    );
    await this.q(
      `INSERT INTO review_audit (id, dossier_key, submission_id, account_id, actor_name, action, detail, at) VALUES (${[1, 2, 3, 4, 5, 6, 7, 8].map((n) => this.p(n)).join(', ')})`,
      [uuidv7(), c.dossier_key, c.returned_with, actor.accountId, actor.username, 'reply', commentId, this.nowIso()],
    );
    return (await this.schoolComments(actor)).find((x) => x.id === commentId)!;
  }

  // --- dashboard ----------------------------------------------------------------------------------

  async units(actor: AccountActor): Promise<OrgUnitRow[]> {
    const ids = await this.visibleUnits(actor);
    const all = new Set([...ids, actor.orgUnitId]);
    const rows = await this.db.ds.manager
      .getRepository<OrgUnitRow>(E.OrgUnit)
      .createQueryBuilder('u')
      .where('u.id IN (:...ids)', { ids: [...all] })
      .getMany();
    return rows.sort((a, b) => (a.code < b.code ? -1 : 1));
  }

  /**
   * The units an account may see, plus the chain above its own unit marked `context`: their
   * names head the documents it issues (cơ quan chủ quản), nothing under them is visible.
   */
  async unitsWithContext(actor: AccountActor): Promise<(OrgUnitRow & { context?: true })[]> {
    const visible = await this.units(actor);
    const seen = new Set(visible.map((u) => u.id));
    const above: (OrgUnitRow & { context: true })[] = [];
    const repo = this.db.ds.manager.getRepository<OrgUnitRow>(E.OrgUnit);
    let next = visible.find((u) => u.id === actor.orgUnitId)?.parentId ?? null;
    while (next && !seen.has(next)) {
      const parent = await repo.findOneBy({ id: next } as never);
      if (!parent) break;
      seen.add(parent.id);
      above.push({ ...parent, context: true });
      next = parent.parentId;
    }
    return [...above.reverse(), ...visible];
  }

  /** Schools by state, levels per framework, expiring recognitions, facilities KPIs. No ranking. */
  async dashboard(actor: AccountActor): Promise<Dashboard> {
    const units = await this.units(actor);
    const byId = new Map(units.map((u) => [u.id, u]));
    const schools = units.filter((u) => u.kind === 'school');
    const recognitions = await this.recognitions(actor);
    const conclusions = new Map(
      (await this.q<{ dossier_key: string; level: number | string }>(`SELECT dossier_key, level FROM review_conclusion`)).map(
        (c) => [c.dossier_key, Number(c.level)],
      ),
    );
    const ids = schools.map((s) => s.id);
    const subs = ids.length ? await this.subs().createQueryBuilder('s').where('s.unitId IN (:...ids)', { ids }).getMany() : [];
    // Where each school's self-assessment stands before it submits: its newest school year's
    // Assessment row as synced (status 'approved' once the board approved the report).
    const selfAssessment = new Map<string, { year: string; approved: boolean }>();
    if (ids.length) {
      const assessments = (await this.db.ds.manager.query(
        `SELECT unit_id, data FROM sync_row WHERE entity = ${this.p(1)} AND NOT deleted`,
        ['Assessment'],
      )) as { unit_id: string; data: string }[];
      for (const r of assessments) {
        let row: { schoolYear?: unknown; status?: unknown };
        try {
          row = JSON.parse(r.data) as typeof row;
        } catch {
          continue;
        }
        const year = typeof row.schoolYear === 'string' ? row.schoolYear : '';
        const seen = selfAssessment.get(String(r.unit_id));
        if (!seen || year > seen.year) selfAssessment.set(String(r.unit_id), { year, approved: row.status === 'approved' });
      }
    }
    const rows: Dashboard['schools'] = [];
    const roomCounts = new Map<string, number>();
    let computers = 0;
    let reporting = 0;
    let files = 0;
    let evidenceTotal = 0;
    for (const s of schools) {
      const mine = subs.filter((x) => x.unitId === s.id);
      const latest = (kind: string) =>
        mine.filter((x) => x.kind === kind).sort((x, y) => y.version - x.version || +y.submittedAt - +x.submittedAt)[0];
      const dossier = latest('assessment');
      const own = selfAssessment.get(s.id);
      let state: SchoolState = !own ? 'not_started' : own.approved ? 'approved' : 'in_progress';
      if (dossier) {
        state = dossier.state === 'accepted' ? 'accepted' : dossier.state === 'returned' ? 'returned' : 'submitted';
      }
      const rec = recognitions.filter((r) => r.unitId === s.id).sort((x, y) => (x.validUntil < y.validUntil ? 1 : -1))[0];
      rows.push({
        unitId: s.id,
        code: s.code,
        name: s.name,
        parentName: (s.parentId && byId.get(s.parentId)?.name) || '',
        state,
        stateLabel: SCHOOL_STATE_LABELS[state],
        lastSubmittedAt: dossier?.submittedAt.toISOString() ?? null,
        frameworkId: dossier ? subjectInfo(dossier).frameworkId : null,
        level: rec?.level ?? (dossier && dossier.state === 'accepted' ? (conclusions.get(dossierKey(dossier)) ?? null) : null),
        validUntil: rec?.validUntil ?? null,
      });
      if (dossier) {
        for (const r of JSON.parse(dossier.snapshot) as { entity: string; data: Record<string, unknown> }[]) {
          if (r.entity !== 'Evidence' || r.data.deletedAt) continue;
          evidenceTotal++;
          if (r.data.blobHash) files++;
        }
      }
      const inv = latest('inventory');
      if (inv) {
        reporting++;
        for (const r of JSON.parse(inv.snapshot) as { entity: string; data: Record<string, unknown> }[]) {
          if (r.data.deletedAt) continue;
          if (r.entity === 'AssetRoom') {
            const c = String(r.data.constructionType ?? '') || 'chưa ghi';
            roomCounts.set(c, (roomCounts.get(c) ?? 0) + 1);
          }
          if (r.entity === 'Asset' && /may_tinh|computer|máy tính/i.test(`${r.data.assetClass ?? ''} ${r.data.name ?? ''}`))
            computers++;
        }
      }
    }
    const levelCounts = new Map<string, number>();
    for (const r of rows)
      if (r.level !== null && r.frameworkId) {
        const k = `${r.frameworkId}\u0000${r.level}`;
        levelCounts.set(k, (levelCounts.get(k) ?? 0) + 1);
      }
    return {
      schools: rows.sort((a, b) => a.code.localeCompare(b.code)),
      byState: SCHOOL_STATES.map((st) => ({
        state: st,
        label: SCHOOL_STATE_LABELS[st],
        count: rows.filter((r) => r.state === st).length,
      })),
      levels: [...levelCounts].map(([k, count]) => {
        const [frameworkId, level] = k.split('\u0000');
        return { frameworkId: frameworkId!, level: Number(level), count };
      }),
      expiring: recognitions.filter((r) => r.expiringSoon),
      facilities: {
        schoolsReporting: reporting,
        roomsByConstruction: [...roomCounts].map(([construction, count]) => ({ construction, count })),
        computers,
        // The inventory dossier carries no pupil count yet; the ratio waits for it.
        students: null,
        computersPerStudent: null,
        digitalRecordsShare: evidenceTotal ? files / evidenceTotal : null,
        digitalRecordsTarget: 0.8,
      },
    };
  }
}

/** Framework and school year of an assessment dossier, from its Assessment row. */
function subjectInfo(s: SyncSubmissionRow): { frameworkId: string | null; schoolYear: string | null } {
  if (s.kind !== 'assessment') return { frameworkId: null, schoolYear: null };
  const rows = JSON.parse(s.snapshot) as { entity: string; id: string; data: Record<string, unknown> }[];
  const a = rows.find((r) => r.entity === 'Assessment' && r.id === s.subjectId);
  return {
    frameworkId: typeof a?.data.frameworkId === 'string' ? a.data.frameworkId : null,
    schoolYear: typeof a?.data.schoolYear === 'string' ? a.data.schoolYear : null,
  };
}
