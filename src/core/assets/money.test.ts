import { describe, expect, it } from 'vitest';
import { formatVnd, parseVnd, proportionVnd } from './money';

describe('parseVnd — what schools type', () => {
  it.each([
    ['12.000.000', 12_000_000],
    ['12,000,000 đ', 12_000_000],
    ['12 000 000 VNĐ', 12_000_000],
    ['12\u00a0000\u00a0000 VND', 12_000_000],
    ['12000000', 12_000_000],
    [12_000_000, 12_000_000],
    ['1.234.567,00', 1_234_567],
    ['1,234,567.00', 1_234_567],
    ['12.000.000đ', 12_000_000],
    ['12.000.000 đồng', 12_000_000],
    ['12.000', 12_000],
    ['12,000', 12_000],
    ['500', 500],
    ['12000000,00', 12_000_000],
    ['0', 0],
    ['-500.000', -500_000],
    ['(500.000)', -500_000],
    ['+1.000', 1_000],
    [12_000_000.0000001, 12_000_000],
    [0, 0],
  ] as const)('%j → %i', (input, expected) => {
    expect(parseVnd(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['12,5', 'phần lẻ'],
    ['1.5', 'phần lẻ'],
    ['1.234.567,89', 'phần lẻ'],
    [12_000_000.5, 'phần lẻ'],
    ['12.00.000', 'nhóm hàng nghìn'],
    ['1.234,567.00', 'không nhất quán'],
    ['12 triệu', 'chỉ được gồm'],
    ['abc', 'chỉ được gồm'],
    ['', 'Chưa nhập'],
    ['   ', 'Chưa nhập'],
    [Number.NaN, 'không phải là số'],
    ['99999999999999999999', 'quá lớn'],
  ] as const)('%j is refused (%s)', (input, why) => {
    const r = parseVnd(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(why);
  });

  it('null and undefined: "Chưa nhập số tiền"', () => {
    expect(parseVnd(null)).toEqual({ ok: false, error: 'Chưa nhập số tiền' });
    expect(parseVnd(undefined)).toEqual({ ok: false, error: 'Chưa nhập số tiền' });
  });
});

describe('formatVnd', () => {
  it.each([
    [12_000_000, '12.000.000'],
    [1_234_567, '1.234.567'],
    [999, '999'],
    [1000, '1.000'],
    [0, '0'],
    [-500_000, '-500.000'],
  ])('%i → %s', (n, s) => expect(formatVnd(n)).toBe(s));
  it('round-trips through parseVnd', () => {
    for (const n of [1, 10, 12_345, 9_007_199_254_740_991]) expect(parseVnd(formatVnd(n))).toEqual({ ok: true, value: n });
  });
  it('refuses a non-integer (amounts are integers everywhere)', () => expect(() => formatVnd(1.5)).toThrow('số nguyên'));
});

describe('proportionVnd', () => {
  it.each([
    [1000, 1, 3, 333],
    [1000, 2, 3, 667],
    [1000, 3, 3, 1000],
    [1000, 0, 3, 0],
    [1000, 4, 3, 1333],
    [-1000, 1, 3, -333],
    [1000, 1, 0, 0],
  ])('%i × %i / %i = %i', (total, part, whole, expected) => expect(proportionVnd(total, part, whole)).toBe(expected));
});
