import { z } from 'zod';
import type { SchoolDataCatalog } from '../../core/assessment/school-data';
import type { Blocker } from '../../core/levels/types';
import type { WhatIfResult } from '../../core/levels/what-if';
import { educationLevelSchema, idSchema, requiredText, text } from './common';
import { criterionCodeSchema, frameworkIdSchema, isoDateSchema } from './evidence';

// ---------------------------------------------------------------------------------------------
// Enumerations (labels live in src/core/assessment; the UI translates the codes)

/** nháp → chờ rà soát → chờ duyệt → đã duyệt | trả lại → nháp… (src/core/assessment/review.ts). */
export const reviewStateSchema = z.enum(['draft', 'pending_review', 'pending_approval', 'approved', 'returned']);
export const reviewActionSchema = z.enum(['submit', 'withdraw', 'forward', 'return', 'approve', 'reopen', 'revise']);
/** Chủ tịch, Phó Chủ tịch, Thư ký, Ủy viên. */
export const councilRoleSchema = z.enum(['chair', 'vice_chair', 'secretary', 'member']);
/** Đạt / Chưa đạt / Chưa đánh giá. */
export const judgmentSchema = z.enum(['met', 'not_met', 'unassessed']);
export const planTaskStatusSchema = z.enum(['todo', 'in_progress', 'done', 'cancelled']);
/** Mức độ thực hiện (cột 10 Biểu 2). */
export const improvementProgressSchema = z.enum(['not_started', 'in_progress', 'done', 'not_done']);
/** Thời điểm theo dõi (mục VI Biểu 2): cuối học kỳ I, cuối năm học. */
export const monitoringCheckpointSchema = z.enum(['end_term1', 'end_year']);
export const assessmentStatusSchema = z.enum(['in_progress', 'approved']);

export type ReviewStateDto = z.infer<typeof reviewStateSchema>;
export type ReviewActionDto = z.infer<typeof reviewActionSchema>;
export type CouncilRoleDto = z.infer<typeof councilRoleSchema>;
export type JudgmentDto = z.infer<typeof judgmentSchema>;

/** "2026-2027". */
export const schoolYearSchema = z
  .string({ message: 'Vui lòng nhập năm học' })
  .trim()
  .refine(
    (s) => {
      const m = /^(\d{4})-(\d{4})$/.exec(s);
      return m !== null && Number(m[2]) === Number(m[1]) + 1;
    },
    { message: 'Năm học không hợp lệ (ví dụ 2026-2027)' },
  );

const rev = z.number().int().nonnegative();
const expectedRev = z.number().int().nonnegative();
const optionalText = (max: number, label: string) => text(max, label).optional();
const nullableDate = isoDateSchema.nullable();

// ---------------------------------------------------------------------------------------------
// Shared pieces

export const reasonSchema = z.object({
  code: z.enum(['read_only', 'not_assigned', 'lower_level_not_reached', 'no_description', 'no_evidence', 'no_valid_evidence']),
  message: z.string(),
});
export type ReasonDto = z.infer<typeof reasonSchema>;

/** One evidence cited in a text ({{ev:<id>}}), with what is wrong with it (null = valid). */
export const citationSchema = z.object({
  evidenceId: z.string(),
  code: z.string().nullable(),
  title: z.string(),
  problem: z.enum(['missing', 'rejected', 'expired', 'other_framework']).nullable(),
  unverified: z.boolean(),
  validUntil: z.string().nullable(),
});
export type CitationDto = z.infer<typeof citationSchema>;

export const memberRefSchema = z.object({ id: z.string(), fullName: z.string() });
export const groupRefSchema = z.object({ id: z.string(), name: z.string() });

// ---------------------------------------------------------------------------------------------
// Assessment year

export const assessmentSchema = z.object({
  id: idSchema,
  schoolYear: z.string(),
  educationLevel: educationLevelSchema,
  frameworkId: z.string(),
  frameworkTitle: z.string(),
  /** Version of the framework data pinned for this year. */
  frameworkVersion: z.string(),
  /** Version of the framework data the app ships now (differs after an update of the texts). */
  frameworkLoadedVersion: z.string(),
  title: z.string(),
  notes: z.string(),
  /** The year this one was started from (kế thừa), if any. */
  previousId: z.string().nullable(),
  status: assessmentStatusSchema,
  /** Data exists: the framework can no longer change. */
  pinned: z.boolean(),
  pinnedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  approvedBy: z.string().nullable(),
  counts: z.object({
    criteria: z.number().int(),
    approvedCriteria: z.number().int(),
    requirements: z.number().int(),
    judgedRequirements: z.number().int(),
    members: z.number().int(),
  }),
  createdAt: z.string(),
  updatedAt: z.string(),
  rev,
});
export type AssessmentDto = z.infer<typeof assessmentSchema>;

export const carryOverReportSchema = z.object({
  fromId: z.string(),
  fromSchoolYear: z.string(),
  requirements: z.number().int(),
  planTasks: z.number().int(),
  improvementIssues: z.number().int(),
  improvementItems: z.number().int(),
  /** Why descriptions were not copied (different frameworks), else null. */
  note: z.string().nullable(),
});

export const criterionLevelRowSchema = z.object({
  code: z.string(),
  title: z.string(),
  standardCode: z.string(),
  mandatory: z.boolean(),
  /** Level reached with backing required (0 = not met). */
  level: z.number().int(),
  levelLabel: z.string(),
  /** At least one effective judgment exists; otherwise the engine counts it "chưa đánh giá". */
  assessed: z.boolean(),
  nextLevel: z.number().int().nullable(),
  /** Requirement refs ("2.1") still unjudged / not backed at the next level. */
  pending: z.array(z.string()),
  unmet: z.array(z.string()),
  reviewState: reviewStateSchema,
});

export const levelsViewSchema = z.object({
  assessmentId: z.string(),
  frameworkId: z.string(),
  schoolLevel: z.number().int(),
  schoolLevelLabel: z.string(),
  nextLevel: z.number().int().nullable(),
  explanation: z.string(),
  blockers: z.array(z.custom<Blocker>()),
  unassessed: z.array(z.string()),
  criteria: z.array(criterionLevelRowSchema),
});
export type LevelsViewDto = z.infer<typeof levelsViewSchema>;

export const readinessItemSchema = z.object({
  kind: z.enum([
    'unassessed',
    'met_without_evidence',
    'evidence_missing',
    'evidence_rejected',
    'evidence_expired',
    'evidence_other_framework',
    'evidence_unverified',
    'carried_unconfirmed',
    'council',
    'criterion_not_approved',
    'summary_missing',
    'no_improvement_plan',
    'deadline_passed',
    'framework_version_changed',
  ]),
  severity: z.enum(['blocker', 'warning']),
  message: z.string(),
  criterionCode: z.string().optional(),
  level: z.number().int().optional(),
  requirementCode: z.string().optional(),
  evidenceId: z.string().optional(),
  evidenceCode: z.string().nullable().optional(),
  scopeCode: z.string().optional(),
  itemId: z.string().optional(),
});
export const readinessSchema = z.object({
  ready: z.boolean(),
  counts: z.object({ blockers: z.number().int(), warnings: z.number().int() }),
  byKind: z.record(z.string(), z.number().int()),
  items: z.array(readinessItemSchema),
});
export type ReadinessDto = z.infer<typeof readinessSchema>;

export const councilCheckSchema = z.object({
  ok: z.boolean(),
  memberCount: z.number().int(),
  counts: z.record(councilRoleSchema, z.number().int()),
  problems: z.array(z.object({ code: z.string(), message: z.string() })),
  rulesText: z.string().nullable(),
  basis: z.string().nullable(),
});

export const assessmentStatusReportSchema = z.object({
  assessment: assessmentSchema,
  levels: z.object({
    schoolLevel: z.number().int(),
    schoolLevelLabel: z.string(),
    nextLevel: z.number().int().nullable(),
    explanation: z.string(),
  }),
  criteria: z.array(
    z.object({ code: z.string(), level: z.number().int(), assessed: z.boolean(), reviewState: reviewStateSchema }),
  ),
  blockers: z.array(z.custom<Blocker>()),
  readiness: z.object({
    ready: z.boolean(),
    blockers: z.number().int(),
    warnings: z.number().int(),
    byKind: z.record(z.string(), z.number().int()),
  }),
  reviewStates: z.record(reviewStateSchema, z.number().int()),
  council: councilCheckSchema,
});

export const evidenceOfferSchema = z.object({
  criterionCode: z.string(),
  evidenceId: z.string(),
  code: z.string().nullable(),
  title: z.string(),
  /** Why it was offered: linked to the criterion last year, and/or cited in last year's text. */
  linkedLastYear: z.boolean(),
  citedLastYear: z.boolean(),
  problem: citationSchema.shape.problem,
  unverified: z.boolean(),
  /** Already linked to the criterion for the new year. */
  alreadyLinked: z.boolean(),
});

export const whatIfSchema = z.custom<WhatIfResult>();

export const myWorkSchema = z.object({
  today: z.string(),
  memberships: z.array(
    z.object({ assessmentId: z.string(), schoolYear: z.string(), memberId: z.string(), councilRole: councilRoleSchema }),
  ),
  /** Criteria assigned to me (directly or through my group) and not approved yet. */
  criteria: z.array(
    z.object({
      assessmentId: z.string(),
      schoolYear: z.string(),
      criterionCode: z.string(),
      title: z.string(),
      reviewState: reviewStateSchema,
      dueDate: z.string().nullable(),
      overdue: z.boolean(),
      via: z.enum(['member', 'group']),
      groupName: z.string().nullable(),
      progress: z.object({ requirements: z.number().int(), described: z.number().int(), judged: z.number().int() }),
      carriedUnconfirmed: z.number().int(),
      openComments: z.number().int(),
      /** For returned criteria: the reason, who returned it and when. */
      returned: z.object({ note: z.string(), by: z.string(), at: z.string() }).nullable(),
    }),
  ),
  /** Criteria waiting for me to review (chair, vice chair, secretary) or approve (chair, admin). */
  toReview: z.array(
    z.object({
      assessmentId: z.string(),
      schoolYear: z.string(),
      criterionCode: z.string(),
      title: z.string(),
      reviewState: reviewStateSchema,
    }),
  ),
  tasks: z.array(
    z.object({
      assessmentId: z.string(),
      id: z.string(),
      title: z.string(),
      dueDate: z.string().nullable(),
      status: planTaskStatusSchema,
      overdue: z.boolean(),
    }),
  ),
  improvementItems: z.array(
    z.object({
      assessmentId: z.string(),
      id: z.string(),
      content: z.string(),
      dueDate: z.string().nullable(),
      progress: improvementProgressSchema,
      overdue: z.boolean(),
    }),
  ),
  counts: z.object({
    open: z.number().int(),
    overdue: z.number().int(),
    returned: z.number().int(),
    toReview: z.number().int(),
    tasks: z.number().int(),
  }),
});
export type MyWorkDto = z.infer<typeof myWorkSchema>;

// ---------------------------------------------------------------------------------------------
// Council, groups, assignments, plan

export const councilMemberSchema = z.object({
  id: z.string(),
  assessmentId: z.string(),
  /** The local account, or null for a member known by name only. */
  userId: z.string().nullable(),
  username: z.string().nullable(),
  fullName: z.string(),
  /** Chức vụ (Hiệu trưởng, Tổ trưởng tổ Toán…). */
  position: z.string(),
  councilRole: councilRoleSchema,
  groupId: z.string().nullable(),
  duties: z.string(),
  sortOrder: z.number().int(),
  rev,
});
export type CouncilMemberDto = z.infer<typeof councilMemberSchema>;

export const workingGroupSchema = z.object({
  id: z.string(),
  assessmentId: z.string(),
  name: z.string(),
  leaderMemberId: z.string().nullable(),
  duties: z.string(),
  sortOrder: z.number().int(),
  memberIds: z.array(z.string()),
  rev,
});
export type WorkingGroupDto = z.infer<typeof workingGroupSchema>;

export const councilSchema = z.object({
  assessmentId: z.string(),
  members: z.array(councilMemberSchema),
  groups: z.array(workingGroupSchema),
  check: councilCheckSchema,
  /** The caller may change the council, groups, assignments and plan. */
  canManage: z.boolean(),
});
export type CouncilDto = z.infer<typeof councilSchema>;

export const assignmentRowSchema = z.object({
  criterionCode: z.string(),
  title: z.string(),
  standardCode: z.string(),
  members: z.array(memberRefSchema),
  groups: z.array(groupRefSchema),
  dueDate: z.string().nullable(),
});

export const planTaskSchema = z.object({
  id: z.string(),
  assessmentId: z.string(),
  title: z.string(),
  details: z.string(),
  ownerMemberId: z.string().nullable(),
  /** Free-text owner (a person or a unit) when not a council member. */
  ownerName: z.string(),
  startDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  status: planTaskStatusSchema,
  /** The framework calendar entry this task meets (e.g. "report-approved"). */
  calendarKey: z.string().nullable(),
  sortOrder: z.number().int(),
  carriedOver: z.boolean(),
  needsConfirmation: z.boolean(),
  completedAt: z.string().nullable(),
  overdue: z.boolean(),
  rev,
});
export type PlanTaskDto = z.infer<typeof planTaskSchema>;

export const planSchema = z.object({
  assessmentId: z.string(),
  tasks: z.array(planTaskSchema),
  /** The framework's calendar for this school year, with real dates. */
  calendar: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      date: z.string(),
      deadline: z.boolean(),
      actor: z.enum(['school', 'authority']),
    }),
  ),
  overdue: z.number().int(),
  canManage: z.boolean(),
});

// ---------------------------------------------------------------------------------------------
// Criterion editor, history, review

export const requirementViewSchema = z.object({
  level: z.number().int(),
  code: z.string(),
  text: z.string(),
  /** 0 while nothing is stored: pass it as expectedRev for the first save. */
  rev,
  entryId: z.string().nullable(),
  /** Stored text with {{ev:<id>}} tokens (what the editor edits). */
  description: z.string(),
  /** The same text with current codes ("… (MC.1.1.01)."), for display. */
  descriptionRendered: z.string(),
  judgment: judgmentSchema,
  carriedOver: z.boolean(),
  /** Carried over and not confirmed: counts for nothing. */
  needsConfirmation: z.boolean(),
  updatedAt: z.string().nullable(),
  updatedByName: z.string().nullable(),
  citations: z.array(citationSchema),
  /** Mức 1, or the criterion reaches the level below. */
  considered: z.boolean(),
  /** Counted as met by the engine (judged met and backed by a description + valid evidence). */
  counted: z.boolean(),
  canJudge: z.boolean(),
  judgeReasons: z.array(reasonSchema),
  canMarkMet: z.boolean(),
  /** Why "Đạt" is refused (empty when canMarkMet). */
  metReasons: z.array(reasonSchema),
  openComments: z.number().int(),
});
export type RequirementViewDto = z.infer<typeof requirementViewSchema>;

export const criterionEditorSchema = z.object({
  assessmentId: z.string(),
  frameworkId: z.string(),
  criterion: z.object({
    code: z.string(),
    title: z.string(),
    mandatory: z.boolean(),
    standardCode: z.string(),
    standardTitle: z.string(),
    evidenceGroup: z.string().nullable(),
    suggestedEvidence: z.array(z.string()),
    quantitativeData: z.array(z.object({ code: z.string(), text: z.string(), unit: z.string().optional() })),
    quantitativeNote: z.string().nullable(),
  }),
  record: z.object({
    reviewState: reviewStateSchema,
    /** Criterion revision: changes with every save, transition or restore. */
    rev,
    stateChangedAt: z.string().nullable(),
    approvedAt: z.string().nullable(),
    approvedBy: z.string().nullable(),
    lastVersionNo: z.number().int(),
  }),
  result: z.object({
    level: z.number().int(),
    levelLabel: z.string(),
    nextLevel: z.number().int().nullable(),
    assessed: z.boolean(),
    pending: z.array(z.string()),
    unmet: z.array(z.string()),
  }),
  levels: z.array(
    z.object({
      level: z.number().int(),
      label: z.string(),
      considered: z.boolean(),
      status: z.enum(['met', 'not-met', 'pending']),
      requirements: z.array(requirementViewSchema),
    }),
  ),
  permissions: z.object({
    canEdit: z.boolean(),
    /** Why the caller cannot edit (read-only state, not assigned…). */
    editReasons: z.array(reasonSchema),
    actions: z.array(z.object({ action: reviewActionSchema, to: reviewStateSchema, noteRequired: z.boolean() })),
    canComment: z.boolean(),
  }),
  assignees: z.object({ members: z.array(memberRefSchema), groups: z.array(groupRefSchema), dueDate: z.string().nullable() }),
  /** Evidence linked to this criterion (for the citation picker), with validity. */
  linkedEvidence: z.array(citationSchema),
  openComments: z.number().int(),
  carriedUnconfirmed: z.number().int(),
});
export type CriterionEditorDto = z.infer<typeof criterionEditorSchema>;

export const criterionListRowSchema = z.object({
  code: z.string(),
  title: z.string(),
  standardCode: z.string(),
  mandatory: z.boolean(),
  reviewState: reviewStateSchema,
  level: z.number().int(),
  levelLabel: z.string(),
  assessed: z.boolean(),
  progress: z.object({
    requirements: z.number().int(),
    described: z.number().int(),
    judged: z.number().int(),
    counted: z.number().int(),
    carriedUnconfirmed: z.number().int(),
  }),
  assignees: z.object({ members: z.array(memberRefSchema), groups: z.array(groupRefSchema) }),
  dueDate: z.string().nullable(),
  overdue: z.boolean(),
  openComments: z.number().int(),
  canEdit: z.boolean(),
});

export const versionChangeSchema = z.object({
  level: z.number().int(),
  requirementCode: z.string(),
  fields: z.array(z.enum(['description', 'judgment', 'confirmation'])),
});

export const criterionVersionSchema = z.object({
  id: z.string(),
  criterionCode: z.string(),
  versionNo: z.number().int(),
  kind: z.enum(['edit', 'restore', 'carry']),
  actorId: z.string().nullable(),
  actorName: z.string(),
  /** When the version was last written (consecutive saves by one person within minutes merge). */
  at: z.string(),
  summary: z.string(),
  changes: z.array(versionChangeSchema),
});
export const criterionVersionDetailSchema = criterionVersionSchema.extend({
  snapshot: z.array(
    z.object({ level: z.number().int(), requirementCode: z.string(), description: z.string(), judgment: judgmentSchema }),
  ),
});

export const reviewEventSchema = z.object({
  id: z.string(),
  criterionCode: z.string(),
  action: reviewActionSchema,
  fromState: reviewStateSchema,
  toState: reviewStateSchema,
  actorId: z.string().nullable(),
  actorName: z.string(),
  note: z.string(),
  at: z.string(),
});

export const reviewCommentSchema = z.object({
  id: z.string(),
  criterionCode: z.string(),
  /** Anchor: null/null = the whole criterion; level (+ requirementCode) = one requirement. */
  level: z.number().int().nullable(),
  requirementCode: z.string().nullable(),
  authorId: z.string().nullable(),
  authorName: z.string(),
  body: z.string(),
  resolved: z.boolean(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  /** The review event (e.g. a return) this comment was written with. */
  eventId: z.string().nullable(),
  at: z.string(),
  rev,
});

// ---------------------------------------------------------------------------------------------
// Per-standard summaries, improvement plan, school data

export const summarySchema = z.object({
  scopeCode: z.string(),
  /** TT 57: per standard (tiêu chuẩn); 2018 frameworks: per criterion. */
  scopeKind: z.enum(['standard', 'criterion']),
  title: z.string(),
  /** Điểm mạnh nổi bật. */
  strengths: z.string(),
  /** Điểm hạn chế trọng tâm. */
  weaknesses: z.string(),
  /** Nguyên nhân cốt lõi. */
  causes: z.string(),
  /** Xu hướng chất lượng trong 03 năm học liên tiếp. */
  trend: z.string(),
  /** Vấn đề trọng tâm ưu tiên cải tiến / định hướng cải tiến. */
  priorities: z.string(),
  rev,
  updatedAt: z.string().nullable(),
  canEdit: z.boolean(),
  criteria: z.array(z.object({ code: z.string(), level: z.number().int(), levelLabel: z.string(), assessed: z.boolean() })),
});

export const summariesSchema = z.object({
  scopeKind: z.enum(['standard', 'criterion']),
  items: z.array(summarySchema),
  /** This year and up to two earlier years of the same education level, oldest first. */
  trend: z.array(
    z.object({
      assessmentId: z.string(),
      schoolYear: z.string(),
      frameworkId: z.string(),
      schoolLevel: z.number().int(),
      schoolLevelLabel: z.string(),
      /** Criterion levels when the year used the same framework, else null. */
      criteria: z.record(z.string(), z.number().int()).nullable(),
    }),
  ),
});

export const improvementIssueSchema = z.object({
  id: z.string(),
  assessmentId: z.string(),
  standardCode: z.string(),
  criterionCodes: z.array(z.string()),
  currentState: z.string(),
  weakness: z.string(),
  cause: z.string(),
  sortOrder: z.number().int(),
  carriedOver: z.boolean(),
  needsConfirmation: z.boolean(),
  rev,
});

export const improvementItemSchema = z.object({
  id: z.string(),
  assessmentId: z.string(),
  issueId: z.string().nullable(),
  /** (2) Nội dung cải tiến. */
  content: z.string(),
  /** (3) Mục tiêu cải tiến. */
  goal: z.string(),
  /** (4) Hoạt động/giải pháp. */
  actions: z.string(),
  /** (5) Chỉ số đánh giá kết quả. */
  indicator: z.string(),
  /** (6) Thời gian thực hiện, as printed ("Tháng 9/2026 – 5/2027"), plus dates for tracking. */
  timeframe: z.string(),
  startDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  /** (7) Đơn vị/cá nhân phụ trách. */
  owner: z.string(),
  ownerMemberId: z.string().nullable(),
  /** (8) Nguồn lực bảo đảm. */
  resources: z.string(),
  /** (9) Thông tin, dữ liệu hoặc minh chứng dự kiến. */
  expectedEvidence: z.string(),
  /** (10) Mức độ thực hiện. */
  progress: improvementProgressSchema,
  progressNote: z.string(),
  /** Evidence showing it done. */
  evidence: z.array(citationSchema),
  sortOrder: z.number().int(),
  carriedFromId: z.string().nullable(),
  carriedOver: z.boolean(),
  needsConfirmation: z.boolean(),
  overdue: z.boolean(),
  rev,
});
export type ImprovementItemDto = z.infer<typeof improvementItemSchema>;

export const improvementMonitoringSchema = z.object({
  id: z.string(),
  assessmentId: z.string(),
  checkpoint: monitoringCheckpointSchema,
  itemId: z.string().nullable(),
  /** Nội dung theo dõi. */
  content: z.string(),
  /** Kết quả thực hiện. */
  result: z.string(),
  /** Điều chỉnh (nếu có). */
  adjustment: z.string(),
  /** Người đánh giá. */
  reviewer: z.string(),
  reviewedOn: z.string().nullable(),
  sortOrder: z.number().int(),
  rev,
});

export const improvementPlanSchema = z.object({
  assessmentId: z.string(),
  issues: z.array(improvementIssueSchema),
  items: z.array(improvementItemSchema),
  monitoring: z.array(improvementMonitoringSchema),
  /** Last year's plan (the year this one was started from, else the latest earlier year). */
  previous: z.object({ assessmentId: z.string(), schoolYear: z.string(), items: z.array(improvementItemSchema) }).nullable(),
  /** Weaknesses written by the council that no issue has been made from yet. */
  suggestions: z.array(z.object({ scopeCode: z.string(), title: z.string(), weaknesses: z.string(), causes: z.string() })),
  canManage: z.boolean(),
});

export const schoolDataSchema = z.object({
  assessmentId: z.string(),
  catalog: z.custom<SchoolDataCatalog>(),
  /** Oldest first; the last one is the assessment's year. */
  years: z.array(z.string()),
  /** year → key → value (entered, counted from the inventory, or a computed total). */
  values: z.record(
    z.string(),
    z.record(z.string(), z.object({ value: z.string(), source: z.enum(['entered', 'inventory', 'computed']) })),
  ),
  canEdit: z.boolean(),
});

// ---------------------------------------------------------------------------------------------
// Inputs

export const assessmentCreateInputSchema = z.object({
  schoolYear: schoolYearSchema,
  educationLevel: educationLevelSchema,
  /** Default: the levels framework in force on 01/09 of the school year for the level (TT 57 first). */
  frameworkId: frameworkIdSchema.optional(),
  /** Start from this earlier assessment (kế thừa). */
  fromId: idSchema.optional(),
  title: optionalText(300, 'Tên đợt'),
});

export const councilMemberInputSchema = z.object({
  assessmentId: idSchema,
  /** Absent: add a member. */
  id: idSchema.optional(),
  expectedRev: expectedRev.optional(),
  /** A local account; its display name is used when fullName is empty. */
  userId: idSchema.nullable().optional(),
  fullName: optionalText(120, 'Họ và tên'),
  position: optionalText(200, 'Chức vụ'),
  councilRole: councilRoleSchema.optional(),
  groupId: idSchema.nullable().optional(),
  duties: optionalText(2000, 'Nhiệm vụ'),
  sortOrder: z.number().int().optional(),
});

export const workingGroupInputSchema = z.object({
  assessmentId: idSchema,
  id: idSchema.optional(),
  expectedRev: expectedRev.optional(),
  name: requiredText(200, 'Tên nhóm').optional(),
  leaderMemberId: idSchema.nullable().optional(),
  duties: optionalText(2000, 'Nhiệm vụ'),
  sortOrder: z.number().int().optional(),
});

export const planTaskInputSchema = z.object({
  assessmentId: idSchema,
  id: idSchema.optional(),
  expectedRev: expectedRev.optional(),
  title: requiredText(300, 'Tên nhiệm vụ').optional(),
  details: optionalText(4000, 'Nội dung'),
  ownerMemberId: idSchema.nullable().optional(),
  ownerName: optionalText(120, 'Người phụ trách'),
  startDate: nullableDate.optional(),
  dueDate: nullableDate.optional(),
  status: planTaskStatusSchema.optional(),
  calendarKey: z.string().max(40).nullable().optional(),
  sortOrder: z.number().int().optional(),
  /** Confirm a task carried over from last year. */
  confirm: z.boolean().optional(),
});

export const saveRequirementInputSchema = z.object({
  assessmentId: idSchema,
  criterionCode: criterionCodeSchema,
  level: z.number().int().min(1).max(4),
  requirementCode: z.string().trim().min(1).max(20),
  /** The requirement's rev as last read (0 when nothing was stored yet). */
  expectedRev,
  /** Hiện trạng, with citations as {{ev:<evidenceId>}}. Absent = unchanged. */
  description: text(20000, 'Mô tả hiện trạng').optional(),
  judgment: judgmentSchema.optional(),
  /** Confirm an entry carried over from last year (checked like a new "Đạt"). */
  confirm: z.boolean().optional(),
});

export const summaryInputSchema = z.object({
  assessmentId: idSchema,
  scopeCode: z.string().trim().min(1).max(20),
  expectedRev,
  strengths: optionalText(20000, 'Điểm mạnh'),
  weaknesses: optionalText(20000, 'Điểm hạn chế'),
  causes: optionalText(20000, 'Nguyên nhân'),
  trend: optionalText(20000, 'Xu hướng chất lượng'),
  priorities: optionalText(20000, 'Định hướng cải tiến'),
});

export const improvementIssueInputSchema = z.object({
  assessmentId: idSchema,
  id: idSchema.optional(),
  expectedRev: expectedRev.optional(),
  standardCode: z.string().trim().min(1).max(20).optional(),
  criterionCodes: z.array(criterionCodeSchema).max(50).optional(),
  currentState: optionalText(20000, 'Đánh giá hiện trạng'),
  weakness: optionalText(20000, 'Điểm hạn chế'),
  cause: optionalText(20000, 'Nguyên nhân'),
  sortOrder: z.number().int().optional(),
  confirm: z.boolean().optional(),
});

export const improvementItemInputSchema = z.object({
  assessmentId: idSchema,
  id: idSchema.optional(),
  expectedRev: expectedRev.optional(),
  issueId: idSchema.nullable().optional(),
  content: optionalText(4000, 'Nội dung cải tiến'),
  goal: optionalText(4000, 'Mục tiêu cải tiến'),
  actions: optionalText(8000, 'Hoạt động/giải pháp'),
  indicator: optionalText(4000, 'Chỉ số đánh giá kết quả'),
  timeframe: optionalText(200, 'Thời gian thực hiện'),
  startDate: nullableDate.optional(),
  dueDate: nullableDate.optional(),
  owner: optionalText(300, 'Đơn vị/cá nhân phụ trách'),
  ownerMemberId: idSchema.nullable().optional(),
  resources: optionalText(4000, 'Nguồn lực bảo đảm'),
  expectedEvidence: optionalText(4000, 'Minh chứng dự kiến'),
  progress: improvementProgressSchema.optional(),
  progressNote: optionalText(4000, 'Ghi chú mức độ thực hiện'),
  /** Evidence showing the row done (replaces the list). */
  evidenceIds: z.array(idSchema).max(50).optional(),
  sortOrder: z.number().int().optional(),
  confirm: z.boolean().optional(),
});

export const improvementMonitoringInputSchema = z.object({
  assessmentId: idSchema,
  id: idSchema.optional(),
  expectedRev: expectedRev.optional(),
  checkpoint: monitoringCheckpointSchema.optional(),
  itemId: idSchema.nullable().optional(),
  content: optionalText(4000, 'Nội dung theo dõi'),
  result: optionalText(4000, 'Kết quả thực hiện'),
  adjustment: optionalText(4000, 'Điều chỉnh'),
  reviewer: optionalText(200, 'Người đánh giá'),
  reviewedOn: nullableDate.optional(),
  sortOrder: z.number().int().optional(),
});
