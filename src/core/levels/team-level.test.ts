import { describe, expect, it } from 'vitest';
import tt18Data from '../../../resources/frameworks/tt18-2018-thcs-thpt.json';
import tt57Data from '../../../resources/frameworks/tt57-2026-pl2-pho-thong.json';
import type { LevelsFramework } from '../frameworks/framework.schema';
import { allCriteria } from '../frameworks/lookup';
import { parseFramework } from '../frameworks/validate';
import { assess } from './assess';
import {
  appraiseNationalStandard,
  degreeForLevel,
  joinNoteEvidence,
  NATIONAL_STANDARD_CODE,
  splitNoteEvidence,
} from './team-level-conditions';
import { mergeRequirement, teamLevels, type MemberVote, type TeamRequirementInput } from './team-level';

const tt57 = parseFramework('tt57-2026-pl2-pho-thong.json', tt57Data) as LevelsFramework;
const tt18 = parseFramework('tt18-2018-thcs-thpt.json', tt18Data) as LevelsFramework;

const LEAD = 'lead';
const vote = (accountId: string, judgment: MemberVote['judgment']): MemberVote => ({ accountId, judgment });
const votes = (...js: ('met' | 'not_met' | 'unassessed')[]) => js.map((j, i) => vote(i === 0 ? LEAD : `m${i}`, j));
/** Members m1, m2 (no lead vote) judging a requirement. */
const members = (...js: ('met' | 'not_met')[]) => js.map((j, i) => vote(`m${i + 1}`, j));

/** Every TT 57 requirement up to `level` judged by the members as given (default: all met unanimously). */
function allAt(
  level: number,
  judge: (code: string, lvl: number) => MemberVote[] = () => members('met', 'met'),
): TeamRequirementInput[] {
  return allCriteria(tt57).flatMap((c) =>
    c.levels
      .filter((l) => l.level <= level)
      .flatMap((l) =>
        l.requirements.map((r) => ({
          criterionCode: c.code,
          level: l.level,
          requirementCode: r.code,
          judgments: judge(c.code, l.level),
        })),
      ),
  );
}

describe('mergeRequirement', () => {
  it('follows the majority of the members who judged', () => {
    expect(mergeRequirement(members('met', 'met', 'not_met'), LEAD)).toMatchObject({
      met: true,
      basis: 'majority',
      disagreement: true,
    });
    expect(mergeRequirement(members('not_met', 'not_met', 'met'), LEAD)).toMatchObject({ met: false, basis: 'majority' });
    expect(mergeRequirement(members('met'), LEAD)).toMatchObject({ met: true, basis: 'majority', disagreement: false });
  });

  it("lets the lead's judgment decide, even against the majority", () => {
    expect(mergeRequirement([vote(LEAD, 'not_met'), ...members('met', 'met')], LEAD)).toEqual({
      met: false,
      basis: 'lead',
      metCount: 2,
      notMetCount: 1,
      disagreement: true,
    });
    // A lead who has not judged (unassessed) leaves it to the members.
    expect(mergeRequirement([vote(LEAD, 'unassessed'), ...members('met', 'met')], LEAD)).toMatchObject({
      met: true,
      basis: 'majority',
    });
  });

  it('counts a tie as not met and flags it', () => {
    expect(mergeRequirement(members('met', 'not_met'), LEAD)).toEqual({
      met: false,
      basis: 'tie',
      metCount: 1,
      notMetCount: 1,
      disagreement: true,
    });
  });

  it('leaves a requirement nobody judged undecided', () => {
    expect(mergeRequirement([], LEAD)).toMatchObject({ met: null, basis: 'none' });
    expect(mergeRequirement(votes('unassessed', 'unassessed'), LEAD)).toMatchObject({ met: null, basis: 'none' });
  });
});

describe('teamLevels — TT 57', () => {
  it('gives the school the level the engine gives the same judgments', () => {
    const input = allAt(2);
    const r = teamLevels(tt57, input, LEAD);
    expect(r.school.level).toBe(2);
    expect(r.criteria.every((c) => c.level === 2 && c.assessed)).toBe(true);
    const direct = assess(tt57, {
      mode: 'requirements',
      requirements: Object.fromEntries(allCriteria(tt57).map((c) => [c.code, { '1': { '1': true }, '2': { '1': true } }])),
    });
    expect(r.school.level).toBe(direct.schoolLevel);
    expect(r.school.explanation).toContain('Theo đánh giá của đoàn: Kết quả: đạt Mức 2.');
  });

  it('a mandatory criterion the team finds not met holds the school at Mức 0', () => {
    const r = teamLevels(
      tt57,
      allAt(1, (code) => (code === '1.3' ? members('not_met', 'not_met') : members('met', 'met'))),
      LEAD,
    );
    const c13 = r.criteria.find((c) => c.criterionCode === '1.3')!;
    expect(c13).toMatchObject({ level: 0, mandatory: true, assessed: true });
    expect(c13.explanation).toContain('Chưa đạt Mức 1.');
    expect(c13.explanation).toContain('Mức 1: 1 chưa đạt (đa số 2/2)');
    expect(c13.explanation).toContain('Tiêu chí bắt buộc.');
    expect(r.school.level).toBe(0);
    expect(r.school.blockers.some((b) => b.kind === 'mandatory' && b.code === '1.3')).toBe(true);
    expect(r.school.explanation).toContain('1.3 (bắt buộc) cần Mức 1');
  });

  it("a tie fails the level and is named; the lead's vote settles it", () => {
    const split = (code: string, lvl: number) =>
      code === '2.1' && lvl === 2 ? members('met', 'not_met') : members('met', 'met');
    const tied = teamLevels(tt57, allAt(2, split), LEAD);
    const c21 = tied.criteria.find((c) => c.criterionCode === '2.1')!;
    expect(c21).toMatchObject({ level: 1, ties: ['2.1'] });
    expect(c21.explanation).toContain('ngang phiếu 1–1, tính là chưa đạt');
    expect(tied.school.level).toBe(1);
    expect(tied.school.explanation).toContain('Ngang phiếu, tính là chưa đạt: 2.1 (Mức 2: 1).');

    const led = teamLevels(
      tt57,
      allAt(2, (code, lvl) =>
        code === '2.1' && lvl === 2 ? [vote(LEAD, 'met'), ...members('met', 'not_met')] : members('met', 'met'),
      ),
      LEAD,
    );
    expect(led.criteria.find((c) => c.criterionCode === '2.1')).toMatchObject({ level: 2, ties: [] });
    expect(led.criteria.find((c) => c.criterionCode === '2.1')!.explanation).toContain('Theo trưởng đoàn');
    expect(led.school.level).toBe(2);
  });

  it('criteria the team did not judge are "chưa đánh giá", never assumed', () => {
    const r = teamLevels(
      tt57,
      allAt(1).filter((x) => x.criterionCode !== '4.3'),
      LEAD,
    );
    expect(r.criteria.find((c) => c.criterionCode === '4.3')).toMatchObject({ assessed: false, level: 0 });
    expect(r.school.explanation).toContain('Chưa có kết quả (tính là chưa đạt): 4.3.');
    // 4.3 is not mandatory: 6 of 7 others still reach Mức 1.
    expect(r.school.level).toBe(1);
  });

  it('ignores codes outside the framework (the Điều 16 conditions, stale requirements)', () => {
    const r = teamLevels(
      tt57,
      [
        ...allAt(1),
        { criterionCode: NATIONAL_STANDARD_CODE, level: 1, requirementCode: 'a', judgments: members('met') },
        { criterionCode: '1.1', level: 1, requirementCode: 'zz', judgments: members('met') },
      ],
      LEAD,
    );
    expect(r.requirements.some((x) => x.criterionCode === NATIONAL_STANDARD_CODE || x.requirementCode === 'zz')).toBe(false);
    expect(r.school.level).toBe(1);
  });
});

describe('teamLevels — TT 18 (several requirements per level)', () => {
  it('needs every requirement of a level', () => {
    const r = teamLevels(
      tt18,
      [
        { criterionCode: '1.3', level: 1, requirementCode: 'a', judgments: members('met') },
        { criterionCode: '1.3', level: 1, requirementCode: 'b', judgments: members('met') },
        { criterionCode: '1.3', level: 1, requirementCode: 'c', judgments: [vote(LEAD, 'not_met'), ...members('met', 'met')] },
      ],
      LEAD,
    );
    const c = r.criteria.find((x) => x.criterionCode === '1.3')!;
    expect(c.level).toBe(0);
    expect(c.explanation).toContain('Mức 1: c chưa đạt (theo trưởng đoàn, các thành viên chưa thống nhất)');
  });
});

describe('appraiseNationalStandard (Điều 16)', () => {
  const ev1 = '0190bbbb-0000-7000-8000-00000000e001';
  const ev2 = '0190bbbb-0000-7000-8000-00000000e002';
  const cond = (key: string, ...js: [string, 'met' | 'not_met', string][]) => ({
    key,
    judgments: js.map(([accountId, judgment, note]) => ({ accountId, judgment, note })),
  });

  it('keeps the note text and the cited evidence apart', () => {
    const note = joinNoteEvidence('Đã có khóa 2022–2026 tốt nghiệp.', [ev1, ev2]);
    expect(splitNoteEvidence(note)).toEqual({ text: 'Đã có khóa 2022–2026 tốt nghiệp.', evidenceIds: [ev1, ev2] });
    expect(joinNoteEvidence('', [])).toBe('');
  });

  it('eligible at the degree of the level when a, b, d are met; c follows the level', () => {
    const r = appraiseNationalStandard(tt57, {
      leadId: LEAD,
      level: 2,
      conditions: [
        cond('a', ['m1', 'met', joinNoteEvidence('Khóa 2022–2026', [ev1])]),
        cond('b', ['m1', 'met', ''], ['m2', 'met', joinNoteEvidence('', [ev2])]),
        cond('d', [LEAD, 'met', ''], ['m1', 'not_met', 'Thiếu phòng bộ môn']),
      ],
    });
    expect(r.conditions.map((c) => [c.key, c.met, c.basis])).toEqual([
      ['a', true, 'majority'],
      ['b', true, 'majority'],
      ['c', true, 'level'],
      ['d', true, 'lead'],
    ]);
    expect(r.conditions[0]!.evidenceIds).toEqual([ev1]);
    expect(r.conditions[3]!.notes).toEqual(['Thiếu phòng bộ môn']);
    expect(r).toMatchObject({ eligible: true, degree: 2, degreeLabel: 'Mức độ 2' });
    expect(r.explanation).toContain('Mức độ 2');
    expect(degreeForLevel(tt57, 1)).toBe(1);
  });

  it('is undecided while a condition has no judgment, and not eligible when one fails', () => {
    const open = appraiseNationalStandard(tt57, { leadId: LEAD, level: 1, conditions: [cond('a', ['m1', 'met', ''])] });
    expect(open).toMatchObject({ eligible: null, degree: 0 });
    expect(open.explanation).toContain('b) chưa có đánh giá của đoàn');
    const failed = appraiseNationalStandard(tt57, {
      leadId: LEAD,
      level: 0,
      conditions: [cond('a', ['m1', 'met', '']), cond('b', ['m1', 'met', '']), cond('d', ['m1', 'met', ''])],
    });
    expect(failed.conditions.find((c) => c.key === 'c')!.met).toBe(false);
    expect(failed).toMatchObject({ eligible: false, degree: 0, degreeLabel: 'Chưa đủ điều kiện' });
  });

  it('refuses a framework without the Điều 16 rule', () => {
    expect(() => appraiseNationalStandard(tt18, { leadId: null, level: 2, conditions: [] })).toThrow(/Điều 16/);
  });
});
