/**
 * School years ("năm học") as the app writes them: "2026-2027", September to summer. Dates are
 * ISO strings (YYYY-MM-DD) so every rule stays pure and time-zone free.
 */
import { addYears } from '../frameworks/time-rules';

export const SCHOOL_YEAR_PATTERN = /^(\d{4})-(\d{4})$/;

/** The start year of "2026-2027", or null when the text is not a school year. */
export function parseSchoolYear(text: string): number | null {
  const m = SCHOOL_YEAR_PATTERN.exec(text.trim());
  if (!m) return null;
  const a = Number(m[1]);
  const b = Number(m[2]);
  return b === a + 1 && a >= 1990 && a <= 2200 ? a : null;
}

export function schoolYearOf(startYear: number): string {
  return `${startYear}-${startYear + 1}`;
}

export function shiftSchoolYear(schoolYear: string, years: number): string {
  const start = parseSchoolYear(schoolYear);
  if (start === null) throw new Error(`Năm học không hợp lệ: "${schoolYear}"`);
  return schoolYearOf(start + years);
}

/** The first day of the school year (used to pick the framework in force). */
export function schoolYearStartDate(schoolYear: string): string {
  const start = parseSchoolYear(schoolYear);
  if (start === null) throw new Error(`Năm học không hợp lệ: "${schoolYear}"`);
  return `${start}-09-01`;
}

/** The same calendar date `years` later (29/02 → 28/02). */
export function shiftDate(iso: string | null, years: number): string | null {
  return iso === null ? null : addYears(iso, years);
}

/** The day before an ISO date ("trước ngày 15/6" → 14/6). */
export function dayBefore(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d) - 86_400_000);
  return t.toISOString().slice(0, 10);
}

/** The school-year-relative date of a month/day (September…December in the start year, the rest in the next). */
export function dateInSchoolYear(schoolYear: string, month: number, day: number): string {
  const start = parseSchoolYear(schoolYear);
  if (start === null) throw new Error(`Năm học không hợp lệ: "${schoolYear}"`);
  const year = month >= 9 ? start : start + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
