/**
 * Money as schools type it. Results are always integer VND (TT 141/2025 art. 5(1)): a fractional
 * amount is refused rather than silently rounded, except float noise from Excel formulas
 * (12000000.0000001).
 *
 * Accepted: 12000000 · "12000000" · "12.000.000" · "12,000,000 đ" · "12 000 000 VNĐ" ·
 * "1.234.567,00" · "1,234,567.00" · "-500.000" · "(500.000)" (accounting negative).
 * A single separator followed by exactly three digits is a thousands separator ("12.000" is
 * twelve thousand); other single separators are decimals and must be zero ("12,00").
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const CURRENCY = /(vn[dđ]|đồng|dong|đ|d)\.?$/iu;
const SPACES = /[\s\u00a0\u202f\u2009']/g;

function fail(input: unknown, why: string): Parsed<number> {
  return { ok: false, error: `Số tiền không hợp lệ "${String(input)}": ${why}` };
}

export function parseVnd(input: string | number | null | undefined): Parsed<number> {
  if (input === null || input === undefined) return { ok: false, error: 'Chưa nhập số tiền' };
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return fail(input, 'không phải là số');
    const r = Math.round(input);
    if (Math.abs(input - r) > Math.max(1e-6, Math.abs(input) * 1.6e-14))
      return fail(input, 'có phần lẻ thập phân (VNĐ không có đơn vị nhỏ hơn đồng)');
    if (!Number.isSafeInteger(r)) return fail(input, 'quá lớn');
    return { ok: true, value: r === 0 ? 0 : r };
  }
  let s = input.normalize('NFC').trim();
  if (s === '') return { ok: false, error: 'Chưa nhập số tiền' };
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  s = s.replace(SPACES, '');
  s = s.replace(CURRENCY, '');
  if (s.startsWith('-')) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.startsWith('+')) s = s.slice(1);
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return fail(input, 'chỉ được gồm chữ số, dấu chấm, dấu phẩy và "đ"/"VNĐ"');

  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let intPart: string;
  let fracPart = '';
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? '.' : ',';
    const thousands = decimal === '.' ? ',' : '.';
    const at = s.lastIndexOf(decimal);
    intPart = s.slice(0, at);
    fracPart = s.slice(at + 1);
    if (fracPart.includes(thousands) || intPart.includes(decimal)) return fail(input, 'dấu phân cách không nhất quán');
    if (!/^\d{1,3}(\.\d{3})*$|^\d{1,3}(,\d{3})*$/.test(intPart)) return fail(input, 'nhóm hàng nghìn phải có đúng 3 chữ số');
    intPart = intPart.replace(/[.,]/g, '');
  } else if (lastDot >= 0 || lastComma >= 0) {
    const sep = lastDot >= 0 ? '.' : ',';
    const parts = s.split(sep);
    if (parts.length > 2) {
      if (!parts.slice(1).every((p) => p.length === 3) || parts[0]!.length === 0 || parts[0]!.length > 3) {
        return fail(input, 'nhóm hàng nghìn phải có đúng 3 chữ số');
      }
      intPart = parts.join('');
    } else if (parts[1]!.length === 3 && parts[0]!.length >= 1 && parts[0]!.length <= 3 && parts[0] !== '0') {
      intPart = parts.join('');
    } else {
      intPart = parts[0]!;
      fracPart = parts[1]!;
      if (intPart === '') intPart = '0';
    }
  } else {
    intPart = s;
  }
  if (fracPart !== '' && !/^0+$/.test(fracPart)) return fail(input, 'có phần lẻ thập phân (VNĐ không có đơn vị nhỏ hơn đồng)');
  if (!/^\d+$/.test(intPart)) return fail(input, 'không đọc được phần nguyên');
  const value = Number(intPart);
  if (!Number.isSafeInteger(value)) return fail(input, 'quá lớn');
  return { ok: true, value: negative && value !== 0 ? -value : value };
}

/** 12000000 → "12.000.000"; −500000 → "-500.000". Integers only. */
export function formatVnd(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`formatVnd cần số nguyên VNĐ (nhận ${n})`);
  const digits = Math.abs(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return n < 0 ? `-${digits}` : digits;
}

/**
 * Share of an integer amount, rounded half-up, such that shares of the whole add up exactly:
 * allocate(1000, 1, 3) = 333, allocate(1000, 3, 3) = 1000.
 */
export function proportionVnd(totalVnd: number, part: number, whole: number): number {
  if (!Number.isSafeInteger(totalVnd)) throw new RangeError('proportionVnd cần số nguyên VNĐ');
  if (whole === 0 || part === 0 || totalVnd === 0) return 0;
  if (part === whole) return totalVnd;
  const n = totalVnd * part;
  if (Number.isSafeInteger(n) && Number.isSafeInteger(whole) && whole > 0) {
    // Exact on doubles: n and whole are integers below 2^53.
    const an = Math.abs(n);
    let q = Math.floor(an / whole);
    let r = an - q * whole;
    if (r < 0) {
      q -= 1;
      r += whole;
    } else if (r >= whole) {
      q += 1;
      r -= whole;
    }
    if (2 * r >= whole) q += 1;
    return n < 0 ? -q : q;
  }
  const num = BigInt(totalVnd) * BigInt(part);
  const den = BigInt(whole);
  const sign = num < 0n !== den < 0n ? -1n : 1n;
  const an = num < 0n ? -num : num;
  const ad = den < 0n ? -den : den;
  let q = an / ad;
  if (2n * (an % ad) >= ad) q += 1n;
  return Number(sign * q);
}
