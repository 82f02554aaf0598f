/**
 * The school's level from its criterion levels, with the reasons it is not one level higher.
 * Two rule families, both named by the framework's `levelRule` data:
 * - "mandatory-quota" (TT 57 khoản 3 Điều 5): every mandatory criterion at the level, at least
 *   `othersQuota` of the other criteria too, and (at Mức 2) the rest at their floor;
 * - "all-criteria" (TT 17/18/19 Điều 6): every criterion at the level; Mức 4 = Mức 3 plus every
 *   clause of Điều 22.
 */
import type { Criterion, LevelsFramework } from '../frameworks/framework.schema';
import { allCriteria, levelLabel } from '../frameworks/lookup';
import { requirementState } from './criterion-level';
import type { Blocker, CriterionLevels, Level4Judgments, SchoolLevelResult } from './types';

export interface SchoolLevelOptions {
  /** Legacy only: judgments of the Mức 4 clauses (Điều 22), keyed by clause code. */
  level4?: Level4Judgments;
  /** Count a Mức 4 clause as met only with a description and evidence (see JudgmentValue). */
  requireBacking?: boolean;
}

interface Normalised {
  levels: Record<string, number>;
  unassessed: Set<string>;
}

function normalise(framework: LevelsFramework, input: CriterionLevels): Normalised {
  const levels: Record<string, number> = {};
  const unassessed = new Set<string>();
  for (const c of allCriteria(framework)) {
    const value = input[c.code];
    if (value === null || value === undefined) {
      levels[c.code] = 0;
      unassessed.add(c.code);
      continue;
    }
    if (!Number.isInteger(value) || value < 0 || value > framework.maxLevel) {
      throw new RangeError(
        `Tiêu chí ${c.code}: mức phải là số nguyên từ 0 đến ${framework.maxLevel} (nhận được ${String(value)})`,
      );
    }
    levels[c.code] = value;
  }
  return { levels, unassessed };
}

function currentText(framework: LevelsFramework, n: Normalised, code: string): string {
  return n.unassessed.has(code) ? 'chưa đánh giá' : `hiện ${levelLabel(framework, n.levels[code]!)}`;
}

function tt57Blockers(framework: LevelsFramework, n: Normalised, target: number): Blocker[] {
  const rule = framework.levelRule;
  if (rule.type !== 'mandatory-quota') return [];
  const criteria = allCriteria(framework);
  const mandatory = criteria.filter((c) => c.mandatory);
  const others = criteria.filter((c) => !c.mandatory);
  const targetLabel = levelLabel(framework, target);
  const blockers: Blocker[] = [];
  for (const c of mandatory) {
    if (n.levels[c.code]! < target) {
      blockers.push({
        kind: 'mandatory',
        targetLevel: target,
        code: c.code,
        current: n.unassessed.has(c.code) ? null : n.levels[c.code]!,
        required: target,
        message: `${c.code} (bắt buộc) cần ${targetLabel}, ${currentText(framework, n, c.code)}`,
      });
    }
  }
  const reaching = others.filter((c) => n.levels[c.code]! >= target).length;
  if (reaching < rule.othersQuota) {
    const candidates = others
      .filter((c) => n.levels[c.code]! < target)
      .sort((a, b) => n.levels[b.code]! - n.levels[a.code]!)
      .map((c) => c.code);
    blockers.push({
      kind: 'quota',
      targetLevel: target,
      count: reaching,
      of: others.length,
      required: rule.othersQuota,
      candidates,
      message:
        `${reaching}/${others.length} tiêu chí không bắt buộc đạt ${targetLabel}, cần ít nhất ${rule.othersQuota} ` +
        `(thiếu ${rule.othersQuota - reaching}; có thể nâng: ${candidates.join(', ')})`,
    });
  }
  const floor = rule.othersFloor[String(target)];
  if (floor !== undefined) {
    for (const c of others) {
      if (n.levels[c.code]! < floor) {
        blockers.push({
          kind: 'floor',
          targetLevel: target,
          code: c.code,
          current: n.unassessed.has(c.code) ? null : n.levels[c.code]!,
          required: floor,
          message: `${c.code} cần tối thiểu ${levelLabel(framework, floor)}, ${currentText(framework, n, c.code)}`,
        });
      }
    }
  }
  return blockers;
}

function legacyBlockers(framework: LevelsFramework, n: Normalised, target: number, options: SchoolLevelOptions): Blocker[] {
  if (target <= framework.maxLevel) {
    return allCriteria(framework)
      .filter((c: Criterion) => n.levels[c.code]! < target)
      .map((c) => ({
        kind: 'criterion' as const,
        targetLevel: target,
        code: c.code,
        current: n.unassessed.has(c.code) ? null : n.levels[c.code]!,
        required: target,
        message: `${c.code} cần ${levelLabel(framework, target)}, ${currentText(framework, n, c.code)}`,
      }));
  }
  const blockers: Blocker[] = [];
  for (const clause of framework.level4Clauses) {
    const state = requirementState(options.level4?.[clause.code], options.requireBacking);
    if (state === 'met') continue;
    const why = state === 'not-met' ? 'chưa đạt' : state === 'unbacked' ? 'chưa có mô tả và minh chứng' : 'chưa đánh giá';
    blockers.push({ kind: 'level4', targetLevel: target, code: clause.code, message: `${clause.article} (Mức 4): ${why}` });
  }
  return blockers;
}

/** Highest level a school of this framework can reach (legacy: Mức 4 above the criterion levels). */
export function schoolTopLevel(framework: LevelsFramework): number {
  return framework.levelRule.type === 'all-criteria' ? framework.maxLevel + 1 : framework.maxLevel;
}

function blockersFor(framework: LevelsFramework, n: Normalised, target: number, options: SchoolLevelOptions): Blocker[] {
  return framework.levelRule.type === 'mandatory-quota'
    ? tt57Blockers(framework, n, target)
    : legacyBlockers(framework, n, target, options);
}

/**
 * Blocker messages for the explanation, with runs of same-shaped criterion blockers merged
 * ("1.3, 1.4, 2.1 (bắt buộc) cần Mức 2, hiện Mức 1") so a school that is far off gets one line
 * per kind of gap instead of fifteen.
 */
export function compactBlockers(framework: LevelsFramework, blockers: readonly Blocker[]): string[] {
  const out: string[] = [];
  const groups = new Map<string, { codes: string[]; index: number; blocker: Blocker }>();
  for (const b of blockers) {
    const perCriterion = (b.kind === 'mandatory' || b.kind === 'floor' || b.kind === 'criterion') && b.code !== undefined;
    if (!perCriterion) {
      out.push(b.message);
      continue;
    }
    const key = `${b.kind}|${b.required}|${b.current === null ? 'null' : b.current}`;
    const group = groups.get(key);
    if (group) group.codes.push(b.code!);
    else {
      groups.set(key, { codes: [b.code!], index: out.length, blocker: b });
      out.push(b.message);
    }
  }
  for (const { codes, index, blocker } of groups.values()) {
    if (codes.length === 1) continue;
    const current =
      blocker.current === null || blocker.current === undefined
        ? 'chưa đánh giá'
        : `hiện ${levelLabel(framework, blocker.current)}`;
    const need =
      blocker.kind === 'floor'
        ? `cần tối thiểu ${levelLabel(framework, blocker.required!)}`
        : `cần ${levelLabel(framework, blocker.required!)}`;
    out[index] = `${codes.join(', ')}${blocker.kind === 'mandatory' ? ' (bắt buộc)' : ''} ${need}, ${current}`;
  }
  return out;
}

export function explainSchoolLevel(
  framework: LevelsFramework,
  result: Pick<SchoolLevelResult, 'schoolLevel' | 'nextLevel' | 'blockers' | 'unassessed'>,
): string {
  const parts: string[] = [];
  parts.push(
    result.schoolLevel === 0
      ? `Kết quả: ${levelLabel(framework, 0)} (chưa đạt ${levelLabel(framework, 1)}).`
      : `Kết quả: đạt ${levelLabel(framework, result.schoolLevel)}.`,
  );
  if (result.nextLevel === null) {
    parts.push('Đây là mức cao nhất của khung đánh giá.');
  } else {
    parts.push(`Để đạt ${levelLabel(framework, result.nextLevel)}: ${compactBlockers(framework, result.blockers).join('; ')}.`);
  }
  if (result.unassessed.length > 0) {
    parts.push(`Chưa có kết quả (tính là chưa đạt): ${result.unassessed.join(', ')}.`);
  }
  return parts.join(' ');
}

/**
 * The school's level from criterion levels (0 = not met; absent = not assessed, counted as 0
 * and reported). Levels are checked upwards and the first level whose conditions fail stops
 * the climb, so a school never skips a level.
 */
export function schoolLevel(
  framework: LevelsFramework,
  criterionLevels: CriterionLevels,
  options: SchoolLevelOptions = {},
): SchoolLevelResult {
  const n = normalise(framework, criterionLevels);
  const top = schoolTopLevel(framework);
  let level = 0;
  let blockers: Blocker[] = [];
  for (let target = 1; target <= top; target++) {
    blockers = blockersFor(framework, n, target, options);
    if (blockers.length > 0) break;
    level = target;
  }
  const nextLevel = level < top ? level + 1 : null;
  if (nextLevel === null) blockers = [];
  const unassessed = allCriteria(framework)
    .map((c) => c.code)
    .filter((code) => n.unassessed.has(code));
  const partial = { schoolLevel: level, nextLevel, blockers, unassessed };
  return {
    frameworkId: framework.id,
    schoolLevel: level,
    schoolLevelLabel: levelLabel(framework, level),
    nextLevel,
    criteria: n.levels,
    unassessed,
    blockers,
    explanation: explainSchoolLevel(framework, partial),
  };
}
