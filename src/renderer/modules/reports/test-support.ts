/**
 * Component tests only: the evidence FakeBridge (frameworks) plus an in-memory reports backend
 * for assessment years. Params are validated with the contract and access is checked from it;
 * the rules kept (final refused while not allowed, expectedRev on texts) mirror the backend's.
 */
import { contract, type MethodName } from '../../../contract/methods';
import { RpcError, type RpcResponse } from '../../../contract/rpc';
import type { AssessmentDto } from '../../../contract/schemas/assessment';
import type { Role } from '../../../contract/schemas/common';
import type {
  GapDto,
  ReportBuildResultDto,
  ReportExportDto,
  ReportPreviewDto,
  ReportTextsDto,
} from '../../../contract/schemas/reports';
import { seededBridge } from '../../test/fake-bridge';
import { EvidenceBridge, TT57_PT, textToBase64 } from '../evidence/test-support';

type Params = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export const ASSESSMENT_ID = '5a5a5a5a-0000-4000-8000-000000000001';
export const OLD_ASSESSMENT_ID = '5a5a5a5a-0000-4000-8000-000000000002';
const SHA = 'ab'.repeat(32);

export function assessment(id: string, schoolYear: string): AssessmentDto {
  return {
    id,
    schoolYear,
    educationLevel: 'thcs',
    frameworkId: TT57_PT.id,
    frameworkTitle: TT57_PT.shortTitle,
    frameworkVersion: '1',
    frameworkLoadedVersion: '1',
    title: `Tự đánh giá ${schoolYear}`,
    notes: '',
    previousId: null,
    status: 'in_progress',
    pinned: true,
    pinnedAt: null,
    approvedAt: null,
    approvedBy: null,
    counts: { criteria: 25, approvedCriteria: 3, requirements: 100, judgedRequirements: 10, members: 5 },
    createdAt: `${schoolYear.slice(0, 4)}-09-01T08:00:00.000Z`,
    updatedAt: `${schoolYear.slice(0, 4)}-09-01T08:00:00.000Z`,
    rev: 1,
  };
}

export const GAPS: GapDto[] = [
  {
    key: 'criterion.1.1.judgment',
    section: 'Tiêu chí 1.1',
    message: 'Chưa đánh giá Mức 1 của tiêu chí 1.1',
    severity: 'required',
    fix: { screen: 'criterion', criterionCode: '1.1' },
  },
  {
    key: 'texts.conclusionOverall',
    section: 'Phần III. Kết luận chung',
    message: 'Chưa có nhận định chung',
    severity: 'required',
    fix: { screen: 'reportTexts', field: 'conclusionOverall' },
  },
  {
    key: 'scale.staff',
    section: 'Phần I. Thông tin chung',
    message: 'Chưa có số liệu cán bộ, giáo viên',
    severity: 'optional',
    fix: { screen: 'schoolData' },
  },
];

function emptyTexts(assessmentId: string): ReportTextsDto {
  return {
    assessmentId,
    rev: 0,
    updatedAt: null,
    updatedBy: null,
    canEdit: true,
    place: '',
    reportDate: null,
    foundedYear: '',
    website: '',
    fax: '',
    contextSocioEconomic: '',
    contextAdvantages: '',
    contextDifficulties: '',
    contextLearners: '',
    processPlanning: '',
    processExecution: '',
    processAnalysis: '',
    processConfirmation: '',
    conclusionOverall: '',
    recommendDepartment: '',
    recommendCommune: '',
    recommendOthers: '',
    decisionNumber: '',
    decisionDate: null,
    planNumber: '',
    planDate: null,
    improvementNumber: '',
    improvementDate: null,
    standardIntros: {},
  };
}

export class ReportsBridge extends EvidenceBridge {
  assessments: AssessmentDto[] = [assessment(OLD_ASSESSMENT_ID, '2025-2026'), assessment(ASSESSMENT_ID, '2026-2027')];
  gaps: GapDto[] = [...GAPS];
  finalAllowed = false;
  reasons = ['Còn 2 lỗi chặn trong kiểm tra sẵn sàng', 'Còn 2 chỗ thiếu bắt buộc'];
  /** Checks the next build's preflight reports. */
  checks: ReportBuildResultDto['preflight']['checks'] = [
    { code: 'toc', ok: true, severity: 'error', message: 'Mục lục khớp các đề mục', details: [] },
    {
      code: 'levels',
      ok: false,
      severity: 'error',
      message: 'Mức đạt trong tệp khác dữ liệu',
      details: ['Tiêu chí 1.1: tệp ghi Mức 2, dữ liệu Mức 1'],
    },
  ];
  exports: (ReportExportDto & { content: string })[] = [];
  texts = new Map<string, ReportTextsDto>();

  override async invoke(method: MethodName, params: unknown): Promise<RpcResponse> {
    if (!method.startsWith('reports.') && method !== 'assessment.list') return super.invoke(method, params);
    this.calls.push({ method, params });
    const id = this.calls.length;
    try {
      const spec = contract[method];
      const parsed = spec.input.safeParse(params ?? {});
      if (!parsed.success) throw new RpcError('INVALID_ARGS', 'Dữ liệu không hợp lệ');
      const user = this.state.users.find((u) => u.id === this.state.sessionUserId);
      if (!user) throw new RpcError('UNAUTHENTICATED', 'Vui lòng đăng nhập');
      if (Array.isArray(spec.access) && !spec.access.includes(user.role)) throw new RpcError('FORBIDDEN', 'Không có quyền');
      return { id, ok: true, result: structuredClone(this.handleReports(method, parsed.data as Params, user.displayName)) };
    } catch (err) {
      if (err instanceof RpcError) return { id, ok: false, error: err.toBody() };
      throw err;
    }
  }

  private preview(p: Params): ReportPreviewDto {
    const required = this.gaps.filter((g) => g.severity === 'required').length;
    return {
      kind: p.kind,
      title: 'Báo cáo tự đánh giá (Biểu 1)',
      fileName: `Bieu 1 - Bao cao tu danh gia - ${p.assessmentId.slice(0, 4)}.docx`,
      outline: [
        { level: 1, text: 'Phần I. CƠ SỞ DỮ LIỆU' },
        { level: 2, text: '1. Thông tin chung' },
        { level: 1, text: 'Phần II. TỰ ĐÁNH GIÁ' },
        { level: 2, text: 'Tiêu chuẩn 1' },
        { level: 3, text: 'Tiêu chí 1.1' },
        { level: 1, text: 'Phần III. KẾT LUẬN CHUNG' },
      ],
      gaps: this.gaps,
      counts: { required, optional: this.gaps.length - required },
      final: {
        allowed: this.finalAllowed,
        reasons: this.finalAllowed ? [] : this.reasons,
        readiness: { ready: this.finalAllowed, blockers: this.finalAllowed ? 0 : 2, warnings: 1 },
        canExportFinal: true,
      },
      dataRevision: 42,
    };
  }

  private handleReports(method: MethodName, p: Params, who: string): unknown {
    switch (method) {
      case 'assessment.list':
        return this.assessments;
      case 'reports.preview':
        return this.preview(p);
      case 'reports.build': {
        if (p.final && !this.finalAllowed) throw new RpcError('VALIDATION', this.reasons.join('; '));
        const content = `PK fake ${p.kind} ${this.exports.length + 1}`;
        const exp = {
          exportId: crypto.randomUUID(),
          assessmentId: p.assessmentId,
          schoolYear: '2026-2027',
          kind: p.kind,
          file: `Bieu 1 - Bao cao tu danh gia (${this.exports.length + 1}).docx`,
          sha256: SHA,
          bytes: 48_213,
          final: p.final,
          dataRevision: 42,
          textsRev: this.texts.get(p.assessmentId)?.rev ?? 0,
          createdAt: '2026-10-02T03:04:00.000Z',
          createdBy: this.state.sessionUserId,
          createdByName: who,
          gapCount: this.gaps.length,
          preflightOk: this.checks.every((c) => c.ok || c.severity === 'warning'),
          available: true,
          content,
        };
        this.exports.unshift(exp);
        const { content: _c, ...rest } = exp;
        return { ...rest, gaps: this.gaps, preflight: { ok: rest.preflightOk, checks: this.checks } };
      }
      case 'reports.list':
        return this.exports
          .filter((e) => !p.assessmentId || e.assessmentId === p.assessmentId)
          .map(({ content: _c, ...rest }) => rest);
      case 'reports.download': {
        const e = this.exports.find((x) => x.exportId === p.exportId);
        if (!e) throw new RpcError('NOT_FOUND', 'Không tìm thấy bản xuất');
        return {
          file: e.file,
          mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          bytes: e.bytes,
          sha256: e.sha256,
          contentBase64: textToBase64(e.content),
        };
      }
      case 'reports.getTexts':
        return this.texts.get(p.assessmentId) ?? emptyTexts(p.assessmentId);
      case 'reports.saveTexts': {
        const cur = this.texts.get(p.assessmentId) ?? emptyTexts(p.assessmentId);
        if (p.expectedRev !== cur.rev) throw new RpcError('CONFLICT', 'Nội dung đã được người khác thay đổi; hãy tải lại.');
        const { assessmentId: _a, expectedRev: _r, ...fields } = p;
        const next: ReportTextsDto = {
          ...cur,
          ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
          rev: cur.rev + 1,
          updatedAt: '2026-10-02T03:00:00.000Z',
          updatedBy: this.state.sessionUserId,
        };
        this.texts.set(p.assessmentId, next);
        return next;
      }
      default:
        throw new RpcError('UNKNOWN_METHOD', method);
    }
  }
}

/** The seeded THCS school, logged in as `role` (admin by default), with two assessment years. */
export function reportsBridge(role: Role = 'admin'): ReportsBridge {
  const bridge = new ReportsBridge();
  bridge.state = seededBridge().state;
  if (role === 'admin') bridge.state.sessionUserId = bridge.state.users[0]!.id;
  else bridge.state.sessionUserId = bridge.addUser(`u-${role}`, role).id;
  return bridge;
}
