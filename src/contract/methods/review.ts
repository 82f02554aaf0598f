import { z } from 'zod';
import { method, type MethodSpec } from '../rpc';
import { submissionViewSchema } from '../sync-protocol';
import { schoolSchema } from '../schemas/school';
import { userSchema } from '../schemas/user';
import {
  assignmentSchema,
  assignRequestSchema,
  auditEntrySchema,
  conclusionRequestSchema,
  dashboardSchema,
  decisionRequestSchema,
  dossierDiffSchema,
  inboxItemSchema,
  inboxQuerySchema,
  localSchoolCommentSchema,
  pushJudgmentsResponseSchema,
  recognitionSchema,
  reviewAccountSchema,
  reviewCommentInputSchema,
  reviewDossierSchema,
  reviewDownloadOutputSchema,
  reviewExportTableInputSchema,
  reviewJudgeInputSchema,
  reviewReportInputSchema,
  reviewReportOutputSchema,
  reviewSetupInputSchema,
  reviewStatusSchema,
  reviewWorkstationInputSchema,
  schoolCommentsViewSchema,
  teamViewSchema,
  unitViewSchema,
} from '../schemas/review';

const empty = z.object({}).strict();
const bySubmission = z.object({ submissionId: z.string().min(1).max(64) });
const saved = z.object({ id: z.string(), pushed: z.boolean() });
const file = z.object({ path: z.string(), fileName: z.string(), bytes: z.number().int() });

/**
 * Department mode (issue 8, docs/review.md): a desktop installation used by an inspector or a
 * department admin to review dossiers, offline after `review.download`. The session token stays
 * in the backend. `sync.reviewComments` / `sync.replyReviewComment` are the school's side.
 */
export const reviewMethods = {
  'review.setup': method({ input: reviewSetupInputSchema, output: reviewStatusSchema, access: ['admin'], write: true }),
  /**
   * First run (no school, no user yet): log in to the server, then make this computer a department
   * workstation with one local admin (the server username, `localPassword`) and log it in.
   */
  'review.initWorkstation': method({
    input: reviewWorkstationInputSchema,
    output: z.object({ school: schoolSchema, user: userSchema, status: reviewStatusSchema }),
    access: 'public',
    write: true,
  }),
  'review.status': method({ input: empty, output: reviewStatusSchema, access: 'user', write: false }),
  /** Accounts a department admin may put on a review team (inspectors and admins of its subtree). */
  'review.accounts': method({ input: empty, output: z.array(reviewAccountSchema), access: 'user', write: false }),
  'review.units': method({ input: empty, output: z.array(unitViewSchema), access: 'user', write: false }),
  'review.inbox': method({ input: inboxQuerySchema, output: z.array(inboxItemSchema), access: 'user', write: false }),
  'review.assign': method({
    input: bySubmission.extend(assignRequestSchema.shape),
    output: assignmentSchema,
    access: 'user',
    write: true,
  }),
  'review.download': method({ input: bySubmission, output: reviewDownloadOutputSchema, access: 'user', write: true }),
  'review.dossier': method({ input: bySubmission, output: reviewDossierSchema, access: 'user', write: false }),
  'review.evidenceFile': method({
    input: bySubmission.extend({ evidenceId: z.string().min(1).max(64) }),
    output: z.object({ fileName: z.string(), mimeType: z.string(), sizeBytes: z.number().int(), base64: z.string() }),
    access: 'user',
    write: false,
  }),
  'review.judge': method({ input: reviewJudgeInputSchema, output: saved, access: 'user', write: true }),
  'review.comment': method({
    input: reviewCommentInputSchema.extend({ id: z.string().uuid().optional() }),
    output: saved,
    access: 'user',
    write: true,
  }),
  'review.pushJudgments': method({ input: bySubmission, output: pushJudgmentsResponseSchema, access: 'user', write: true }),
  'review.team': method({ input: bySubmission, output: teamViewSchema, access: 'user', write: false }),
  'review.conclude': method({
    input: bySubmission.extend(conclusionRequestSchema.shape),
    output: teamViewSchema.shape.conclusion.unwrap(),
    access: 'user',
    write: true,
  }),
  'review.return': method({
    input: bySubmission.extend({
      message: z.string().trim().min(1, { message: 'Vui lòng ghi nội dung cần bổ sung' }).max(20000),
    }),
    output: submissionViewSchema,
    access: 'user',
    write: true,
  }),
  'review.accept': method({ input: bySubmission, output: submissionViewSchema, access: 'user', write: true }),
  'review.decide': method({
    input: bySubmission.extend(decisionRequestSchema.shape),
    output: recognitionSchema,
    access: 'user',
    write: true,
  }),
  'review.diff': method({ input: bySubmission, output: dossierDiffSchema, access: 'user', write: false }),
  'review.audit': method({ input: bySubmission, output: z.array(auditEntrySchema), access: 'user', write: false }),
  'review.recognitions': method({ input: empty, output: z.array(recognitionSchema), access: 'user', write: false }),
  'review.dashboard': method({ input: empty, output: dashboardSchema, access: 'user', write: false }),
  /**
   * The review's documents (.docx, administrative format) under <dataDir>/review/reports/ (or
   * `target`): `report` (Báo cáo kết quả đánh giá ngoài), `member-sheets` (Phiếu đánh giá tiêu
   * chí of every member), `appraisal-summary` (TT 57 Điều 16, VALIDATION otherwise), `decision`
   * (Quyết định công nhận, CONFLICT until a decision is recorded).
   */
  'review.report': method({
    input: reviewReportInputSchema,
    output: reviewReportOutputSchema,
    access: 'user',
    write: false,
  }),
  'review.exportTable': method({ input: reviewExportTableInputSchema, output: file, access: 'user', write: false }),
  // The school's side.
  /** From the local cache when offline (`cachedAt`); refreshed from the server when it answers. */
  'sync.reviewComments': method({ input: empty, output: schoolCommentsViewSchema, access: 'user', write: false }),
  /** Sent at once when online, otherwise queued (`pendingReply`) and sent by the next sync; exactly once. */
  'sync.replyReviewComment': method({
    input: z.object({ commentId: z.string().min(1).max(64), reply: z.string().trim().min(1).max(20000) }),
    output: localSchoolCommentSchema,
    access: ['admin', 'secretary', 'council_member'],
    write: true,
  }),
} satisfies Record<string, MethodSpec>;
