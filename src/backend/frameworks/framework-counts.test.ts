/**
 * Every count in the framework files against the research digest
 * (shared/research/accreditation.md §1, §7). Where the digest and the reference transcription
 * disagree the files follow the reference, and the expected value below says so.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Framework, LevelsFramework, PointsFramework } from '../../core/frameworks/framework.schema';
import { countFramework } from '../../core/frameworks/counts';
import { allCriteria } from '../../core/frameworks/lookup';
import { loadFrameworks } from './framework-loader';

const RESOURCES = resolve(import.meta.dirname, '../../../resources');
const frameworks = await loadFrameworks(RESOURCES);
const byId = (id: string): Framework => frameworks.find((f) => f.id === id)!;
const levels = (id: string) => byId(id) as LevelsFramework;

const TT57_MANDATORY = ['1.3', '1.4', '2.1', '2.2', '3.1', '3.2', '4.1', '4.2'];

describe('TT 57/2026 annexes (digest §1)', () => {
  const cases = [
    { id: 'tt57-2026-pl1-mam-non', quantitative: 31 },
    { id: 'tt57-2026-pl2-pho-thong', quantitative: 37 },
    { id: 'tt57-2026-pl3-gdtx', quantitative: 34 },
  ];
  it.each(cases)(
    '$id: 4 standards, 15 criteria (4/3/5/3), 8 mandatory, Mức 1 and 2, $quantitative quantitative items',
    ({ id, quantitative }) => {
      const fw = levels(id);
      const c = countFramework(fw);
      expect(c.standards).toBe(4);
      expect(c.criteriaPerStandard).toEqual([4, 3, 5, 3]);
      expect(c.criteria).toBe(15);
      expect(c.mandatory).toBe(8);
      expect(
        allCriteria(fw)
          .filter((x) => x.mandatory)
          .map((x) => x.code),
      ).toEqual(TT57_MANDATORY);
      expect(c.criteriaWithLevel).toEqual({ 1: 15, 2: 15 });
      expect(c.quantitativeItems).toBe(quantitative);
      expect(fw.maxLevel).toBe(2);
      expect(c.level4Clauses).toBe(0);
      for (const crit of allCriteria(fw)) {
        expect(crit.evidenceGroup, crit.code).toBeTruthy();
        expect(crit.suggestedEvidence.length, crit.code).toBeGreaterThan(0);
        // Either data items or the printed "Không yêu cầu dữ liệu định lượng riêng."
        expect(crit.quantitativeData.length > 0 || crit.quantitativeNote !== null, crit.code).toBe(true);
      }
    },
  );

  it('council ≥ 5 members, odd; report approved before 15/6; national standard only for MN and PT', () => {
    for (const id of ['tt57-2026-pl1-mam-non', 'tt57-2026-pl2-pho-thong', 'tt57-2026-pl3-gdtx']) {
      const fw = levels(id);
      expect(fw.councilRules).toMatchObject({ minMembers: 5, oddNumber: true, chairCount: 1, secretaryCount: 1 });
      expect(fw.timeRules.calendar[0]).toMatchObject({ key: 'report-approved', month: 6, day: 15 });
    }
    expect(levels('tt57-2026-pl1-mam-non').nationalStandard?.conditions.map((c) => c.key)).toEqual(['a', 'b', 'c', 'd']);
    expect(levels('tt57-2026-pl3-gdtx').nationalStandard).toBeNull();
  });
});

describe('legacy TT 17/18/19 (digest §1)', () => {
  const cases = [
    {
      id: 'tt19-2018-mam-non',
      perStandard: [10, 3, 6, 2, 4],
      criteria: 25,
      m1: 75,
      // Digest: 48 Mức 2 items and 19 (23) Mức 3; the reference transcription has 46 and 25 — files follow the reference.
      m2: 46,
      withM3: 19,
      m3: 25,
      m4: 6,
      noM3: ['1.2', '1.7', '1.8', '1.9', '1.10', '3.6'],
    },
    {
      id: 'tt17-2018-tieu-hoc',
      perStandard: [10, 4, 6, 2, 5],
      // Digest: "27 (verify; I expected 28)" — the reference has 27.
      criteria: 27,
      m1: 81,
      m2: 48,
      withM3: 19,
      m3: 24,
      m4: 5,
      noM3: ['1.2', '1.5', '1.7', '1.8', '1.9', '1.10', '3.4', '5.1'],
    },
    {
      id: 'tt18-2018-thcs-thpt',
      perStandard: [10, 4, 6, 2, 6],
      criteria: 28,
      m1: 84,
      m2: 45,
      withM3: 20,
      m3: 25,
      m4: 6,
      noM3: ['1.2', '1.7', '1.8', '1.9', '1.10', '3.4', '5.3', '5.4'],
    },
  ];
  it.each(cases)(
    '$id: $criteria criteria, $m1 indicators at Mức 1, $m2 items at Mức 2, $withM3 criteria with Mức 3 ($m3 items), $m4 Mức 4 clauses',
    (exp) => {
      const fw = levels(exp.id);
      const c = countFramework(fw);
      expect(c.standards).toBe(5);
      expect(c.criteriaPerStandard).toEqual(exp.perStandard);
      expect(c.criteria).toBe(exp.criteria);
      expect(c.mandatory).toBe(0);
      expect(c.requirementsByLevel).toEqual({ 1: exp.m1, 2: exp.m2, 3: exp.m3 });
      expect(c.criteriaWithLevel[3]).toBe(exp.withM3);
      expect(c.criteriaWithoutLevel[3]).toEqual(exp.noM3);
      expect(c.level4Clauses).toBe(exp.m4);
      expect(fw.maxLevel).toBe(3);
      for (const crit of allCriteria(fw)) {
        expect(
          crit.levels[0]!.requirements.map((r) => r.code),
          crit.code,
        ).toEqual(['a', 'b', 'c']);
        expect(crit.levels[1]!.requirements.length, crit.code).toBeGreaterThanOrEqual(1);
        expect(crit.levels[1]!.requirements.length, crit.code).toBeLessThanOrEqual(3);
      }
    },
  );

  it('discrepancies with the digest are recorded in the files', () => {
    expect(levels('tt17-2018-tieu-hoc').notes.join(' ')).toContain('27 tiêu chí');
    expect(levels('tt19-2018-mam-non').notes.join(' ')).toContain('46 và 25');
  });

  it('council ≥ 7 members; validity 5 years; wait 1 year after TT 22/2024; CQG Mức độ 1 at Mức 2, Mức độ 2 at Mức 3', () => {
    for (const id of ['tt17-2018-tieu-hoc', 'tt18-2018-thcs-thpt', 'tt19-2018-mam-non']) {
      const fw = levels(id);
      expect(fw.councilRules?.minMembers).toBe(7);
      expect(fw.timeRules).toMatchObject({ validityYears: 5, waitBeforeNextDegreeYears: 1, cycleYears: 5 });
      expect(fw.nationalStandard?.degreeByLevel).toEqual([
        { level: 2, degree: 1 },
        { level: 3, degree: 2 },
      ]);
      expect(fw.effectiveTo).toBe('2026-07-06');
      expect(fw.source.amendedBy.map((d) => d.number)).toEqual(['22/2024/TT-BGDĐT']);
    }
  });
});

describe('QĐ 4725 digital-transformation index (digest §7)', () => {
  it('two groups out of 100, 4 mandatory preconditions, thresholds 50/75, group 2 incomplete (90/100)', () => {
    const fw = byId('qd4725-2022-cds') as PointsFramework;
    const c = countFramework(fw);
    expect(fw.kind).toBe('points');
    expect(fw.groups.map((g) => g.maxScore)).toEqual([100, 100]);
    expect(c.pointsByGroup).toEqual({ '1': 100, '2': 90 });
    expect(c.pointsItems).toBe(29);
    expect(
      fw.groups
        .flatMap((g) => g.items)
        .filter((i) => i.mandatory)
        .map((i) => i.code),
    ).toEqual(['1.1', '1.2', '2.1', '2.2']);
    expect(fw.groups[1]!.missingPoints).toBe(10);
    expect(fw.complete).toBe(false);
    expect(fw.thresholds.map((t) => [t.level, t.minScore, t.inclusive])).toEqual([
      [1, 0, true],
      [2, 50, true],
      [3, 75, false],
    ]);
  });
});

describe('frameworks list for the CLI', () => {
  it('six level-based annexes and the points-based index', () => {
    expect(frameworks.filter((f) => f.kind === 'levels')).toHaveLength(6);
    expect(frameworks.filter((f) => f.kind === 'points')).toHaveLength(1);
  });
});
