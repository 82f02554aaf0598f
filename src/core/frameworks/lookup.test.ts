import { describe, expect, it } from 'vitest';
import qdData from '../../../resources/frameworks/qd4725-2022-cds.json';
import tt17Data from '../../../resources/frameworks/tt17-2018-tieu-hoc.json';
import tt57Data from '../../../resources/frameworks/tt57-2026-pl2-pho-thong.json';
import type { LevelsFramework } from './framework.schema';
import {
  findCriterion,
  frameworksInForce,
  levelLabel,
  mandatoryCriteria,
  provenanceOf,
  requirementsAt,
  standardOf,
} from './lookup';
import { parseFramework } from './validate';

const tt57 = parseFramework('tt57-2026-pl2-pho-thong.json', tt57Data) as LevelsFramework;
const tt17 = parseFramework('tt17-2018-tieu-hoc.json', tt17Data) as LevelsFramework;
const qd = parseFramework('qd4725-2022-cds.json', qdData);

describe('lookup helpers', () => {
  it('finds criteria, their standard and requirements', () => {
    expect(findCriterion(tt57, '3.2')!.mandatory).toBe(true);
    expect(standardOf(tt57, '3.2')!.code).toBe('3');
    expect(requirementsAt(findCriterion(tt17, '1.1')!, 1).map((r) => r.code)).toEqual(['a', 'b', 'c']);
    expect(mandatoryCriteria(tt57)).toHaveLength(8);
  });

  it('labels levels per framework', () => {
    expect(levelLabel(tt57, 0)).toBe('Không đạt');
    expect(levelLabel(tt17, 4)).toBe('Mức 4');
    expect(levelLabel(qd, 2)).toBe('Mức độ 2 — Mức đáp ứng cơ bản');
  });

  it('an item without provenance inherits the file source grade', () => {
    expect(provenanceOf(tt57, findCriterion(tt57, '1.1')!).grade).toBe('secondary');
  });

  const inForce: { date: string; level?: 'tieu_hoc'; ids: string[] }[] = [
    { date: '2026-07-06', level: 'tieu_hoc', ids: ['tt17-2018-tieu-hoc', 'qd4725-2022-cds'] },
    { date: '2026-07-07', level: 'tieu_hoc', ids: ['tt57-2026-pl2-pho-thong', 'qd4725-2022-cds'] },
    { date: '2022-01-01', ids: ['tt17-2018-tieu-hoc'] },
  ];
  it.each(inForce)('frameworks in force on $date', ({ date, level, ids }) => {
    expect(
      frameworksInForce([tt57, tt17, qd], date, level)
        .map((f) => f.id)
        .sort(),
    ).toEqual([...ids].sort());
  });
});
