import { describe, expect, it } from 'vitest';
import disposalData from '../../../resources/catalogs/disposal-rules-nd186-2025.json';
import { validateCatalogOfKind } from './catalog-loader';
import { canLiquidate, decisionAuthority, declarationDeadline, disposalDeadline, liquidationSaleMethod } from './disposal';

const rules = validateCatalogOfKind(disposalData, 'disposal-rules-nd186-2025.json', 'disposal-rules');

describe('canLiquidate — NĐ 186/2025 art. 29(1)', () => {
  it.each([
    ['máy vi tính đưa vào sử dụng 05/09/2019, 7 năm: hết hạn từ 05/09/2026 — ngày 04/09/2026 chưa', '2026-09-04', false],
    ['… ngày 05/09/2026 đã hết hạn', '2026-09-05', true],
  ])('%s', (_name, asOf, allowed) => {
    const r = canLiquidate({ putInUseDate: '2019-09-05', usefulLifeYears: 7, costVnd: 15_000_000, asOf }, rules);
    expect(r.allowed).toBe(allowed);
    expect(r.lifeEndDate).toBe('2026-09-05');
    if (allowed) expect(r.reasons[0]).toMatchObject({ code: 'pastUsefulLife', article: '186/2025/NĐ-CP Điều 29 khoản 1' });
  });

  it.each([
    ['sửa 3.000.001 > 30 % của 10.000.000', 3_000_001, true],
    ['sửa đúng 3.000.000 = 30 % (chưa vượt)', 3_000_000, false],
    ['sửa 2.500.000', 2_500_000, false],
  ])('máy chiếu 10.000.000 mới dùng 2 năm, %s', (_name, repair, allowed) => {
    const r = canLiquidate(
      { putInUseDate: '2024-01-10', usefulLifeYears: 5, costVnd: 10_000_000, repairEstimateVnd: repair, asOf: '2026-01-10' },
      rules,
    );
    expect(r.allowed).toBe(allowed);
    expect(r.repairThresholdVnd).toBe(3_000_000);
    if (allowed) expect(r.reasons.map((x) => x.code)).toEqual(['repairNotEconomic']);
  });

  it('without a historical cost, 30 % of the price of a new equivalent asset (12.000.000 → 3.600.000)', () => {
    const r = canLiquidate(
      {
        putInUseDate: '2024-01-10',
        usefulLifeYears: null,
        costVnd: null,
        replacementValueVnd: 12_000_000,
        repairEstimateVnd: 4_000_000,
        asOf: '2026-01-10',
      },
      rules,
    );
    expect(r).toMatchObject({ allowed: true, repairThresholdVnd: 3_600_000 });
    expect(r.reasons[0]!.message).toContain('giá mua mới tài sản tương đương');
    expect(r.notes[0]).toContain('Chưa có thời gian sử dụng');
  });

  it('a building to be demolished by decision; and the wear-year basis when the catalog says so', () => {
    expect(
      canLiquidate(
        { putInUseDate: '2010-01-01', usefulLifeYears: 50, costVnd: 900_000_000, demolitionOrdered: true, asOf: '2026-05-01' },
        rules,
      ).reasons[0]!.code,
    ).toBe('demolitionOrdered');
    const wearYears = {
      ...rules,
      liquidation: { ...rules.liquidation, pastUsefulLife: { ...rules.liquidation.pastUsefulLife, basis: 'wearYears' as const } },
    };
    const r = canLiquidate(
      { putInUseDate: '2019-09-05', usefulLifeYears: 7, costVnd: 15_000_000, asOf: '2026-01-01' },
      wearYears,
    );
    expect(r).toMatchObject({ allowed: true, lifeEndDate: '2026-01-01' });
  });

  it('nothing applies: not allowed, no reasons', () => {
    expect(
      canLiquidate({ putInUseDate: '2025-01-01', usefulLifeYears: 7, costVnd: 15_000_000, asOf: '2026-01-01' }, rules),
    ).toMatchObject({ allowed: false, reasons: [] });
  });
});

describe('decisionAuthority — NĐ 186/2025 art. 59(2), 58(2)', () => {
  it.each([
    ['máy tính 15.000.000', 15_000_000, {}, 'school'],
    ['xe buýt trường 499.999.999', 499_999_999, {}, 'school'],
    ['nhà đa năng 500.000.000 (từ 500 triệu: cấp trên)', 500_000_000, {}, 'superior'],
    ['thiết bị 300.000.000, đánh giá lại 60.000.000', 300_000_000, { revaluedVnd: 60_000_000 }, 'superior'],
    ['thiết bị 300.000.000, đánh giá lại 40.000.000', 300_000_000, { revaluedVnd: 40_000_000 }, 'school'],
    ['chưa theo dõi nguyên giá, đánh giá lại 20.000.000', null, { revaluedVnd: 20_000_000 }, 'school'],
    ['chưa có số liệu nào', null, {}, 'superior'],
    ['nhà đa năng 2 tỷ ở đơn vị tự chủ chi thường xuyên và đầu tư', 2_000_000_000, { selfFunded: true }, 'school'],
    ['nhà đa năng 2 tỷ được phân cấp cho trường', 2_000_000_000, { delegated: true }, 'school'],
    ['bán (không thanh lý) tài sản 260.000.000: ngưỡng 250 triệu', 260_000_000, { action: 'sale' as const }, 'superior'],
    ['bán tài sản 240.000.000', 240_000_000, { action: 'sale' as const }, 'school'],
  ] as const)('%s → %s', (_name, cost, options, decider) => {
    const a = decisionAuthority(cost, rules, options);
    expect(a.decider).toBe(decider);
    expect(a.article).toMatch(/186\/2025\/NĐ-CP Điều 5[89] khoản 2/);
    expect(a.verified).toBe(false);
  });

  it('with combine "costOnly" the revalued amount is ignored when the cost is known', () => {
    const costOnly = { ...rules, authority: rules.authority.map((a) => ({ ...a, combine: 'costOnly' as const })) };
    expect(decisionAuthority(300_000_000, costOnly, { revaluedVnd: 60_000_000 }).decider).toBe('school');
  });
});

describe('sale method of a liquidated asset — art. 31', () => {
  it.each([
    ['đánh giá lại 8.000.000', { costVnd: 30_000_000, revaluedVnd: 8_000_000 }, 'direct'],
    ['đánh giá lại 20.000.000', { costVnd: 300_000_000, revaluedVnd: 20_000_000 }, 'listedPrice'],
    ['đánh giá lại 60.000.000', { costVnd: 300_000_000, revaluedVnd: 60_000_000 }, 'auction'],
    ['nguyên giá 600.000.000, đánh giá lại 5.000.000', { costVnd: 600_000_000, revaluedVnd: 5_000_000 }, 'auction'],
    ['xe ô tô đánh giá lại 8.000.000', { costVnd: 400_000_000, revaluedVnd: 8_000_000, isCar: true }, 'auction'],
    [
      'công cụ dụng cụ (không phải TSCĐ) đánh giá lại 15.000.000',
      { costVnd: 9_000_000, revaluedVnd: 15_000_000, isFixedAsset: false },
      'direct',
    ],
  ] as const)('%s → %s', (_name, input, method) => expect(liquidationSaleMethod(input, rules).method).toBe(method));
});

describe('deadlines', () => {
  it('declaration: thanh lý xong 15/01/2026 → kê khai biến động chậm nhất 14/02/2026 (30 ngày)', () => {
    expect(declarationDeadline('2026-01-15', rules)).toBe('2026-02-14');
    expect(declarationDeadline('2026-01-15')).toBe('2026-02-14');
    expect(declarationDeadline('2026-12-10', rules)).toBe('2027-01-09');
  });
  it('liquidation of a building: 60 days from the decision; unknown key throws', () => {
    expect(disposalDeadline('liquidation_execution_building', '2026-03-01', rules)).toMatchObject({
      dueDate: '2026-04-30',
      days: 60,
    });
    expect(() => disposalDeadline('khong_co', '2026-03-01', rules)).toThrow('khong_co');
  });
});
