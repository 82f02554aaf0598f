import { describe, expect, it } from 'vitest';
import tt18Data from '../../../resources/frameworks/tt18-2018-thcs-thpt.json';
import tt57Data from '../../../resources/frameworks/tt57-2026-pl2-pho-thong.json';
import type { LevelsFramework } from '../frameworks/framework.schema';
import { allCriteria } from '../frameworks/lookup';
import { parseFramework } from '../frameworks/validate';
import { schoolLevel } from './school-level';
import type { CriterionLevels } from './types';

const tt57 = parseFramework('tt57-2026-pl2-pho-thong.json', tt57Data) as LevelsFramework;
const tt18 = parseFramework('tt18-2018-thcs-thpt.json', tt18Data) as LevelsFramework;

const MANDATORY = ['1.3', '1.4', '2.1', '2.2', '3.1', '3.2', '4.1', '4.2'];
const OTHERS = ['1.1', '1.2', '2.3', '3.3', '3.4', '3.5', '4.3'];

/** Mandatory criteria at `m`, the seven others at the given levels (null = not assessed). */
function tt57Levels(m: number | null, others: (number | null)[], overrides: Record<string, number | null> = {}): CriterionLevels {
  const out: Record<string, number | null> = {};
  MANDATORY.forEach((c) => (out[c] = m));
  OTHERS.forEach((c, i) => (out[c] = others[i] ?? null));
  return { ...out, ...overrides };
}

describe('TT 57 school level (khoản 3 Điều 5)', () => {
  it('data: 8 mandatory criteria and 7 others', () => {
    expect(
      allCriteria(tt57)
        .filter((c) => c.mandatory)
        .map((c) => c.code),
    ).toEqual(MANDATORY);
    expect(
      allCriteria(tt57)
        .filter((c) => !c.mandatory)
        .map((c) => c.code),
    ).toEqual(OTHERS);
  });

  const cases: { name: string; levels: CriterionLevels; level: number; blockerKinds: string[]; blockerCodes?: string[] }[] = [
    {
      name: 'Mức 1 boundary: 5 of 7 others at Mức 1 → Mức 1',
      levels: tt57Levels(1, [1, 1, 1, 1, 1, 0, 0]),
      level: 1,
      blockerKinds: ['mandatory', 'quota', 'floor'],
    },
    {
      name: 'Mức 1 boundary: 4 of 7 others at Mức 1 → không đạt',
      levels: tt57Levels(1, [1, 1, 1, 1, 0, 0, 0]),
      level: 0,
      blockerKinds: ['quota'],
    },
    {
      name: 'a mandatory criterion at 0 blocks Mức 1 even when every other criterion is at Mức 2',
      levels: tt57Levels(2, [2, 2, 2, 2, 2, 2, 2], { '3.2': 0 }),
      level: 0,
      blockerKinds: ['mandatory'],
      blockerCodes: ['3.2'],
    },
    {
      name: 'Mức 2 boundary: 5 of 7 others at Mức 2, rest at Mức 1 → Mức 2',
      levels: tt57Levels(2, [2, 2, 2, 2, 2, 1, 1]),
      level: 2,
      blockerKinds: [],
    },
    {
      name: 'Mức 2 boundary: 4 of 7 others at Mức 2 → Mức 1',
      levels: tt57Levels(2, [2, 2, 2, 2, 1, 1, 1]),
      level: 1,
      blockerKinds: ['quota'],
    },
    {
      name: 'a mandatory criterion at Mức 1 blocks Mức 2 (2.1 at Mức 1, all others at Mức 2)',
      levels: tt57Levels(2, [2, 2, 2, 2, 2, 2, 2], { '2.1': 1 }),
      level: 1,
      blockerKinds: ['mandatory'],
      blockerCodes: ['2.1'],
    },
    {
      name: 'Mức 2 needs the remaining others at least Mức 1: one at 0 → Mức 1',
      levels: tt57Levels(2, [2, 2, 2, 2, 2, 2, 0]),
      level: 1,
      blockerKinds: ['floor'],
      blockerCodes: ['4.3'],
    },
    {
      name: 'an unassessed non-mandatory criterion counts as not met: blocks Mức 2 via the floor',
      levels: tt57Levels(2, [2, 2, 2, 2, 2, 2, null]),
      level: 1,
      blockerKinds: ['floor'],
      blockerCodes: ['4.3'],
    },
    {
      name: 'an unassessed mandatory criterion blocks Mức 1',
      levels: tt57Levels(2, [2, 2, 2, 2, 2, 2, 2], { '1.4': null }),
      level: 0,
      blockerKinds: ['mandatory'],
      blockerCodes: ['1.4'],
    },
    {
      name: 'everything at Mức 2 → Mức 2, the top',
      levels: tt57Levels(2, [2, 2, 2, 2, 2, 2, 2]),
      level: 2,
      blockerKinds: [],
    },
    { name: 'nothing assessed → không đạt', levels: {}, level: 0, blockerKinds: ['mandatory', 'quota'] },
  ];

  it.each(cases)('$name', ({ levels, level, blockerKinds, blockerCodes }) => {
    const r = schoolLevel(tt57, levels);
    expect(r.schoolLevel).toBe(level);
    expect([...new Set(r.blockers.map((b) => b.kind))].sort()).toEqual([...blockerKinds].sort());
    if (blockerCodes) expect(r.blockers.map((b) => b.code)).toEqual(blockerCodes);
    expect(r.nextLevel).toBe(level < 2 ? level + 1 : null);
  });

  it('explains what each blocker still needs, in Vietnamese', () => {
    const r = schoolLevel(tt57, tt57Levels(2, [2, 2, 2, 1, 1, 1, 1], { '1.3': 1 }));
    expect(r.schoolLevel).toBe(1);
    expect(r.explanation).toContain('Kết quả: đạt Mức 1.');
    expect(r.explanation).toContain('Để đạt Mức 2:');
    expect(r.explanation).toContain('1.3 (bắt buộc) cần Mức 2, hiện Mức 1');
    expect(r.explanation).toContain('3/7 tiêu chí không bắt buộc đạt Mức 2, cần ít nhất 5');
    const quota = r.blockers.find((b) => b.kind === 'quota')!;
    expect(quota).toMatchObject({ count: 3, of: 7, required: 5, targetLevel: 2 });
    expect(quota.candidates).toEqual(['3.3', '3.4', '3.5', '4.3']);
  });

  it('reports unassessed criteria separately and never counts them as met', () => {
    const r = schoolLevel(tt57, tt57Levels(1, [1, 1, 1, 1, 1, null, null]));
    expect(r.unassessed).toEqual(['3.5', '4.3']);
    expect(r.criteria['3.5']).toBe(0);
    expect(r.explanation).toContain('Chưa có kết quả (tính là chưa đạt): 3.5, 4.3.');
  });

  it('merges same-shaped blockers in the explanation', () => {
    const r = schoolLevel(tt57, {});
    expect(r.explanation).toContain('1.3, 1.4, 2.1, 2.2, 3.1, 3.2, 4.1, 4.2 (bắt buộc) cần Mức 1, chưa đánh giá');
  });

  it('rejects a level outside 0…maxLevel', () => {
    expect(() => schoolLevel(tt57, { '1.1': 3 })).toThrow(/Tiêu chí 1\.1/);
  });
});

describe('legacy school level (TT 17/18/19): cumulative levels and Mức 4', () => {
  const codes = allCriteria(tt18).map((c) => c.code);
  const all = (level: number, overrides: Record<string, number | null> = {}): CriterionLevels => ({
    ...Object.fromEntries(codes.map((c) => [c, level])),
    ...overrides,
  });
  const level4All = Object.fromEntries(tt18.level4Clauses.map((c) => [c.code, true]));

  const cases: {
    name: string;
    levels: CriterionLevels;
    level4?: Record<string, boolean | null>;
    level: number;
    blockerCodes: string[];
  }[] = [
    { name: 'every criterion at Mức 1 → Mức 1', levels: all(1), level: 1, blockerCodes: codes },
    { name: 'one criterion at 0 → không đạt', levels: all(3, { '5.6': 0 }), level: 0, blockerCodes: ['5.6'] },
    { name: 'all at Mức 3 but one at Mức 2 → Mức 2', levels: all(3, { '3.2': 2 }), level: 2, blockerCodes: ['3.2'] },
    {
      name: 'all at Mức 3, no Mức 4 judgments → Mức 3, every clause pending',
      levels: all(3),
      level: 3,
      blockerCodes: ['1', '2', '3', '4', '5', '6'],
    },
    { name: 'all at Mức 3 and every Mức 4 clause met → Mức 4', levels: all(3), level4: level4All, level: 4, blockerCodes: [] },
    {
      name: 'Mức 4 clause 6 not met → Mức 3',
      levels: all(3),
      level4: { ...level4All, '6': false },
      level: 3,
      blockerCodes: ['6'],
    },
    {
      name: 'Mức 4 clause 2 unassessed → Mức 3',
      levels: all(3),
      level4: { ...level4All, '2': null },
      level: 3,
      blockerCodes: ['2'],
    },
    {
      name: 'Mức 4 clauses met but a criterion at Mức 2 → Mức 2 (Mức 4 needs Mức 3)',
      levels: all(3, { '1.1': 2 }),
      level4: level4All,
      level: 2,
      blockerCodes: ['1.1'],
    },
  ];
  it.each(cases)('$name', ({ levels, level4, level, blockerCodes }) => {
    const r = schoolLevel(tt18, levels, level4 ? { level4 } : {});
    expect(r.schoolLevel).toBe(level);
    expect(r.blockers.map((b) => b.code)).toEqual(blockerCodes);
  });

  it('Mức 4 blocker messages cite the clause of Điều 22', () => {
    const r = schoolLevel(tt18, all(3), { level4: { ...level4All, '6': false } });
    expect(r.explanation).toContain('Để đạt Mức 4: Khoản 6 Điều 22 (Mức 4): chưa đạt.');
  });

  it('Mức 4 clauses need description and evidence when backing is required', () => {
    const r = schoolLevel(tt18, all(3), { level4: level4All, requireBacking: true });
    expect(r.schoolLevel).toBe(3);
    expect(r.blockers[0]!.message).toContain('chưa có mô tả và minh chứng');
  });

  it('Mức 4 is the top: no next level', () => {
    const r = schoolLevel(tt18, all(3), { level4: level4All });
    expect(r.nextLevel).toBeNull();
    expect(r.explanation).toContain('mức cao nhất');
  });
});
