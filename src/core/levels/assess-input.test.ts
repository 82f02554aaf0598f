import { describe, expect, it } from 'vitest';
import qdData from '../../../resources/frameworks/qd4725-2022-cds.json';
import tt18Data from '../../../resources/frameworks/tt18-2018-thcs-thpt.json';
import tt57Data from '../../../resources/frameworks/tt57-2026-pl2-pho-thong.json';
import { parseFramework } from '../frameworks/validate';
import { AssessInputError, multiLevelEducationLevels, parseAssessInput } from './assess-input';
import type { LevelsFramework } from '../frameworks/framework.schema';

const tt57 = parseFramework('tt57-2026-pl2-pho-thong.json', tt57Data);
const tt18 = parseFramework('tt18-2018-thcs-thpt.json', tt18Data);
const qd = parseFramework('qd4725-2022-cds.json', qdData);

describe('parseAssessInput accepts the documented shapes', () => {
  it('criteria levels', () => {
    expect(parseAssessInput(tt57, { criteria: { '1.1': 2, '1.2': 0, '1.3': null } })).toEqual({
      mode: 'criteria',
      criteria: { '1.1': 2, '1.2': 0, '1.3': null },
    });
  });
  it('requirement judgments, including the single-requirement shorthand of TT 57', () => {
    const r = parseAssessInput(tt57, { requirements: { '1.1': { '1': { '1': true }, '2': false } } });
    expect(r).toEqual({ mode: 'requirements', requirements: { '1.1': { '1': { '1': true }, '2': { '1': false } } } });
  });
  it('judgments with description and evidence', () => {
    const r = parseAssessInput(tt18, {
      requirements: { '1.1': { '1': { a: { met: true, description: 'x', evidence: ['[H1.1.01.01]'] } } } },
    });
    expect(r.mode).toBe('requirements');
  });
  it('legacy multi-level with Mức 4', () => {
    const r = parseAssessInput(tt18, {
      levels: { thcs: { criteria: { '1.1': 3 }, level4: { '1': true } }, tieu_hoc: { criteria: {} } },
    });
    expect(r.mode).toBe('multi');
  });
  it('points items', () => {
    expect(parseAssessInput(qd, { items: { '1.1': true, '1.3.1': 6 } })).toEqual({
      mode: 'points',
      items: { '1.1': true, '1.3.1': 6 },
    });
  });
});

describe('parseAssessInput rejects bad files naming the criterion and the field', () => {
  const cases: { name: string; fw: typeof tt57; data: unknown; message: RegExp; field: string }[] = [
    {
      name: 'level out of range',
      fw: tt57,
      data: { criteria: { '1.2': 3 } },
      message: /^Tiêu chí 1\.2: trường criteria\["1\.2"\] phải là số nguyên từ 0/,
      field: 'criteria["1.2"]',
    },
    {
      name: 'level not a number',
      fw: tt57,
      data: { criteria: { '2.1': 'Mức 1' } },
      message: /Tiêu chí 2\.1: .*nhận được "Mức 1"/,
      field: 'criteria["2.1"]',
    },
    {
      name: 'unknown criterion',
      fw: tt57,
      data: { criteria: { '5.1': 1 } },
      message: /không có tiêu chí "5\.1"/,
      field: 'criteria["5.1"]',
    },
    {
      name: 'unknown level of a criterion',
      fw: tt57,
      data: { requirements: { '1.1': { '3': { '1': true } } } },
      message: /Tiêu chí 1\.1: .*không phải mức có yêu cầu/,
      field: 'requirements["1.1"]["3"]',
    },
    {
      name: 'unknown requirement code',
      fw: tt18,
      data: { requirements: { '1.1': { '1': { d: true } } } },
      message: /Tiêu chí 1\.1: .*không có yêu cầu "d" ở Mức 1/,
      field: 'requirements["1.1"]["1"].d',
    },
    {
      name: 'judgment not boolean',
      fw: tt18,
      data: { requirements: { '1.3': { '1': { a: 'đạt' } } } },
      message: /Tiêu chí 1\.3: .*phải là true/,
      field: 'requirements["1.3"]["1"].a',
    },
    {
      name: 'shorthand on a level with several indicators',
      fw: tt18,
      data: { requirements: { '1.3': { '1': true } } },
      message: /vì mức này có 3 yêu cầu \(a, b, c\)/,
      field: 'requirements["1.3"]["1"]',
    },
    {
      name: 'both criteria and requirements',
      fw: tt57,
      data: { criteria: {}, requirements: {} },
      message: /đúng một trong hai trường/,
      field: '',
    },
    {
      name: 'Mức 4 on a TT 57 framework',
      fw: tt57,
      data: { criteria: {}, level4: { '1': true } },
      message: /không có Mức 4/,
      field: 'level4',
    },
    {
      name: 'unknown Mức 4 clause',
      fw: tt18,
      data: { criteria: {}, level4: { '9': true } },
      message: /khoản "9"/,
      field: 'level4["9"]',
    },
    {
      name: 'unknown education level',
      fw: tt57,
      data: { levels: { dai_hoc: { criteria: {} } } },
      message: /không phải cấp học/,
      field: 'levels.dai_hoc',
    },
    {
      name: 'items on a levels framework',
      fw: tt57,
      data: { items: {} },
      message: /chỉ dùng cho khung tính điểm/,
      field: 'items',
    },
    {
      name: 'points above the item maximum',
      fw: qd,
      data: { items: { '1.4': 12 } },
      message: /items\["1\.4"\] phải là số điểm từ 0 đến 10/,
      field: 'items["1.4"]',
    },
    {
      name: 'mandatory precondition given points',
      fw: qd,
      data: { items: { '2.1': 5 } },
      message: /điều kiện bắt buộc/,
      field: 'items["2.1"]',
    },
    { name: 'not an object', fw: tt57, data: [1, 2], message: /phải là một đối tượng JSON/, field: '' },
  ];
  it.each(cases)('$name', ({ fw, data, message, field }) => {
    let error: unknown;
    try {
      parseAssessInput(fw, data);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AssessInputError);
    expect((error as Error).message).toMatch(message);
    expect((error as AssessInputError).field).toBe(field);
  });
});

describe('multiLevelEducationLevels', () => {
  it('TT 18 multi-level schools may include tiểu học', () => {
    expect(multiLevelEducationLevels(tt18 as LevelsFramework)).toEqual(['tieu_hoc', 'thcs', 'thpt']);
  });
});
