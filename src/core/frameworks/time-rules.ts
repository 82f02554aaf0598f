/**
 * Date arithmetic for the framework time rules (validity, wait before the next degree, yearly
 * calendar). Dates are ISO `YYYY-MM-DD` strings so the rules stay pure and time-zone free.
 */
import type { CalendarEntry, TimeRules } from './framework.schema';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(iso: string): [number, number, number] {
  const m = ISO.exec(iso);
  if (!m) throw new Error(`Ngày không hợp lệ (cần dạng YYYY-MM-DD): "${iso}"`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function format(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Adds calendar months; the 29–31st clamp to the end of a shorter month (29/02 + 1 year → 28/02). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = parts(iso);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return format(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export function addYears(iso: string, years: number): string {
  return addMonths(iso, years * 12);
}

/**
 * Last day a certificate is valid. "Có giá trị 05 năm kể từ ngày ký": the signing day is not
 * counted and a period in years ends with the corresponding day of its last year (Bộ luật Dân
 * sự 2015, Điều 147–148 — our reading, [I]), so the answer is the anniversary itself.
 */
export function certificateExpiry(rules: TimeRules, issuedOn: string): string | null {
  if (rules.validityYears === null) return null;
  return addYears(issuedOn, rules.validityYears);
}

/** First day the school may apply for the next degree (or a higher accreditation level). */
export function earliestNextDegreeDate(rules: TimeRules, recognizedOn: string): string | null {
  if (rules.waitBeforeNextDegreeYears === null) return null;
  return addYears(recognizedOn, rules.waitBeforeNextDegreeYears);
}

/** Last day to register for re-assessment before a certificate expiring on `expiresOn`. */
export function renewalDeadline(rules: TimeRules, expiresOn: string): string | null {
  if (rules.renewBeforeExpiryMonths === null) return null;
  return addMonths(expiresOn, -rules.renewBeforeExpiryMonths);
}

/**
 * The school year a date falls in, as its starting calendar year. Vietnamese school years run
 * from September to the following summer; a date before September belongs to the year that
 * started the previous autumn.
 */
export function schoolYearStart(iso: string): number {
  const [y, m] = parts(iso);
  return m >= 9 ? y : y - 1;
}

export function schoolYearLabel(startYear: number): string {
  return `${startYear}-${startYear + 1}`;
}

export interface CalendarDate extends CalendarEntry {
  date: string;
}

/** The calendar entries of one school year ("2026-2027" or its start year), with real dates. */
export function calendarForSchoolYear(rules: TimeRules, schoolYear: number | string): CalendarDate[] {
  const start = typeof schoolYear === 'number' ? schoolYear : Number(/^(\d{4})/.exec(schoolYear)?.[1]);
  if (!Number.isInteger(start)) throw new Error(`Năm học không hợp lệ: "${schoolYear}"`);
  return rules.calendar
    .map((entry) => {
      const year = entry.month >= 9 ? start : start + 1;
      return { ...entry, date: format(year, entry.month, Math.min(entry.day, daysInMonth(year, entry.month))) };
    })
    .sort((a, b) => a.date.localeCompare(b.date));
}

/** Calendar deadlines not yet past on `today`, nearest first. */
export function upcomingDeadlines(rules: TimeRules, today: string): CalendarDate[] {
  const start = schoolYearStart(today);
  return [...calendarForSchoolYear(rules, start), ...calendarForSchoolYear(rules, start + 1)].filter((e) => e.date >= today);
}
