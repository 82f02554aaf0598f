import { describe, expect, it } from 'vitest';
import { findCriterion } from '../frameworks/lookup';
import {
  backedCriterionLevel,
  citationProblemText,
  judgeReasons,
  judgmentsFromEntries,
  levelConsidered,
  metReasons,
  requirementSlots,
  type CitationStatus,
  type EntryForLevels,
} from './gating';
import { tt18, tt57 } from './test-frameworks';

const ok = (id = 'e1', code = 'MC.1.1.01'): CitationStatus => ({
  evidenceId: id,
  code,
  title: 't',
  problem: null,
  unverified: false,
  validUntil: null,
});
const entry = (over: Partial<EntryForLevels>): EntryForLevels => ({
  criterionCode: '1.1',
  level: 1,
  requirementCode: '1',
  description: 'Hiện trạng.',
  judgment: 'met',
  needsConfirmation: false,
  validEvidenceIds: ['e1'],
  ...over,
});

describe('metReasons', () => {
  it('needs a description and at least one valid cited evidence', () => {
    expect(metReasons({ level: 1, description: '  ', citations: [], lowerLevelReached: true }).map((r) => r.code)).toEqual([
      'no_description',
      'no_evidence',
    ]);
    const expired: CitationStatus = { ...ok('e2', 'MC.1.1.02'), problem: 'expired', validUntil: '2025-05-31' };
    const rejected: CitationStatus = { ...ok('e3', 'MC.1.1.03'), problem: 'rejected' };
    expect(metReasons({ level: 1, description: 'x', citations: [expired, rejected], lowerLevelReached: true })).toEqual([
      {
        code: 'no_valid_evidence',
        message: 'Không có minh chứng hợp lệ: MC.1.1.02 đã hết hiệu lực từ 31/05/2025; MC.1.1.03 đã bị từ chối khi xác minh.',
      },
    ]);
    expect(metReasons({ level: 1, description: 'x', citations: [expired, ok()], lowerLevelReached: true })).toEqual([]);
    // Unverified evidence still backs a judgment (readiness lists it).
    expect(
      metReasons({ level: 1, description: 'x', citations: [{ ...ok(), unverified: true }], lowerLevelReached: true }),
    ).toEqual([]);
    expect(citationProblemText({ ...ok(), code: null, problem: 'missing' })).toBe(
      'Minh chứng đã trích dẫn không còn trong kho minh chứng (đã bị xóa)',
    );
  });

  it('Mức L is judged only once Mức L−1 is reached; blockers come first', () => {
    expect(judgeReasons({ level: 2, lowerLevelReached: false })).toEqual([
      { code: 'lower_level_not_reached', message: 'Chỉ xét Mức 2 khi tiêu chí đã đạt Mức 1.' },
    ]);
    const blocked = [{ code: 'read_only' as const, message: 'Chỉ xem' }];
    expect(
      metReasons({ level: 1, description: 'x', citations: [ok()], lowerLevelReached: true, blocked }).map((r) => r.code),
    ).toEqual(['read_only']);
  });
});

describe('judgments for the engine', () => {
  it('carried entries and unassessed ones count for nothing; criteria without any judgment are left out', () => {
    const judgments = judgmentsFromEntries([
      entry({}),
      entry({ criterionCode: '1.2', needsConfirmation: true }),
      entry({ criterionCode: '1.3', judgment: 'unassessed' }),
      entry({ criterionCode: '1.4', judgment: 'not_met', validEvidenceIds: [] }),
    ]);
    expect(judgments).toEqual({
      '1.1': { '1': { '1': { met: true, description: 'Hiện trạng.', evidence: ['e1'] } } },
      '1.4': { '1': { '1': { met: false, description: 'Hiện trạng.', evidence: [] } } },
    });
  });

  it('a criterion reaches a level only with backed judgments', () => {
    const c = findCriterion(tt57, '1.1')!;
    expect(backedCriterionLevel(tt57, c, [entry({})]).level).toBe(1);
    expect(backedCriterionLevel(tt57, c, [entry({ validEvidenceIds: [] })]).level).toBe(0);
    expect(backedCriterionLevel(tt57, c, [entry({ needsConfirmation: true })]).level).toBe(0);
    const both = backedCriterionLevel(tt57, c, [entry({}), entry({ level: 2 })]);
    expect(both.level).toBe(2);
    expect(levelConsidered({ level: 0 }, 2)).toBe(false);
    expect(levelConsidered({ level: 1 }, 2)).toBe(true);
    expect(levelConsidered({ level: 0 }, 1)).toBe(true);
  });

  it('legacy criteria have a/b/c requirements: every one must be backed', () => {
    const c = findCriterion(tt18, '1.1')!;
    const abc = ['a', 'b', 'c'].map((r) => entry({ requirementCode: r }));
    expect(backedCriterionLevel(tt18, c, abc).level).toBe(1);
    expect(backedCriterionLevel(tt18, c, abc.slice(0, 2)).level).toBe(0);
    expect(requirementSlots(tt57)).toHaveLength(30);
    expect(
      requirementSlots(tt18)
        .filter((s) => s.criterionCode === '1.1')
        .map((s) => `${s.level}.${s.requirementCode}`),
    ).toEqual(['1.a', '1.b', '1.c', '2.1', '3.1']);
  });
});
