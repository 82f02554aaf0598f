/**
 * Component tests only: a FakeBridge that also serves the review.* RPCs from memory. Params are
 * validated with the contract's schemas and access is checked from the contract, so the screens
 * meet the same error shapes as with the real backend; judge/comment keep the backend's rules
 * (one judgment per criterion/level/requirement, replaced whole, `pushed` cleared on change).
 */
import { contract, type MethodName } from '../../../contract/methods';
import { RpcError, type RpcResponse } from '../../../contract/rpc';
import type { Role } from '../../../contract/schemas/common';
import type {
  Dashboard,
  DossierDiff,
  InboxItem,
  ReviewAccount,
  ReviewDossier,
  ReviewStatus,
  TeamView,
} from '../../../contract/schemas/review';
import { FakeBridge, seededBridge } from '../../test/fake-bridge';

type Params = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export const SUB = 'sub-1';

export function schoolModeStatus(): ReviewStatus {
  return { mode: 'school', serverUrl: null, account: null, units: [], downloaded: [] };
}

export function departmentStatus(role: 'dept_admin' | 'inspector' = 'dept_admin'): ReviewStatus {
  return {
    mode: 'department',
    serverUrl: 'https://dongbo.sogd.edu.vn',
    account: {
      id: role === 'dept_admin' ? 'acc-admin' : 'acc-insp',
      username: role === 'dept_admin' ? 'pgd.admin' : 'pgd.insp',
      displayName: role === 'dept_admin' ? 'Nguyễn Văn Quản' : 'Lê Thị Thẩm',
      role,
      unit: { id: 'pgd', code: 'PGD01', name: 'Phòng GD&ĐT Quận 1' },
    },
    units: [
      { id: 'pgd', parentId: null, kind: 'department', code: 'PGD01', name: 'Phòng GD&ĐT Quận 1' },
      { id: 'u1', parentId: 'pgd', kind: 'school', code: '79000123', name: 'Trường THCS Nguyễn Du' },
      { id: 'u2', parentId: 'pgd', kind: 'school', code: '79000456', name: 'Trường THCS Lê Lợi' },
    ],
    downloaded: [],
  };
}

export function reviewAccounts(): ReviewAccount[] {
  const unit = { id: 'pgd', code: 'PGD01', name: 'Phòng GD&ĐT Quận 1' };
  return [
    { id: 'acc-admin', username: 'pgd.admin', displayName: 'Nguyễn Văn Quản', role: 'dept_admin', unit },
    { id: 'acc-insp', username: 'pgd.insp', displayName: 'Lê Thị Thẩm', role: 'inspector', unit },
    { id: 'acc-m2', username: 'pgd.hai', displayName: 'Phạm Văn Hai', role: 'inspector', unit },
    { id: 'acc-m3', username: 'pgd.tram', displayName: 'Đỗ Thị Trâm', role: 'inspector', unit },
  ];
}

export function inboxItems(): InboxItem[] {
  const base = {
    kind: 'assessment',
    version: 1,
    frameworkId: 'tt57-2026-pl2-pho-thong',
    schoolYear: '2026-2027',
    level: null,
    myRole: 'admin' as const,
  };
  return [
    {
      ...base,
      submissionId: SUB,
      unitId: 'u1',
      schoolCode: '79000123',
      schoolName: 'Trường THCS Nguyễn Du',
      subjectId: 'a1',
      state: 'under_review',
      submittedAt: '2026-11-20T08:00:00.000Z',
      assignment: {
        leadId: 'acc-insp',
        leadName: 'Lê Thị Thẩm',
        members: [{ id: 'acc-m2', name: 'Phạm Văn Hai' }],
        deadline: '2026-12-15',
        assignedAt: '2026-11-21T08:00:00.000Z',
      },
    },
    {
      ...base,
      submissionId: 'sub-2',
      unitId: 'u2',
      schoolCode: '79000456',
      schoolName: 'Trường THCS Lê Lợi',
      subjectId: 'a2',
      state: 'received',
      submittedAt: '2026-11-25T08:00:00.000Z',
      assignment: null,
    },
  ];
}

function requirement(
  level: number,
  code: string,
  text: string,
  judgment: 'met' | 'not_met',
  evidence: ReviewDossier['criteria'][number]['requirements'][number]['evidence'] = [],
) {
  return {
    level,
    requirementCode: code,
    text,
    description: `Nhà trường đã thực hiện ${text.toLowerCase()} [${evidence[0]?.code ?? ''}]`,
    judgment,
    evidence,
    mine: null,
  };
}

export function sampleDossier(): ReviewDossier {
  const ev1 = { id: 'ev1', code: 'MC.1.1.01', title: 'Kế hoạch chiến lược', hasFile: true };
  const ev2 = { id: 'ev2', code: 'MC.1.1.02', title: 'Ảnh khuôn viên', hasFile: true };
  return {
    submissionId: SUB,
    school: { id: 'u1', code: '79000123', name: 'Trường THCS Nguyễn Du' },
    version: 1,
    state: 'under_review',
    frameworkId: 'tt57-2026-pl2-pho-thong',
    frameworkName: 'Thông tư 57/2026 — Phụ lục 2',
    schoolYear: '2026-2027',
    schoolLevel: 1,
    criteria: [
      {
        standardCode: '1',
        standardTitle: 'Tổ chức và quản lý nhà trường',
        code: '1.1',
        title: 'Phương hướng, chiến lược xây dựng và phát triển nhà trường',
        schoolLevel: 2,
        requirements: [
          requirement(1, 'a', 'Phù hợp mục tiêu giáo dục', 'met', [ev1]),
          requirement(1, 'b', 'Được công bố công khai', 'met', [ev2]),
          requirement(2, 'a', 'Định kỳ rà soát, bổ sung', 'met', [ev1]),
        ],
        verdict: null,
        comments: [],
      },
      {
        standardCode: '1',
        standardTitle: 'Tổ chức và quản lý nhà trường',
        code: '1.2',
        title: 'Hội đồng trường',
        schoolLevel: 1,
        requirements: [
          requirement(1, 'a', 'Được thành lập theo quy định', 'met'),
          requirement(2, 'a', 'Hoạt động hiệu quả', 'not_met'),
        ],
        verdict: null,
        comments: [],
      },
    ],
    evidence: [
      { id: 'ev1', code: 'MC.1.1.01', title: 'Kế hoạch chiến lược', fileName: 'ke-hoach.txt', sha256: 'a'.repeat(64) },
      { id: 'ev2', code: 'MC.1.1.02', title: 'Ảnh khuôn viên', fileName: 'anh.png', sha256: 'b'.repeat(64) },
    ],
    myRole: 'admin',
    downloadedAt: '2026-11-28T08:00:00.000Z',
  };
}

export function sampleTeam(): TeamView {
  const j = (accountId: string, name: string, judgment: 'met' | 'not_met') => ({
    accountId,
    name,
    judgment,
    agree: judgment === 'met' ? ('agree' as const) : ('disagree' as const),
    levelReached: null,
    note: '',
  });
  return {
    submissionId: SUB,
    members: [
      { accountId: 'acc-insp', name: 'Lê Thị Thẩm', role: 'lead' },
      { accountId: 'acc-m2', name: 'Phạm Văn Hai', role: 'member' },
    ],
    criteria: [
      {
        criterionCode: '1.1',
        verdicts: [
          { ...j('acc-insp', 'Lê Thị Thẩm', 'met'), levelReached: 2, judgment: 'unassessed' },
          { ...j('acc-m2', 'Phạm Văn Hai', 'met'), levelReached: 1, judgment: 'unassessed' },
        ],
        requirements: [
          {
            level: 1,
            requirementCode: 'a',
            judgments: [j('acc-insp', 'Lê Thị Thẩm', 'met'), j('acc-m2', 'Phạm Văn Hai', 'met')],
            disagreement: false,
          },
          {
            level: 2,
            requirementCode: 'a',
            judgments: [j('acc-insp', 'Lê Thị Thẩm', 'met'), j('acc-m2', 'Phạm Văn Hai', 'not_met')],
            disagreement: true,
          },
        ],
        disagreement: true,
      },
    ],
    comments: [],
    conclusion: null,
  };
}

export function sampleDashboard(): Dashboard {
  return {
    schools: [
      {
        unitId: 'u1',
        code: '79000123',
        name: 'Trường THCS Nguyễn Du',
        parentName: 'Phòng GD&ĐT Quận 1',
        state: 'submitted',
        stateLabel: 'Đã nộp, chờ đánh giá',
        lastSubmittedAt: '2026-11-20T08:00:00.000Z',
        frameworkId: 'tt57-2026-pl2-pho-thong',
        level: null,
        validUntil: null,
      },
    ],
    byState: [
      { state: 'not_started', label: 'Chưa bắt đầu', count: 4 },
      { state: 'in_progress', label: 'Đang tự đánh giá', count: 7 },
      { state: 'submitted', label: 'Đã nộp, chờ đánh giá', count: 3 },
      { state: 'returned', label: 'Đã trả lại để bổ sung', count: 1 },
      { state: 'accepted', label: 'Đã được công nhận kết quả', count: 5 },
    ],
    levels: [
      { frameworkId: 'tt57-2026-pl2-pho-thong', level: 1, count: 2 },
      { frameworkId: 'tt57-2026-pl2-pho-thong', level: 2, count: 3 },
    ],
    expiring: [
      {
        id: 'r1',
        unitId: 'u2',
        schoolCode: '79000456',
        schoolName: 'Trường THCS Lê Lợi',
        submissionId: 'old',
        frameworkId: 'tt57-2026-pl2-pho-thong',
        level: 2,
        decisionNumber: '12/QĐ-SGDĐT',
        decisionDate: '2022-05-10',
        validUntil: '2027-05-10',
        daysLeft: 163,
        expiringSoon: true,
      },
    ],
    facilities: {
      schoolsReporting: 2,
      roomsByConstruction: [
        { construction: 'Kiên cố', count: 40 },
        { construction: 'Bán kiên cố', count: 6 },
      ],
      computers: 85,
      students: null,
      computersPerStudent: null,
      digitalRecordsShare: 0.72,
      digitalRecordsTarget: 0.8,
    },
  };
}

export class ReviewBridge extends FakeBridge {
  status: ReviewStatus = schoolModeStatus();
  inbox: InboxItem[] = inboxItems();
  dossier: ReviewDossier = sampleDossier();
  team: TeamView = sampleTeam();
  dashboard: Dashboard = sampleDashboard();
  diff: DossierDiff | null = null;
  /** What `review.accounts` offers an admin (the inbox's people and one more); null: the server does not answer. */
  accounts: ReviewAccount[] | null = reviewAccounts();
  /** Set: online calls (inbox) fail as when the server cannot be reached. */
  offline = false;
  files = new Map<string, { fileName: string; mimeType: string; base64: string }>([
    ['ev1', { fileName: 'ke-hoach.txt', mimeType: 'text/plain', base64: btoa('Ke hoach chien luoc 2025-2030') }],
  ]);

  override async invoke(method: MethodName, params: unknown): Promise<RpcResponse> {
    if (!method.startsWith('review.')) return super.invoke(method, params);
    this.calls.push({ method, params });
    const id = this.calls.length;
    try {
      const spec = contract[method];
      const parsed = spec.input.safeParse(params ?? {});
      if (!parsed.success) {
        const fields = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]));
        throw new RpcError('INVALID_ARGS', 'Dữ liệu không hợp lệ', fields);
      }
      const user = this.state.users.find((u) => u.id === this.state.sessionUserId);
      if (spec.access !== 'public') {
        if (!user) throw new RpcError('UNAUTHENTICATED', 'Vui lòng đăng nhập');
        if (Array.isArray(spec.access) && !spec.access.includes(user.role)) throw new RpcError('FORBIDDEN', 'Không có quyền');
      }
      return { id, ok: true, result: structuredClone(this.handle(method, parsed.data as Params)) };
    } catch (err) {
      if (err instanceof RpcError) return { id, ok: false, error: err.toBody() };
      throw err;
    }
  }

  department(role: 'dept_admin' | 'inspector' = 'dept_admin'): this {
    this.status = departmentStatus(role);
    if (role === 'inspector') {
      this.inbox = this.inbox.filter((i) => i.assignment?.leadId === 'acc-insp').map((i) => ({ ...i, myRole: 'lead' }));
      this.dossier.myRole = 'lead';
    }
    return this;
  }

  downloaded(): this {
    this.status.downloaded = [
      { submissionId: SUB, schoolName: 'Trường THCS Nguyễn Du', version: 1, downloadedAt: '2026-11-28T08:00:00.000Z' },
    ];
    return this;
  }

  private criterion(code: string) {
    const c = this.dossier.criteria.find((x) => x.code === code);
    if (!c) throw new RpcError('NOT_FOUND', `Không có tiêu chí ${code}.`);
    return c;
  }

  private handle(method: MethodName, p: Params): unknown {
    switch (method) {
      case 'review.status':
        return this.status;
      case 'review.setup':
        // NB: the real backend maps the server's 401 to UNAUTHENTICATED, which the renderer's client
        // takes as the local session expiring (see the report); VALIDATION is what the form needs.
        if (p.password !== 'dung') throw new RpcError('VALIDATION', 'Tên đăng nhập hoặc mật khẩu không đúng.');
        this.status = departmentStatus('dept_admin');
        return this.status;
      case 'review.initWorkstation': {
        if (this.state.school) throw new RpcError('CONFLICT', 'Ứng dụng đã được thiết lập trên máy này.');
        if (p.password !== 'dung') {
          const text = 'Tên đăng nhập hoặc mật khẩu trên máy chủ của Sở không đúng.';
          throw new RpcError('VALIDATION', text, { password: text });
        }
        this.status = { ...departmentStatus('dept_admin'), serverUrl: p.serverUrl, workstation: true };
        const { unit, displayName } = this.status.account!;
        const at = '2026-11-28T08:00:00.000Z';
        this.state.school = {
          id: 'school-pgd',
          code: unit.code,
          name: unit.name,
          levels: ['mam_non', 'tieu_hoc', 'thcs', 'thpt', 'gdtx'],
          ownership: 'cong_lap',
          address: '',
          province: '',
          managingBody: '',
          principal: '',
          phone: '',
          email: '',
          sites: [{ id: 'site-pgd', name: unit.name, address: '', isMain: true }],
          createdAt: at,
          updatedAt: at,
          rev: 1,
        };
        const local = { ...this.addUser(p.username, 'admin', p.localPassword), displayName };
        this.state.users.find((u) => u.id === local.id)!.displayName = displayName;
        this.state.sessionUserId = local.id;
        return { school: this.state.school, user: local, status: this.status };
      }
      case 'review.accounts':
        if (this.status.account?.role !== 'dept_admin') throw new RpcError('FORBIDDEN', 'Không có quyền');
        if (!this.accounts) throw new RpcError('CONFLICT', 'Không kết nối được tới máy chủ của Sở.');
        return this.accounts;
      case 'review.units':
        return this.status.units;
      case 'review.inbox':
        if (this.offline)
          throw new RpcError(
            'CONFLICT',
            'Không kết nối được tới máy chủ của Sở. Hồ sơ đã tải về vẫn làm việc được khi không có mạng.',
          );
        return this.inbox.filter((i) => !p.state || i.state === p.state).filter((i) => !p.school || i.unitId === p.school);
      case 'review.assign': {
        const item = this.inbox.find((i) => i.submissionId === p.submissionId)!;
        item.assignment = {
          leadId: p.leadId,
          leadName: p.leadId === 'acc-insp' ? 'Lê Thị Thẩm' : p.leadId,
          members: p.memberIds.map((m: string) => ({ id: m, name: m })),
          deadline: p.deadline ?? null,
          assignedAt: '2026-11-28T09:00:00.000Z',
        };
        return item.assignment;
      }
      case 'review.download':
        this.downloaded();
        return { submissionId: p.submissionId, rows: 120, files: 2, bytes: 2048, reused: 1 };
      case 'review.dossier':
        if (!this.status.downloaded.some((d) => d.submissionId === p.submissionId))
          throw new RpcError('NOT_FOUND', 'Hồ sơ chưa được tải về máy này.');
        return this.dossier;
      case 'review.evidenceFile': {
        const f = this.files.get(p.evidenceId);
        if (!f) throw new RpcError('NOT_FOUND', 'Minh chứng này không có tệp trong hồ sơ.');
        return { ...f, sizeBytes: atob(f.base64).length };
      }
      case 'review.judge': {
        const c = this.criterion(p.criterionCode);
        if (p.level === undefined) {
          c.verdict = {
            id: c.verdict?.id ?? crypto.randomUUID(),
            levelReached: p.levelReached ?? null,
            agree: p.agree,
            note: p.note,
            pushed: false,
          };
          return { id: c.verdict.id, pushed: false };
        }
        const r = c.requirements.find((x) => x.level === p.level && x.requirementCode === p.requirementCode);
        if (!r) throw new RpcError('NOT_FOUND', 'Không có yêu cầu này.');
        r.mine = { id: r.mine?.id ?? crypto.randomUUID(), judgment: p.judgment, agree: p.agree, note: p.note, pushed: false };
        return { id: r.mine.id, pushed: false };
      }
      case 'review.comment': {
        const c = this.criterion(p.criterionCode);
        const cid = crypto.randomUUID();
        c.comments.push({
          id: cid,
          kind: p.kind,
          criterionCode: p.criterionCode,
          requirementRef: p.requirementRef,
          evidenceId: p.evidenceId,
          body: p.body,
          authorName: 'Tôi',
          createdAt: '2026-11-28T09:00:00.000Z',
          returnedWith: null,
          reply: '',
          replyBy: '',
          replyAt: null,
          pushed: false,
        });
        return { id: cid, pushed: false };
      }
      case 'review.pushJudgments': {
        let judgments = 0;
        let comments = 0;
        for (const c of this.dossier.criteria) {
          if (c.verdict && !c.verdict.pushed) {
            c.verdict.pushed = true;
            judgments++;
          }
          for (const r of c.requirements) {
            if (r.mine && !r.mine.pushed) {
              r.mine.pushed = true;
              judgments++;
            }
          }
          for (const x of c.comments) {
            if (!x.pushed) {
              x.pushed = true;
              comments++;
            }
          }
        }
        return { judgments, comments, locked: [] };
      }
      case 'review.team':
        return this.team;
      case 'review.conclude':
        this.team.conclusion = {
          level: p.level,
          findings: p.findings,
          conclusion: p.conclusion,
          recommendation: p.recommendation,
          setAt: '2026-11-28T10:00:00.000Z',
          submissionId: p.submissionId,
        };
        return this.team.conclusion;
      case 'review.dashboard':
        return this.dashboard;
      case 'review.exportTable':
        return { path: `/data/review/exports/${p.table}.xlsx`, fileName: `${p.table}.xlsx`, bytes: 4096 };
      case 'review.report':
        return {
          path: `/data/review/reports/${p.kind}.docx`,
          fileName: `${p.kind}.docx`,
          bytes: 20480,
          kind: p.kind,
          gaps: [{ key: 'unit.managingBody', section: 'BÁO CÁO', message: 'cơ quan quản lý cấp trên' }],
        };
      case 'review.diff':
        return (
          this.diff ?? {
            submissionId: p.submissionId,
            version: 1,
            previousId: null,
            diff: null,
            changedCriteria: [],
            comments: [],
          }
        );
      case 'review.audit':
        return [
          {
            at: '2026-11-28T08:00:00.000Z',
            actorName: 'Lê Thị Thẩm',
            action: 'download',
            detail: 'v1',
            submissionId: p.submissionId,
          },
        ];
      default:
        throw new RpcError('UNKNOWN_METHOD', method);
    }
  }
}

/** The seeded school's PC, logged in as `role` (admin by default), with the review RPCs. */
export function reviewBridge(role: Role = 'admin'): ReviewBridge {
  const bridge = new ReviewBridge();
  bridge.state = seededBridge().state;
  if (role === 'admin') bridge.state.sessionUserId = bridge.state.users[0]!.id;
  else bridge.state.sessionUserId = bridge.addUser(`u-${role}`, role).id;
  return bridge;
}
