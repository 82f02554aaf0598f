import { describe, expect, it } from 'vitest';
import tt18Data from '../../../resources/frameworks/tt18-2018-thcs-thpt.json';
import tt57Data from '../../../resources/frameworks/tt57-2026-pl2-pho-thong.json';
import type { LevelsFramework } from '../frameworks/framework.schema';
import { findCriterion } from '../frameworks/lookup';
import { parseFramework } from '../frameworks/validate';
import { criterionLevel, criterionLevelsFromJudgments, requirementState } from './criterion-level';
import type { CriterionJudgments } from './types';

const tt57 = parseFramework('tt57-2026-pl2-pho-thong.json', tt57Data) as LevelsFramework;
const tt18 = parseFramework('tt18-2018-thcs-thpt.json', tt18Data) as LevelsFramework;
const c57 = findCriterion(tt57, '1.3')!;
const c18 = findCriterion(tt18, '1.3')!; // Mức 1 a,b,c · Mức 2 a,b · Mức 3 a,b
const c18NoLevel3 = findCriterion(tt18, '1.2')!; // Mức 1 a,b,c · Mức 2 "1" · no Mức 3

const M1 = { a: true, b: true, c: true };

describe('criterionLevel — TT 57 (one requirement "1" per level)', () => {
  const cases: { name: string; judgments: CriterionJudgments | undefined; level: number; pending: string[]; unmet: string[] }[] =
    [
      { name: 'no judgments at all: level 0, Mức 1 pending', judgments: undefined, level: 0, pending: ['1.1'], unmet: [] },
      {
        name: 'Mức 1 met, Mức 2 not yet assessed: level 1, Mức 2 pending',
        judgments: { '1': { '1': true }, '2': { '1': null } },
        level: 1,
        pending: ['2.1'],
        unmet: [],
      },
      {
        name: 'Mức 1 met, Mức 2 missing entirely: level 1',
        judgments: { '1': { '1': true } },
        level: 1,
        pending: ['2.1'],
        unmet: [],
      },
      {
        name: 'Mức 1 and Mức 2 met: level 2, top reached',
        judgments: { '1': { '1': true }, '2': { '1': true } },
        level: 2,
        pending: [],
        unmet: [],
      },
      {
        name: 'Mức 1 not met, Mức 2 met: cumulative, level 0',
        judgments: { '1': { '1': false }, '2': { '1': true } },
        level: 0,
        pending: [],
        unmet: ['1.1'],
      },
      {
        name: 'Mức 1 unassessed, Mức 2 met: level 0 (never skips)',
        judgments: { '2': { '1': true } },
        level: 0,
        pending: ['1.1'],
        unmet: [],
      },
      {
        name: 'Mức 2 not met: level 1',
        judgments: { '1': { '1': true }, '2': { '1': false } },
        level: 1,
        pending: [],
        unmet: ['2.1'],
      },
    ];
  it.each(cases)('$name', ({ judgments, level, pending, unmet }) => {
    const r = criterionLevel(c57, judgments);
    expect(r.level).toBe(level);
    expect(r.pending).toEqual(pending);
    expect(r.unmet).toEqual(unmet);
    expect(r.nextLevel).toBe(level < 2 ? level + 1 : null);
  });
});

describe('criterionLevel — legacy indicators a, b, c and items', () => {
  const cases: { name: string; judgments: CriterionJudgments; level: number; pending: string[]; unmet: string[] }[] = [
    {
      name: 'indicator b unassessed: Mức 1 not reached',
      judgments: { '1': { a: true, c: true } },
      level: 0,
      pending: ['1.b'],
      unmet: [],
    },
    {
      name: 'indicator c not met: level 0',
      judgments: { '1': { a: true, b: true, c: false } },
      level: 0,
      pending: [],
      unmet: ['1.c'],
    },
    {
      name: 'Mức 1 complete, Mức 2 item b pending: level 1',
      judgments: { '1': M1, '2': { a: true } },
      level: 1,
      pending: ['2.b'],
      unmet: [],
    },
    {
      name: 'Mức 1–2 complete, Mức 3 a not met: level 2',
      judgments: { '1': M1, '2': { a: true, b: true }, '3': { a: false, b: true } },
      level: 2,
      pending: [],
      unmet: ['3.a'],
    },
    {
      name: 'all three levels met: level 3',
      judgments: { '1': M1, '2': { a: true, b: true }, '3': { a: true, b: true } },
      level: 3,
      pending: [],
      unmet: [],
    },
    {
      name: 'Mức 3 met but Mức 2 not: cumulative, level 1',
      judgments: { '1': M1, '2': { a: false, b: true }, '3': { a: true, b: true } },
      level: 1,
      pending: [],
      unmet: ['2.a'],
    },
  ];
  it.each(cases)('$name', ({ judgments, level, pending, unmet }) => {
    const r = criterionLevel(c18, judgments, { maxLevel: 3 });
    expect(r.level).toBe(level);
    expect(r.pending).toEqual(pending);
    expect(r.unmet).toEqual(unmet);
  });

  it('a criterion without Mức 3 requirements reaches Mức 3 with Mức 2 when evaluated to the framework maxLevel', () => {
    const j = { '1': M1, '2': { '1': true } };
    expect(criterionLevel(c18NoLevel3, j, { maxLevel: 3 }).level).toBe(3);
    expect(criterionLevel(c18NoLevel3, j, { maxLevel: 3 }).levels[2]!.inherited).toBe(true);
    // Without the framework's maxLevel it stops at its own top level.
    expect(criterionLevel(c18NoLevel3, j).level).toBe(2);
  });

  it('the inherited Mức 3 stays pending while Mức 2 is pending', () => {
    const r = criterionLevel(c18NoLevel3, { '1': M1 }, { maxLevel: 3 });
    expect(r.level).toBe(1);
    expect(r.levels.map((l) => l.status)).toEqual(['met', 'pending', 'pending']);
  });
});

describe('requireBacking: a "met" without description and evidence is not counted', () => {
  const cases: { name: string; value: Parameters<typeof requirementState>[0]; state: ReturnType<typeof requirementState> }[] = [
    { name: 'plain true', value: true, state: 'unbacked' },
    { name: 'met without evidence', value: { met: true, description: 'Có kế hoạch năm học' }, state: 'unbacked' },
    { name: 'met without description', value: { met: true, evidence: ['MC.1.3.01'] }, state: 'unbacked' },
    { name: 'met with blank description', value: { met: true, description: '  ', evidence: ['MC.1.3.01'] }, state: 'unbacked' },
    {
      name: 'met, described, with evidence',
      value: { met: true, description: 'Có kế hoạch', evidence: ['MC.1.3.01'] },
      state: 'met',
    },
    { name: 'not met needs no backing', value: false, state: 'not-met' },
    { name: 'null is pending', value: null, state: 'pending' },
    { name: 'object with met null is pending', value: { met: null }, state: 'pending' },
  ];
  it.each(cases)('$name → $state', ({ value, state }) => {
    expect(requirementState(value, true)).toBe(state);
  });

  it('an unbacked Mức 1 keeps the criterion at 0 and reports it as pending and unbacked', () => {
    const r = criterionLevel(c57, { '1': { '1': true } }, { requireBacking: true });
    expect(r.level).toBe(0);
    expect(r.pending).toEqual(['1.1']);
    expect(r.levels[0]!.unbacked).toEqual(['1']);
  });
});

describe('criterionLevelsFromJudgments', () => {
  it('computes every criterion of the framework; unjudged criteria are 0', () => {
    const { levels, results } = criterionLevelsFromJudgments(tt57, { '1.1': { '1': { '1': true }, '2': { '1': true } } });
    expect(Object.keys(levels)).toHaveLength(15);
    expect(levels['1.1']).toBe(2);
    expect(levels['4.3']).toBe(0);
    expect(results['4.3']!.pending).toEqual(['1.1']);
  });
});
