import type { LevelsFramework } from '../frameworks/framework.schema';
import { findCriterion, levelLabel } from '../frameworks/lookup';
import { schoolLevel, type SchoolLevelOptions } from './school-level';
import type { CriterionLevels, Level4Judgments, SchoolLevelResult } from './types';

export interface WhatIfChange {
  code: string;
  from: number | null;
  to: number;
}

export interface WhatIfResult {
  before: SchoolLevelResult;
  after: SchoolLevelResult;
  changes: WhatIfChange[];
  /** after.schoolLevel − before.schoolLevel. */
  delta: number;
  explanation: string;
}

/**
 * The school level if some criteria were at other levels (and, for legacy frameworks, some
 * Mức 4 clauses judged differently) — for planning which improvements matter.
 */
export function whatIf(
  framework: LevelsFramework,
  criterionLevels: CriterionLevels,
  changes: CriterionLevels,
  options: SchoolLevelOptions & { level4Changes?: Level4Judgments } = {},
): WhatIfResult {
  const applied: WhatIfChange[] = [];
  const next: Record<string, number | null | undefined> = { ...criterionLevels };
  for (const [code, to] of Object.entries(changes)) {
    if (!findCriterion(framework, code)) throw new Error(`Giả định: không có tiêu chí "${code}" trong khung ${framework.id}`);
    if (to === null || to === undefined || !Number.isInteger(to) || to < 0 || to > framework.maxLevel) {
      throw new RangeError(`Giả định: tiêu chí ${code} phải có mức là số nguyên từ 0 đến ${framework.maxLevel}`);
    }
    applied.push({ code, from: criterionLevels[code] ?? null, to });
    next[code] = to;
  }
  const { level4Changes, ...base } = options;
  const before = schoolLevel(framework, criterionLevels, base);
  const after = schoolLevel(framework, next, { ...base, level4: { ...base.level4, ...level4Changes } });
  const described = applied
    .map((c) => `${c.code} ${c.from === null ? 'chưa đánh giá' : levelLabel(framework, c.from)} → ${levelLabel(framework, c.to)}`)
    .join(', ');
  const l4 = Object.keys(level4Changes ?? {});
  const what = [described, l4.length > 0 ? `Mức 4 khoản ${l4.join(', ')} thay đổi` : ''].filter(Boolean).join('; ');
  const outcome =
    after.schoolLevel === before.schoolLevel
      ? `vẫn ${levelLabel(framework, after.schoolLevel)}`
      : `${levelLabel(framework, before.schoolLevel)} → ${levelLabel(framework, after.schoolLevel)}`;
  return {
    before,
    after,
    changes: applied,
    delta: after.schoolLevel - before.schoolLevel,
    explanation: `Nếu ${what || 'không thay đổi gì'}: ${outcome}. ${after.explanation}`,
  };
}
