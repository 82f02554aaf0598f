/**
 * The review team's level (issue 8): several members judge each requirement of a dossier; their
 * judgments are merged into one team judgment per requirement, and the team's criterion levels
 * and school level come from the same engine as the school's self-assessment (`assess`:
 * cumulative levels, mandatory criteria and the framework's Mức rule, explanations in
 * Vietnamese). The result is a proposal: the lead still sets the team's conclusion.
 *
 * Merge rule of one requirement (docs/review.md):
 * 1. the lead's judgment, when the lead has judged it ("Đạt" or "Chưa đạt"), decides;
 * 2. otherwise the majority of the members who judged it;
 * 3. a tie counts as "Chưa đạt" — a level is never reached on a split vote — and is flagged;
 * 4. nobody judged it: not assessed, so the level it belongs to is not reached ("chưa đánh giá").
 * "Chưa đánh giá" votes are not counted. Members' judgments are not backed by a description of
 * their own (the school's is), so the engine runs without `requireBacking`.
 */
import type { LevelsFramework } from '../frameworks/framework.schema';
import { allCriteria, findCriterion, levelLabel, requirementsAt } from '../frameworks/lookup';
import { assess, formatRequirementRef, type LevelsAssessment } from './assess';
import { criterionLevelsFromJudgments } from './criterion-level';
import type { Blocker, Judgments, JudgmentValue } from './types';

export type MemberJudgmentValue = 'met' | 'not_met' | 'unassessed';

export interface MemberVote {
  accountId: string;
  judgment: MemberJudgmentValue;
}

/** How the team's judgment of a requirement was reached. */
export type MergeBasis = 'lead' | 'majority' | 'tie' | 'none';

export interface MergedJudgment {
  /** true = met, false = not met (a tie too), null = nobody judged it. */
  met: boolean | null;
  basis: MergeBasis;
  metCount: number;
  notMetCount: number;
  /** Members judged it both ways. */
  disagreement: boolean;
}

export const TEAM_RULE_TEXT =
  'Mỗi yêu cầu: theo đánh giá của trưởng đoàn nếu trưởng đoàn đã đánh giá; nếu không, theo đa số thành viên đã đánh giá; ' +
  'số phiếu ngang nhau tính là chưa đạt và được đánh dấu bất đồng; yêu cầu chưa ai đánh giá thì mức đó chưa đạt. ' +
  'Mức của tiêu chí và của trường tính theo cùng quy tắc với phần tự đánh giá của trường.';

/** One requirement's team judgment from the members' votes (rule in the file header). */
export function mergeRequirement(votes: readonly MemberVote[], leadId: string | null): MergedJudgment {
  const metCount = votes.filter((v) => v.judgment === 'met').length;
  const notMetCount = votes.filter((v) => v.judgment === 'not_met').length;
  const disagreement = metCount > 0 && notMetCount > 0;
  const lead = leadId === null ? undefined : votes.find((v) => v.accountId === leadId && v.judgment !== 'unassessed');
  if (lead) return { met: lead.judgment === 'met', basis: 'lead', metCount, notMetCount, disagreement };
  if (metCount + notMetCount === 0) return { met: null, basis: 'none', metCount, notMetCount, disagreement };
  if (metCount === notMetCount) return { met: false, basis: 'tie', metCount, notMetCount, disagreement: true };
  return { met: metCount > notMetCount, basis: 'majority', metCount, notMetCount, disagreement };
}

export interface TeamRequirementInput {
  criterionCode: string;
  level: number;
  requirementCode: string;
  judgments: readonly MemberVote[];
}

export interface TeamRequirementResult extends MergedJudgment {
  criterionCode: string;
  level: number;
  requirementCode: string;
}

export interface TeamCriterionResult {
  criterionCode: string;
  mandatory: boolean;
  /** Level the team's merged judgments reach (0 = Mức 1 not reached). */
  level: number;
  levelLabel: string;
  /** The team judged at least one requirement of it. */
  assessed: boolean;
  /** Requirement refs ("2.1") decided by a tie, counted as not met. */
  ties: string[];
  /** Requirement refs of the next level nobody judged. */
  pending: string[];
  explanation: string;
}

export interface TeamLevelResult {
  frameworkId: string;
  rule: string;
  school: {
    level: number;
    label: string;
    nextLevel: number | null;
    blockers: Blocker[];
    explanation: string;
  };
  criteria: TeamCriterionResult[];
  /** Every requirement of the framework the team judged, merged. */
  requirements: TeamRequirementResult[];
}

const ref = (r: { level: number; requirementCode: string }) => `${r.level}.${r.requirementCode}`;

function basisText(r: MergedJudgment): string {
  switch (r.basis) {
    case 'lead':
      return r.disagreement ? 'theo trưởng đoàn, các thành viên chưa thống nhất' : 'theo trưởng đoàn';
    case 'majority':
      return `đa số ${Math.max(r.metCount, r.notMetCount)}/${r.metCount + r.notMetCount}`;
    case 'tie':
      return `ngang phiếu ${r.metCount}–${r.notMetCount}, tính là chưa đạt`;
    default:
      return 'chưa có đánh giá';
  }
}

/** Merges the members' judgments of a framework's requirements; other codes (e.g. Điều 16) are left out. */
export function mergeTeamJudgments(
  fw: LevelsFramework,
  requirements: readonly TeamRequirementInput[],
  leadId: string | null,
): TeamRequirementResult[] {
  const out: TeamRequirementResult[] = [];
  for (const r of requirements) {
    const criterion = findCriterion(fw, r.criterionCode);
    if (!criterion || !requirementsAt(criterion, r.level).some((q) => q.code === r.requirementCode)) continue;
    out.push({
      criterionCode: r.criterionCode,
      level: r.level,
      requirementCode: r.requirementCode,
      ...mergeRequirement(r.judgments, leadId),
    });
  }
  return out;
}

/** The team's criterion levels and school level, with the reasons in Vietnamese. */
export function teamLevels(
  fw: LevelsFramework,
  requirements: readonly TeamRequirementInput[],
  leadId: string | null,
): TeamLevelResult {
  const merged = mergeTeamJudgments(fw, requirements, leadId);
  const judgments: Record<string, Record<string, Record<string, JudgmentValue>>> = {};
  for (const r of merged) {
    if (r.met === null) continue;
    ((judgments[r.criterionCode] ??= {})[String(r.level)] ??= {})[r.requirementCode] = r.met;
  }
  const input: Judgments = judgments;
  const school = assess(fw, { mode: 'requirements', requirements: input }) as LevelsAssessment;
  const { results } = criterionLevelsFromJudgments(fw, input);

  const criteria: TeamCriterionResult[] = allCriteria(fw).map((c) => {
    const mine = merged.filter((r) => r.criterionCode === c.code);
    const result = results[c.code]!;
    const assessed = c.code in judgments;
    const ties = mine.filter((r) => r.basis === 'tie').map(ref);
    const label = levelLabel(fw, result.level);
    const parts: string[] = [];
    if (!assessed) {
      parts.push('Đoàn chưa đánh giá yêu cầu nào của tiêu chí này.');
    } else {
      parts.push(result.level === 0 ? `Chưa đạt ${levelLabel(fw, 1)}.` : `Đạt ${label}.`);
      if (result.nextLevel !== null) {
        const reasons = [
          ...result.unmet.map((u) => {
            const m = mine.find((r) => ref(r) === u);
            return `${formatRequirementRef(u)} chưa đạt${m ? ` (${basisText(m)})` : ''}`;
          }),
          ...result.pending.map((p) => `${formatRequirementRef(p)} chưa có đánh giá của đoàn`),
        ];
        if (reasons.length) parts.push(`${levelLabel(fw, result.nextLevel)}: ${reasons.join('; ')}.`);
      }
      const leadOverrides = mine.filter((r) => r.basis === 'lead' && r.disagreement).map(ref);
      if (leadOverrides.length)
        parts.push(`Theo trưởng đoàn khi thành viên chưa thống nhất: ${leadOverrides.map(formatRequirementRef).join(', ')}.`);
    }
    if (c.mandatory) parts.push('Tiêu chí bắt buộc.');
    return {
      criterionCode: c.code,
      mandatory: c.mandatory,
      level: result.level,
      levelLabel: label,
      assessed,
      ties,
      pending: result.pending,
      explanation: parts.join(' '),
    };
  });

  const tieRefs = criteria.flatMap((c) => c.ties.map((t) => `${c.criterionCode} (${formatRequirementRef(t)})`));
  const explanation =
    `Theo đánh giá của đoàn: ${school.explanation}` +
    (tieRefs.length ? ` Ngang phiếu, tính là chưa đạt: ${tieRefs.join('; ')}.` : '');
  return {
    frameworkId: fw.id,
    rule: TEAM_RULE_TEXT,
    school: {
      level: school.schoolLevel,
      label: school.schoolLevelLabel,
      nextLevel: school.nextLevel,
      blockers: school.blockers,
      explanation,
    },
    criteria,
    requirements: merged,
  };
}
