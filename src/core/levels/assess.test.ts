import { describe, expect, it } from 'vitest';
import qdData from '../../../resources/frameworks/qd4725-2022-cds.json';
import tt18Data from '../../../resources/frameworks/tt18-2018-thcs-thpt.json';
import tt57Data from '../../../resources/frameworks/tt57-2026-pl2-pho-thong.json';
import type { LevelsFramework } from '../frameworks/framework.schema';
import { allCriteria } from '../frameworks/lookup';
import { parseFramework } from '../frameworks/validate';
import { assess, formatRequirementRef } from './assess';
import { parseAssessInput } from './assess-input';

const tt57 = parseFramework('tt57-2026-pl2-pho-thong.json', tt57Data) as LevelsFramework;
const tt18 = parseFramework('tt18-2018-thcs-thpt.json', tt18Data) as LevelsFramework;
const qd = parseFramework('qd4725-2022-cds.json', qdData);

const allMet = (fw: LevelsFramework, upTo: number): Record<string, Record<string, Record<string, boolean | null>>> =>
  Object.fromEntries(
    allCriteria(fw).map((c) => [
      c.code,
      Object.fromEntries(
        c.levels
          .filter((l) => l.level <= upTo)
          .map((l) => [String(l.level), Object.fromEntries(l.requirements.map((r) => [r.code, true]))]),
      ),
    ]),
  );

describe('assess', () => {
  it('requirements mode: computes criterion levels, then the school level', () => {
    const judgments = allMet(tt57, 2);
    judgments['2.3'] = { '1': { '1': true }, '2': { '1': null } };
    const r = assess(tt57, parseAssessInput(tt57, { requirements: judgments }));
    expect(r.kind).toBe('levels');
    if (r.kind !== 'levels') return;
    expect(r.schoolLevel).toBe(2);
    expect(r.criteria['2.3']).toBe(1);
    expect(r.pending).toEqual({ '2.3': ['2.1'] });
    expect(r.explanation).toContain('Yêu cầu chưa đánh giá: 2.3 (Mức 2: 1)');
  });

  it('requirements mode: criteria missing from the file are reported as not assessed', () => {
    const judgments = allMet(tt57, 2);
    delete judgments['4.2'];
    const r = assess(tt57, parseAssessInput(tt57, { requirements: judgments }));
    if (r.kind !== 'levels') throw new Error('kind');
    expect(r.schoolLevel).toBe(0);
    expect(r.unassessed).toEqual(['4.2']);
    expect(r.explanation).toContain('4.2 (bắt buộc) cần Mức 1, chưa đánh giá');
  });

  it('requireBacking: plain "true" judgments reach no level', () => {
    const r = assess(tt57, parseAssessInput(tt57, { requirements: allMet(tt57, 2) }), { requireBacking: true });
    expect(r.schoolLevel).toBe(0);
  });

  it('legacy multi-level from requirements, with Mức 4 on one education level', () => {
    const l4 = Object.fromEntries(tt18.level4Clauses.map((c) => [c.code, true]));
    const thpt = allMet(tt18, 3);
    thpt['5.6'] = { '1': { a: true, b: true, c: true }, '2': { a: true, b: false } };
    const r = assess(
      tt18,
      parseAssessInput(tt18, { levels: { thcs: { requirements: allMet(tt18, 3), level4: l4 }, thpt: { requirements: thpt } } }),
    );
    if (r.kind !== 'levels') throw new Error('kind');
    expect(r.perLevel!['thcs']!.schoolLevel).toBe(4);
    expect(r.perLevel!['thpt']!.schoolLevel).toBe(1);
    expect(r.schoolLevel).toBe(1);
    expect(r.limiting).toEqual(['thpt']);
    expect(r.criteria['5.6']).toBe(1);
    expect(r.blockers).toEqual([expect.objectContaining({ code: '5.6', educationLevel: 'thpt' })]);
  });

  it('what-if on top of a criteria input', () => {
    const criteria = { ...Object.fromEntries(allCriteria(tt57).map((c) => [c.code, 2])), '1.3': 1 };
    const r = assess(tt57, parseAssessInput(tt57, { criteria }), { whatIf: { '1.3': 2 } });
    if (r.kind !== 'levels') throw new Error('kind');
    expect(r.schoolLevel).toBe(1);
    expect(r.whatIf!.after.schoolLevel).toBe(2);
  });

  it('points frameworks return group scores and the level', () => {
    const r = assess(
      qd,
      parseAssessInput(qd, { items: { '1.1': true, '1.2': true, '2.1': true, '2.2': true, '1.5.1': 15, '1.4': 10 } }),
    );
    if (r.kind !== 'points') throw new Error('kind');
    expect(r.groups.map((g) => g.score)).toEqual([25, 0]);
    expect(r.level).toBe(1);
    expect(r.schoolLevel).toBe(1);
  });

  it('formats requirement refs for people', () => {
    expect(formatRequirementRef('2.1')).toBe('Mức 2: 1');
    expect(formatRequirementRef('1.b')).toBe('Mức 1: b');
  });
});
