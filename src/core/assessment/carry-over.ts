/**
 * Starting a year from last year's (kế thừa): what is copied, and how it is marked.
 *
 * - Descriptions and judgments of each requirement are copied only when both years use the same
 *   framework (criterion codes mean the same thing); they are marked "cần xác nhận lại" and count
 *   for nothing until someone confirms them (see gating.ts `engineValue`).
 * - Plan tasks are copied with their dates moved by the number of years between the two, reset
 *   to "chưa làm", and marked to confirm.
 * - Improvement-plan rows not done yet are copied (with their focus issues) and marked; rows
 *   done stay in last year's plan, which the new year still shows.
 * - Evidence links are never copied: the new year gets a list of offers (last year's evidence
 *   per criterion, with its validity today) and accepts the ones that still apply.
 */
import type { Judgment } from './gating';
import { parseSchoolYear, shiftDate } from './school-year';

export interface CarryOverPlan {
  /** Same framework: requirement descriptions and judgments can be copied. */
  copyRequirements: boolean;
  /** Whole years between the previous and the new school year. */
  yearShift: number;
  /** Why requirements are not copied (null when they are). */
  note: string | null;
}

export function planCarryOver(
  previous: { schoolYear: string; frameworkId: string; educationLevel: string },
  next: { schoolYear: string; frameworkId: string; educationLevel: string },
): CarryOverPlan {
  const a = parseSchoolYear(previous.schoolYear);
  const b = parseSchoolYear(next.schoolYear);
  if (a === null || b === null) throw new Error('Năm học không hợp lệ');
  if (previous.educationLevel !== next.educationLevel) {
    throw new Error('Chỉ kế thừa được đợt tự đánh giá của cùng cấp học.');
  }
  if (b <= a) throw new Error(`Chỉ kế thừa được từ năm học trước ${next.schoolYear} (đã chọn ${previous.schoolYear}).`);
  const same = previous.frameworkId === next.frameworkId;
  return {
    copyRequirements: same,
    yearShift: b - a,
    note: same
      ? null
      : 'Hai năm học dùng hai khung đánh giá khác nhau nên không chuyển mô tả hiện trạng và kết quả đánh giá; chỉ chuyển kế hoạch và kế hoạch cải tiến chưa hoàn thành.',
  };
}

export function carryRequirement(prev: { description: string; judgment: Judgment }): {
  description: string;
  judgment: Judgment;
  carriedOver: true;
} {
  return { description: prev.description, judgment: prev.judgment, carriedOver: true };
}

export function carryDates<T extends { startDate: string | null; dueDate: string | null }>(row: T, years: number): T {
  return { ...row, startDate: shiftDate(row.startDate, years), dueDate: shiftDate(row.dueDate, years) };
}

export const IMPROVEMENT_PROGRESS = ['not_started', 'in_progress', 'done', 'not_done'] as const;
export type ImprovementProgress = (typeof IMPROVEMENT_PROGRESS)[number];

export const IMPROVEMENT_PROGRESS_LABELS: Readonly<Record<ImprovementProgress, string>> = {
  not_started: 'Chưa thực hiện',
  in_progress: 'Đang thực hiện',
  done: 'Hoàn thành',
  not_done: 'Chưa hoàn thành',
};

/** Improvement rows still open at the end of the year go on to the next one. */
export function carriesImprovementItem(progress: ImprovementProgress): boolean {
  return progress !== 'done';
}
