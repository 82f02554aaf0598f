// This test checks that every file the backend will load from resources/catalogs validates, so
// it has to list the folder. Reading files is fine in a test; the core code itself stays pure.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogValidationError, parseCatalogJson, validateCatalog, validateCatalogOfKind } from './catalog-loader';
import type { Catalog } from './catalog.schema';
import { DEFAULT_DECLARATION_DAYS } from './disposal';
import { DEFAULT_THRESHOLDS } from './fixed-asset-test';
import { DEFAULT_BROKEN_CONDITIONS } from './reconcile';

const dir = join(import.meta.dirname, '../../../resources/catalogs');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();
const text = (name: string) => readFileSync(join(dir, name), 'utf8');
const load = (name: string): Catalog => parseCatalogJson(text(name), name);
const raw = (name: string) => JSON.parse(text(name)) as Record<string, any>;

const wear = validateCatalogOfKind(raw('wear-tt141-2025.json'), 'wear-tt141-2025.json', 'wear');
const disposal = validateCatalogOfKind(raw('disposal-rules-nd186-2025.json'), 'disposal-rules-nd186-2025.json', 'disposal-rules');
const norms = validateCatalogOfKind(raw('room-norms-tt13-2020.json'), 'room-norms-tt13-2020.json', 'room-norms');
const roomTypes = validateCatalogOfKind(raw('room-types.json'), 'room-types.json', 'room-types');
const classes = validateCatalogOfKind(raw('asset-classes.json'), 'asset-classes.json', 'asset-classes');
const equipment = validateCatalogOfKind(raw('equipment-min-lists.json'), 'equipment-min-lists.json', 'equipment-min-lists');

function errorOf(fn: () => unknown): CatalogValidationError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CatalogValidationError) return e;
    throw e;
  }
  throw new Error('expected a CatalogValidationError');
}

describe('every file in resources/catalogs', () => {
  it('holds the six central catalogs (province layers are added per province)', () => {
    expect(files).toEqual([
      'asset-classes.json',
      'disposal-rules-nd186-2025.json',
      'equipment-min-lists.json',
      'room-norms-tt13-2020.json',
      'room-types.json',
      'wear-tt141-2025.json',
    ]);
  });
  it.each(files)('%s validates and names its source', (name) => {
    const cat = load(name);
    expect(cat.id).toBe(name.replace(/\.json$/, ''));
    expect(['text', '2nd', '?']).toContain(cat.source.grade);
    expect(cat.source.note.length).toBeGreaterThan(20);
  });
});

describe('wear-tt141-2025.json', () => {
  it('thresholds are 10.000.000 đ and 1 year (TT 141 art. 3(2b)) and match DEFAULT_THRESHOLDS', () => {
    expect(wear.thresholds.minCostVnd).toBe(10_000_000);
    expect(wear.thresholds.minUsefulLifeYears).toBe(1);
    expect(wear.thresholds.specialConventionalPriceVnd).toBe(10_000_000);
    expect(DEFAULT_THRESHOLDS).toEqual({
      minCostVnd: wear.thresholds.minCostVnd,
      minUsefulLifeYears: wear.thresholds.minUsefulLifeYears,
      landAndBuildingsAnyValue: wear.thresholds.landAndBuildingsAnyValue,
    });
  });
  it.each([
    ['1.2', 80, 1.25],
    ['1.5', 15, 6.67],
    ['2.1', 20, 5],
    ['3.1', 15, 6.67],
    ['5.1.2', 8, 12.5],
    ['5.1.3', 7, 14.29],
    ['5.2.2', 5, 20],
    ['7.1', 8, 12.5],
  ])('row %s: %i years, %f per cent a year', (key, years, rate) => {
    const row = wear.rows.find((r) => r.key === key)!;
    expect(row.usefulLifeYears).toBe(years);
    expect(row.ratePercent).toBe(rate);
  });
  it('Appendix I rows are secondary data, not verified (the Appendix is an image in the stored copy)', () => {
    const numbered = wear.rows.filter((r) => r.usefulLifeYears !== null);
    expect(numbered.length).toBeGreaterThanOrEqual(13);
    expect(numbered.every((r) => r.grade === '2nd' && !r.verified)).toBe(true);
  });
  it('covers tangible classes 1–7, the ±20 % province bound and the exempt kinds of art. 11(3)', () => {
    expect(new Set(wear.rows.map((r) => r.tangibleClass))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7]));
    expect(wear.provinceOverride.maxDeviationPercent).toBe(20);
    expect(wear.exemptKinds.map((e) => e.kind)).toEqual([
      'land_use_right',
      'special',
      'fully_worn',
      'broken_unusable',
      'non_declining',
      'out_of_scope',
    ]);
    expect(wear.transition).toMatchObject({ fromFiscalYear: 2026, accumulatedAtYearEnd: 2025 });
    expect(wear.transition.source.article).toBe('Điều 18 khoản 1');
  });
});

describe('other catalogs', () => {
  it('disposal rules: 30 % repair, 500 M / 50 M for the school, 30 days to declare (= DEFAULT_DECLARATION_DAYS)', () => {
    expect(disposal.liquidation.repairCostAbovePercentOfCost.percent).toBe(30);
    expect(disposal.authority.find((a) => a.action === 'liquidation')).toMatchObject({
      schoolBelowCostVnd: 500_000_000,
      schoolBelowRevaluedVnd: 50_000_000,
    });
    expect(disposal.authority.find((a) => a.action === 'sale')).toMatchObject({ schoolBelowCostVnd: 250_000_000 });
    expect(disposal.deadlines.find((d) => d.key === 'declaration')!.days).toBe(DEFAULT_DECLARATION_DAYS);
  });
  it('every room norm names a room type of its level and block', () => {
    const types = new Map(roomTypes.roomTypes.map((t) => [t.code, t]));
    for (const n of norms.norms) {
      const t = types.get(n.roomType);
      expect(t, n.id).toBeDefined();
      expect(t!.block, n.id).toBe(n.block);
      expect(t!.levels, n.id).toContain(n.level);
    }
    for (const g of norms.gaps) if (g.block) expect(roomTypes.blocks.map((b) => b.code)).toContain(g.block);
  });
  it('THCS learning block: 0,6 classrooms per class and 2 natural-science rooms (TT 13/2020 art. 14(2))', () => {
    expect(norms.norms.find((n) => n.id === 'thcs.phong_hoc')!.perClassRatio).toBe(0.6);
    expect(norms.norms.find((n) => n.id === 'thcs.bm_khoa_hoc_tu_nhien')!.minCount).toBe(2);
    expect(norms.norms.find((n) => n.id === 'tieu_hoc.bm_tin_hoc')).toMatchObject({
      minAreaPerStudentM2: 1.5,
      minAreaM2: 50,
      incomplete: true,
    });
    expect(norms.norms.every((n) => !n.verified)).toBe(true);
  });
  it('asset classes: tangible 1–7, intangible 1–3, special 1–3, tool, consumable; broken conditions match reconcile', () => {
    expect(classes.classes.map((c) => c.code)).toEqual([
      ...[1, 2, 3, 4, 5, 6, 7].map((n) => `tangible.${n}`),
      ...[1, 2, 3].map((n) => `intangible.${n}`),
      ...[1, 2, 3].map((n) => `special.${n}`),
      'tool',
      'consumable',
    ]);
    expect(classes.conditions.filter((c) => c.broken).map((c) => c.code)).toEqual([...DEFAULT_BROKEN_CONDITIONS]);
    expect(classes.conditions.filter((c) => c.variant === 'preschool').map((c) => c.label)).toEqual([
      'Còn tốt',
      'Không sử dụng được',
    ]);
  });
  it('equipment lists: the five preschool rows MN011001–MN011005 seen, every list incomplete', () => {
    const pre = equipment.lists.find((l) => l.id === 'tt02-2010-mam-non')!;
    expect(pre.items.map((i) => i.code)).toEqual(['MN011001', 'MN011002', 'MN011003', 'MN011004', 'MN011005']);
    expect(pre.items[2]).toMatchObject({
      name: 'Tủ đựng đồ dùng cá nhân của trẻ',
      unit: 'Cái',
      quantity: 2,
      forStudentOrTeacher: 'student',
    });
    expect(equipment.lists.every((l) => l.incomplete)).toBe(true);
    expect(equipment.lists.map((l) => l.circular)).toEqual([
      '02/2010/TT-BGDĐT',
      '37/2021/TT-BGDĐT',
      '38/2021/TT-BGDĐT',
      '39/2021/TT-BGDĐT',
    ]);
  });
});

describe('validateCatalog errors name the file and the JSON path', () => {
  it('a rate that does not match its life: rows[11].ratePercent', () => {
    const json = raw('wear-tt141-2025.json');
    json.rows[11].ratePercent = 15;
    const e = errorOf(() => validateCatalog(json, 'wear-tt141-2025.json'));
    expect(e.fileName).toBe('wear-tt141-2025.json');
    expect(e.issues).toEqual([{ path: 'rows[11].ratePercent', message: expect.stringContaining('không khớp 7 năm') }]);
    expect(e.message).toContain('wear-tt141-2025.json: rows[11].ratePercent');
  });
  it('a duplicate key: rows[1].key', () => {
    const json = raw('wear-tt141-2025.json');
    json.rows[1].key = '1.1';
    expect(errorOf(() => validateCatalog(json, 'wear-tt141-2025.json')).issues).toEqual([
      { path: 'rows[1].key', message: 'Khóa "1.1" trùng với rows[0]' },
    ]);
  });
  it('a money amount with decimals: thresholds.minCostVnd', () => {
    const json = raw('wear-tt141-2025.json');
    json.thresholds.minCostVnd = 10_000_000.5;
    expect(errorOf(() => validateCatalog(json, 'wear-tt141-2025.json')).issues).toEqual([
      { path: 'thresholds.minCostVnd', message: 'Số tiền phải là số nguyên VNĐ' },
    ]);
  });
  it('a secondary row cannot be marked verified', () => {
    const json = raw('room-norms-tt13-2020.json');
    const i = json.norms.findIndex((n: any) => n.source.grade === '?');
    json.norms[i].verified = true;
    expect(errorOf(() => validateCatalog(json, 'room-norms-tt13-2020.json')).issues[0]!.path).toBe(`norms[${i}].verified`);
  });
  it('an unknown kind, a wrong file name, a syntax error, the wrong kind', () => {
    expect(errorOf(() => validateCatalog({ ...raw('room-types.json'), kind: 'rooms' }, 'room-types.json')).issues[0]!.path).toBe(
      'kind',
    );
    expect(errorOf(() => validateCatalog(raw('room-types.json'), 'phong.json')).issues[0]!.message).toContain('room-types.json');
    expect(errorOf(() => parseCatalogJson('{ "id": ', 'x.json')).message).toContain('x.json: (gốc): JSON không hợp lệ');
    expect(errorOf(() => validateCatalogOfKind(raw('room-types.json'), 'room-types.json', 'wear')).issues[0]!.path).toBe('kind');
  });
  it('a room type in an unknown block', () => {
    const json = raw('room-types.json');
    json.roomTypes[0].block = 'khong_co';
    expect(errorOf(() => validateCatalog(json, 'room-types.json')).issues[0]).toMatchObject({ path: 'roomTypes[0].block' });
  });
});
