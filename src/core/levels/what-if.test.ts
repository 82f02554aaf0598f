import { describe, expect, it } from 'vitest';
import tt18Data from '../../../resources/frameworks/tt18-2018-thcs-thpt.json';
import tt57Data from '../../../resources/frameworks/tt57-2026-pl2-pho-thong.json';
import type { LevelsFramework } from '../frameworks/framework.schema';
import { allCriteria } from '../frameworks/lookup';
import { parseFramework } from '../frameworks/validate';
import { whatIf } from './what-if';

const tt57 = parseFramework('tt57-2026-pl2-pho-thong.json', tt57Data) as LevelsFramework;
const tt18 = parseFramework('tt18-2018-thcs-thpt.json', tt18Data) as LevelsFramework;
// Mức 1 school: 1.3 (mandatory) at Mức 1 and only 4 of the 7 others at Mức 2.
const base = {
  ...Object.fromEntries(allCriteria(tt57).map((c) => [c.code, 2])),
  '1.3': 1,
  '3.4': 1,
  '3.5': 1,
  '4.3': 1,
};

describe('whatIf', () => {
  const cases: { name: string; changes: Record<string, number>; before: number; after: number }[] = [
    { name: 'raising only the mandatory 1.3 is not enough (quota still 4/7)', changes: { '1.3': 2 }, before: 1, after: 1 },
    { name: 'raising only one other is not enough (1.3 still at Mức 1)', changes: { '3.4': 2 }, before: 1, after: 1 },
    { name: 'raising 1.3 and one other reaches Mức 2', changes: { '1.3': 2, '3.4': 2 }, before: 1, after: 2 },
    { name: 'dropping a mandatory criterion to 0 loses Mức 1', changes: { '4.2': 0 }, before: 1, after: 0 },
  ];
  it.each(cases)('$name', ({ changes, before, after }) => {
    const r = whatIf(tt57, base, changes);
    expect(r.before.schoolLevel).toBe(before);
    expect(r.after.schoolLevel).toBe(after);
    expect(r.delta).toBe(after - before);
  });

  it('explains the change in Vietnamese', () => {
    const r = whatIf(tt57, base, { '1.3': 2, '3.4': 2 });
    expect(r.explanation).toContain('Nếu 1.3 Mức 1 → Mức 2, 3.4 Mức 1 → Mức 2: Mức 1 → Mức 2.');
    expect(r.changes).toEqual([
      { code: '1.3', from: 1, to: 2 },
      { code: '3.4', from: 1, to: 2 },
    ]);
  });

  it('legacy: what-if on Mức 4 clauses', () => {
    const levels = Object.fromEntries(allCriteria(tt18).map((c) => [c.code, 3]));
    const l4 = Object.fromEntries(tt18.level4Clauses.map((c) => [c.code, true]));
    const r = whatIf(tt18, levels, {}, { level4: { ...l4, '3': false }, level4Changes: { '3': true } });
    expect(r.before.schoolLevel).toBe(3);
    expect(r.after.schoolLevel).toBe(4);
  });

  it('rejects unknown criteria and out-of-range levels', () => {
    expect(() => whatIf(tt57, base, { '9.9': 2 })).toThrow(/không có tiêu chí "9\.9"/);
    expect(() => whatIf(tt57, base, { '1.1': 3 })).toThrow(/1\.1/);
  });
});
