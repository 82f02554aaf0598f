import { describe, expect, it } from 'vitest';
import tt18Data from '../../../resources/frameworks/tt18-2018-thcs-thpt.json';
import tt57Data from '../../../resources/frameworks/tt57-2026-pl2-pho-thong.json';
import type { LevelsFramework } from '../frameworks/framework.schema';
import { allCriteria } from '../frameworks/lookup';
import { parseFramework } from '../frameworks/validate';
import { assessMultiLevel } from './multi-level';
import type { CriterionLevels } from './types';

const tt57 = parseFramework('tt57-2026-pl2-pho-thong.json', tt57Data) as LevelsFramework;
const tt18 = parseFramework('tt18-2018-thcs-thpt.json', tt18Data) as LevelsFramework;
const uniform = (fw: LevelsFramework, level: number, overrides: Record<string, number> = {}): CriterionLevels => ({
  ...Object.fromEntries(allCriteria(fw).map((c) => [c.code, level])),
  ...overrides,
});

describe('multi-level schools: the school level is the lowest education level (app rule, [I])', () => {
  const cases: {
    name: string;
    fw: LevelsFramework;
    perLevel: Record<string, CriterionLevels>;
    level: number;
    limiting: string[];
  }[] = [
    {
      name: 'TT 57: tiểu học Mức 2, THCS Mức 1 → Mức 1',
      fw: tt57,
      perLevel: { tieu_hoc: uniform(tt57, 2), thcs: uniform(tt57, 2, { '2.2': 1 }) },
      level: 1,
      limiting: ['thcs'],
    },
    {
      name: 'TT 57: both Mức 2 → Mức 2',
      fw: tt57,
      perLevel: { tieu_hoc: uniform(tt57, 2), thcs: uniform(tt57, 2) },
      level: 2,
      limiting: ['tieu_hoc', 'thcs'],
    },
    {
      name: 'TT 57: one education level không đạt → không đạt',
      fw: tt57,
      perLevel: { thcs: uniform(tt57, 2), thpt: uniform(tt57, 2, { '4.1': 0 }) },
      level: 0,
      limiting: ['thpt'],
    },
    {
      name: 'TT 18: THCS Mức 3, THPT Mức 2 → Mức 2',
      fw: tt18,
      perLevel: { thcs: uniform(tt18, 3), thpt: uniform(tt18, 3, { '5.6': 2 }) },
      level: 2,
      limiting: ['thpt'],
    },
    {
      name: 'single education level behaves like schoolLevel',
      fw: tt18,
      perLevel: { thcs: uniform(tt18, 1) },
      level: 1,
      limiting: ['thcs'],
    },
  ];
  it.each(cases)('$name', ({ fw, perLevel, level, limiting }) => {
    const r = assessMultiLevel(fw, Object.fromEntries(Object.entries(perLevel).map(([k, v]) => [k, { criteria: v }])));
    expect(r.schoolLevel).toBe(level);
    expect(r.limiting).toEqual(limiting);
    expect(r.rule.provenance.grade).toBe('inference');
  });

  it('tags blockers with their education level and explains the rule', () => {
    const r = assessMultiLevel(tt57, {
      tieu_hoc: { criteria: uniform(tt57, 2) },
      thcs: { criteria: uniform(tt57, 2, { '2.2': 1 }) },
    });
    expect(r.blockers).toEqual([expect.objectContaining({ code: '2.2', kind: 'mandatory', educationLevel: 'thcs' })]);
    expect(r.explanation).toContain('Tiểu học: Mức 2; Trung học cơ sở: Mức 1');
    expect(r.explanation).toContain('mức thấp nhất: Mức 1');
    expect(r.explanation).toContain('Trung học cơ sở — 2.2 (bắt buộc) cần Mức 2, hiện Mức 1');
  });

  it('legacy Mức 4 per education level', () => {
    const l4 = Object.fromEntries(tt18.level4Clauses.map((c) => [c.code, true]));
    const r = assessMultiLevel(tt18, { thcs: { criteria: uniform(tt18, 3), level4: l4 }, thpt: { criteria: uniform(tt18, 3) } });
    expect(r.perLevel['thcs']!.schoolLevel).toBe(4);
    expect(r.schoolLevel).toBe(3);
  });

  it('needs at least one education level', () => {
    expect(() => assessMultiLevel(tt57, {})).toThrow(/ít nhất một cấp học/);
  });
});
