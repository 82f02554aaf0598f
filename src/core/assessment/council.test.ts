import { describe, expect, it } from 'vitest';
import { tt18 as tt18Framework, tt57 as tt57Framework } from './test-frameworks';
import { checkCouncil, describeCouncilRules, type CouncilRole } from './council';

const tt57 = tt57Framework.councilRules!;
const tt18 = tt18Framework.councilRules!;

const council = (n: number, roles: CouncilRole[] = ['chair', 'secretary']) =>
  Array.from({ length: n }, (_, i) => ({ councilRole: roles[i] ?? ('member' as CouncilRole) }));

describe('checkCouncil (rules read from the framework data)', () => {
  it('TT 57: 4 members fail, 6 fail as an even number, 5 with one chair and one secretary pass', () => {
    expect(tt57).toMatchObject({ minMembers: 5, oddNumber: true, chairCount: 1, secretaryCount: 1 });
    const four = checkCouncil(tt57, council(4), '57/2026/TT-BGDĐT');
    expect(four.ok).toBe(false);
    expect(four.problems.map((p) => p.message)).toEqual([
      'Theo Thông tư 57/2026/TT-BGDĐT, hội đồng cần ít nhất 5 thành viên (hiện có 4).',
      'Theo Thông tư 57/2026/TT-BGDĐT, số thành viên hội đồng phải là số lẻ (hiện có 4).',
    ]);
    expect(checkCouncil(tt57, council(6)).problems.map((p) => p.code)).toEqual(['even']);
    const five = checkCouncil(tt57, council(5));
    expect(five).toMatchObject({
      ok: true,
      memberCount: 5,
      problems: [],
      counts: { chair: 1, secretary: 1, member: 3, vice_chair: 0 },
    });
    expect(five.basis).toContain('Điều 9');
    expect(checkCouncil(tt57, council(7)).ok).toBe(true);
  });

  it('TT 57: exactly one chair and one secretary; a vice chair is optional', () => {
    expect(checkCouncil(tt57, council(5, ['member'])).problems.map((p) => p.code)).toEqual(['chair_count', 'secretary_count']);
    expect(checkCouncil(tt57, council(5, ['chair', 'chair', 'secretary'])).problems.map((p) => p.message)).toEqual([
      'Hội đồng cần đúng 1 Chủ tịch (hiện có 2).',
    ]);
    expect(checkCouncil(tt57, council(5, ['chair', 'secretary', 'vice_chair'])).ok).toBe(true);
  });

  it('legacy 2018: at least 7, an even number is fine, a vice chair is required', () => {
    expect(tt18).toMatchObject({ minMembers: 7, oddNumber: false, viceChair: 'required' });
    expect(checkCouncil(tt18, council(6, ['chair', 'secretary', 'vice_chair'])).problems.map((p) => p.code)).toEqual(['too_few']);
    expect(checkCouncil(tt18, council(8, ['chair', 'secretary', 'vice_chair'])).ok).toBe(true);
    expect(checkCouncil(tt18, council(7)).problems.map((p) => p.code)).toEqual(['vice_chair_missing']);
    expect(describeCouncilRules(tt18)).toBe('từ 7 thành viên trở lên; 1 Chủ tịch; có Phó Chủ tịch; 1 Thư ký');
  });

  it('an empty council says so; a framework without rules only needs members', () => {
    expect(checkCouncil(tt57, []).problems).toEqual([
      {
        code: 'empty',
        message:
          'Chưa có thành viên hội đồng tự đánh giá (cần từ 5 thành viên trở lên, số lẻ; 1 Chủ tịch; Phó Chủ tịch (nếu có); 1 Thư ký).',
      },
    ]);
    expect(checkCouncil(null, []).ok).toBe(false);
    expect(checkCouncil(null, council(2))).toMatchObject({ ok: true, rulesText: null });
  });
});
