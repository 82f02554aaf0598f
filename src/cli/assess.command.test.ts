import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAssessCommands } from './assess.command';
import { CliError } from './output';

const RESOURCES = resolve(import.meta.dirname, '../../resources');
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tc-assess-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function input(name: string, data: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof data === 'string' ? data : JSON.stringify(data));
  return path;
}

async function run(args: string[]): Promise<string> {
  let out = '';
  const program = new Command().exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
  registerAssessCommands(program, { resourcesDir: RESOURCES, out: (s) => (out += s) });
  await program.parseAsync(args, { from: 'user' });
  return out;
}

const MANDATORY = ['1.3', '1.4', '2.1', '2.2', '3.1', '3.2', '4.1', '4.2'];
const OTHERS = ['1.1', '1.2', '2.3', '3.3', '3.4', '3.5', '4.3'];
const tt57Criteria = (m: number, others: number[]) => ({
  ...Object.fromEntries(MANDATORY.map((c) => [c, m])),
  ...Object.fromEntries(OTHERS.map((c, i) => [c, others[i]])),
});

describe('assess level', () => {
  it('criteria input → { schoolLevel, criteria, blockers, explanation }', async () => {
    const file = await input('criteria.json', { criteria: tt57Criteria(2, [2, 2, 2, 1, 1, 1, 1]) });
    const r = JSON.parse(await run(['assess', 'level', '--framework', 'tt57-2026-pl2-pho-thong', '--input', file, '--json']));
    expect(r.schoolLevel).toBe(1);
    expect(r.criteria['1.1']).toBe(2);
    expect(r.blockers).toEqual([expect.objectContaining({ kind: 'quota', count: 3, required: 5 })]);
    expect(r.explanation).toContain('3/7 tiêu chí không bắt buộc đạt Mức 2, cần ít nhất 5');
  });

  it('requirements input (legacy judgments per level and indicator)', async () => {
    const file = await input('req.json', {
      requirements: { '1.1': { '1': { a: true, b: true, c: true }, '2': { '1': true }, '3': { '1': null } } },
    });
    const r = JSON.parse(await run(['assess', 'level', '--framework', 'tt18-2018-thcs-thpt', '--input', file, '--json']));
    expect(r.schoolLevel).toBe(0);
    expect(r.criteria['1.1']).toBe(2);
    expect(r.pending).toEqual({ '1.1': ['3.1'] });
    expect(r.unassessed).toHaveLength(27);
  });

  it('multi-level legacy school: one requirements object per education level', async () => {
    const file = await input('multi.json', {
      levels: { thcs: { criteria: { '1.1': 3 } }, thpt: { criteria: { '1.1': 2 } } },
    });
    const r = JSON.parse(await run(['assess', 'level', '--framework', 'tt18-2018-thcs-thpt', '--input', file, '--json']));
    expect(Object.keys(r.perLevel)).toEqual(['thcs', 'thpt']);
    expect(r.schoolLevel).toBe(0);
    expect(r.explanation).toContain('mức thấp nhất');
  });

  it('points framework: group scores and the level', async () => {
    const file = await input('points.json', {
      items: { '1.1': true, '1.2': true, '2.1': true, '2.2': true, '1.5.1': 15, '2.4.2': 12 },
    });
    const r = JSON.parse(await run(['assess', 'level', '--framework', 'qd4725-2022-cds', '--input', file, '--json']));
    expect(r.groups.map((g: { code: string; score: number }) => [g.code, g.score])).toEqual([
      ['1', 15],
      ['2', 12],
    ]);
    expect(r.level).toBe(1);
    expect(r.incomplete).toBe(true);
  });

  it('--what-if gives the level if criteria changed', async () => {
    const file = await input('whatif.json', { criteria: tt57Criteria(2, [2, 2, 2, 2, 1, 1, 1]) });
    const r = JSON.parse(
      await run(['assess', 'level', '--framework', 'tt57-2026-pl2-pho-thong', '--input', file, '--what-if', '3.4=2', '--json']),
    );
    expect(r.schoolLevel).toBe(1);
    expect(r.whatIf.after.schoolLevel).toBe(2);
  });

  it('human text output', async () => {
    const file = await input('human.json', { criteria: tt57Criteria(1, [1, 1, 1, 1, 1, 0, 0]) });
    const text = await run(['assess', 'level', '--framework', 'tt57-2026-pl1-mam-non', '--input', file]);
    expect(text).toContain('TT 57/2026 — PL I Mầm non — Mức 1');
    expect(text).toContain('  3.5: Không đạt');
  });

  const bad: { name: string; data: unknown; framework?: string; message: RegExp }[] = [
    {
      name: 'a level out of range names the criterion and field',
      data: { criteria: { '1.2': 5 } },
      message: /bad\.json: Tiêu chí 1\.2: trường criteria\["1\.2"\] phải là số nguyên/,
    },
    {
      name: 'an unknown requirement names the criterion and field',
      data: { requirements: { '3.1': { '1': { z: true } } } },
      framework: 'tt17-2018-tieu-hoc',
      message: /Tiêu chí 3\.1: trường requirements\["3\.1"\]\["1"\]\.z/,
    },
    { name: 'invalid JSON', data: '{ criteria: ', message: /bad\.json không phải JSON hợp lệ/ },
    { name: 'points on a levels framework', data: { items: { '1.1': 1 } }, message: /chỉ dùng cho khung tính điểm/ },
  ];
  it.each(bad)('rejects a bad file: $name', async ({ data, framework, message }) => {
    const file = await input('bad.json', data);
    const error = await run([
      'assess',
      'level',
      '--framework',
      framework ?? 'tt57-2026-pl2-pho-thong',
      '--input',
      file,
      '--json',
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as Error).message).toMatch(message);
  });

  it('a missing input file', async () => {
    await expect(
      run(['assess', 'level', '--framework', 'tt57-2026-pl2-pho-thong', '--input', join(dir, 'none.json')]),
    ).rejects.toThrow(/Không đọc được tệp đầu vào.*ENOENT/);
  });

  it('an unknown framework', async () => {
    const file = await input('ok.json', { criteria: {} });
    await expect(run(['assess', 'level', '--framework', 'tt99', '--input', file])).rejects.toThrow(
      /Không có khung đánh giá "tt99"/,
    );
  });

  it('a malformed --what-if', async () => {
    const file = await input('ok2.json', { criteria: {} });
    await expect(
      run(['assess', 'level', '--framework', 'tt57-2026-pl2-pho-thong', '--input', file, '--what-if', '1.3:2']),
    ).rejects.toThrow(/--what-if: "1\.3:2"/);
  });

  it('--framework is required', async () => {
    await expect(run(['assess', 'level', '--input', 'x.json'])).rejects.toBeInstanceOf(CommanderError);
  });
});

describe('assess recognition', () => {
  it('TT 57 national standard checklist', async () => {
    const file = await input('cqg.json', {
      completedCohort: true,
      consecutiveYearsOfData: 3,
      schoolLevel: 2,
      facilitiesByDegree: { '1': true, '2': false },
    });
    const r = JSON.parse(
      await run(['assess', 'recognition', '--framework', 'tt57-2026-pl2-pho-thong', '--input', file, '--json']),
    );
    expect(r.eligible).toBe(true);
    expect(r.degree).toBe(1);
    expect(r.conditions.map((c: { key: string }) => c.key)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('legacy Cấp độ and Mức độ', async () => {
    const file = await input('legacy.json', { level: 3, levelSource: 'external', cohortCondition: true });
    const r = JSON.parse(await run(['assess', 'recognition', '--framework', 'tt18-2018-thcs-thpt', '--input', file, '--json']));
    expect(r.accreditation.grade).toBe(3);
    expect(r.nationalStandard.degree).toBe(2);
  });

  it('names the bad field', async () => {
    const file = await input('bad-cqg.json', {
      completedCohort: 'yes',
      consecutiveYearsOfData: 3,
      schoolLevel: 2,
      facilitiesByDegree: {},
    });
    await expect(run(['assess', 'recognition', '--framework', 'tt57-2026-pl1-mam-non', '--input', file])).rejects.toThrow(
      /bad-cqg\.json: Trường completedCohort/,
    );
  });
});
