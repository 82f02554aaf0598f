import { describe, expect, it } from 'vitest';
import { classifyAsset, DEFAULT_THRESHOLDS } from './fixed-asset-test';

describe('classifyAsset — TT 141/2025 art. 3', () => {
  it.each([
    // name, input, category
    ['máy vi tính 15.000.000, 7 năm', { kind: 'tangible.5', costVnd: 15_000_000, usefulLifeYears: 7 }, 'fixed'],
    [
      'máy chiếu đúng 10.000.000, 5 năm (ngưỡng tính cả bằng)',
      { kind: 'tangible.5', costVnd: 10_000_000, usefulLifeYears: 5 },
      'fixed',
    ],
    ['bàn ghế học sinh 9.999.999, 10 năm', { kind: 'tangible.5', costVnd: 9_999_999, usefulLifeYears: 10 }, 'tool'],
    ['máy tính bảng 12.000.000 nhưng dùng dưới 1 năm', { kind: 'tangible.5', costVnd: 12_000_000, usefulLifeYears: 0.5 }, 'tool'],
    ['thiết bị 12.000.000 chưa có thời gian sử dụng', { kind: 'tangible.5', costVnd: 12_000_000, usefulLifeYears: null }, 'tool'],
    [
      'nhà vệ sinh 8.000.000 (nhà, công trình: mọi giá trị)',
      { kind: 'tangible.1', costVnd: 8_000_000, usefulLifeYears: null },
      'fixed',
    ],
    ['tường rào 5.000.000 (vật kiến trúc)', { kind: 'tangible.2', costVnd: 5_000_000 }, 'fixed'],
    ['mái che 3.000.000 đánh dấu gắn liền với đất', { kind: 'tangible.7', costVnd: 3_000_000, isLandOrBuilding: true }, 'fixed'],
    ['quyền sử dụng đất', { kind: 'intangible.1', costVnd: 0 }, 'land'],
    ['hiện vật truyền thống (đặc thù)', { kind: 'special.1', costVnd: 10_000_000 }, 'special'],
    ['cổ vật đánh dấu đặc thù', { kind: 'tangible.7', costVnd: 50_000_000, usefulLifeYears: 20, isSpecial: true }, 'special'],
    ['phần mềm quản lý 30.000.000, 5 năm', { kind: 'intangible.2', costVnd: 30_000_000, usefulLifeYears: 5 }, 'fixed'],
    [
      'vật tư tiêu hao 20.000.000 (không bao giờ là TSCĐ)',
      { kind: 'consumable', costVnd: 20_000_000, usefulLifeYears: 2 },
      'consumable',
    ],
  ] as const)('%s → %s', (_name, input, category) => {
    const r = classifyAsset(input);
    expect(r.category).toBe(category);
    expect(r.article).toContain('TT 141/2025');
    expect(r.reason.length).toBeGreaterThan(10);
  });

  it('says why: "nguyên giá 9.999.999 đồng < 10.000.000 đồng"', () => {
    expect(classifyAsset({ kind: 'tangible.5', costVnd: 9_999_999, usefulLifeYears: 10 }).reason).toContain(
      'nguyên giá 9.999.999 đồng < 10.000.000 đồng',
    );
  });

  it('uses the thresholds passed in (e.g. a corrected catalog): 30.000.000 → a 15.000.000 PC is a tool', () => {
    expect(
      classifyAsset(
        { kind: 'tangible.5', costVnd: 15_000_000, usefulLifeYears: 7 },
        { ...DEFAULT_THRESHOLDS, minCostVnd: 30_000_000 },
      ).category,
    ).toBe('tool');
  });
});
