/**
 * What a requirement's judgment is worth, and why the "Đạt" button may be disabled.
 *
 * - A requirement is "đạt" only with a description (hiện trạng) that cites at least one valid
 *   evidence: it exists, is not deleted, not rejected, not expired, and belongs to the
 *   assessment's framework (its code must fit the report).
 * - Mức L is considered only when the criterion already reaches Mức L−1.
 * - A judgment carried over from last year counts for nothing until someone confirms it.
 */
import type { Criterion, LevelsFramework } from '../frameworks/framework.schema';
import { allCriteria, requirementsAt } from '../frameworks/lookup';
import { criterionLevel } from '../levels/criterion-level';
import type { CriterionJudgments, CriterionLevelResult, Judgments, JudgmentValue } from '../levels/types';

export const JUDGMENTS = ['met', 'not_met', 'unassessed'] as const;
export type Judgment = (typeof JUDGMENTS)[number];

export const JUDGMENT_LABELS: Readonly<Record<Judgment, string>> = {
  met: 'Đạt',
  not_met: 'Chưa đạt',
  unassessed: 'Chưa đánh giá',
};

export type CitationProblem = 'missing' | 'rejected' | 'expired' | 'other_framework';

/** One evidence cited in a description, as the report will see it. */
export interface CitationStatus {
  evidenceId: string;
  /** Current code (MC.1.1.01), or null when the evidence no longer exists. */
  code: string | null;
  title: string;
  /** Why it does not count; null = valid. */
  problem: CitationProblem | null;
  /** Valid but not verified yet (readiness lists it; it still backs a judgment). */
  unverified: boolean;
  validUntil: string | null;
}

export function citationProblemText(c: CitationStatus): string {
  const name = c.code ?? 'Minh chứng đã trích dẫn';
  switch (c.problem) {
    case 'missing':
      return `${name} không còn trong kho minh chứng (đã bị xóa)`;
    case 'rejected':
      return `${name} đã bị từ chối khi xác minh`;
    case 'expired':
      return `${name} đã hết hiệu lực${c.validUntil ? ` từ ${formatDate(c.validUntil)}` : ''}`;
    case 'other_framework':
      return `${name} thuộc khung đánh giá khác`;
    default:
      return c.unverified ? `${name} chưa được xác minh` : '';
  }
}

/** YYYY-MM-DD → DD/MM/YYYY. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

export type ReasonCode =
  'read_only' | 'not_assigned' | 'lower_level_not_reached' | 'no_description' | 'no_evidence' | 'no_valid_evidence';

export interface Reason {
  code: ReasonCode;
  message: string;
}

export interface MetGateInput {
  level: number;
  description: string;
  citations: readonly CitationStatus[];
  /** The criterion reaches Mức level−1 (always true for Mức 1). */
  lowerLevelReached: boolean;
  /** Non-empty when the actor cannot change this requirement at all. */
  blocked?: readonly Reason[];
}

/** Reasons a requirement cannot be judged at all (read-only, not assigned, lower level not reached). */
export function judgeReasons(input: Pick<MetGateInput, 'level' | 'lowerLevelReached' | 'blocked'>): Reason[] {
  const reasons: Reason[] = [...(input.blocked ?? [])];
  if (!input.lowerLevelReached) {
    reasons.push({
      code: 'lower_level_not_reached',
      message: `Chỉ xét Mức ${input.level} khi tiêu chí đã đạt Mức ${input.level - 1}.`,
    });
  }
  return reasons;
}

/** Every reason "Đạt" is refused; empty = allowed. */
export function metReasons(input: MetGateInput): Reason[] {
  const reasons = judgeReasons(input);
  if (input.description.trim() === '') {
    reasons.push({ code: 'no_description', message: 'Chưa có mô tả hiện trạng.' });
  }
  if (input.citations.length === 0) {
    reasons.push({
      code: 'no_evidence',
      message: 'Chưa trích dẫn minh chứng nào trong mô tả hiện trạng (cần ít nhất một minh chứng hợp lệ).',
    });
  } else if (!input.citations.some((c) => c.problem === null)) {
    reasons.push({
      code: 'no_valid_evidence',
      message: `Không có minh chứng hợp lệ: ${input.citations.map(citationProblemText).join('; ')}.`,
    });
  }
  return reasons;
}

/** A stored requirement judgment, as the level engine should see it. */
export interface EntryForLevels {
  criterionCode: string;
  level: number;
  requirementCode: string;
  description: string;
  judgment: Judgment;
  /** Carried over from last year and not confirmed yet: counts for nothing. */
  needsConfirmation: boolean;
  /** Ids of the cited evidence that is valid. */
  validEvidenceIds: readonly string[];
}

export function engineValue(e: EntryForLevels): JudgmentValue {
  if (e.needsConfirmation || e.judgment === 'unassessed') return null;
  return { met: e.judgment === 'met', description: e.description, evidence: e.validEvidenceIds };
}

/**
 * The engine's input from stored entries. A criterion with no effective judgment at all is left
 * out, so the engine reports it "chưa đánh giá" instead of "không đạt".
 */
export function judgmentsFromEntries(entries: readonly EntryForLevels[]): Judgments {
  const out: Record<string, Record<string, Record<string, JudgmentValue>>> = {};
  for (const e of entries) {
    const v = engineValue(e);
    if (v === null) continue;
    ((out[e.criterionCode] ??= {})[String(e.level)] ??= {})[e.requirementCode] = v;
  }
  return out;
}

/** One criterion's level with backing required (the app's rule). */
export function backedCriterionLevel(
  fw: LevelsFramework,
  criterion: Criterion,
  entries: readonly EntryForLevels[],
): CriterionLevelResult {
  const judgments = judgmentsFromEntries(entries.filter((e) => e.criterionCode === criterion.code));
  return criterionLevel(criterion, judgments[criterion.code] as CriterionJudgments | undefined, {
    maxLevel: fw.maxLevel,
    requireBacking: true,
  });
}

/** Mức L of the criterion is considered (Mức 1 always; Mức L when Mức L−1 is reached). */
export function levelConsidered(result: Pick<CriterionLevelResult, 'level'>, level: number): boolean {
  return level <= 1 || result.level >= level - 1;
}

/** Requirement slots of a framework, in document order. */
export function requirementSlots(fw: LevelsFramework): { criterionCode: string; level: number; requirementCode: string }[] {
  const out: { criterionCode: string; level: number; requirementCode: string }[] = [];
  for (const c of allCriteria(fw)) {
    for (const lv of c.levels) {
      for (const r of requirementsAt(c, lv.level)) out.push({ criterionCode: c.code, level: lv.level, requirementCode: r.code });
    }
  }
  return out;
}
