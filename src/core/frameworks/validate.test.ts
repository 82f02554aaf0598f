import { describe, expect, it } from 'vitest';
import qdData from '../../../resources/frameworks/qd4725-2022-cds.json';
import tt57Data from '../../../resources/frameworks/tt57-2026-pl2-pho-thong.json';
import { FrameworkValidationError, formatJsonPath, parseFramework, parseFrameworkIndex, parseFrameworkJson } from './validate';

const FILE = 'tt57-2026-pl2-pho-thong.json';
const clone = <T>(v: T): any => JSON.parse(JSON.stringify(v));

function errorOf(run: () => unknown): FrameworkValidationError {
  try {
    run();
  } catch (e) {
    if (e instanceof FrameworkValidationError) return e;
    throw e;
  }
  throw new Error('expected a FrameworkValidationError');
}

describe('formatJsonPath', () => {
  it('uses dots for names and brackets for indexes and odd keys', () => {
    expect(formatJsonPath(['standards', 1, 'criteria', 0, 'levels', 0, 'requirements', 0, 'text'])).toBe(
      'standards[1].criteria[0].levels[0].requirements[0].text',
    );
    expect(formatJsonPath(['timeRules', 'provenance', 'valid years'])).toBe('timeRules.provenance["valid years"]');
    expect(formatJsonPath([])).toBe('');
  });
});

describe('parseFramework', () => {
  it('accepts a shipped file', () => {
    expect(parseFramework(FILE, tt57Data).id).toBe('tt57-2026-pl2-pho-thong');
  });

  const cases: { name: string; mutate: (d: any) => void; path: string; file?: string }[] = [
    {
      name: 'empty requirement text',
      mutate: (d) => (d.standards[1].criteria[0].levels[0].requirements[0].text = ''),
      path: 'standards[1].criteria[0].levels[0].requirements[0].text',
    },
    {
      name: 'missing criterion title',
      mutate: (d) => delete d.standards[0].criteria[2].title,
      path: 'standards[0].criteria[2].title',
    },
    {
      name: 'mandatory flag not boolean',
      mutate: (d) => (d.standards[0].criteria[2].mandatory = 'có'),
      path: 'standards[0].criteria[2].mandatory',
    },
    {
      name: 'duplicate criterion code',
      mutate: (d) => (d.standards[0].criteria[1].code = '1.1'),
      path: 'standards[0].criteria[1].code',
    },
    {
      name: 'criterion code outside its standard',
      mutate: (d) => (d.standards[2].criteria[0].code = '4.9'),
      path: 'standards[2].criteria[0].code',
    },
    {
      name: 'levels not consecutive',
      mutate: (d) => (d.standards[3].criteria[0].levels[1].level = 3),
      path: 'standards[3].criteria[0].levels[1].level',
    },
    {
      name: 'unknown field (typo)',
      mutate: (d) => (d.standards[0].criteria[0].mandatroy = true),
      path: 'standards[0].criteria[0]',
    },
    { name: 'bad date', mutate: (d) => (d.effectiveFrom = '07/7/2026'), path: 'effectiveFrom' },
    { name: 'unknown education level', mutate: (d) => (d.educationLevels = ['dai_hoc']), path: 'educationLevels[0]' },
    {
      name: 'quota above the number of other criteria',
      mutate: (d) => (d.levelRule.othersQuota = 8),
      path: 'levelRule.othersQuota',
    },
    { name: 'provenance grade outside V/S/I', mutate: (d) => (d.source.grade = 'official'), path: 'source.grade' },
    { name: 'calendar month 13', mutate: (d) => (d.timeRules.calendar[0].month = 13), path: 'timeRules.calendar[0].month' },
  ];
  it.each(cases)('rejects $name with a message naming the file and the JSON path', ({ mutate, path }) => {
    const data = clone(tt57Data);
    mutate(data);
    const error = errorOf(() => parseFramework(FILE, data));
    expect(error.fileName).toBe(FILE);
    expect(error.issues.map((i) => i.path)).toContain(path);
    expect(error.message).toContain(`${FILE}: ${path}: `);
  });

  it('an id that does not match the file name is rejected', () => {
    const error = errorOf(() => parseFramework('other-name.json', tt57Data));
    expect(error.message).toContain('other-name.json: id: id "tt57-2026-pl2-pho-thong" phải trùng tên tệp');
  });

  it('points: the items must add up with missingPoints to maxScore, and incomplete data must say so', () => {
    const data = clone(qdData);
    data.groups[1].missingPoints = 0;
    data.complete = true;
    const error = errorOf(() => parseFramework('qd4725-2022-cds.json', data));
    expect(error.issues.map((i) => i.path)).toContain('groups[1].missingPoints');
  });

  it('a JSON syntax error names the file', () => {
    const error = errorOf(() => parseFrameworkJson(FILE, '{ "id": '));
    expect(error.message).toMatch(/tt57-2026-pl2-pho-thong\.json: \(gốc\): JSON không hợp lệ/);
  });

  it('messages are Vietnamese', () => {
    const data = clone(tt57Data);
    data.standards[0].criteria[0].mandatory = 'x';
    expect(errorOf(() => parseFramework(FILE, data)).message).toMatch(/Tệp khung đánh giá không hợp lệ.*\n.*mong đợi/);
  });
});

describe('parseFrameworkIndex', () => {
  it('rejects a file listed twice', () => {
    expect(() => parseFrameworkIndex('index.json', { formatVersion: 1, frameworks: ['a.json', 'a.json'] })).toThrow(
      /index\.json: frameworks\[1\]/,
    );
  });
});
