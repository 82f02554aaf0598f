/**
 * Points-based frameworks (QĐ 4725 digital-transformation index): each group is scored out of
 * its maxScore, a group's level comes from the thresholds, an unmet mandatory precondition caps
 * its group, and the school's level combines the groups (minimum — see aggregateRule).
 */
import type { PointsFramework, PointsThreshold } from '../frameworks/framework.schema';
import { levelLabel } from '../frameworks/lookup';
import type { Blocker } from './types';

/** item code → points (scored items) or met/not met (mandatory preconditions; 1/0 accepted). */
export type PointsInput = Readonly<Record<string, number | boolean | null | undefined>>;

export interface PointsGroupResult {
  code: string;
  title: string;
  score: number;
  maxScore: number;
  /** Points the file's items can give; below maxScore when the reference lacks items. */
  listedMaxScore: number;
  missingPoints: number;
  level: number;
  levelLabel: string;
  /** Level from the score alone, before the mandatory cap. */
  scoreLevel: number;
  mandatoryUnmet: string[];
  mandatoryPending: string[];
  unscored: string[];
}

export interface PointsResult {
  frameworkId: string;
  schoolLevel: number;
  schoolLevelLabel: string;
  nextLevel: number | null;
  groups: PointsGroupResult[];
  blockers: Blocker[];
  /** True when the framework's item list is known to be incomplete. */
  incomplete: boolean;
  explanation: string;
}

function reaches(t: PointsThreshold, score: number): boolean {
  return t.inclusive ? score >= t.minScore : score > t.minScore;
}

export function levelForScore(framework: PointsFramework, score: number): number {
  return framework.thresholds.filter((t) => reaches(t, score)).reduce((m, t) => Math.max(m, t.level), 0);
}

function thresholdText(t: PointsThreshold): string {
  return t.inclusive ? `từ ${t.minScore} điểm` : `trên ${t.minScore} điểm`;
}

function metValue(value: number | boolean | null | undefined): boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value;
  return value > 0;
}

export function pointsResult(framework: PointsFramework, items: PointsInput): PointsResult {
  const groups: PointsGroupResult[] = framework.groups.map((group) => {
    let score = 0;
    const mandatoryUnmet: string[] = [];
    const mandatoryPending: string[] = [];
    const unscored: string[] = [];
    for (const item of group.items) {
      const value = items[item.code];
      if (item.mandatory) {
        const met = metValue(value);
        if (met === null) mandatoryPending.push(item.code);
        else if (!met) mandatoryUnmet.push(item.code);
        continue;
      }
      if (value === null || value === undefined) {
        unscored.push(item.code);
        continue;
      }
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > item.maxPoints) {
        throw new RangeError(`Chỉ số ${item.code}: điểm phải là số từ 0 đến ${item.maxPoints} (nhận được ${String(value)})`);
      }
      score += value;
    }
    const scoreLevel = levelForScore(framework, score);
    // An unjudged precondition is treated like an unmet one: the app never grants a level on a guess.
    const capped = mandatoryUnmet.length + mandatoryPending.length > 0;
    const level = capped ? Math.min(scoreLevel, framework.mandatoryRule.cappedLevel) : scoreLevel;
    return {
      code: group.code,
      title: group.title,
      score,
      maxScore: group.maxScore,
      listedMaxScore: group.items.reduce((s, i) => s + i.maxPoints, 0),
      missingPoints: group.missingPoints,
      level,
      levelLabel: levelLabel(framework, level),
      scoreLevel,
      mandatoryUnmet,
      mandatoryPending,
      unscored,
    };
  });

  const schoolLevel = Math.min(...groups.map((g) => g.level));
  const nextLevel = schoolLevel < framework.maxLevel ? schoolLevel + 1 : null;
  const blockers: Blocker[] = [];
  if (nextLevel !== null) {
    const threshold = framework.thresholds.find((t) => t.level === nextLevel)!;
    for (const g of groups) {
      if (g.level >= nextLevel) continue;
      for (const code of g.mandatoryUnmet) {
        blockers.push({
          kind: 'precondition',
          targetLevel: nextLevel,
          code,
          message: `Chỉ số ${code} (điều kiện bắt buộc) chưa đáp ứng`,
        });
      }
      for (const code of g.mandatoryPending) {
        blockers.push({
          kind: 'precondition',
          targetLevel: nextLevel,
          code,
          message: `Chỉ số ${code} (điều kiện bắt buộc) chưa đánh giá`,
        });
      }
      if (!reaches(threshold, g.score)) {
        const gap = threshold.inclusive ? threshold.minScore - g.score : threshold.minScore - g.score + 1;
        const listedNote =
          g.missingPoints > 0 && !reaches(threshold, g.listedMaxScore)
            ? ` — các chỉ số có trong dữ liệu chỉ cho tối đa ${g.listedMaxScore} điểm (thiếu ${g.missingPoints} điểm chưa có nguồn)`
            : '';
        blockers.push({
          kind: 'group',
          targetLevel: nextLevel,
          code: g.code,
          current: g.score,
          required: threshold.minScore,
          message: `Nhóm ${g.code} (${g.title}): ${g.score}/${g.maxScore} điểm, cần ${thresholdText(threshold)} (thiếu ít nhất ${gap})${listedNote}`,
        });
      }
    }
  }
  const incomplete = !framework.complete;
  const explanation = [
    `Kết quả: ${levelLabel(framework, schoolLevel)}.`,
    `Điểm: ${groups.map((g) => `nhóm ${g.code} ${g.score}/${g.maxScore} (${g.levelLabel})`).join('; ')}.`,
    nextLevel !== null
      ? `Để đạt ${levelLabel(framework, nextLevel)}: ${blockers.map((b) => b.message).join('; ')}.`
      : 'Đây là mức cao nhất.',
    incomplete ? 'Lưu ý: danh mục chỉ số trong dữ liệu chưa đầy đủ so với văn bản gốc; kết quả chỉ để tham khảo.' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return {
    frameworkId: framework.id,
    schoolLevel,
    schoolLevelLabel: levelLabel(framework, schoolLevel),
    nextLevel,
    groups,
    blockers,
    incomplete,
    explanation,
  };
}
