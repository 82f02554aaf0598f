import { IsNull, type EntityManager } from 'typeorm';
import type { AssessmentStatus, LevelsViewDto, ReadinessDto } from './dto';
import { checkCouncil, type CouncilCheck } from '../../../core/assessment/council';
import {
  backedCriterionLevel,
  judgmentsFromEntries,
  type CitationStatus,
  type EntryForLevels,
} from '../../../core/assessment/gating';
import { checkReadiness, type ReadinessEntry } from '../../../core/assessment/readiness';
import { REVIEW_STATES, type ReviewState } from '../../../core/assessment/review';
import { extractCitationIds } from '../../../core/evidence/citations';
import { allCriteria, levelLabel, standardOf } from '../../../core/frameworks/lookup';
import { calendarForSchoolYear } from '../../../core/frameworks/time-rules';
import { assess, type LevelsAssessment } from '../../../core/levels/assess';
import type { CriterionLevelResult } from '../../../core/levels/types';
import type { WhatIfResult } from '../../../core/levels/what-if';
import type { Workspace } from './context';
import { citationStatuses, citationsOf, localToday } from './evidence-access';
import {
  AssessmentSummaryEntity,
  CouncilMemberEntity,
  CriterionRecordEntity,
  ImprovementIssueEntity,
  ImprovementItemEntity,
  PlanTaskEntity,
  RequirementEntryEntity,
  type CriterionRecordRow,
  type RequirementEntryRow,
} from './entities';

/** Everything the level engine and the readiness check need about one assessment. */
export interface WorkspaceData {
  today: string;
  entries: RequirementEntryRow[];
  records: Map<string, CriterionRecordRow>;
  statuses: Map<string, CitationStatus>;
  /** Entries as the engine sees them, with their citations. */
  forLevels: ReadinessEntry[];
}

export const needsConfirmation = (e: Pick<RequirementEntryRow, 'carriedOver' | 'confirmedAt'>): boolean =>
  Boolean(e.carriedOver) && !e.confirmedAt;

export function toEngineEntry(
  e: RequirementEntryRow,
  statuses: ReadonlyMap<string, CitationStatus>,
  frameworkId: string,
): ReadinessEntry {
  const citations = citationsOf(e.description, statuses, frameworkId);
  return {
    criterionCode: e.criterionCode,
    level: e.level,
    requirementCode: e.requirementCode,
    description: e.description,
    judgment: e.judgment,
    needsConfirmation: needsConfirmation(e),
    validEvidenceIds: citations.filter((c) => c.problem === null).map((c) => c.evidenceId),
    citations,
  };
}

export async function loadEntries(
  m: EntityManager,
  assessmentId: string,
  criterionCode?: string,
): Promise<RequirementEntryRow[]> {
  return m.getRepository(RequirementEntryEntity).find({
    where: { assessmentId, ...(criterionCode ? { criterionCode } : {}), deletedAt: IsNull() },
    order: { criterionCode: 'ASC', level: 'ASC', requirementCode: 'ASC' },
  });
}

export async function loadData(m: EntityManager, ws: Workspace, today = localToday()): Promise<WorkspaceData> {
  const entries = await loadEntries(m, ws.row.id);
  const records = new Map(
    (await m.getRepository(CriterionRecordEntity).find({ where: { assessmentId: ws.row.id, deletedAt: IsNull() } })).map((r) => [
      r.criterionCode,
      r,
    ]),
  );
  const statuses = await citationStatuses(
    m,
    entries.flatMap((e) => extractCitationIds(e.description)),
    ws.fw.id,
    today,
  );
  return { today, entries, records, statuses, forLevels: entries.map((e) => toEngineEntry(e, statuses, ws.fw.id)) };
}

export const reviewStateOf = (data: Pick<WorkspaceData, 'records'>, code: string): ReviewState =>
  data.records.get(code)?.reviewState ?? 'draft';

export interface ComputedLevels {
  assessment: LevelsAssessment;
  results: Record<string, CriterionLevelResult>;
  /** Criteria with at least one effective judgment. */
  assessed: Set<string>;
}

export function computeLevels(
  ws: Workspace,
  entries: readonly EntryForLevels[],
  whatIfChanges?: Record<string, number>,
): ComputedLevels {
  const judgments = judgmentsFromEntries(entries);
  const result = assess(
    ws.fw,
    { mode: 'requirements', requirements: judgments },
    { requireBacking: true, ...(whatIfChanges ? { whatIf: whatIfChanges } : {}) },
  ) as LevelsAssessment;
  const results: Record<string, CriterionLevelResult> = {};
  for (const c of allCriteria(ws.fw)) results[c.code] = backedCriterionLevel(ws.fw, c, entries);
  return { assessment: result, results, assessed: new Set(Object.keys(judgments)) };
}

export function levelsView(ws: Workspace, data: WorkspaceData): LevelsViewDto {
  const { assessment, results, assessed } = computeLevels(ws, data.forLevels);
  return {
    assessmentId: ws.row.id,
    frameworkId: ws.fw.id,
    schoolLevel: assessment.schoolLevel,
    schoolLevelLabel: assessment.schoolLevelLabel,
    nextLevel: assessment.nextLevel,
    explanation: assessment.explanation,
    blockers: assessment.blockers,
    unassessed: assessment.unassessed,
    criteria: allCriteria(ws.fw).map((c) => {
      const r = results[c.code]!;
      return {
        code: c.code,
        title: c.title,
        standardCode: standardOf(ws.fw, c.code)!.code,
        mandatory: c.mandatory,
        level: r.level,
        levelLabel: levelLabel(ws.fw, r.level),
        assessed: assessed.has(c.code),
        nextLevel: r.nextLevel,
        pending: r.pending,
        unmet: r.unmet,
        reviewState: reviewStateOf(data, c.code),
      };
    }),
  };
}

export function whatIfFor(ws: Workspace, data: WorkspaceData, changes: Record<string, number>): WhatIfResult {
  return computeLevels(ws, data.forLevels, changes).assessment.whatIf!;
}

export async function councilCheck(m: EntityManager, ws: Workspace): Promise<CouncilCheck> {
  const members = await m.getRepository(CouncilMemberEntity).find({ where: { assessmentId: ws.row.id, deletedAt: IsNull() } });
  return checkCouncil(ws.fw.councilRules, members, ws.fw.source.number);
}

/** TT 57 writes strengths and weaknesses per standard; the 2018 frameworks per criterion. */
export function summaryScopes(ws: Workspace): { code: string; label: string; kind: 'standard' | 'criterion'; title: string }[] {
  if (ws.fw.family === 'tt57') {
    return ws.fw.standards.map((s) => ({
      code: s.code,
      label: `Tiêu chuẩn ${s.code}`,
      kind: 'standard' as const,
      title: s.title,
    }));
  }
  return allCriteria(ws.fw).map((c) => ({
    code: c.code,
    label: `Tiêu chí ${c.code}`,
    kind: 'criterion' as const,
    title: c.title,
  }));
}

/** The school's approval deadline of this year (TT 57: before 15/6), if the framework has one. */
export function approvalDeadline(ws: Workspace): { date: string; label: string } | null {
  const entry = calendarForSchoolYear(ws.fw.timeRules, ws.row.schoolYear).find((c) => c.actor === 'school' && c.deadline);
  return entry ? { date: entry.date, label: entry.label } : null;
}

export async function readinessOf(m: EntityManager, ws: Workspace, data?: WorkspaceData): Promise<ReadinessDto> {
  const d = data ?? (await loadData(m, ws));
  const id = ws.row.id;
  const summaries = await m.getRepository(AssessmentSummaryEntity).find({ where: { assessmentId: id, deletedAt: IsNull() } });
  const tasks = await m
    .getRepository(PlanTaskEntity)
    .find({ where: { assessmentId: id, deletedAt: IsNull() }, order: { sortOrder: 'ASC' } });
  const issues = await m.getRepository(ImprovementIssueEntity).find({ where: { assessmentId: id, deletedAt: IsNull() } });
  const items = await m.getRepository(ImprovementItemEntity).find({ where: { assessmentId: id, deletedAt: IsNull() } });
  const carried = [
    ...tasks.filter(needsConfirmation).map((t) => ({ kind: 'plan_task' as const, id: t.id, title: t.title })),
    ...issues.filter(needsConfirmation).map((i) => ({ kind: 'improvement_issue' as const, id: i.id, title: short(i.weakness) })),
    ...items.filter(needsConfirmation).map((i) => ({ kind: 'improvement_item' as const, id: i.id, title: short(i.content) })),
  ];
  const result = checkReadiness({
    framework: ws.fw,
    entries: d.forLevels,
    reviewStates: Object.fromEntries([...d.records].map(([code, r]) => [code, r.reviewState])),
    council: await councilCheck(m, ws),
    summaryScopes: summaryScopes(ws),
    summaries: Object.fromEntries(summaries.map((s) => [s.scopeCode, s])),
    carried,
    improvementItemCount: items.length,
    deadline: ws.row.status === 'approved' ? null : approvalDeadline(ws),
    today: d.today,
    frameworkVersion: { pinned: ws.row.frameworkVersion, loaded: ws.fw.version },
  });
  return { ...result, byKind: result.byKind as Record<string, number> };
}

function short(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 80 ? `${t.slice(0, 77)}…` : t || '(chưa có nội dung)';
}

export async function statusOf(
  m: EntityManager,
  ws: Workspace,
  assessmentDto: AssessmentStatus['assessment'],
): Promise<AssessmentStatus> {
  const data = await loadData(m, ws);
  const view = levelsView(ws, data);
  const readiness = await readinessOf(m, ws, data);
  const reviewStates = Object.fromEntries(REVIEW_STATES.map((s) => [s, 0])) as Record<ReviewState, number>;
  for (const c of view.criteria) reviewStates[c.reviewState]++;
  return {
    assessment: assessmentDto,
    levels: {
      schoolLevel: view.schoolLevel,
      schoolLevelLabel: view.schoolLevelLabel,
      nextLevel: view.nextLevel,
      explanation: view.explanation,
    },
    criteria: view.criteria.map((c) => ({ code: c.code, level: c.level, assessed: c.assessed, reviewState: c.reviewState })),
    blockers: view.blockers,
    readiness: {
      ready: readiness.ready,
      blockers: readiness.counts.blockers,
      warnings: readiness.counts.warnings,
      byKind: readiness.byKind,
    },
    reviewStates,
    council: await councilCheck(m, ws),
  };
}
