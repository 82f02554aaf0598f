import { describe, expect, it } from 'vitest';
import tt17Data from '../../../resources/frameworks/tt17-2018-tieu-hoc.json';
import gdtxData from '../../../resources/frameworks/tt57-2026-pl3-gdtx.json';
import tt57Data from '../../../resources/frameworks/tt57-2026-pl2-pho-thong.json';
import type { LevelsFramework } from '../frameworks/framework.schema';
import { parseFramework } from '../frameworks/validate';
import { legacyDegrees, nationalStandardTt57, type LegacyDegreesInput, type NationalStandardTt57Input } from './recognition';
import { parseRecognitionInput } from './recognition-input';

const tt57 = parseFramework('tt57-2026-pl2-pho-thong.json', tt57Data) as LevelsFramework;
const gdtx = parseFramework('tt57-2026-pl3-gdtx.json', gdtxData) as LevelsFramework;
const tt17 = parseFramework('tt17-2018-tieu-hoc.json', tt17Data) as LevelsFramework;

const ok: NationalStandardTt57Input = {
  completedCohort: true,
  consecutiveYearsOfData: 3,
  schoolLevel: 2,
  facilitiesByDegree: { '1': true, '2': true },
};

describe('TT 57 national standard (Điều 16): conditions a–d as a checklist', () => {
  const cases: { name: string; input: NationalStandardTt57Input; eligible: boolean; degree: number; failing: string[] }[] = [
    { name: 'all conditions, Mức 2 → Mức độ 2', input: ok, eligible: true, degree: 2, failing: [] },
    { name: 'Mức 1 → Mức độ 1', input: { ...ok, schoolLevel: 1 }, eligible: true, degree: 1, failing: [] },
    {
      name: 'Mức 2 but facilities only for Mức độ 1 → Mức độ 1',
      input: { ...ok, facilitiesByDegree: { '1': true, '2': false } },
      eligible: true,
      degree: 1,
      failing: [],
    },
    {
      name: 'a) no graduated cohort → not eligible',
      input: { ...ok, completedCohort: false },
      eligible: false,
      degree: 0,
      failing: ['a'],
    },
    {
      name: 'b) only 2 years of data → not eligible',
      input: { ...ok, consecutiveYearsOfData: 2 },
      eligible: false,
      degree: 0,
      failing: ['b'],
    },
    { name: 'c) level không đạt → not eligible', input: { ...ok, schoolLevel: 0 }, eligible: false, degree: 0, failing: ['c'] },
    {
      name: 'd) facilities fail for every degree → not eligible',
      input: { ...ok, facilitiesByDegree: { '1': false, '2': false } },
      eligible: false,
      degree: 0,
      failing: ['d'],
    },
    {
      name: 'unknown cohort keeps the outcome undecided',
      input: { ...ok, completedCohort: null },
      eligible: false,
      degree: 0,
      failing: [],
    },
  ];
  it.each(cases)('$name', ({ input, eligible, degree, failing }) => {
    const r = nationalStandardTt57(tt57, input);
    expect(r.eligible).toBe(eligible);
    expect(r.degree).toBe(degree);
    expect(r.conditions.filter((c) => c.met === false).map((c) => c.key)).toEqual(failing);
    expect(r.conditions.map((c) => c.key)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('explains the next degree and the wait from the time rules', () => {
    const r = nationalStandardTt57(tt57, { ...ok, schoolLevel: 1 });
    expect(r.explanation).toContain('Mức độ 1');
    expect(r.explanation).toContain('c) cần đạt Mức 2');
    expect(r.explanation).toContain('sau ít nhất 2 năm');
  });

  it('GDTX has no national standard under TT 57', () => {
    expect(() => nationalStandardTt57(gdtx, ok)).toThrow(/không có quy định công nhận đạt chuẩn quốc gia/);
  });
});

describe('legacy degrees: Cấp độ (Điều 34) and Mức độ (Điều 37)', () => {
  const cases: {
    name: string;
    input: LegacyDegreesInput;
    grade: number;
    degree: number;
    acc: boolean | null;
    ns: boolean | null;
  }[] = [
    {
      name: 'Mức 1 → Cấp độ 1, no national standard',
      input: { level: 1, levelSource: 'external', cohortCondition: true },
      grade: 1,
      degree: 0,
      acc: true,
      ns: false,
    },
    {
      name: 'Mức 2 → Cấp độ 2, Mức độ 1',
      input: { level: 2, levelSource: 'external', cohortCondition: true },
      grade: 2,
      degree: 1,
      acc: true,
      ns: true,
    },
    {
      name: 'Mức 3 → Cấp độ 3, Mức độ 2',
      input: { level: 3, levelSource: 'external', cohortCondition: true },
      grade: 3,
      degree: 2,
      acc: true,
      ns: true,
    },
    {
      name: 'Mức 4 → Cấp độ 4, Mức độ 2',
      input: { level: 4, levelSource: 'external', cohortCondition: true },
      grade: 4,
      degree: 2,
      acc: true,
      ns: true,
    },
    {
      name: 'không đạt → nothing',
      input: { level: 0, levelSource: 'external', cohortCondition: true },
      grade: 0,
      degree: 0,
      acc: false,
      ns: false,
    },
    {
      name: 'no graduated cohort → nothing even at Mức 3',
      input: { level: 3, levelSource: 'external', cohortCondition: false },
      grade: 0,
      degree: 0,
      acc: false,
      ns: false,
    },
    {
      name: 'cohort unknown → undecided',
      input: { level: 3, levelSource: 'external', cohortCondition: null },
      grade: 0,
      degree: 0,
      acc: null,
      ns: null,
    },
  ];
  it.each(cases)('$name', ({ input, grade, degree, acc, ns }) => {
    const r = legacyDegrees(tt17, input);
    expect(r.accreditation.grade).toBe(grade);
    expect(r.accreditation.recognized).toBe(acc);
    expect(r.nationalStandard.degree).toBe(degree);
    expect(r.nationalStandard.recognized).toBe(ns);
  });

  it('a self-assessment level gives a projection only', () => {
    const r = legacyDegrees(tt17, { level: 2, levelSource: 'self-assessment', cohortCondition: true });
    expect(r.projected).toBe(true);
    expect(r.explanation).toMatch(/^Dự kiến/);
  });

  it('TT 57 frameworks have no Cấp độ', () => {
    expect(() => legacyDegrees(tt57, { level: 2, levelSource: 'external', cohortCondition: true })).toThrow(
      /không có quy định Cấp độ/,
    );
  });
});

describe('parseRecognitionInput', () => {
  it('accepts the family-specific shape', () => {
    expect(parseRecognitionInput(tt57, ok).family).toBe('tt57');
    expect(parseRecognitionInput(tt17, { level: 2, levelSource: 'external', cohortCondition: true }).family).toBe('legacy2018');
  });
  it('names the bad field', () => {
    expect(() => parseRecognitionInput(tt57, { ...ok, schoolLevel: 5 })).toThrow(/schoolLevel/);
    expect(() => parseRecognitionInput(tt17, { level: 2, levelSource: 'guess', cohortCondition: true })).toThrow(/levelSource/);
  });
});
