import { z } from 'zod';
import { SUBMISSION_STATES, submissionDiffSchema, submissionViewSchema } from '../sync-protocol';
import { passwordSchema } from './user';

/**
 * Shapes of the department's review of dossiers (issue 8, docs/review.md): the server's
 * `/api/review/*` wire format and the desktop's `review.*` RPC. The session token of a
 * department workstation never appears here: it stays in the backend's secret store.
 */

const iso = z.string();
const id = z.string().min(1).max(64);

export const REVIEW_ROLES = ['admin', 'lead', 'member'] as const;
export type ReviewRole = (typeof REVIEW_ROLES)[number];

export const JUDGMENTS = ['met', 'not_met', 'unassessed'] as const;
export const AGREEMENTS = ['agree', 'disagree', ''] as const;
export const COMMENT_KINDS = ['comment', 'evidence_request'] as const;

/** Dashboard states of a school's self-assessment. */
export const SCHOOL_STATES = ['not_started', 'in_progress', 'approved', 'submitted', 'returned', 'accepted'] as const;
export type SchoolState = (typeof SCHOOL_STATES)[number];
export const SCHOOL_STATE_LABELS: Record<SchoolState, string> = {
  not_started: 'Chưa bắt đầu',
  in_progress: 'Đang tự đánh giá',
  approved: 'Đã phê duyệt báo cáo, chưa nộp',
  submitted: 'Đã nộp, chờ đánh giá',
  returned: 'Đã trả lại để bổ sung',
  accepted: 'Đã được công nhận kết quả',
};

// ---------------------------------------------------------------------------------------------
// Server wire

export const assignmentSchema = z.object({
  leadId: z.string(),
  leadName: z.string(),
  members: z.array(z.object({ id: z.string(), name: z.string() })),
  deadline: z.string().nullable(),
  assignedAt: iso,
});
export type AssignmentView = z.infer<typeof assignmentSchema>;

export const assignRequestSchema = z.object({
  leadId: id,
  memberIds: z.array(id).max(30).default([]),
  /** yyyy-mm-dd */
  deadline: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable()
    .optional(),
});
export type AssignRequest = z.infer<typeof assignRequestSchema>;

export const inboxQuerySchema = z.object({
  state: z.enum(SUBMISSION_STATES).optional(),
  /** A school's unit id or code. */
  school: z.string().max(64).optional(),
  framework: z.string().max(60).optional(),
  level: z.number().int().min(0).max(5).optional(),
  /** Submitted on or after / before (yyyy-mm-dd). */
  from: z.string().max(10).optional(),
  to: z.string().max(10).optional(),
});
export type InboxQuery = z.infer<typeof inboxQuerySchema>;

export const inboxItemSchema = z.object({
  submissionId: z.string(),
  unitId: z.string(),
  schoolCode: z.string(),
  schoolName: z.string(),
  kind: z.string(),
  subjectId: z.string(),
  version: z.number().int(),
  state: z.enum(SUBMISSION_STATES),
  submittedAt: iso,
  frameworkId: z.string().nullable(),
  schoolYear: z.string().nullable(),
  /** The level the team concluded (null until a conclusion). */
  level: z.number().int().nullable(),
  assignment: assignmentSchema.nullable(),
  myRole: z.enum(REVIEW_ROLES),
});
export type InboxItem = z.infer<typeof inboxItemSchema>;

export const judgmentInputSchema = z.object({
  /** Client id (UUID): pushing the same id again updates the same judgment. */
  id: z.string().uuid(),
  criterionCode: z.string().min(1).max(20),
  /** 0 with requirementCode '' = the reviewer's verdict on the whole criterion. */
  level: z.number().int().min(0).max(4),
  requirementCode: z.string().max(20),
  judgment: z.enum(JUDGMENTS),
  /** The level the reviewer finds the criterion reaches (criterion rows). */
  levelReached: z.number().int().min(0).max(4).nullable(),
  /** Agree / disagree with the school's own judgment. */
  agree: z.enum(AGREEMENTS),
  note: z.string().max(20000),
  updatedAt: iso,
});
export type JudgmentInput = z.infer<typeof judgmentInputSchema>;

export const commentInputSchema = z.object({
  id: z.string().uuid(),
  kind: z.enum(COMMENT_KINDS),
  criterionCode: z.string().min(1).max(20),
  /** '' (the criterion), or "<level>.<requirementCode>" (a requirement). */
  requirementRef: z.string().max(40),
  /** '' or the id of a cited evidence item. */
  evidenceId: z.string().max(64),
  body: z.string().trim().min(1).max(20000),
  createdAt: iso,
});
export type CommentInput = z.infer<typeof commentInputSchema>;

export const pushJudgmentsRequestSchema = z.object({
  judgments: z.array(judgmentInputSchema).max(5000),
  comments: z.array(commentInputSchema).max(2000),
});
export type PushJudgmentsRequest = z.infer<typeof pushJudgmentsRequestSchema>;

export const pushJudgmentsResponseSchema = z.object({
  judgments: z.number().int(),
  comments: z.number().int(),
  /** Comments already sent to the school with a return: no longer editable. */
  locked: z.array(z.string()),
});

export const commentViewSchema = z.object({
  id: z.string(),
  kind: z.enum(COMMENT_KINDS),
  criterionCode: z.string(),
  requirementRef: z.string(),
  evidenceId: z.string(),
  body: z.string(),
  authorName: z.string(),
  createdAt: iso,
  /** The submission this comment was returned with (null: not sent to the school yet). */
  returnedWith: z.string().nullable(),
  reply: z.string(),
  replyBy: z.string(),
  replyAt: z.string().nullable(),
});
export type CommentView = z.infer<typeof commentViewSchema>;

export const memberJudgmentSchema = z.object({
  accountId: z.string(),
  name: z.string(),
  judgment: z.enum(JUDGMENTS),
  agree: z.enum(AGREEMENTS),
  levelReached: z.number().int().nullable(),
  note: z.string(),
});

export const MERGE_BASES = ['lead', 'majority', 'tie', 'none'] as const;

/**
 * The team's level by the level engine (desktop only, src/core/levels/team-level.ts): the
 * members' requirement judgments merged (lead's if set, else majority; a tie = not met),
 * then criterion and school levels by the framework's rules. A suggestion for the conclusion.
 */
export const teamProposedSchema = z.object({
  frameworkId: z.string(),
  /** The merge rule, in Vietnamese. */
  rule: z.string(),
  school: z.object({ level: z.number().int(), label: z.string(), explanation: z.string() }),
  criteria: z.array(
    z.object({
      criterionCode: z.string(),
      mandatory: z.boolean(),
      level: z.number().int(),
      levelLabel: z.string(),
      assessed: z.boolean(),
      /** Requirement refs ("2.1") decided by a tie. */
      ties: z.array(z.string()),
      explanation: z.string(),
    }),
  ),
  requirements: z.array(
    z.object({
      criterionCode: z.string(),
      level: z.number().int(),
      requirementCode: z.string(),
      judgment: z.enum(JUDGMENTS),
      basis: z.enum(MERGE_BASES),
    }),
  ),
});
export type TeamProposed = z.infer<typeof teamProposedSchema>;

export const teamViewSchema = z.object({
  submissionId: z.string(),
  members: z.array(z.object({ accountId: z.string(), name: z.string(), role: z.enum(REVIEW_ROLES) })),
  criteria: z.array(
    z.object({
      criterionCode: z.string(),
      /** The members' verdicts on the whole criterion (level reached, agree). */
      verdicts: z.array(memberJudgmentSchema),
      requirements: z.array(
        z.object({
          level: z.number().int(),
          requirementCode: z.string(),
          judgments: z.array(memberJudgmentSchema),
          disagreement: z.boolean(),
        }),
      ),
      disagreement: z.boolean(),
    }),
  ),
  comments: z.array(commentViewSchema),
  conclusion: z
    .object({
      level: z.number().int(),
      findings: z.string(),
      conclusion: z.string(),
      recommendation: z.string(),
      setAt: iso,
      submissionId: z.string(),
    })
    .nullable(),
  /** Desktop only: the engine's levels from the merged judgments (null: framework not on this computer). */
  proposed: teamProposedSchema.nullable().optional(),
});
export type TeamView = z.infer<typeof teamViewSchema>;

export const conclusionRequestSchema = z.object({
  level: z.number().int().min(0).max(4),
  findings: z.string().max(50000).default(''),
  conclusion: z.string().trim().min(1).max(50000),
  recommendation: z.string().max(50000).default(''),
});
export type ConclusionRequest = z.infer<typeof conclusionRequestSchema>;

export const returnRequestSchema = z.object({ message: z.string().trim().min(1).max(20000) });

export const decisionRequestSchema = z.object({
  number: z.string().trim().min(1).max(60),
  /** yyyy-mm-dd */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  level: z.number().int().min(0).max(4).optional(),
  validYears: z.number().int().min(1).max(10).default(5),
});

export const recognitionSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  schoolCode: z.string(),
  schoolName: z.string(),
  submissionId: z.string(),
  frameworkId: z.string(),
  level: z.number().int(),
  decisionNumber: z.string(),
  decisionDate: z.string(),
  validUntil: z.string(),
  /** Days until the recognition expires (negative: expired). */
  daysLeft: z.number().int(),
  /** Within a year of expiry: remind the school to assess again. */
  expiringSoon: z.boolean(),
});
export type RecognitionView = z.infer<typeof recognitionSchema>;

export const dossierDiffSchema = z.object({
  submissionId: z.string(),
  version: z.number().int(),
  previousId: z.string().nullable(),
  diff: submissionDiffSchema.nullable(),
  /** Criteria whose rows changed since the previous version. */
  changedCriteria: z.array(z.string()),
  comments: z.array(commentViewSchema.extend({ answered: z.boolean(), criterionChanged: z.boolean() })),
});
export type DossierDiff = z.infer<typeof dossierDiffSchema>;

export const auditEntrySchema = z.object({
  at: iso,
  actorName: z.string(),
  action: z.string(),
  detail: z.string(),
  submissionId: z.string(),
});

export const dashboardSchema = z.object({
  schools: z.array(
    z.object({
      unitId: z.string(),
      code: z.string(),
      name: z.string(),
      parentName: z.string(),
      state: z.enum(SCHOOL_STATES),
      stateLabel: z.string(),
      lastSubmittedAt: z.string().nullable(),
      frameworkId: z.string().nullable(),
      level: z.number().int().nullable(),
      validUntil: z.string().nullable(),
    }),
  ),
  byState: z.array(z.object({ state: z.enum(SCHOOL_STATES), label: z.string(), count: z.number().int() })),
  levels: z.array(z.object({ frameworkId: z.string(), level: z.number().int(), count: z.number().int() })),
  expiring: z.array(recognitionSchema),
  facilities: z.object({
    schoolsReporting: z.number().int(),
    roomsByConstruction: z.array(z.object({ construction: z.string(), count: z.number().int() })),
    computers: z.number().int(),
    students: z.number().int().nullable(),
    computersPerStudent: z.number().nullable(),
    digitalRecordsShare: z.number().nullable(),
    digitalRecordsTarget: z.number(),
  }),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

export const unitViewSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  kind: z.string(),
  code: z.string(),
  name: z.string(),
  /** A unit above the account's own: named in document headers, not visible otherwise. */
  context: z.boolean().optional(),
});

export const dossierInfoSchema = z.object({
  submission: submissionViewSchema,
  assignment: assignmentSchema.nullable(),
  myRole: z.enum(REVIEW_ROLES),
  school: z.object({ id: z.string(), code: z.string(), name: z.string() }),
});
export type DossierInfo = z.infer<typeof dossierInfoSchema>;

/** School side: the department's comments on the school's dossiers. */
export const schoolCommentSchema = commentViewSchema.extend({ submissionId: z.string(), subjectId: z.string() });
export type SchoolComment = z.infer<typeof schoolCommentSchema>;
/**
 * The school desktop's copy (`sync.reviewComments`): kept in a local cache so the comments show
 * offline, with the replies written on this computer that the server has not taken yet.
 */
export const localSchoolCommentSchema = schoolCommentSchema.extend({
  /** Code of the evidence item the comment is anchored to, from this school's library ('' if none). */
  evidenceCode: z.string(),
  /** A reply written here and not yet accepted by the server (shown as "chờ gửi"). */
  pendingReply: z.string().nullable(),
});
export type LocalSchoolComment = z.infer<typeof localSchoolCommentSchema>;
export const schoolCommentsViewSchema = z.object({
  comments: z.array(localSchoolCommentSchema),
  /** When the list was last fetched from the server (null: never). */
  cachedAt: z.string().nullable(),
  /** True: fetched from the server by this call; false: served from the cache. */
  refreshed: z.boolean(),
  /** Why the server was not asked or did not answer (offline, not enrolled…). */
  error: z.string().nullable(),
});
export type SchoolCommentsView = z.infer<typeof schoolCommentsViewSchema>;
export const replyRequestSchema = z.object({ reply: z.string().trim().min(1).max(20000) });

// ---------------------------------------------------------------------------------------------
// Desktop RPC (review.*)

export const reviewSetupInputSchema = z.object({
  serverUrl: z.string().trim().min(1, { message: 'Vui lòng nhập địa chỉ máy chủ của Sở' }).max(500),
  username: z.string().trim().min(1, { message: 'Vui lòng nhập tên đăng nhập' }).max(64),
  password: z.string().min(1, { message: 'Vui lòng nhập mật khẩu' }).max(1000),
});

/** A department account: the workstation's own (`review.status`) or one an admin may put on a team (`review.accounts`). */
export const reviewAccountSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  unit: z.object({ id: z.string(), code: z.string(), name: z.string() }),
});
export type ReviewAccount = z.infer<typeof reviewAccountSchema>;

/**
 * First run as a department workstation (`review.initWorkstation`): the server account, and the
 * password of the local account made from it (same username) to sign in to this computer.
 */
export const reviewWorkstationInputSchema = reviewSetupInputSchema.extend({
  localPassword: passwordSchema,
});

export const reviewStatusSchema = z.object({
  mode: z.enum(['school', 'department']),
  serverUrl: z.string().nullable(),
  account: reviewAccountSchema.nullable(),
  /** Set up at first run as a department workstation (not a school): the school modules are hidden. */
  workstation: z.boolean().optional(),
  units: z.array(unitViewSchema),
  /** Dossiers held on this computer for offline review. */
  downloaded: z.array(
    z.object({ submissionId: z.string(), schoolName: z.string(), version: z.number().int(), downloadedAt: iso }),
  ),
});
export type ReviewStatus = z.infer<typeof reviewStatusSchema>;

export const reviewDownloadOutputSchema = z.object({
  submissionId: z.string(),
  rows: z.number().int(),
  files: z.number().int(),
  bytes: z.number().int(),
  /** Files already on this computer (not fetched again). */
  reused: z.number().int(),
});

export const reviewRequirementSchema = z.object({
  level: z.number().int(),
  requirementCode: z.string(),
  text: z.string(),
  /** The school's description, evidence tokens rendered as codes ("[MC.1.1.01] …"). */
  description: z.string(),
  judgment: z.enum(JUDGMENTS),
  evidence: z.array(z.object({ id: z.string(), code: z.string(), title: z.string(), hasFile: z.boolean() })),
  mine: z
    .object({ id: z.string(), judgment: z.enum(JUDGMENTS), agree: z.enum(AGREEMENTS), note: z.string(), pushed: z.boolean() })
    .nullable(),
});

export const reviewCriterionSchema = z.object({
  standardCode: z.string(),
  standardTitle: z.string(),
  code: z.string(),
  title: z.string(),
  /** Level the school's own judgments reach, by the level engine (cumulative; "Đạt" backed by a description and evidence of the dossier). */
  schoolLevel: z.number().int(),
  requirements: z.array(reviewRequirementSchema),
  verdict: z
    .object({
      id: z.string(),
      levelReached: z.number().int().nullable(),
      agree: z.enum(AGREEMENTS),
      note: z.string(),
      pushed: z.boolean(),
    })
    .nullable(),
  comments: z.array(commentViewSchema.omit({ authorName: true }).extend({ authorName: z.string(), pushed: z.boolean() })),
});

export const reviewDossierSchema = z.object({
  submissionId: z.string(),
  school: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  version: z.number().int(),
  state: z.string(),
  frameworkId: z.string().nullable(),
  frameworkName: z.string().nullable(),
  schoolYear: z.string().nullable(),
  /** Overall level by the school's judgments, by the level engine (mandatory criteria, Mức rules); null: framework unknown. */
  schoolLevel: z.number().int().nullable(),
  /** The engine's explanation of schoolLevel, in Vietnamese. */
  schoolLevelExplanation: z.string().nullable().optional(),
  criteria: z.array(reviewCriterionSchema),
  /**
   * TT 57 only: the national-standard conditions (Điều 16 khoản 1) with this reviewer's own
   * judgment, recorded with `review.judge` under criterion code "DK16" (requirement = key).
   */
  conditions: z
    .array(
      z.object({
        key: z.string(),
        text: z.string(),
        /** false: condition c (the level), which follows the team's level instead of a vote. */
        judged: z.boolean(),
        mine: z
          .object({
            id: z.string(),
            judgment: z.enum(JUDGMENTS),
            note: z.string(),
            evidenceIds: z.array(z.string()),
            pushed: z.boolean(),
          })
          .nullable(),
      }),
    )
    .optional(),
  evidence: z.array(
    z.object({ id: z.string(), code: z.string(), title: z.string(), fileName: z.string(), sha256: z.string().nullable() }),
  ),
  myRole: z.enum(REVIEW_ROLES),
  downloadedAt: iso,
});
export type ReviewDossier = z.infer<typeof reviewDossierSchema>;

export const reviewJudgeInputSchema = z.object({
  submissionId: id,
  criterionCode: z.string().min(1).max(20),
  /** Absent: the verdict on the whole criterion. */
  level: z.number().int().min(1).max(4).optional(),
  requirementCode: z.string().max(20).optional(),
  judgment: z.enum(JUDGMENTS).default('unassessed'),
  levelReached: z.number().int().min(0).max(4).nullable().optional(),
  agree: z.enum(AGREEMENTS).default(''),
  note: z.string().max(20000).default(''),
});

export const reviewCommentInputSchema = z.object({
  submissionId: id,
  kind: z.enum(COMMENT_KINDS).default('comment'),
  criterionCode: z.string().min(1).max(20),
  requirementRef: z.string().max(40).default(''),
  evidenceId: z.string().max(64).default(''),
  body: z.string().trim().min(1, { message: 'Vui lòng nhập nội dung nhận xét' }).max(20000),
});

/** The review's documents (`review.report`, CLI `review report --kind`). */
export const REVIEW_DOCUMENT_KINDS = ['report', 'member-sheets', 'appraisal-summary', 'decision'] as const;
export type ReviewDocumentKind = (typeof REVIEW_DOCUMENT_KINDS)[number];
export const reviewReportInputSchema = z.object({
  submissionId: id,
  kind: z.enum(REVIEW_DOCUMENT_KINDS).default('report'),
  /** Where to write (a path the CLI gives); absent = <dataDir>/review/reports/. */
  target: z.string().max(1000).optional(),
});
export const reviewReportOutputSchema = z.object({
  path: z.string(),
  fileName: z.string(),
  bytes: z.number().int(),
  kind: z.enum(REVIEW_DOCUMENT_KINDS),
  /** Facts missing from the data, printed as highlighted placeholders. */
  gaps: z.array(z.object({ key: z.string(), section: z.string(), message: z.string() })),
});

export const reviewExportTableInputSchema = z.object({
  table: z.enum(['schools', 'byState', 'levels', 'expiring', 'rooms']),
  /** Where to write (a path the CLI gives); absent = <dataDir>/review/exports/. */
  target: z.string().max(1000).optional(),
});
