import { z } from 'zod';
import { idSchema, text } from './common';
import { isoDateSchema } from './evidence';

/**
 * Official documents (issue 5): what can be exported, the texts of the report the workspace
 * does not hold (context, conclusions, recommendations…), the gaps listed before anything is
 * written, and the export records with their SHA-256, data revision and author.
 */

/**
 * - bieu1: Báo cáo tự đánh giá (Biểu 1, Phụ lục V TT 57/2026)
 * - bieu2: Kế hoạch cải tiến chất lượng (Biểu 2, Phụ lục V TT 57/2026)
 * - legacy: Báo cáo tự đánh giá theo TT 17/18/19/2018 và CV 5932/5942
 * - criterion-sheets: Phiếu đánh giá tiêu chí (legacy, one per criterion)
 * - council-decision: Quyết định thành lập Hội đồng tự đánh giá (with the member lists)
 * - plan: Kế hoạch tự đánh giá
 * - evidence-list: Danh mục minh chứng (.docx or .xlsx; `internal` adds the criteria each serves)
 * - package: Hồ sơ minh chứng (.zip: folders per standard and criterion, index.xlsx, index.html, manifest.json)
 */
export const REPORT_KINDS = [
  'bieu1',
  'bieu2',
  'legacy',
  'criterion-sheets',
  'council-decision',
  'plan',
  'evidence-list',
  'package',
] as const;
export const reportKindSchema = z.enum(REPORT_KINDS, { message: 'Loại văn bản không hợp lệ' });
export type ReportKind = z.infer<typeof reportKindSchema>;

export const reportOptionsSchema = z
  .object({
    /** evidence-list only: Word or Excel. */
    format: z.enum(['docx', 'xlsx']).default('docx'),
    /** evidence-list only: the internal variant with the criteria each evidence serves and its state. */
    internal: z.boolean().default(false),
    /**
     * Documents with a table of contents: lay the pages out to write the TOC page numbers into the
     * file, for viewers that do not refresh fields (LibreOffice, previews); Word refreshes the TOC
     * field on open either way. Takes seconds on a long report; default: on for the final version.
     */
    tocPageNumbers: z.boolean().optional(),
  })
  .strict();
export type ReportOptions = z.output<typeof reportOptionsSchema>;

export const gapSchema = z.object({
  key: z.string(),
  /** The heading the placeholder stands under. */
  section: z.string(),
  message: z.string(),
  /** required: blocks the final version; optional: printed as a placeholder. */
  severity: z.enum(['required', 'optional']),
  /** Where to fix it (screen of the app, criterion, standard, field). */
  fix: z
    .object({
      screen: z.enum([
        'school',
        'council',
        'plan',
        'criterion',
        'summary',
        'improvement',
        'schoolData',
        'evidence',
        'reportTexts',
      ]),
      criterionCode: z.string().optional(),
      scopeCode: z.string().optional(),
      field: z.string().optional(),
    })
    .nullable(),
});
export type GapDto = z.infer<typeof gapSchema>;

export const outlineEntrySchema = z.object({ level: z.number().int(), text: z.string() });

export const preflightCheckSchema = z.object({
  code: z.string(),
  ok: z.boolean(),
  /** error: the file does not match the data; warning: worth a look. */
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  details: z.array(z.string()),
});
export const preflightSchema = z.object({
  ok: z.boolean(),
  checks: z.array(preflightCheckSchema),
});
export type PreflightDto = z.infer<typeof preflightSchema>;

export const finalCheckSchema = z.object({
  /** The final (official) version can be exported now. */
  allowed: z.boolean(),
  /** Why not: readiness blockers and required gaps, in Vietnamese. */
  reasons: z.array(z.string()),
  readiness: z.object({ ready: z.boolean(), blockers: z.number().int(), warnings: z.number().int() }),
  /** The caller may export a final version (administrator or council chair). */
  canExportFinal: z.boolean(),
});

export const reportPreviewSchema = z.object({
  kind: reportKindSchema,
  title: z.string(),
  /** The file name the export will get (folded, no path). */
  fileName: z.string(),
  outline: z.array(outlineEntrySchema),
  gaps: z.array(gapSchema),
  counts: z.object({ required: z.number().int(), optional: z.number().int() }),
  final: finalCheckSchema,
  /** The change-log revision of the data the preview was made from. */
  dataRevision: z.number().int(),
});
export type ReportPreviewDto = z.infer<typeof reportPreviewSchema>;

export const reportExportSchema = z.object({
  exportId: z.string(),
  assessmentId: z.string(),
  schoolYear: z.string(),
  kind: reportKindSchema,
  /** File name only (under the data folder's exports/); never a path. */
  file: z.string(),
  sha256: z.string(),
  bytes: z.number().int(),
  final: z.boolean(),
  dataRevision: z.number().int(),
  /** Revision of the report texts (reports.saveTexts) it was made from. */
  textsRev: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  createdByName: z.string(),
  gapCount: z.number().int(),
  preflightOk: z.boolean(),
  /** The file is still in exports/ with the recorded hash size. */
  available: z.boolean(),
});
export type ReportExportDto = z.infer<typeof reportExportSchema>;

export const reportBuildResultSchema = reportExportSchema.extend({
  gaps: z.array(gapSchema),
  preflight: preflightSchema,
});
export type ReportBuildResultDto = z.infer<typeof reportBuildResultSchema>;

const t = (max: number, label: string) => text(max, label).optional();

/** The narrative parts of the report that the workspace does not hold. */
/** The free-text fields of a report's texts (one list for the backend store and the form). */
export const REPORT_TEXT_KEYS = [
  'place',
  'foundedYear',
  'website',
  'fax',
  'contextSocioEconomic',
  'contextAdvantages',
  'contextDifficulties',
  'contextLearners',
  'processPlanning',
  'processExecution',
  'processAnalysis',
  'processConfirmation',
  'conclusionOverall',
  'recommendDepartment',
  'recommendCommune',
  'recommendOthers',
  'decisionNumber',
  'planNumber',
  'improvementNumber',
] as const;
/** The date fields (ISO in storage, dd/mm/yyyy on screen). */
export const REPORT_DATE_KEYS = ['reportDate', 'decisionDate', 'planDate', 'improvementDate'] as const;

export const reportTextsFields = {
  /** Địa danh of the place-and-date line ("Buôn Ma Thuột"). */
  place: t(100, 'Địa danh'),
  /** Date the principal signs the report; empty = printed as "ngày … tháng … năm …". */
  reportDate: isoDateSchema.nullable().optional(),
  /** Năm thành lập (theo quyết định thành lập). */
  foundedYear: t(20, 'Năm thành lập'),
  website: t(200, 'Website'),
  fax: t(30, 'Fax'),
  /** Phần I.2 Bối cảnh và đặc điểm. */
  contextSocioEconomic: t(20000, 'Điều kiện kinh tế - xã hội'),
  contextAdvantages: t(20000, 'Thuận lợi'),
  contextDifficulties: t(20000, 'Khó khăn'),
  contextLearners: t(20000, 'Đặc điểm người học'),
  /** Phần I.4 Quá trình thực hiện tự đánh giá. */
  processPlanning: t(20000, 'Lập kế hoạch'),
  processExecution: t(20000, 'Tổ chức thực hiện'),
  processAnalysis: t(20000, 'Kiểm tra, phân tích'),
  processConfirmation: t(20000, 'Tổng hợp và xác nhận kết quả'),
  /** Phần III. */
  conclusionOverall: t(20000, 'Nhận định chung'),
  recommendDepartment: t(20000, 'Kiến nghị với Sở Giáo dục và Đào tạo'),
  recommendCommune: t(20000, 'Kiến nghị với Ủy ban nhân dân cấp xã'),
  recommendOthers: t(20000, 'Kiến nghị với tổ chức, cá nhân liên quan'),
  /** Quyết định thành lập hội đồng: số and ngày. */
  decisionNumber: t(60, 'Số quyết định'),
  decisionDate: isoDateSchema.nullable().optional(),
  /** Kế hoạch tự đánh giá: số and ngày. */
  planNumber: t(60, 'Số kế hoạch'),
  planDate: isoDateSchema.nullable().optional(),
  /** Kế hoạch cải tiến (Biểu 2): số and ngày. */
  improvementNumber: t(60, 'Số kế hoạch cải tiến'),
  improvementDate: isoDateSchema.nullable().optional(),
  /** Legacy reports: "Mở đầu" of each standard, by standard code. */
  standardIntros: z.record(z.string().max(10), text(20000, 'Mở đầu')).optional(),
};

export const reportTextsInputSchema = z
  .object({ assessmentId: idSchema, expectedRev: z.number().int().nonnegative(), ...reportTextsFields })
  .strict();

const s = z.string();
const d = z.string().nullable();

export const reportTextsSchema = z.object({
  assessmentId: z.string(),
  /** 0 while nothing was saved. */
  rev: z.number().int(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  canEdit: z.boolean(),
  place: s,
  reportDate: d,
  foundedYear: s,
  website: s,
  fax: s,
  contextSocioEconomic: s,
  contextAdvantages: s,
  contextDifficulties: s,
  contextLearners: s,
  processPlanning: s,
  processExecution: s,
  processAnalysis: s,
  processConfirmation: s,
  conclusionOverall: s,
  recommendDepartment: s,
  recommendCommune: s,
  recommendOthers: s,
  decisionNumber: s,
  decisionDate: d,
  planNumber: s,
  planDate: d,
  improvementNumber: s,
  improvementDate: d,
  standardIntros: z.record(z.string(), z.string()),
});
export type ReportTextsDto = z.infer<typeof reportTextsSchema>;
export type ReportTextsInput = z.output<typeof reportTextsInputSchema>;

/** Base64 downloads are capped (the browser build); the desktop app saves through a dialog. */
export const MAX_REPORT_DOWNLOAD_BYTES = 50 * 1024 * 1024;
