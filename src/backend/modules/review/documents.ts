import ExcelJS from 'exceljs';
import type { Dashboard, ReviewDocumentKind } from '../../../contract/schemas/review';
import type { DocBuilder } from '../../reports/docx-kit';
import { safeName } from '../../reports/text';
import { buildAppraisalSummary } from './appraisal-summary';
import { buildDecision } from './decision';
import type { ReviewDocData } from './document-common';
import { buildMemberSheets } from './member-sheets';
import { buildReviewReport } from './review-report';

/**
 * The review's documents (issue 8), each a pure function of the data in its own module:
 * review-report.ts, member-sheets.ts, appraisal-summary.ts (TT 57), decision.ts. Same kit and
 * administrative format as the school's reports (src/backend/reports/docx-kit.ts).
 */
const DOCUMENTS: Record<ReviewDocumentKind, { build: (d: ReviewDocData) => DocBuilder; file: string; subject: string }> = {
  report: { build: buildReviewReport, file: 'bao-cao-danh-gia-ngoai', subject: 'Báo cáo kết quả đánh giá ngoài' },
  'member-sheets': { build: buildMemberSheets, file: 'phieu-danh-gia-tieu-chi', subject: 'Phiếu đánh giá tiêu chí' },
  'appraisal-summary': {
    build: buildAppraisalSummary,
    file: 'bien-ban-tham-dinh-chuan-quoc-gia',
    subject: 'Biên bản thẩm định công nhận đạt chuẩn quốc gia',
  },
  decision: { build: buildDecision, file: 'quyet-dinh-cong-nhan', subject: 'Quyết định công nhận' },
};

export interface ReviewDocument {
  fileName: string;
  bytes: Buffer;
  gaps: { key: string; section: string; message: string }[];
}

/** One document of a dossier as .docx bytes, with the gaps printed in it. */
export async function reviewDocument(kind: ReviewDocumentKind, data: ReviewDocData): Promise<ReviewDocument> {
  const spec = DOCUMENTS[kind];
  const b = spec.build(data);
  const d = data.dossier;
  return {
    fileName: `${spec.file}-${safeName(d.school.code || d.submissionId, 40)}-v${d.version}.docx`,
    bytes: await b.toBuffer({ subject: spec.subject }),
    gaps: b.gaps.map((g) => ({ key: g.key, section: g.section, message: g.message })),
  };
}

/** One dashboard table as .xlsx. */
export async function dashboardTableXlsx(
  dash: Dashboard,
  table: 'schools' | 'byState' | 'levels' | 'expiring' | 'rooms',
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const specs: Record<typeof table, { name: string; header: string[]; rows: (string | number | null)[][] }> = {
    schools: {
      name: 'Trường',
      header: ['Mã', 'Tên trường', 'Đơn vị quản lý', 'Tình trạng', 'Nộp lần cuối', 'Khung', 'Mức', 'Hiệu lực đến'],
      rows: dash.schools.map((s) => [
        s.code,
        s.name,
        s.parentName,
        s.stateLabel,
        s.lastSubmittedAt,
        s.frameworkId,
        s.level,
        s.validUntil,
      ]),
    },
    byState: { name: 'Theo tình trạng', header: ['Tình trạng', 'Số trường'], rows: dash.byState.map((s) => [s.label, s.count]) },
    levels: {
      name: 'Theo mức',
      header: ['Khung', 'Mức', 'Số trường'],
      rows: dash.levels.map((l) => [l.frameworkId, l.level, l.count]),
    },
    expiring: {
      name: 'Sắp hết hiệu lực',
      header: ['Mã', 'Tên trường', 'Mức', 'Số quyết định', 'Ngày quyết định', 'Hiệu lực đến', 'Còn (ngày)'],
      rows: dash.expiring.map((r) => [
        r.schoolCode,
        r.schoolName,
        r.level,
        r.decisionNumber,
        r.decisionDate,
        r.validUntil,
        r.daysLeft,
      ]),
    },
    rooms: {
      name: 'Phòng theo kết cấu',
      header: ['Kết cấu', 'Số phòng'],
      rows: dash.facilities.roomsByConstruction.map((r) => [r.construction, r.count]),
    },
  };
  const spec = specs[table];
  const ws = wb.addWorksheet(spec.name);
  ws.addRow(spec.header).font = { bold: true };
  for (const r of spec.rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
