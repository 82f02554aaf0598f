import { z } from 'zod';
import { method, type MethodSpec } from '../rpc';
import { idSchema, text } from '../schemas/common';
import {
  assessmentCreateInputSchema,
  assessmentSchema,
  assessmentStatusReportSchema,
  assignmentRowSchema,
  carryOverReportSchema,
  councilMemberInputSchema,
  councilMemberSchema,
  councilSchema,
  criterionEditorSchema,
  criterionListRowSchema,
  criterionVersionDetailSchema,
  criterionVersionSchema,
  evidenceOfferSchema,
  improvementIssueInputSchema,
  improvementIssueSchema,
  improvementItemInputSchema,
  improvementItemSchema,
  improvementMonitoringInputSchema,
  improvementMonitoringSchema,
  improvementPlanSchema,
  levelsViewSchema,
  myWorkSchema,
  planSchema,
  planTaskInputSchema,
  planTaskSchema,
  readinessSchema,
  reasonSchema,
  reviewActionSchema,
  reviewCommentSchema,
  reviewEventSchema,
  reviewStateSchema,
  saveRequirementInputSchema,
  schoolDataSchema,
  schoolYearSchema,
  summariesSchema,
  summaryInputSchema,
  summarySchema,
  whatIfSchema,
  workingGroupInputSchema,
  workingGroupSchema,
} from '../schemas/assessment';
import { criterionCodeSchema, frameworkIdSchema, isoDateSchema } from '../schemas/evidence';

/** Roles that may write assessment data; finer rules (assignment, council role) are checked by the handlers. */
export const ASSESSMENT_WRITERS = ['admin', 'council_member', 'secretary'] as const;

const ok = z.object({ ok: z.literal(true) });
const byAssessment = z.object({ assessmentId: idSchema });
const byId = z.object({ id: idSchema });
const criterionRef = z.object({ assessmentId: idSchema, criterionCode: criterionCodeSchema });

/**
 * The self-assessment workspace (issue 4): assessment years, the council and its working
 * groups, assignments and "Việc của tôi", the criterion editor with gating and version history,
 * the review state machine with comments, levels / what-if / readiness, per-standard
 * summaries, the improvement plan (Biểu 2) and the data annex.
 *
 * Conventions: every save takes `expectedRev` (the row's rev as last read; 0 for a row not yet
 * stored) and answers CONFLICT when someone saved first; saving the same content again is a
 * no-op (autosave may retry). Rules refused → VALIDATION with a Vietnamese reason; states that
 * forbid the action (approved, pinned) → CONFLICT; not assigned / not chair → FORBIDDEN.
 */
export const assessmentMethods = {
  // --- Assessment years --------------------------------------------------------------------
  'assessment.list': method({ input: z.object({}).strict(), output: z.array(assessmentSchema), access: 'user', write: false }),
  'assessment.get': method({ input: byId, output: assessmentSchema, access: 'user', write: false }),
  /** One per school year and education level. With fromId: descriptions, judgments and plans carried over, marked to confirm. */
  'assessment.create': method({
    input: assessmentCreateInputSchema,
    output: z.object({ assessment: assessmentSchema, carried: carryOverReportSchema.nullable() }),
    access: ['admin', 'secretary'],
    write: true,
  }),
  /** The framework can change only while the year has no data (it is pinned at the first write). */
  'assessment.update': method({
    input: z.object({
      id: idSchema,
      expectedRev: z.number().int().nonnegative(),
      frameworkId: frameworkIdSchema.optional(),
      title: text(300, 'Tên đợt').optional(),
      notes: text(4000, 'Ghi chú').optional(),
    }),
    output: assessmentSchema,
    access: ['admin', 'secretary'],
    write: true,
  }),
  /** Only a year without data can be removed. */
  'assessment.remove': method({ input: byId, output: ok, access: ['admin'], write: true }),
  /** Criterion levels (backing required), the school level, blockers and the engine's explanation. */
  'assessment.levels': method({ input: byId, output: levelsViewSchema, access: 'user', write: false }),
  /** The school level if some criteria were at other levels. */
  'assessment.whatIf': method({
    input: z.object({ id: idSchema, changes: z.record(criterionCodeSchema, z.number().int().min(0).max(4)) }),
    output: whatIfSchema,
    access: 'user',
    write: false,
  }),
  /** Everything that blocks approving the whole report (blockers) and what deserves a look (warnings). */
  'assessment.readiness': method({ input: byId, output: readinessSchema, access: 'user', write: false }),
  /** Levels, blockers, readiness counts, review states and the council check in one answer (CLI, dashboard). */
  'assessment.status': method({ input: byId, output: assessmentStatusReportSchema, access: 'user', write: false }),
  /** Approves the whole report (chair or admin); refused while readiness has blockers. Everything becomes read-only. */
  'assessment.approve': method({
    input: z.object({ id: idSchema, expectedRev: z.number().int().nonnegative() }),
    output: assessmentSchema,
    access: ASSESSMENT_WRITERS,
    write: true,
  }),
  'assessment.reopen': method({
    input: z.object({
      id: idSchema,
      reason: text(2000, 'Lý do').pipe(z.string().min(1, { message: 'Vui lòng nhập lý do mở lại' })),
    }),
    output: assessmentSchema,
    access: ASSESSMENT_WRITERS,
    write: true,
  }),
  /** Last year's evidence per criterion, offered to the new year (never copied blindly). */
  'assessment.evidenceOffers': method({ input: byId, output: z.array(evidenceOfferSchema), access: 'user', write: false }),
  'assessment.acceptEvidenceOffers': method({
    input: z.object({
      id: idSchema,
      items: z
        .array(z.object({ evidenceId: idSchema, criterionCode: criterionCodeSchema }))
        .min(1)
        .max(2000),
    }),
    output: z.object({
      linked: z.number().int(),
      skipped: z.array(z.object({ evidenceId: z.string(), criterionCode: z.string(), reason: z.string() })),
    }),
    access: ASSESSMENT_WRITERS,
    write: true,
  }),
  /** "Việc của tôi": my open criteria, overdue and returned work, what waits for my review, my tasks. */
  'assessment.myWork': method({
    input: z.object({ assessmentId: idSchema.optional() }),
    output: myWorkSchema,
    access: 'user',
    write: false,
  }),

  // --- Council, working groups, assignments ------------------------------------------------
  'council.get': method({ input: byAssessment, output: councilSchema, access: 'user', write: false }),
  /** Adds (no id) or updates a member: a local account (userId) or a name only. */
  'council.saveMember': method({
    input: councilMemberInputSchema,
    output: councilMemberSchema,
    access: ASSESSMENT_WRITERS,
    write: true,
  }),
  'council.removeMember': method({ input: byId, output: ok, access: ASSESSMENT_WRITERS, write: true }),
  'council.saveGroup': method({
    input: workingGroupInputSchema,
    output: workingGroupSchema,
    access: ASSESSMENT_WRITERS,
    write: true,
  }),
  /** Members of the group stay in the council, without a group; its assignments go. */
  'council.removeGroup': method({ input: byId, output: ok, access: ASSESSMENT_WRITERS, write: true }),
  'assignment.list': method({ input: byAssessment, output: z.array(assignmentRowSchema), access: 'user', write: false }),
  /** Replaces the assignees (members and/or groups) and due date of each listed criterion. */
  'assignment.set': method({
    input: z.object({
      assessmentId: idSchema,
      criterionCodes: z.array(criterionCodeSchema).min(1).max(100),
      memberIds: z.array(idSchema).max(100).default([]),
      groupIds: z.array(idSchema).max(100).default([]),
      dueDate: isoDateSchema.nullable().default(null),
    }),
    output: z.array(assignmentRowSchema),
    access: ASSESSMENT_WRITERS,
    write: true,
  }),

  // --- Self-assessment plan ----------------------------------------------------------------
  'plan.get': method({ input: byAssessment, output: planSchema, access: 'user', write: false }),
  'plan.saveTask': method({ input: planTaskInputSchema, output: planTaskSchema, access: ASSESSMENT_WRITERS, write: true }),
  'plan.removeTask': method({ input: byId, output: ok, access: ASSESSMENT_WRITERS, write: true }),
  /** Adds the framework's usual steps (dates in this school year; the approval task meets the calendar deadline). */
  'plan.addDefaultTasks': method({ input: byAssessment, output: planSchema, access: ASSESSMENT_WRITERS, write: true }),

  // --- Criterion editor --------------------------------------------------------------------
  'criterion.list': method({ input: byAssessment, output: z.array(criterionListRowSchema), access: 'user', write: false }),
  'criterion.get': method({ input: criterionRef, output: criterionEditorSchema, access: 'user', write: false }),
  /**
   * Autosave of one requirement: description and/or judgment. Idempotent; `expectedRev` is the
   * requirement's rev (0 if new). "Đạt" needs a description citing ≥ 1 valid evidence; Mức L
   * needs Mức L−1 reached; both refused with VALIDATION and the reason (see metReasons).
   */
  'criterion.saveRequirement': method({
    input: saveRequirementInputSchema,
    output: criterionEditorSchema,
    access: ASSESSMENT_WRITERS,
    write: true,
  }),
  /** Confirms carried-over entries (all of the criterion, or one requirement); a "Đạt" must pass the same checks. */
  'criterion.confirm': method({
    input: criterionRef.extend({
      level: z.number().int().min(1).max(4).optional(),
      requirementCode: z.string().max(20).optional(),
    }),
    output: z.object({
      confirmed: z.number().int(),
      refused: z.array(z.object({ level: z.number().int(), requirementCode: z.string(), reasons: z.array(reasonSchema) })),
      editor: criterionEditorSchema,
    }),
    access: ASSESSMENT_WRITERS,
    write: true,
  }),
  'criterion.history': method({ input: criterionRef, output: z.array(criterionVersionSchema), access: 'user', write: false }),
  'criterion.version': method({
    input: z.object({ versionId: idSchema }),
    output: criterionVersionDetailSchema,
    access: 'user',
    write: false,
  }),
  /** Writes the version's descriptions and judgments back as a new version; a "Đạt" no longer backed becomes "Chưa đánh giá". */
  'criterion.restore': method({
    input: z.object({ versionId: idSchema }),
    output: z.object({
      editor: criterionEditorSchema,
      downgraded: z.array(z.object({ level: z.number().int(), requirementCode: z.string(), reasons: z.array(reasonSchema) })),
    }),
    access: ASSESSMENT_WRITERS,
    write: true,
  }),

  // --- Review ------------------------------------------------------------------------------
  'review.transition': method({
    input: criterionRef.extend({
      action: reviewActionSchema,
      /** Required for return and reopen (it becomes a comment). */
      note: text(4000, 'Ghi chú').default(''),
      /** Anchor the return note to one requirement. */
      level: z.number().int().min(1).max(4).optional(),
      requirementCode: z.string().max(20).optional(),
    }),
    output: z.object({ reviewState: reviewStateSchema, event: reviewEventSchema, editor: criterionEditorSchema }),
    access: ASSESSMENT_WRITERS,
    write: true,
  }),
  'review.events': method({ input: criterionRef, output: z.array(reviewEventSchema), access: 'user', write: false }),
  'review.comments': method({
    input: z.object({
      assessmentId: idSchema,
      criterionCode: criterionCodeSchema.optional(),
      includeResolved: z.boolean().default(false),
    }),
    output: z.array(reviewCommentSchema),
    access: 'user',
    write: false,
  }),
  'review.addComment': method({
    input: criterionRef.extend({
      level: z.number().int().min(1).max(4).optional(),
      requirementCode: z.string().max(20).optional(),
      body: text(4000, 'Nội dung góp ý').pipe(z.string().min(1, { message: 'Vui lòng nhập nội dung góp ý' })),
    }),
    output: reviewCommentSchema,
    access: ASSESSMENT_WRITERS,
    write: true,
  }),
  'review.resolveComment': method({
    input: z.object({ id: idSchema, resolved: z.boolean().default(true) }),
    output: reviewCommentSchema,
    access: ASSESSMENT_WRITERS,
    write: true,
  }),

  // --- Per-standard summaries --------------------------------------------------------------
  'summary.list': method({ input: byAssessment, output: summariesSchema, access: 'user', write: false }),
  'summary.save': method({ input: summaryInputSchema, output: summarySchema, access: ASSESSMENT_WRITERS, write: true }),

  // --- Improvement plan (Biểu 2) -----------------------------------------------------------
  'improvement.get': method({ input: byAssessment, output: improvementPlanSchema, access: 'user', write: false }),
  /** Makes one focus issue per standard whose weaknesses were written and that has no issue yet. */
  'improvement.pullIssues': method({
    input: byAssessment,
    output: z.array(improvementIssueSchema),
    access: ASSESSMENT_WRITERS,
    write: true,
  }),
  'improvement.saveIssue': method({
    input: improvementIssueInputSchema,
    output: improvementIssueSchema,
    access: ASSESSMENT_WRITERS,
    write: true,
  }),
  'improvement.removeIssue': method({ input: byId, output: ok, access: ASSESSMENT_WRITERS, write: true }),
  'improvement.saveItem': method({
    input: improvementItemInputSchema,
    output: improvementItemSchema,
    access: ASSESSMENT_WRITERS,
    write: true,
  }),
  'improvement.removeItem': method({ input: byId, output: ok, access: ASSESSMENT_WRITERS, write: true }),
  'improvement.saveMonitoring': method({
    input: improvementMonitoringInputSchema,
    output: improvementMonitoringSchema,
    access: ASSESSMENT_WRITERS,
    write: true,
  }),
  'improvement.removeMonitoring': method({ input: byId, output: ok, access: ASSESSMENT_WRITERS, write: true }),

  // --- Data annex --------------------------------------------------------------------------
  'schoolData.get': method({ input: byAssessment, output: schoolDataSchema, access: 'user', write: false }),
  /** Values of one school year; null removes a value. Keys must be in the catalog. */
  'schoolData.set': method({
    input: z.object({
      assessmentId: idSchema,
      schoolYear: schoolYearSchema,
      values: z.record(z.string().max(80), z.union([z.string().max(200), z.number(), z.null()])),
    }),
    output: schoolDataSchema,
    access: ASSESSMENT_WRITERS,
    write: true,
  }),
} satisfies Record<string, MethodSpec>;
