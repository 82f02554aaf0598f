import {
  EDUCATION_LEVEL_LABELS,
  EDUCATION_LEVELS,
  type EducationLevel,
  type LevelsFramework,
} from '../frameworks/framework.schema';
import { levelLabel } from '../frameworks/lookup';
import { compactBlockers, schoolLevel, type SchoolLevelOptions } from './school-level';
import type { Blocker, CriterionLevels, Level4Judgments, SchoolLevelResult } from './types';

export interface EducationLevelInput {
  criteria: CriterionLevels;
  level4?: Level4Judgments;
}

export interface MultiLevelResult {
  frameworkId: string;
  schoolLevel: number;
  schoolLevelLabel: string;
  /** Education levels whose result sets the school's level. */
  limiting: string[];
  perLevel: Record<string, SchoolLevelResult>;
  /** Blockers of the limiting education levels, tagged with their education level. */
  blockers: Blocker[];
  rule: LevelsFramework['multiLevelRule'];
  explanation: string;
}

function educationLevelName(code: string): string {
  return (EDUCATION_LEVELS as readonly string[]).includes(code) ? EDUCATION_LEVEL_LABELS[code as EducationLevel] : code;
}

/**
 * Multi-level schools (e.g. TH + THCS) are assessed per education level; the school's level is
 * the lowest of them. That is the app's rule (framework.multiLevelRule, graded [I]) until the
 * circular's own text is found.
 */
export function assessMultiLevel(
  framework: LevelsFramework,
  perLevel: Readonly<Record<string, EducationLevelInput>>,
  options: Omit<SchoolLevelOptions, 'level4'> = {},
): MultiLevelResult {
  const entries = Object.entries(perLevel);
  if (entries.length === 0) throw new Error('Trường nhiều cấp học: cần kết quả của ít nhất một cấp học');
  const results: Record<string, SchoolLevelResult> = {};
  for (const [edu, input] of entries) {
    results[edu] = schoolLevel(framework, input.criteria, { ...options, ...(input.level4 ? { level4: input.level4 } : {}) });
  }
  const min = Math.min(...Object.values(results).map((r) => r.schoolLevel));
  const limiting = entries.map(([edu]) => edu).filter((edu) => results[edu]!.schoolLevel === min);
  const blockers = limiting.flatMap((edu) => results[edu]!.blockers.map((b) => ({ ...b, educationLevel: edu })));
  const summary = entries.map(([edu]) => `${educationLevelName(edu)}: ${results[edu]!.schoolLevelLabel}`).join('; ');
  const nextParts = limiting
    .filter((edu) => results[edu]!.nextLevel !== null)
    .map((edu) => `${educationLevelName(edu)} — ${compactBlockers(framework, results[edu]!.blockers).join('; ')}`);
  const explanation =
    `Trường nhiều cấp học (${summary}). Mức của trường là mức thấp nhất: ${levelLabel(framework, min)} ` +
    `(quy tắc của ứng dụng, chưa thấy trong văn bản).` +
    (nextParts.length > 0 ? ` Để đạt ${levelLabel(framework, min + 1)}: ${nextParts.join(' | ')}.` : '');
  return {
    frameworkId: framework.id,
    schoolLevel: min,
    schoolLevelLabel: levelLabel(framework, min),
    limiting,
    perLevel: results,
    blockers,
    rule: framework.multiLevelRule,
    explanation,
  };
}
