/**
 * Dates as schools type them, stored as ISO `yyyy-mm-dd`.
 * Accepted: "dd/mm/yyyy", "d/m/yyyy" (also with "-" or "."), "yyyy-mm-dd" (optionally followed by
 * a time), Excel serial numbers (1900 date system, as a number or a 5-digit string) and Date
 * objects (read in UTC: spreadsheet readers such as exceljs give date cells as UTC midnight).
 * Day-first always: "03/04/2024" is 3 April 2024.
 */
import type { Parsed } from './money';

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;
/** Excel serial of 9999-12-31, the last day Excel knows. */
const MAX_SERIAL = 2_958_465;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function fail(input: unknown, why: string): Parsed<string> {
  return { ok: false, error: `Ngày không hợp lệ "${String(input)}": ${why}` };
}

function fromParts(input: unknown, y: number, m: number, d: number): Parsed<string> {
  if (y < MIN_YEAR || y > MAX_YEAR) return fail(input, `năm phải từ ${MIN_YEAR} đến ${MAX_YEAR}`);
  if (m < 1 || m > 12) return fail(input, 'tháng phải từ 1 đến 12');
  if (d < 1 || d > daysInMonth(y, m)) return fail(input, `tháng ${m}/${y} không có ngày ${d}`);
  return { ok: true, value: `${pad(y, 4)}-${pad(m)}-${pad(d)}` };
}

/** Excel 1900 system: serial 1 = 1900-01-01; serial 60 is Lotus's phantom 29/02/1900. */
export function excelSerialToIso(serial: number): Parsed<string> {
  const whole = Math.floor(serial);
  if (!Number.isFinite(serial) || whole < 1 || whole > MAX_SERIAL) return fail(serial, 'số ngày kiểu Excel nằm ngoài phạm vi');
  if (whole === 60) return fail(serial, 'ngày 29/02/1900 không tồn tại');
  const base = whole < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const date = new Date(base + whole * 86_400_000);
  return fromParts(serial, date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

export function parseVnDate(input: string | number | Date | null | undefined): Parsed<string> {
  if (input === null || input === undefined) return { ok: false, error: 'Chưa nhập ngày' };
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) return fail(input, 'không phải là ngày');
    return fromParts(input.toISOString(), input.getUTCFullYear(), input.getUTCMonth() + 1, input.getUTCDate());
  }
  if (typeof input === 'number') return excelSerialToIso(input);
  const s = input.normalize('NFC').trim();
  if (s === '') return { ok: false, error: 'Chưa nhập ngày' };
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s].*)?$/.exec(s);
  if (m) return fromParts(input, Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2,4})(?:\s+.*)?$/.exec(s);
  if (m) {
    if (m[3]!.length !== 4) return fail(input, 'năm phải có đủ 4 chữ số (ví dụ 15/09/2024)');
    return fromParts(input, Number(m[3]), Number(m[2]), Number(m[1]));
  }
  if (/^\d{5}(\.\d+)?$/.test(s)) return excelSerialToIso(Number(s));
  return fail(input, 'cần dạng ngày/tháng/năm, ví dụ 15/09/2024');
}

/** "2024-09-15" → "15/09/2024". */
export function formatVnDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`formatVnDate cần ngày dạng yyyy-mm-dd (nhận "${iso}")`);
  return `${m[3]}/${m[2]}/${m[1]}`;
}

/** ISO date + n calendar days (n may be negative). */
export function addDays(iso: string, days: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`addDays cần ngày dạng yyyy-mm-dd (nhận "${iso}")`);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) + days * 86_400_000);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** ISO date + n years; 29/02 falls back to 28/02 in a non-leap year. */
export function addYears(iso: string, years: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`addYears cần ngày dạng yyyy-mm-dd (nhận "${iso}")`);
  const y = Number(m[1]) + years;
  const mo = Number(m[2]);
  const d = Math.min(Number(m[3]), daysInMonth(y, mo));
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
}
