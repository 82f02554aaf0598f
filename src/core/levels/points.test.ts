import { describe, expect, it } from 'vitest';
import qdData from '../../../resources/frameworks/qd4725-2022-cds.json';
import type { PointsFramework } from '../frameworks/framework.schema';
import { parseFramework } from '../frameworks/validate';
import { levelForScore, pointsResult, type PointsInput } from './points';

const qd = parseFramework('qd4725-2022-cds.json', qdData) as PointsFramework;
const MANDATORY_MET = { '1.1': true, '1.2': true, '2.1': true, '2.2': true };

/** Group 1 items chosen to sum to `score1`, group 2 to `score2` (each from the listed maxima). */
function scores(score1: number, score2: number): PointsInput {
  const out: Record<string, number> = {};
  for (const [groupCode, target] of [
    ['1', score1],
    ['2', score2],
  ] as const) {
    let left = target;
    for (const item of qd.groups.find((g) => g.code === groupCode)!.items) {
      if (item.mandatory) continue;
      const p = Math.min(item.maxPoints, left);
      out[item.code] = p;
      left -= p;
    }
    if (left > 0) throw new Error(`cannot reach ${target} in group ${groupCode}`);
  }
  return out;
}

describe('QĐ 4725 thresholds: < 50 Mức độ 1, 50–75 Mức độ 2, > 75 Mức độ 3', () => {
  const cases: { score: number; level: number }[] = [
    { score: 0, level: 1 },
    { score: 49, level: 1 },
    { score: 49.5, level: 1 },
    { score: 50, level: 2 },
    { score: 75, level: 2 },
    { score: 75.5, level: 3 },
    { score: 76, level: 3 },
    { score: 100, level: 3 },
  ];
  it.each(cases)('group score $score → Mức độ $level', ({ score, level }) => {
    expect(levelForScore(qd, score)).toBe(level);
  });
});

describe('pointsResult', () => {
  const cases: { name: string; items: PointsInput; level: number; groupLevels: [number, number] }[] = [
    { name: 'both groups at 50 → Mức độ 2', items: { ...MANDATORY_MET, ...scores(50, 50) }, level: 2, groupLevels: [2, 2] },
    {
      name: 'group 1 at 49, group 2 at 80 → Mức độ 1 (minimum over groups)',
      items: { ...MANDATORY_MET, ...scores(49, 80) },
      level: 1,
      groupLevels: [1, 3],
    },
    { name: 'both above 75 → Mức độ 3', items: { ...MANDATORY_MET, ...scores(76, 76) }, level: 3, groupLevels: [3, 3] },
    {
      name: 'group 1 at 75, group 2 at 90 → Mức độ 2',
      items: { ...MANDATORY_MET, ...scores(75, 90) },
      level: 2,
      groupLevels: [2, 3],
    },
    {
      name: 'mandatory 1.2 not met caps group 1 at Mức độ 1',
      items: { ...MANDATORY_MET, '1.2': false, ...scores(90, 90) },
      level: 1,
      groupLevels: [1, 3],
    },
    {
      name: 'mandatory 2.1 unassessed caps group 2 at Mức độ 1',
      items: { '1.1': true, '1.2': true, '2.2': true, ...scores(90, 90) },
      level: 1,
      groupLevels: [3, 1],
    },
    {
      name: 'mandatory given as 1/0 numbers',
      items: { '1.1': 1, '1.2': 1, '2.1': 1, '2.2': 0, ...scores(60, 60) },
      level: 1,
      groupLevels: [2, 1],
    },
  ];
  it.each(cases)('$name', ({ items, level, groupLevels }) => {
    const r = pointsResult(qd, items);
    expect(r.schoolLevel).toBe(level);
    expect(r.groups.map((g) => g.level)).toEqual(groupLevels);
  });

  it('reports group scores, blockers and the incomplete item list', () => {
    const r = pointsResult(qd, { ...MANDATORY_MET, ...scores(40, 60) });
    expect(r.groups.map((g) => g.score)).toEqual([40, 60]);
    expect(r.incomplete).toBe(true);
    expect(r.groups[1]!.missingPoints).toBe(10);
    expect(r.groups[1]!.listedMaxScore).toBe(90);
    expect(r.blockers).toEqual([expect.objectContaining({ kind: 'group', code: '1', current: 40, required: 50 })]);
    expect(r.explanation).toContain('Nhóm 1 (Chuyển đổi số trong dạy, học): 40/100 điểm, cần từ 50 điểm (thiếu ít nhất 10)');
    expect(r.explanation).toContain('chưa đầy đủ');
  });

  it('names the mandatory precondition that holds a group back', () => {
    const r = pointsResult(qd, { ...MANDATORY_MET, '1.1': false, ...scores(60, 60) });
    expect(r.blockers.map((b) => b.message)).toContain('Chỉ số 1.1 (điều kiện bắt buộc) chưa đáp ứng');
  });

  it('rejects points above an item maximum', () => {
    expect(() => pointsResult(qd, { '1.4': 11 })).toThrow(/1\.4.*0 đến 10/);
  });
});
