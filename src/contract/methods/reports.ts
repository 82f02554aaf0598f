import { z } from 'zod';
import { method, type MethodSpec } from '../rpc';
import { idSchema } from '../schemas/common';
import {
  reportBuildResultSchema,
  reportExportSchema,
  reportKindSchema,
  reportOptionsSchema,
  reportPreviewSchema,
  reportTextsInputSchema,
  reportTextsSchema,
} from '../schemas/reports';

/** Roles that may edit the report's texts; finer rules (council seat) are checked by the handlers. */
export const REPORT_WRITERS = ['admin', 'council_member', 'secretary'] as const;

const byAssessment = z.object({ assessmentId: idSchema }).strict();
const options = reportOptionsSchema.partial().optional();

/**
 * Official documents (issue 5): Biểu 1 / Biểu 2 (TT 57), the legacy report and criterion sheets
 * (TT 17/18/19), the council decision, the self-assessment plan, the evidence list (.docx/.xlsx)
 * and the evidence package (.zip).
 *
 * - `reports.preview` lists the outline and EVERY gap ("[Chưa có dữ liệu: …]") before anything
 *   is written, and whether the final version may be exported now.
 * - `reports.build` writes into `<dataDir>/exports/` (never a path from the renderer), reads the
 *   file back and checks it against the data (preflight), records SHA-256, data revision and
 *   author. `final: true` is refused (VALIDATION) while the assessment's readiness check has
 *   blockers or a required gap remains, and (FORBIDDEN) for anyone but an administrator or the
 *   council chair.
 * - `reports.download` returns an export as base64 (≤ 50 MB; the browser build);
 *   `reports.saveAs` copies it to a file chosen in Electron main's save dialog
 *   (`files.pickForExport` → write grant handle).
 */
export const reportsMethods = {
  'reports.preview': method({
    input: z.object({ assessmentId: idSchema, kind: reportKindSchema, options }).strict(),
    output: reportPreviewSchema,
    access: 'user',
    write: false,
  }),
  'reports.build': method({
    input: z.object({ assessmentId: idSchema, kind: reportKindSchema, final: z.boolean().default(false), options }).strict(),
    output: reportBuildResultSchema,
    access: 'user',
    write: true,
  }),
  'reports.list': method({
    input: z.object({ assessmentId: idSchema.optional() }).strict(),
    output: z.array(reportExportSchema),
    access: 'user',
    write: false,
  }),
  'reports.download': method({
    input: z.object({ exportId: idSchema }).strict(),
    output: z.object({
      file: z.string(),
      mimeType: z.string(),
      bytes: z.number().int(),
      sha256: z.string(),
      contentBase64: z.string(),
    }),
    access: 'user',
    write: false,
  }),
  'reports.saveAs': method({
    input: z.object({ exportId: idSchema, fileHandle: z.string().min(1).max(200) }).strict(),
    output: z.object({ file: z.string(), bytes: z.number().int(), sha256: z.string() }),
    access: 'user',
    write: false,
  }),
  'reports.getTexts': method({ input: byAssessment, output: reportTextsSchema, access: 'user', write: false }),
  /** Saves the given fields (absent = unchanged); `expectedRev` as last read (0 before the first save). */
  'reports.saveTexts': method({ input: reportTextsInputSchema, output: reportTextsSchema, access: REPORT_WRITERS, write: true }),
} satisfies Record<string, MethodSpec>;
