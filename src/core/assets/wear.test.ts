import { describe, expect, it } from 'vitest';
import wearData from '../../../resources/catalogs/wear-tt141-2025.json';
import { validateCatalogOfKind } from './catalog-loader';
import {
  needsTransition,
  roundVnd,
  secondHandLifeYears,
  surplusFirstYearWear,
  wearSchedule,
  yearlyWear,
  yearsUsedAtEndOf,
  type WearScheduleInput,
} from './wear';

const wear = validateCatalogOfKind(wearData, 'wear-tt141-2025.json', 'wear');

const sum = (xs: { annualVnd: number }[]) => xs.reduce((s, x) => s + x.annualVnd, 0);

describe('yearlyWear — TT 141/2025 art. 14', () => {
  it('nguyên giá 120.000.000, 10 năm (10 %/năm): 12.000.000 mỗi năm, năm thứ 10 về 0', () => {
    const rows = wearSchedule({ costVnd: 120_000_000, usefulLifeYears: 10, ratePercent: 10, putInUseDate: '2026-03-15' });
    expect(rows).toHaveLength(10);
    expect(rows.every((r) => r.annualVnd === 12_000_000)).toBe(true);
    expect(rows[9]).toMatchObject({ year: 2035, accumulatedVnd: 120_000_000, remainingVnd: 0, finalYear: true, status: 'final' });
    expect(rows.slice(0, 9).every((r) => !r.finalYear)).toBe(true);
  });

  it('máy vi tính 15.000.000, 7 năm, 14,29 %: 2.143.500 × 6 năm, năm thứ 7 lấy phần còn lại 2.139.000', () => {
    const rows = wearSchedule({ costVnd: 15_000_000, usefulLifeYears: 7, ratePercent: 14.29, putInUseDate: '2026-09-05' });
    expect(rows.map((r) => r.annualVnd)).toEqual([2_143_500, 2_143_500, 2_143_500, 2_143_500, 2_143_500, 2_143_500, 2_139_000]);
    expect(rows[6]!.rule).toContain('Điều 14 khoản 11');
  });

  it.each([
    // cost, life, unit, method, annuals
    [10_000_000, 3, 'vnd', 'halfUp', [3_333_333, 3_333_333, 3_333_334]],
    [10_000_000, 3, 'vnd', 'up', [3_333_334, 3_333_334, 3_333_332]],
    [10_000_000, 3, 'thousand', 'halfUp', [3_333_000, 3_333_000, 3_334_000]],
    [10_000_000, 3, 'thousand', 'up', [3_334_000, 3_334_000, 3_332_000]],
    [11_000_000, 4, 'vnd', 'halfUp', [2_750_000, 2_750_000, 2_750_000, 2_750_000]],
  ] as const)('nguyên giá %i, %i năm, làm tròn %s/%s → %j', (costVnd, life, rounding, roundingMethod, annuals) => {
    const rows = wearSchedule({ costVnd, usefulLifeYears: life, putInUseDate: '2026-01-10', rounding, roundingMethod });
    expect(rows.map((r) => r.annualVnd)).toEqual(annuals);
    expect(sum(rows)).toBe(costVnd);
  });

  it('nguyên giá 12.345.678 × 14,29 % = 1.764.197,39: làm tròn thường 1.764.197, TT 23 "cộng 1 vào phần nguyên" 1.764.198', () => {
    const base = {
      costVnd: 12_345_678,
      ratePercent: 14.29,
      usefulLifeYears: 7,
      putInUseDate: '2026-01-01',
      year: 2026,
      accumulatedBeforeVnd: 0,
    };
    expect(yearlyWear(base).annualVnd).toBe(1_764_197);
    expect(yearlyWear({ ...base, roundingMethod: 'up' }).annualVnd).toBe(1_764_198);
    expect(yearlyWear({ ...base, rounding: 'thousand' }).annualVnd).toBe(1_764_000);
  });

  it('đưa vào sử dụng 20/11/2026: năm 2026 tính đủ một năm (hao mòn tính một lần vào tháng 12 — Điều 12 khoản 1 điểm a)', () => {
    const r = yearlyWear({
      costVnd: 24_000_000,
      usefulLifeYears: 8,
      ratePercent: 12.5,
      putInUseDate: '2026-11-20',
      year: 2026,
      accumulatedBeforeVnd: 0,
    });
    expect(r).toMatchObject({
      annualVnd: 3_000_000,
      accumulatedVnd: 3_000_000,
      remainingVnd: 21_000_000,
      finalYear: false,
      status: 'wearing',
    });
    expect(r.rule).toContain('Điều 14 khoản 1');
    expect(wear.firstYear.rule).toBe('fullYear');
  });

  it('tùy chọn tính theo tháng (monthsInUse): đưa vào sử dụng 01/10/2026, 12.000.000 × 10 %: năm đầu 3 tháng = 300.000, 11 năm, tổng đúng nguyên giá', () => {
    const rows = wearSchedule({
      costVnd: 12_000_000,
      ratePercent: 10,
      usefulLifeYears: 10,
      putInUseDate: '2026-10-01',
      firstYear: 'monthsInUse',
    });
    expect(rows[0]).toMatchObject({ year: 2026, annualVnd: 300_000 });
    expect(rows).toHaveLength(11);
    expect(rows[10]).toMatchObject({ year: 2036, annualVnd: 900_000, remainingVnd: 0, finalYear: true });
    expect(sum(rows)).toBe(12_000_000);
  });

  it('năm trước khi đưa vào sử dụng: 0', () => {
    expect(
      yearlyWear({ costVnd: 50_000_000, usefulLifeYears: 5, putInUseDate: '2027-02-01', year: 2026, accumulatedBeforeVnd: 0 }),
    ).toMatchObject({
      annualVnd: 0,
      remainingVnd: 50_000_000,
      status: 'notStarted',
    });
  });

  it.each([
    ['land_use_right', 'quyền sử dụng đất'],
    ['special', 'tài sản đặc thù 10.000.000 giá quy ước'],
    ['broken_unusable', 'hư hỏng không sử dụng được'],
    [true, 'miễn (true)'],
  ] as const)('miễn hao mòn (%s — %s): 0, giá trị còn lại giữ nguyên (Điều 11 khoản 3)', (exempt, _label) => {
    const r = yearlyWear({
      costVnd: 10_000_000,
      usefulLifeYears: 5,
      putInUseDate: '2020-01-01',
      year: 2026,
      accumulatedBeforeVnd: 4_000_000,
      exempt,
    });
    expect(r).toMatchObject({
      annualVnd: 0,
      accumulatedVnd: 4_000_000,
      remainingVnd: 6_000_000,
      finalYear: false,
      status: 'exempt',
    });
    expect(r.rule).toContain('Điều 11 khoản 3');
    expect(wearSchedule({ costVnd: 10_000_000, usefulLifeYears: 5, putInUseDate: '2020-01-01', exempt })).toEqual([]);
  });

  it('đã tính đủ hao mòn nhưng còn dùng: 0, tiếp tục theo dõi (Điều 11 khoản 3 điểm c)', () => {
    expect(
      yearlyWear({
        costVnd: 30_000_000,
        usefulLifeYears: 5,
        putInUseDate: '2015-01-01',
        year: 2026,
        accumulatedBeforeVnd: 30_000_000,
      }),
    ).toMatchObject({
      annualVnd: 0,
      remainingVnd: 0,
      status: 'fullyWorn',
      warnings: [],
    });
  });

  it('quá thời gian sử dụng mà vẫn còn giá trị (số liệu cũ sai): 0 và cảnh báo, không tự trừ', () => {
    const r = yearlyWear({
      costVnd: 30_000_000,
      usefulLifeYears: 5,
      putInUseDate: '2015-01-01',
      year: 2026,
      accumulatedBeforeVnd: 25_000_000,
    });
    expect(r).toMatchObject({ annualVnd: 0, remainingVnd: 5_000_000, status: 'fullyWorn' });
    expect(r.warnings[0]).toContain('còn giá trị 5000000 đồng');
  });

  it('a lower accumulated figure (data imported from an old register) is caught up in the final year', () => {
    const r = yearlyWear({
      costVnd: 10_000_000,
      usefulLifeYears: 5,
      putInUseDate: '2022-01-01',
      year: 2026,
      accumulatedBeforeVnd: 1_000_000,
    });
    expect(r).toMatchObject({ annualVnd: 9_000_000, remainingVnd: 0, finalYear: true });
  });

  it('refuses bad input with a Vietnamese message', () => {
    const base = { costVnd: 10_000_000, usefulLifeYears: 5, putInUseDate: '2026-01-01', year: 2026, accumulatedBeforeVnd: 0 };
    expect(() => yearlyWear({ ...base, accumulatedBeforeVnd: 11_000_000 })).toThrow('lớn hơn nguyên giá');
    expect(() => yearlyWear({ ...base, costVnd: 1.5 })).toThrow('số nguyên VNĐ');
    expect(() => yearlyWear({ ...base, usefulLifeYears: null })).toThrow('Cần thời gian sử dụng');
    expect(() => yearlyWear({ ...base, usefulLifeYears: 0 })).toThrow('≥ 1');
    expect(() => yearlyWear({ ...base, ratePercent: 120 })).toThrow('(0; 100]');
    expect(() => yearlyWear({ ...base, putInUseDate: '01/01/2026' })).toThrow('yyyy-mm-dd');
  });
});

describe('2026 transition — TT 141/2025 art. 18(1)', () => {
  it('máy vi tính 15.000.000 đưa vào sử dụng 2022, TT 23 5 năm (đã hao mòn 12.000.000 đến 31/12/2025), TT 141 7 năm: còn 3 năm, 1.000.000/năm 2026–2028', () => {
    const input: WearScheduleInput = {
      costVnd: 15_000_000,
      usefulLifeYears: 7,
      ratePercent: 14.29,
      putInUseDate: '2022-06-01',
      transition: { accumulatedAt2025Vnd: 12_000_000 },
    };
    const rows = wearSchedule(input);
    expect(rows.map((r) => [r.year, r.annualVnd, r.remainingVnd])).toEqual([
      [2026, 1_000_000, 2_000_000],
      [2027, 1_000_000, 1_000_000],
      [2028, 1_000_000, 0],
    ]);
    expect(rows[0]!.rule).toContain('3 năm còn lại (7 − 4)');
    expect(rows[2]!.finalYear).toBe(true);
    expect(needsTransition({ putInUseDate: '2022-06-01', previousLifeYears: 5, newLifeYears: 7 })).toBe(true);
  });

  it('nguyên giá 10.000.000, đã hao mòn 4.000.000 đến 2025, còn 3 năm: 2.000.000; 2.000.000; năm cuối lấy phần còn lại 2.000.000', () => {
    const rows = wearSchedule({
      costVnd: 10_000_000,
      usefulLifeYears: 6,
      putInUseDate: '2023-01-01',
      transition: { accumulatedAt2025Vnd: 4_000_000 },
    });
    expect(rows.map((r) => r.annualVnd)).toEqual([2_000_000, 2_000_000, 2_000_000]);
  });

  it('nguyên giá 10.000.000, đã hao mòn 3.000.001, còn 3 năm: 2.333.333; 2.333.333; năm cuối 2.333.333 (tổng đúng)', () => {
    const rows = wearSchedule({
      costVnd: 10_000_000,
      usefulLifeYears: 6,
      putInUseDate: '2023-01-01',
      transition: { accumulatedAt2025Vnd: 3_000_001 },
    });
    expect(rows.map((r) => r.annualVnd)).toEqual([2_333_333, 2_333_333, 2_333_333]);
    expect(sum(rows) + 3_000_001).toBe(10_000_000);
  });

  it('đã hết thời gian sử dụng theo TT 141 nhưng còn giá trị: năm 2026 tính bằng giá trị còn lại 31/12/2025, các năm sau 0', () => {
    const base = {
      costVnd: 12_000_000,
      usefulLifeYears: 8,
      putInUseDate: '2015-05-01',
      transition: { accumulatedAt2025Vnd: 11_000_000 },
    };
    const y2026 = yearlyWear({ ...base, year: 2026, accumulatedBeforeVnd: 11_000_000 });
    expect(y2026).toMatchObject({ annualVnd: 1_000_000, remainingVnd: 0, finalYear: true });
    expect(y2026.rule).toContain('Điều 18 khoản 1');
    expect(yearlyWear({ ...base, year: 2027, accumulatedBeforeVnd: 12_000_000 })).toMatchObject({
      annualVnd: 0,
      status: 'fullyWorn',
    });
    expect(wearSchedule(base)).toHaveLength(1);
  });

  it('does not apply to assets put in use from 2026, nor when the life did not change', () => {
    expect(needsTransition({ putInUseDate: '2026-01-05', previousLifeYears: 5, newLifeYears: 7 })).toBe(false);
    expect(needsTransition({ putInUseDate: '2020-01-05', previousLifeYears: 8, newLifeYears: 8 })).toBe(false);
    expect(needsTransition({ putInUseDate: '2020-01-05', previousLifeYears: null, newLifeYears: 8 })).toBe(false);
    const r = yearlyWear({
      costVnd: 7_000_000,
      usefulLifeYears: 7,
      putInUseDate: '2026-01-05',
      year: 2026,
      accumulatedBeforeVnd: 0,
      transition: { accumulatedAt2025Vnd: 0 },
    });
    expect(r.annualVnd).toBe(1_000_000);
    expect(r.rule).toContain('Điều 14 khoản 1');
  });
});

describe('wearSchedule: accumulated + Σ annual = cost, always', () => {
  // Deterministic pseudo-random numbers (LCG) so failures reproduce.
  let seed = 20260101;
  const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const rates = wear.rows.filter((r) => r.ratePercent !== null);

  it('2.000 assets: random costs (0 – 5 tỷ), lives 1–80 or catalog rates, every rounding — the sum is exact and the last year lands on 0', () => {
    let checked = 0;
    for (let i = 0; i < 2000; i++) {
      const costVnd = i % 10 === 0 ? Math.floor(rand() * 1000) : Math.floor(rand() * 5_000_000_000);
      const useRate = i % 2 === 0;
      const row = rates[Math.floor(rand() * rates.length)]!;
      const life = useRate ? row.usefulLifeYears! : 1 + Math.floor(rand() * 80);
      const rounding = rand() < 0.5 ? 'vnd' : 'thousand';
      const roundingMethod = rand() < 0.5 ? 'halfUp' : 'up';
      const firstYear = rand() < 0.2 ? 'monthsInUse' : 'fullYear';
      const month = 1 + Math.floor(rand() * 12);
      const input: WearScheduleInput = {
        costVnd,
        usefulLifeYears: life,
        ratePercent: useRate ? row.ratePercent : null,
        putInUseDate: `2026-${String(month).padStart(2, '0')}-15`,
        rounding,
        roundingMethod,
        firstYear,
      };
      const rows = wearSchedule(input);
      if (costVnd === 0) {
        expect(rows).toEqual([]);
        continue;
      }
      expect(sum(rows), JSON.stringify(input)).toBe(costVnd);
      expect(rows.at(-1)!.remainingVnd).toBe(0);
      expect(rows.at(-1)!.finalYear).toBe(true);
      expect(rows.every((r) => Number.isSafeInteger(r.annualVnd) && r.annualVnd >= 0)).toBe(true);
      expect(rows.length).toBeLessThanOrEqual(life + (firstYear === 'monthsInUse' && month > 1 ? 1 : 0));
      if (rounding === 'vnd' && roundingMethod === 'halfUp' && firstYear === 'fullYear' && !useRate && costVnd >= 10_000) {
        expect(rows).toHaveLength(life);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(1700);
  });

  it('1.000 transitions: accumulated at 2025 + Σ annual from 2026 = cost', () => {
    for (let i = 0; i < 1000; i++) {
      const costVnd = 1 + Math.floor(rand() * 2_000_000_000);
      const startYear = 1995 + Math.floor(rand() * 31);
      const life = 1 + Math.floor(rand() * 50);
      const acc = Math.floor(rand() * costVnd);
      const rows = wearSchedule({
        costVnd,
        usefulLifeYears: life,
        putInUseDate: `${startYear}-07-01`,
        transition: { accumulatedAt2025Vnd: acc },
        roundingMethod: rand() < 0.5 ? 'halfUp' : 'up',
        rounding: rand() < 0.5 ? 'vnd' : 'thousand',
      });
      expect(rows[0]!.year).toBe(2026);
      expect(acc + sum(rows)).toBe(costVnd);
      expect(rows.at(-1)!.remainingVnd).toBe(0);
      expect(rows.length).toBeLessThanOrEqual(Math.max(1, life - (2026 - startYear)));
    }
  });
});

describe('helpers', () => {
  it.each([
    [1_764_197.3862, 'vnd', 'halfUp', 1_764_197],
    [1_764_197.5, 'vnd', 'halfUp', 1_764_198],
    [1_764_197.0001, 'vnd', 'up', 1_764_198],
    [1_764_197, 'vnd', 'up', 1_764_197],
    [1_764_499, 'thousand', 'halfUp', 1_764_000],
    [1_764_500, 'thousand', 'halfUp', 1_765_000],
    [1_764_001, 'thousand', 'up', 1_765_000],
  ] as const)('roundVnd(%f, %s, %s) = %i', (v, unit, method, expected) => expect(roundVnd(v, unit, method)).toBe(expected));

  it('years used counts the year put in use: 01/06/2022 → 4 years at 31/12/2025', () => {
    expect(yearsUsedAtEndOf('2022-06-01', 2025)).toBe(4);
    expect(yearsUsedAtEndOf('2026-06-01', 2025)).toBe(0);
  });

  it('second-hand purchase (art. 13(1h)): 7-year group, used 3 years → 4; used 9 → 1', () => {
    expect(secondHandLifeYears(7, 3)).toBe(4);
    expect(secondHandLifeYears(7, 9)).toBe(1);
  });

  it('surplus found at stocktake (art. 14(3), our reading): 14.000.000, 2.000.000/năm, 4 năm còn lại → năm đầu 6.000.000', () => {
    expect(surplusFirstYearWear({ costVnd: 14_000_000, annualVnd: 2_000_000, remainingLifeAfterYears: 4 })).toBe(6_000_000);
    expect(surplusFirstYearWear({ costVnd: 14_000_000, annualVnd: 2_000_000, remainingLifeAfterYears: 9 })).toBe(0);
  });
});
