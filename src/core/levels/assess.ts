/**
 * One entry point from a parsed input to the full result the CLI, the RPC layer and the UI
 * show: criterion levels, the school level, blockers, explanation and (optionally) a what-if.
 */
import type { Framework, LevelsFramework } from '../frameworks/framework.schema';
import { levelLabel } from '../frameworks/lookup';
import type { AssessInput, SingleLevelInput } from './assess-input';
import { criterionLevelsFromJudgments } from './criterion-level';
import { assessMultiLevel } from './multi-level';
import { pointsResult, type PointsGroupResult } from './points';
import { schoolLevel } from './school-level';
import type { Blocker, CriterionLevels } from './types';
import { whatIf, type WhatIfResult } from './what-if';

export interface AssessOptions {
  /** Count "met" only with a description and evidence (the app's self-assessment does). */
  requireBacking?: boolean;
  /** Criterion levels to try instead of the computed ones (single-level schools only). */
  whatIf?: CriterionLevels;
}

export interface LevelsAssessment {
  framework: string;
  kind: 'levels';
  schoolLevel: number;
  schoolLevelLabel: string;
  nextLevel: number | null;
  criteria: Record<string, number>;
  blockers: Blocker[];
  explanation: string;
  unassessed: string[];
  /** Requirements mode: per criterion, requirement refs ("2.1", "1.b") still unjudged at its next level. */
  pending?: Record<string, string[]>;
  /** Multi-level schools: the result of each education level. */
  perLevel?: Record<string, Omit<LevelsAssessment, 'perLevel' | 'whatIf' | 'framework' | 'kind'>>;
  limiting?: string[];
  whatIf?: WhatIfResult;
}

export interface PointsAssessment {
  framework: string;
  kind: 'points';
  schoolLevel: number;
  schoolLevelLabel: string;
  /** Same as schoolLevel; the points vocabulary calls it "level". */
  level: number;
  levelLabel: string;
  nextLevel: number | null;
  groups: PointsGroupResult[];
  blockers: Blocker[];
  explanation: string;
  incomplete: boolean;
}

export type Assessment = LevelsAssessment | PointsAssessment;

/** "2.1" → "Mức 2: 1", "1.b" → "Mức 1: b". */
export function formatRequirementRef(ref: string): string {
  const dot = ref.indexOf('.');
  return `Mức ${ref.slice(0, dot)}: ${ref.slice(dot + 1)}`;
}

function single(
  fw: LevelsFramework,
  input: SingleLevelInput,
  options: AssessOptions,
): Omit<LevelsAssessment, 'framework' | 'kind'> {
  const level4 = input.level4 ? { level4: input.level4 } : {};
  const backing = options.requireBacking ? { requireBacking: true } : {};
  let criteria: CriterionLevels;
  let pending: Record<string, string[]> | undefined;
  if (input.mode === 'criteria') {
    criteria = input.criteria;
  } else {
    const computed = criterionLevelsFromJudgments(fw, input.requirements, backing);
    // A criterion the input never mentions is "not assessed", not "judged and failed".
    const mentioned = new Set(Object.keys(input.requirements));
    criteria = Object.fromEntries(Object.entries(computed.levels).map(([c, l]) => [c, mentioned.has(c) ? l : null]));
    pending = {};
    for (const [code, r] of Object.entries(computed.results)) {
      if (mentioned.has(code) && r.pending.length > 0) pending[code] = r.pending;
    }
  }
  const result = schoolLevel(fw, criteria, { ...level4, ...backing });
  const unassessed = result.unassessed;
  let explanation = result.explanation;
  if (pending && Object.keys(pending).length > 0) {
    explanation += ` Yêu cầu chưa đánh giá: ${Object.entries(pending)
      .map(([c, refs]) => `${c} (${refs.map(formatRequirementRef).join(', ')})`)
      .join('; ')}.`;
  }
  const out: Omit<LevelsAssessment, 'framework' | 'kind'> = {
    schoolLevel: result.schoolLevel,
    schoolLevelLabel: result.schoolLevelLabel,
    nextLevel: result.nextLevel,
    criteria: result.criteria,
    blockers: result.blockers,
    explanation,
    unassessed,
    ...(pending ? { pending } : {}),
  };
  if (options.whatIf && Object.keys(options.whatIf).length > 0) {
    out.whatIf = whatIf(fw, criteria, options.whatIf, { ...level4, ...backing });
  }
  return out;
}

export function assess(framework: Framework, input: AssessInput, options: AssessOptions = {}): Assessment {
  if (framework.kind === 'points') {
    if (input.mode !== 'points') throw new Error(`Khung ${framework.id} tính điểm: cần "items"`);
    const r = pointsResult(framework, input.items);
    return {
      framework: framework.id,
      kind: 'points',
      schoolLevel: r.schoolLevel,
      schoolLevelLabel: r.schoolLevelLabel,
      level: r.schoolLevel,
      levelLabel: r.schoolLevelLabel,
      nextLevel: r.nextLevel,
      groups: r.groups,
      blockers: r.blockers,
      explanation: r.explanation,
      incomplete: r.incomplete,
    };
  }
  if (input.mode === 'points') throw new Error(`Khung ${framework.id} xét mức theo tiêu chí: không dùng "items"`);
  if (input.mode !== 'multi') return { framework: framework.id, kind: 'levels', ...single(framework, input, options) };

  if (options.whatIf && Object.keys(options.whatIf).length > 0) {
    throw new Error('Giả định (what-if) chỉ dùng cho trường một cấp học; với trường nhiều cấp học hãy giả định từng cấp học');
  }
  const perLevel: NonNullable<LevelsAssessment['perLevel']> = {};
  for (const [edu, sub] of Object.entries(input.levels)) perLevel[edu] = single(framework, sub, options);
  // Reuse the multi-level rule on the already computed criterion levels so both paths agree.
  const multi = assessMultiLevel(
    framework,
    Object.fromEntries(
      Object.entries(input.levels).map(([edu, sub]) => [
        edu,
        { criteria: perLevel[edu]!.criteria, ...(sub.level4 ? { level4: sub.level4 } : {}) },
      ]),
    ),
    options.requireBacking ? { requireBacking: true } : {},
  );
  const criteria: Record<string, number> = {};
  for (const code of Object.keys(Object.values(perLevel)[0]!.criteria)) {
    criteria[code] = Math.min(...Object.values(perLevel).map((p) => p.criteria[code]!));
  }
  const notes = multi.limiting
    .map((edu) => perLevel[edu]!)
    .map((p) => p.explanation)
    .filter((e) => e.includes('Yêu cầu chưa đánh giá') || e.includes('Chưa có'));
  return {
    framework: framework.id,
    kind: 'levels',
    schoolLevel: multi.schoolLevel,
    schoolLevelLabel: levelLabel(framework, multi.schoolLevel),
    nextLevel: multi.limiting.map((edu) => perLevel[edu]!.nextLevel).find((n) => n !== null) ?? null,
    criteria,
    blockers: multi.blockers,
    explanation:
      notes.length > 0 ? `${multi.explanation} ${notes.length} cấp học còn thiếu đánh giá — xem perLevel.` : multi.explanation,
    unassessed: [...new Set(Object.values(perLevel).flatMap((p) => p.unassessed))],
    perLevel,
    limiting: multi.limiting,
  };
}
