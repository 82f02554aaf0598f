import { EntitySchema } from 'typeorm';
import { syncedColumns, type SyncedRow } from '../../db/entities/base';

/**
 * The self-assessment workspace (ADR 0009). Every table is synced (written only through
 * SyncTx). Text that cites evidence stores `{{ev:<evidenceId>}}` tokens, never codes.
 */

const id36 = { type: 'varchar', length: 36 } as const;
const id36null = { type: 'varchar', length: 36, nullable: true } as const;
const stamp = { type: 'varchar', length: 30, nullable: true } as const;
const date = { type: 'varchar', length: 10, nullable: true } as const;
const longText = { type: 'text', default: '' } as const;
const order = { type: 'integer', default: 0 } as const;
const flag = { type: 'boolean', default: false } as const;
const live = '"deletedAt" IS NULL';

/** Đợt tự đánh giá: one per school year and education level; the framework is pinned at the first data. */
export interface AssessmentRow extends SyncedRow {
  schoolYear: string;
  educationLevel: string;
  frameworkId: string;
  frameworkVersion: string;
  title: string;
  notes: string;
  previousId: string | null;
  status: 'in_progress' | 'approved';
  pinnedAt: string | null;
  approvedAt: string | null;
  approvedBy: string | null;
  createdBy: string | null;
}

export const AssessmentEntity = new EntitySchema<AssessmentRow>({
  name: 'Assessment',
  tableName: 'assessment',
  columns: {
    ...syncedColumns,
    schoolYear: { type: 'varchar', length: 9 },
    educationLevel: { type: 'varchar', length: 10 },
    frameworkId: { type: 'varchar', length: 60 },
    frameworkVersion: { type: 'varchar', length: 20 },
    title: { type: 'varchar', length: 300, default: '' },
    notes: longText,
    previousId: id36null,
    status: { type: 'varchar', length: 20, default: 'in_progress' },
    pinnedAt: stamp,
    approvedAt: stamp,
    approvedBy: id36null,
    createdBy: id36null,
  },
  indices: [{ name: 'idx_assessment_year_level_live', columns: ['schoolYear', 'educationLevel'], unique: true, where: live }],
});

/** Thành viên hội đồng: a local account (userId) or a name only. */
export interface CouncilMemberRow extends SyncedRow {
  assessmentId: string;
  userId: string | null;
  fullName: string;
  position: string;
  councilRole: 'chair' | 'vice_chair' | 'secretary' | 'member';
  groupId: string | null;
  duties: string;
  sortOrder: number;
}

export const CouncilMemberEntity = new EntitySchema<CouncilMemberRow>({
  name: 'CouncilMember',
  tableName: 'council_member',
  columns: {
    ...syncedColumns,
    assessmentId: id36,
    userId: id36null,
    fullName: { type: 'varchar', length: 120 },
    position: { type: 'varchar', length: 200, default: '' },
    councilRole: { type: 'varchar', length: 20, default: 'member' },
    groupId: id36null,
    duties: longText,
    sortOrder: order,
  },
  indices: [
    { name: 'idx_council_member_assessment', columns: ['assessmentId'] },
    { name: 'idx_council_member_user', columns: ['userId'] },
  ],
  foreignKeys: [
    { name: 'fk_council_member_assessment', columnNames: ['assessmentId'], target: 'Assessment', referencedColumnNames: ['id'] },
  ],
});

/** Nhóm công tác; members belong through council_member.groupId. */
export interface WorkingGroupRow extends SyncedRow {
  assessmentId: string;
  name: string;
  leaderMemberId: string | null;
  duties: string;
  sortOrder: number;
}

export const WorkingGroupEntity = new EntitySchema<WorkingGroupRow>({
  name: 'WorkingGroup',
  tableName: 'working_group',
  columns: {
    ...syncedColumns,
    assessmentId: id36,
    name: { type: 'varchar', length: 200 },
    leaderMemberId: id36null,
    duties: longText,
    sortOrder: order,
  },
  indices: [{ name: 'idx_working_group_assessment', columns: ['assessmentId'] }],
  foreignKeys: [
    { name: 'fk_working_group_assessment', columnNames: ['assessmentId'], target: 'Assessment', referencedColumnNames: ['id'] },
  ],
});

/** A criterion assigned to one member or one group (a criterion may have several rows). */
export interface CriterionAssignmentRow extends SyncedRow {
  assessmentId: string;
  criterionCode: string;
  memberId: string | null;
  groupId: string | null;
  dueDate: string | null;
}

export const CriterionAssignmentEntity = new EntitySchema<CriterionAssignmentRow>({
  name: 'CriterionAssignment',
  tableName: 'criterion_assignment',
  columns: {
    ...syncedColumns,
    assessmentId: id36,
    criterionCode: { type: 'varchar', length: 20 },
    memberId: id36null,
    groupId: id36null,
    dueDate: date,
  },
  indices: [
    { name: 'idx_criterion_assignment_criterion', columns: ['assessmentId', 'criterionCode'] },
    { name: 'idx_criterion_assignment_member', columns: ['memberId'] },
  ],
  foreignKeys: [
    {
      name: 'fk_criterion_assignment_assessment',
      columnNames: ['assessmentId'],
      target: 'Assessment',
      referencedColumnNames: ['id'],
    },
  ],
});

/** Review state and version counter of one criterion in one assessment (created at first need). */
export interface CriterionRecordRow extends SyncedRow {
  assessmentId: string;
  criterionCode: string;
  reviewState: 'draft' | 'pending_review' | 'pending_approval' | 'approved' | 'returned';
  stateChangedAt: string | null;
  stateChangedBy: string | null;
  approvedAt: string | null;
  approvedBy: string | null;
  lastVersionNo: number;
}

export const CriterionRecordEntity = new EntitySchema<CriterionRecordRow>({
  name: 'CriterionRecord',
  tableName: 'criterion_record',
  columns: {
    ...syncedColumns,
    assessmentId: id36,
    criterionCode: { type: 'varchar', length: 20 },
    reviewState: { type: 'varchar', length: 20, default: 'draft' },
    stateChangedAt: stamp,
    stateChangedBy: id36null,
    approvedAt: stamp,
    approvedBy: id36null,
    lastVersionNo: { type: 'integer', default: 0 },
  },
  indices: [{ name: 'idx_criterion_record_key', columns: ['assessmentId', 'criterionCode'], unique: true }],
  foreignKeys: [
    {
      name: 'fk_criterion_record_assessment',
      columnNames: ['assessmentId'],
      target: 'Assessment',
      referencedColumnNames: ['id'],
    },
  ],
});

/** Hiện trạng and judgment of one requirement of one level. */
export interface RequirementEntryRow extends SyncedRow {
  assessmentId: string;
  criterionCode: string;
  level: number;
  requirementCode: string;
  description: string;
  judgment: 'met' | 'not_met' | 'unassessed';
  /** Copied from last year: counts for nothing until confirmedAt is set. */
  carriedOver: boolean;
  confirmedAt: string | null;
  confirmedBy: string | null;
  updatedBy: string | null;
}

export const RequirementEntryEntity = new EntitySchema<RequirementEntryRow>({
  name: 'RequirementEntry',
  tableName: 'requirement_entry',
  columns: {
    ...syncedColumns,
    assessmentId: id36,
    criterionCode: { type: 'varchar', length: 20 },
    level: { type: 'integer' },
    requirementCode: { type: 'varchar', length: 20 },
    description: longText,
    judgment: { type: 'varchar', length: 12, default: 'unassessed' },
    carriedOver: flag,
    confirmedAt: stamp,
    confirmedBy: id36null,
    updatedBy: id36null,
  },
  indices: [
    {
      name: 'idx_requirement_entry_key',
      columns: ['assessmentId', 'criterionCode', 'level', 'requirementCode'],
      unique: true,
    },
  ],
  foreignKeys: [
    {
      name: 'fk_requirement_entry_assessment',
      columnNames: ['assessmentId'],
      target: 'Assessment',
      referencedColumnNames: ['id'],
    },
  ],
});

/**
 * Version history of a criterion: a snapshot of all its requirement entries after a change.
 * Consecutive edits by one person within a few minutes update the same version.
 */
export interface CriterionVersionRow extends SyncedRow {
  assessmentId: string;
  criterionCode: string;
  versionNo: number;
  kind: 'edit' | 'restore' | 'carry';
  actorId: string | null;
  actorName: string;
  summary: string;
  /** JSON: [{ level, requirementCode, fields: ['description' | 'judgment' | 'confirmation'] }]. */
  changes: string;
  /** JSON: [{ level, requirementCode, description, judgment }]. */
  snapshot: string;
}

export const CriterionVersionEntity = new EntitySchema<CriterionVersionRow>({
  name: 'CriterionVersion',
  tableName: 'criterion_version',
  columns: {
    ...syncedColumns,
    assessmentId: id36,
    criterionCode: { type: 'varchar', length: 20 },
    versionNo: { type: 'integer' },
    kind: { type: 'varchar', length: 10, default: 'edit' },
    actorId: id36null,
    actorName: { type: 'varchar', length: 120, default: '' },
    summary: { type: 'varchar', length: 500, default: '' },
    changes: { type: 'text', default: '[]' },
    snapshot: { type: 'text', default: '[]' },
  },
  indices: [{ name: 'idx_criterion_version_key', columns: ['assessmentId', 'criterionCode', 'versionNo'] }],
  foreignKeys: [
    {
      name: 'fk_criterion_version_assessment',
      columnNames: ['assessmentId'],
      target: 'Assessment',
      referencedColumnNames: ['id'],
    },
  ],
});

/** One review transition (gửi, chuyển duyệt, trả lại, duyệt, mở lại…), kept for the record. */
export interface ReviewEventRow extends SyncedRow {
  assessmentId: string;
  criterionCode: string;
  action: string;
  fromState: string;
  toState: string;
  actorId: string | null;
  actorName: string;
  note: string;
}

export const ReviewEventEntity = new EntitySchema<ReviewEventRow>({
  name: 'ReviewEvent',
  tableName: 'review_event',
  columns: {
    ...syncedColumns,
    assessmentId: id36,
    criterionCode: { type: 'varchar', length: 20 },
    action: { type: 'varchar', length: 20 },
    fromState: { type: 'varchar', length: 20 },
    toState: { type: 'varchar', length: 20 },
    actorId: id36null,
    actorName: { type: 'varchar', length: 120, default: '' },
    note: longText,
  },
  indices: [{ name: 'idx_review_event_criterion', columns: ['assessmentId', 'criterionCode'] }],
  foreignKeys: [
    { name: 'fk_review_event_assessment', columnNames: ['assessmentId'], target: 'Assessment', referencedColumnNames: ['id'] },
  ],
});

/** Góp ý anchored to a criterion (level null) or one requirement. */
export interface ReviewCommentRow extends SyncedRow {
  assessmentId: string;
  criterionCode: string;
  level: number | null;
  requirementCode: string | null;
  authorId: string | null;
  authorName: string;
  body: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  eventId: string | null;
}

export const ReviewCommentEntity = new EntitySchema<ReviewCommentRow>({
  name: 'ReviewComment',
  tableName: 'review_comment',
  columns: {
    ...syncedColumns,
    assessmentId: id36,
    criterionCode: { type: 'varchar', length: 20 },
    level: { type: 'integer', nullable: true },
    requirementCode: { type: 'varchar', length: 20, nullable: true },
    authorId: id36null,
    authorName: { type: 'varchar', length: 120, default: '' },
    body: { type: 'text' },
    resolvedAt: stamp,
    resolvedBy: id36null,
    eventId: id36null,
  },
  indices: [{ name: 'idx_review_comment_criterion', columns: ['assessmentId', 'criterionCode'] }],
  foreignKeys: [
    { name: 'fk_review_comment_assessment', columnNames: ['assessmentId'], target: 'Assessment', referencedColumnNames: ['id'] },
  ],
});

/** Đánh giá chung: per standard (TT 57) or per criterion (2018 frameworks). */
export interface AssessmentSummaryRow extends SyncedRow {
  assessmentId: string;
  scopeCode: string;
  strengths: string;
  weaknesses: string;
  causes: string;
  trend: string;
  priorities: string;
  updatedBy: string | null;
}

export const AssessmentSummaryEntity = new EntitySchema<AssessmentSummaryRow>({
  name: 'AssessmentSummary',
  tableName: 'assessment_summary',
  columns: {
    ...syncedColumns,
    assessmentId: id36,
    scopeCode: { type: 'varchar', length: 20 },
    strengths: longText,
    weaknesses: longText,
    causes: longText,
    trend: longText,
    priorities: longText,
    updatedBy: id36null,
  },
  indices: [{ name: 'idx_assessment_summary_key', columns: ['assessmentId', 'scopeCode'], unique: true }],
  foreignKeys: [
    {
      name: 'fk_assessment_summary_assessment',
      columnNames: ['assessmentId'],
      target: 'Assessment',
      referencedColumnNames: ['id'],
    },
  ],
});

/** A task of the self-assessment plan. */
export interface PlanTaskRow extends SyncedRow {
  assessmentId: string;
  title: string;
  details: string;
  ownerMemberId: string | null;
  ownerName: string;
  startDate: string | null;
  dueDate: string | null;
  status: 'todo' | 'in_progress' | 'done' | 'cancelled';
  calendarKey: string | null;
  sortOrder: number;
  completedAt: string | null;
  carriedOver: boolean;
  confirmedAt: string | null;
}

export const PlanTaskEntity = new EntitySchema<PlanTaskRow>({
  name: 'PlanTask',
  tableName: 'plan_task',
  columns: {
    ...syncedColumns,
    assessmentId: id36,
    title: { type: 'varchar', length: 300 },
    details: longText,
    ownerMemberId: id36null,
    ownerName: { type: 'varchar', length: 120, default: '' },
    startDate: date,
    dueDate: date,
    status: { type: 'varchar', length: 12, default: 'todo' },
    calendarKey: { type: 'varchar', length: 40, nullable: true },
    sortOrder: order,
    completedAt: stamp,
    carriedOver: flag,
    confirmedAt: stamp,
  },
  indices: [{ name: 'idx_plan_task_assessment', columns: ['assessmentId'] }],
  foreignKeys: [
    { name: 'fk_plan_task_assessment', columnNames: ['assessmentId'], target: 'Assessment', referencedColumnNames: ['id'] },
  ],
});

/** Biểu 2 mục IV: a focus issue (vấn đề trọng tâm) taken from the weaknesses. */
export interface ImprovementIssueRow extends SyncedRow {
  assessmentId: string;
  standardCode: string;
  /** JSON array of criterion codes. */
  criterionCodes: string;
  currentState: string;
  weakness: string;
  cause: string;
  sortOrder: number;
  carriedOver: boolean;
  confirmedAt: string | null;
}

export const ImprovementIssueEntity = new EntitySchema<ImprovementIssueRow>({
  name: 'ImprovementIssue',
  tableName: 'improvement_issue',
  columns: {
    ...syncedColumns,
    assessmentId: id36,
    standardCode: { type: 'varchar', length: 20 },
    criterionCodes: { type: 'text', default: '[]' },
    currentState: longText,
    weakness: longText,
    cause: longText,
    sortOrder: order,
    carriedOver: flag,
    confirmedAt: stamp,
  },
  indices: [{ name: 'idx_improvement_issue_assessment', columns: ['assessmentId'] }],
  foreignKeys: [
    {
      name: 'fk_improvement_issue_assessment',
      columnNames: ['assessmentId'],
      target: 'Assessment',
      referencedColumnNames: ['id'],
    },
  ],
});

/** Biểu 2 mục V: one row of the improvement plan (the ten columns). */
export interface ImprovementItemRow extends SyncedRow {
  assessmentId: string;
  issueId: string | null;
  content: string;
  goal: string;
  actions: string;
  indicator: string;
  timeframe: string;
  startDate: string | null;
  dueDate: string | null;
  owner: string;
  ownerMemberId: string | null;
  resources: string;
  expectedEvidence: string;
  progress: 'not_started' | 'in_progress' | 'done' | 'not_done';
  progressNote: string;
  /** JSON array of evidence ids showing the row done. */
  evidenceIds: string;
  sortOrder: number;
  carriedFromId: string | null;
  carriedOver: boolean;
  confirmedAt: string | null;
}

export const ImprovementItemEntity = new EntitySchema<ImprovementItemRow>({
  name: 'ImprovementItem',
  tableName: 'improvement_item',
  columns: {
    ...syncedColumns,
    assessmentId: id36,
    issueId: id36null,
    content: longText,
    goal: longText,
    actions: longText,
    indicator: longText,
    timeframe: { type: 'varchar', length: 200, default: '' },
    startDate: date,
    dueDate: date,
    owner: { type: 'varchar', length: 300, default: '' },
    ownerMemberId: id36null,
    resources: longText,
    expectedEvidence: longText,
    progress: { type: 'varchar', length: 12, default: 'not_started' },
    progressNote: longText,
    evidenceIds: { type: 'text', default: '[]' },
    sortOrder: order,
    carriedFromId: id36null,
    carriedOver: flag,
    confirmedAt: stamp,
  },
  indices: [{ name: 'idx_improvement_item_assessment', columns: ['assessmentId'] }],
  foreignKeys: [
    {
      name: 'fk_improvement_item_assessment',
      columnNames: ['assessmentId'],
      target: 'Assessment',
      referencedColumnNames: ['id'],
    },
  ],
});

/** Biểu 2 mục VI: monitoring at the end of term I and at the end of the year. */
export interface ImprovementMonitoringRow extends SyncedRow {
  assessmentId: string;
  checkpoint: 'end_term1' | 'end_year';
  itemId: string | null;
  content: string;
  result: string;
  adjustment: string;
  reviewer: string;
  reviewedOn: string | null;
  sortOrder: number;
}

export const ImprovementMonitoringEntity = new EntitySchema<ImprovementMonitoringRow>({
  name: 'ImprovementMonitoring',
  tableName: 'improvement_monitoring',
  columns: {
    ...syncedColumns,
    assessmentId: id36,
    checkpoint: { type: 'varchar', length: 12 },
    itemId: id36null,
    content: longText,
    result: longText,
    adjustment: longText,
    reviewer: { type: 'varchar', length: 200, default: '' },
    reviewedOn: date,
    sortOrder: order,
  },
  indices: [{ name: 'idx_improvement_monitoring_assessment', columns: ['assessmentId'] }],
  foreignKeys: [
    {
      name: 'fk_improvement_monitoring_assessment',
      columnNames: ['assessmentId'],
      target: 'Assessment',
      referencedColumnNames: ['id'],
    },
  ],
});

/** Cơ sở dữ liệu: one entered value per school year and catalog key (src/core/assessment/school-data.ts). */
export interface SchoolDataValueRow extends SyncedRow {
  schoolYear: string;
  dataKey: string;
  value: string;
  updatedBy: string | null;
}

export const SchoolDataValueEntity = new EntitySchema<SchoolDataValueRow>({
  name: 'SchoolDataValue',
  tableName: 'school_data_value',
  columns: {
    ...syncedColumns,
    schoolYear: { type: 'varchar', length: 9 },
    dataKey: { type: 'varchar', length: 80 },
    value: { type: 'varchar', length: 200 },
    updatedBy: id36null,
  },
  indices: [{ name: 'idx_school_data_value_key_live', columns: ['schoolYear', 'dataKey'], unique: true, where: live }],
});

const ALL = [
  AssessmentEntity,
  CouncilMemberEntity,
  WorkingGroupEntity,
  CriterionAssignmentEntity,
  CriterionRecordEntity,
  RequirementEntryEntity,
  CriterionVersionEntity,
  ReviewEventEntity,
  ReviewCommentEntity,
  AssessmentSummaryEntity,
  PlanTaskEntity,
  ImprovementIssueEntity,
  ImprovementItemEntity,
  ImprovementMonitoringEntity,
  SchoolDataValueEntity,
];

/** Entities of the assessment module; all of them, and the synced subset (every one). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const ASSESSMENT_ENTITIES: EntitySchema<any>[] = ALL;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const ASSESSMENT_SYNCED: EntitySchema<any>[] = ALL;

/** Tables of this module, for tests and the migration. */
export const ASSESSMENT_TABLES = ALL.map((e) => e.options.tableName!);
