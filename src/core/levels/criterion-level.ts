import type { Criterion, LevelsFramework } from '../frameworks/framework.schema';
import { allCriteria, criterionTopLevel, requirementsAt } from '../frameworks/lookup';
import type { CriterionJudgments, CriterionLevelResult, Judgments, JudgmentValue, LevelCheck } from './types';

export interface CriterionLevelOptions {
  /**
   * Levels to evaluate up to. Legacy criteria without Mức 3 requirements reach Mức 3 with
   * Mức 2 (inferred rule, see the framework's levelRule), so pass the framework's maxLevel.
   * Defaults to the criterion's own highest level.
   */
  maxLevel?: number;
  /** Count "met" only when backed by a description and at least one evidence code. */
  requireBacking?: boolean;
}

export type RequirementState = 'met' | 'not-met' | 'pending' | 'unbacked';

export function requirementState(value: JudgmentValue | undefined, requireBacking = false): RequirementState {
  if (value === undefined || value === null) return 'pending';
  if (typeof value === 'boolean') {
    if (!value) return 'not-met';
    return requireBacking ? 'unbacked' : 'met';
  }
  if (value.met === null) return 'pending';
  if (!value.met) return 'not-met';
  if (!requireBacking) return 'met';
  const described = typeof value.description === 'string' && value.description.trim().length > 0;
  const evidenced = (value.evidence ?? []).some((e) => e.trim().length > 0);
  return described && evidenced ? 'met' : 'unbacked';
}

/**
 * A criterion's level from the school's per-requirement judgments. Levels are cumulative: Mức k
 * is reached only when every requirement of Mức 1…k is met, and a level with any requirement
 * not yet judged is not reached (it is "pending", never assumed).
 */
export function criterionLevel(
  criterion: Criterion,
  judgments: CriterionJudgments | undefined,
  options: CriterionLevelOptions = {},
): CriterionLevelResult {
  const maxLevel = options.maxLevel ?? criterionTopLevel(criterion);
  const checks: LevelCheck[] = [];
  for (let level = 1; level <= maxLevel; level++) {
    const requirements = requirementsAt(criterion, level);
    if (requirements.length === 0) {
      const prev = checks[level - 2];
      checks.push({ level, status: prev ? prev.status : 'pending', inherited: true, unmet: [], pending: [], unbacked: [] });
      continue;
    }
    const given = judgments?.[String(level)] ?? {};
    const check: LevelCheck = { level, status: 'met', inherited: false, unmet: [], pending: [], unbacked: [] };
    for (const req of requirements) {
      const state = requirementState(given[req.code], options.requireBacking);
      if (state === 'not-met') check.unmet.push(req.code);
      else if (state === 'pending') check.pending.push(req.code);
      else if (state === 'unbacked') {
        check.pending.push(req.code);
        check.unbacked.push(req.code);
      }
    }
    check.status = check.unmet.length > 0 ? 'not-met' : check.pending.length > 0 ? 'pending' : 'met';
    checks.push(check);
  }

  let level = 0;
  for (const check of checks) {
    if (check.status !== 'met') break;
    level = check.level;
  }
  const nextLevel = level < maxLevel ? level + 1 : null;
  const next = nextLevel === null ? undefined : checks[nextLevel - 1];
  return {
    code: criterion.code,
    level,
    nextLevel,
    pending: next ? next.pending.map((r) => `${next.level}.${r}`) : [],
    unmet: next ? next.unmet.map((r) => `${next.level}.${r}`) : [],
    levels: checks,
  };
}

/** Every criterion of a framework at once; criteria without judgments come out at level 0, pending. */
export function criterionLevelsFromJudgments(
  framework: LevelsFramework,
  judgments: Judgments,
  options: Omit<CriterionLevelOptions, 'maxLevel'> = {},
): { levels: Record<string, number>; results: Record<string, CriterionLevelResult> } {
  const levels: Record<string, number> = {};
  const results: Record<string, CriterionLevelResult> = {};
  for (const criterion of allCriteria(framework)) {
    const result = criterionLevel(criterion, judgments[criterion.code], { ...options, maxLevel: framework.maxLevel });
    results[criterion.code] = result;
    levels[criterion.code] = result.level;
  }
  return { levels, results };
}
