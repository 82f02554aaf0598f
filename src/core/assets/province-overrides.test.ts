import { describe, expect, it } from 'vitest';
import wearData from '../../../resources/catalogs/wear-tt141-2025.json';
import { CatalogValidationError, validateCatalog, validateCatalogOfKind } from './catalog-loader';
import type { ProvinceOverrideLayer } from './catalog.schema';
import { findWearRow, lifeFromRate, mergeWearOverrides, rateFromLife, validateOverrideLayer } from './province-overrides';

const wear = validateCatalogOfKind(wearData, 'wear-tt141-2025.json', 'wear');

function layer(overrides: ProvinceOverrideLayer['overrides'], extra: Partial<ProvinceOverrideLayer> = {}): ProvinceOverrideLayer {
  return {
    formatVersion: 1,
    id: 'wear-override-ca-mau-2026',
    kind: 'province-override',
    version: '2026.1',
    title: 'Điều chỉnh tỷ lệ hao mòn — tỉnh Cà Mau (ví dụ)',
    source: {
      document: '12/2026/QĐ-UBND',
      title: 'Quy định thời gian sử dụng, tỷ lệ hao mòn tài sản cố định (ví dụ kiểm thử)',
      signedDate: '2026-03-01',
      effectiveDate: '2026-03-15',
      article: 'Điều 2',
      grade: 'text',
      note: 'Lớp điều chỉnh dùng trong kiểm thử, không phải văn bản thật.',
    },
    province: 'Cà Mau',
    catalogId: 'wear-tt141-2025',
    overrides,
    ...extra,
  };
}

describe('rate ↔ life', () => {
  it.each([
    [7, 14.29],
    [8, 12.5],
    [15, 6.67],
    [80, 1.25],
  ])('%i years → %f per cent a year', (years, rate) => expect(rateFromLife(years)).toBe(rate));
  it.each([
    [14.29, 7],
    [12.5, 8],
    [6.67, 15],
    [12, 9],
    [20, 5],
    [100, 1],
  ])('%f per cent a year wears down in %i years', (rate, years) => expect(lifeFromRate(rate)).toBe(years));
});

describe('province override layer: ±20 % of the central rate (TT 141/2025 art. 13(1a))', () => {
  it.each([
    // key, override, accepted
    ['5.1.3 máy vi tính 14,29 % → 17 % (+19 %)', { key: '5.1.3', ratePercent: 17 }, true],
    ['5.1.3 máy vi tính 14,29 % → 17,15 % (the +20 % edge, 17,148)', { key: '5.1.3', ratePercent: 17.15 }, true],
    ['5.1.3 máy vi tính 14,29 % → 17,2 % (+20,4 %)', { key: '5.1.3', ratePercent: 17.2 }, false],
    ['5.1.3 máy vi tính 7 năm → 6 năm (16,67 %)', { key: '5.1.3', usefulLifeYears: 6 }, true],
    ['5.1.3 máy vi tính 7 năm → 5 năm (20 %, +40 %)', { key: '5.1.3', usefulLifeYears: 5 }, false],
    ['2.2 tường rào 10 % → 8 % (−20 %, edge)', { key: '2.2', ratePercent: 8 }, true],
    ['2.2 tường rào 10 năm → 12 năm (8,33 %)', { key: '2.2', usefulLifeYears: 12 }, true],
    ['2.2 tường rào 10 năm → 13 năm (7,69 %, −23 %)', { key: '2.2', usefulLifeYears: 13 }, false],
    ['1.5 nhà cấp IV 6,67 % → 8 % (+19,9 %)', { key: '1.5', ratePercent: 8 }, true],
    ['1.5 nhà cấp IV 6,67 % → 8,1 % (+21 %)', { key: '1.5', ratePercent: 8.1 }, false],
    [
      '5.1.2 điều hòa 8 năm / 12,5 % → 7 năm + 14,29 % (consistent, +14 %)',
      { key: '5.1.2', usefulLifeYears: 7, ratePercent: 14.29 },
      true,
    ],
  ] as const)('%s', (_name, override, accepted) => {
    const issues = validateOverrideLayer(layer([{ ...override, verified: true }]), wear);
    expect(issues.length === 0).toBe(accepted);
    if (!accepted) expect(issues[0]!.message).toContain('lệch quá 20%');
  });

  it('rejects unknown keys, rows without a central rate, the wrong catalog and inconsistent life/rate', () => {
    const issues = validateOverrideLayer(
      layer(
        [
          { key: '9.9', ratePercent: 10, verified: true },
          { key: '5.2.1', usefulLifeYears: 10, verified: true },
          { key: '2.2', usefulLifeYears: 9, ratePercent: 10, verified: true },
        ],
        { catalogId: 'wear-tt23-2023' },
      ),
      wear,
    );
    expect(issues.map((i) => i.path)).toEqual(['catalogId', 'overrides[0].key', 'overrides[1]', 'overrides[2]']);
  });

  it('merge: 5.1.3 máy vi tính 7 → 6 năm gives 16,67 %, keeps the central values, leaves other rows alone', () => {
    const merged = mergeWearOverrides(wear, layer([{ key: '5.1.3', usefulLifeYears: 6, verified: true, note: 'độ ẩm cao' }]));
    expect(merged.province).toBe('Cà Mau');
    const row = findWearRow(merged, '5.1.3')!;
    expect(row).toMatchObject({ usefulLifeYears: 6, ratePercent: 16.67, verified: true, grade: 'text' });
    expect(row.overriddenBy).toEqual({
      province: 'Cà Mau',
      layerId: 'wear-override-ca-mau-2026',
      document: '12/2026/QĐ-UBND',
      centralLifeYears: 7,
      centralRatePercent: 14.29,
    });
    expect(row.note).toContain('độ ẩm cao');
    expect(findWearRow(merged, '5.1.2')).toEqual(findWearRow(wear, '5.1.2'));
    expect(findWearRow(wear, '5.1.3')!.usefulLifeYears).toBe(7);
  });

  it('merge: a rate-only override of 12 % on a 10-year group wears down in 9 years', () => {
    const row = findWearRow(mergeWearOverrides(wear, layer([{ key: '2.2', ratePercent: 12, verified: false }])), '2.2')!;
    expect(row).toMatchObject({ ratePercent: 12, usefulLifeYears: 9, verified: false });
  });

  it('merge throws CatalogValidationError naming the layer when an override is out of bounds', () => {
    expect(() => mergeWearOverrides(wear, layer([{ key: '5.1.3', usefulLifeYears: 5, verified: true }]))).toThrow(
      CatalogValidationError,
    );
    expect(() => mergeWearOverrides(wear, layer([{ key: '5.1.3', usefulLifeYears: 5, verified: true }]))).toThrow(
      'wear-override-ca-mau-2026.json: overrides[0].usefulLifeYears',
    );
  });

  it('without a layer the central catalog is used as is', () => {
    const merged = mergeWearOverrides(wear, null);
    expect(merged.province).toBeNull();
    expect(merged.rows).toEqual(wear.rows);
  });

  it('the layer file itself validates through validateCatalog (kind "province-override"); empty or doubled overrides are refused', () => {
    const l = layer([{ key: '2.2', ratePercent: 11, verified: true }]);
    expect(validateCatalog(l, 'wear-override-ca-mau-2026.json').kind).toBe('province-override');
    expect(() => validateCatalog({ ...l, overrides: [] }, 'wear-override-ca-mau-2026.json')).toThrow('overrides');
    expect(() =>
      validateCatalog(
        {
          ...l,
          overrides: [
            { key: '2.2', ratePercent: 11, verified: true },
            { key: '2.2', usefulLifeYears: 9, verified: true },
          ],
        },
        'wear-override-ca-mau-2026.json',
      ),
    ).toThrow('overrides[1].key');
    expect(() =>
      validateCatalog({ ...l, overrides: [{ key: '2.2', verified: true }] }, 'wear-override-ca-mau-2026.json'),
    ).toThrow('usefulLifeYears hoặc ratePercent');
  });
});
