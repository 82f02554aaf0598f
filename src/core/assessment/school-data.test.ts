import { describe, expect, it } from 'vitest';
import { EDUCATION_LEVELS } from '../frameworks/framework.schema';
import { catalogItems, normaliseDataValue, schoolDataCatalog } from './school-data';
import { tt18, tt57 } from './test-frameworks';

describe('school data catalog', () => {
  it('follows the TT 57 annex for a THCS: classes by grade, rooms by construction type, staff, students, results', () => {
    const c = schoolDataCatalog(tt57, 'thcs');
    expect(c.windowYears).toBe(3);
    expect(c.sections.map((s) => s.title)).toEqual([
      '1. Số lớp học',
      '2. Cơ cấu khối công trình của nhà trường',
      '3a. Đội ngũ tại thời điểm tự đánh giá',
      '3b. Đội ngũ các năm học',
      '4a. Học sinh',
      '4b. Kết quả giáo dục',
    ]);
    const items = catalogItems(c);
    expect(items.find((i) => i.key === 'cong_trinh.phong_hoc.ban_kien_co')).toMatchObject({
      label: 'Phòng học – bán kiên cố',
      source: 'inventory',
    });
    expect(items.filter((i) => i.key.startsWith('doi_ngu.') && i.currentYearOnly)).toHaveLength(30);
    expect(items.find((i) => i.key === 'ket_qua.chuyen_cap')).toBeDefined();
    expect(new Set(items.map((i) => i.key)).size).toBe(items.length);
  });

  it('has a catalog for every education level, and a 5-year window for the 2018 frameworks', () => {
    for (const level of EDUCATION_LEVELS) {
      const items = catalogItems(schoolDataCatalog(tt57, level));
      expect(items.length).toBeGreaterThan(40);
      expect(new Set(items.map((i) => i.key)).size).toBe(items.length);
    }
    expect(catalogItems(schoolDataCatalog(tt57, 'mam_non')).some((i) => i.key === 'lop.mau_giao_5_6')).toBe(true);
    expect(schoolDataCatalog(tt18, 'thcs').windowYears).toBe(5);
  });

  it('normalises typed values', () => {
    const items = catalogItems(schoolDataCatalog(tt57, 'thcs'));
    const count = items.find((i) => i.unit === 'count')!;
    const pct = items.find((i) => i.unit === 'percent')!;
    expect(normaliseDataValue(count, ' 12 ')).toEqual({ value: '12' });
    expect(normaliseDataValue(count, '1.5')).toEqual({ error: `${count.label}: phải là số nguyên.` });
    expect(normaliseDataValue(pct, '97,5 %')).toEqual({ value: '97.5' });
    expect(normaliseDataValue(pct, -1)).toEqual({ error: `${pct.label}: không được là số âm.` });
  });
});
