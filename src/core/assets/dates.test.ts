import { describe, expect, it } from 'vitest';
import { addDays, addYears, excelSerialToIso, formatVnDate, parseVnDate } from './dates';

describe('parseVnDate', () => {
  it.each([
    ['15/09/2024', '2024-09-15'],
    ['5/9/2024', '2024-09-05'],
    ['05-09-2024', '2024-09-05'],
    ['05.09.2024', '2024-09-05'],
    [' 3/4/2024 ', '2024-04-03'],
    ['29/02/2024', '2024-02-29'],
    ['2024-09-15', '2024-09-15'],
    ['2024-9-5', '2024-09-05'],
    ['2024-09-15T00:00:00.000Z', '2024-09-15'],
    ['15/09/2024 00:00:00', '2024-09-15'],
    [45550, '2024-09-15'],
    [45550.75, '2024-09-15'],
    ['45550', '2024-09-15'],
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [new Date(Date.UTC(2024, 8, 15)), '2024-09-15'],
  ] as const)('%j → %s', (input, iso) => expect(parseVnDate(input)).toEqual({ ok: true, value: iso }));

  it.each([
    ['31/04/2024', 'không có ngày 31'],
    ['29/02/2023', 'không có ngày 29'],
    ['15/13/2024', 'tháng phải từ 1 đến 12'],
    ['15/09/24', 'năm phải có đủ 4 chữ số'],
    ['15/09/1850', 'năm phải từ 1900'],
    ['ngày 15 tháng 9', 'cần dạng ngày/tháng/năm'],
    ['', 'Chưa nhập ngày'],
    [60, '29/02/1900 không tồn tại'],
    [0, 'ngoài phạm vi'],
    [new Date(Number.NaN), 'không phải là ngày'],
  ] as const)('%j is refused (%s)', (input, why) => {
    const r = parseVnDate(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(why);
  });

  it('Excel serial 1900 system: 44927 = 01/01/2023, 2958465 = 31/12/9999 is outside 1900–2100', () => {
    expect(excelSerialToIso(44927)).toEqual({ ok: true, value: '2023-01-01' });
    expect(excelSerialToIso(2_958_465).ok).toBe(false);
  });
});

describe('formatVnDate and date arithmetic', () => {
  it('2024-09-15 → 15/09/2024', () => expect(formatVnDate('2024-09-15')).toBe('15/09/2024'));
  it('refuses a non-ISO date', () => expect(() => formatVnDate('15/09/2024')).toThrow('yyyy-mm-dd'));
  it.each([
    ['2026-01-15', 30, '2026-02-14'],
    ['2026-12-10', 30, '2027-01-09'],
    ['2024-02-01', 30, '2024-03-02'],
    ['2026-03-01', -1, '2026-02-28'],
  ])('addDays(%s, %i) = %s', (iso, n, out) => expect(addDays(iso, n)).toBe(out));
  it.each([
    ['2019-09-05', 7, '2026-09-05'],
    ['2024-02-29', 1, '2025-02-28'],
    ['2024-02-29', 4, '2028-02-29'],
  ])('addYears(%s, %i) = %s', (iso, n, out) => expect(addYears(iso, n)).toBe(out));
});
