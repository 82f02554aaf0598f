import { resolve } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerFrameworkCommands } from './frameworks.command';

const RESOURCES = resolve(import.meta.dirname, '../../resources');

async function run(args: string[], setup?: (program: Command) => void): Promise<string> {
  let out = '';
  const program = new Command().exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
  setup?.(program);
  registerFrameworkCommands(program, { resourcesDir: RESOURCES, out: (s) => (out += s) });
  await program.parseAsync(args, { from: 'user' });
  return out;
}

describe('frameworks list', () => {
  it('--json: id, title, kind, legalSource, effectiveFrom, effectiveTo for every framework', async () => {
    const list = JSON.parse(await run(['frameworks', 'list', '--json']));
    expect(list).toHaveLength(7);
    expect(list.filter((f: { kind: string }) => f.kind === 'levels')).toHaveLength(6);
    expect(list.filter((f: { kind: string }) => f.kind === 'points')).toHaveLength(1);
    for (const f of list) {
      expect(Object.keys(f)).toEqual(
        expect.arrayContaining(['id', 'title', 'kind', 'legalSource', 'effectiveFrom', 'effectiveTo']),
      );
      expect(f.legalSource.number).toBeTruthy();
      expect(f.effectiveFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(list.find((f: { id: string }) => f.id === 'tt57-2026-pl2-pho-thong')).toMatchObject({
      kind: 'levels',
      effectiveFrom: '2026-07-07',
      effectiveTo: null,
      legalSource: { number: '57/2026/TT-BGDĐT', annex: 'Phụ lục II' },
    });
    expect(list.find((f: { id: string }) => f.id === 'tt18-2018-thcs-thpt')).toMatchObject({
      effectiveFrom: '2018-10-10',
      effectiveTo: '2026-07-06',
    });
  });

  it('human text names each framework with its legal source and dates', async () => {
    const text = await run(['frameworks', 'list']);
    expect(text).toContain('tt19-2018-mam-non');
    expect(text).toContain('Thông tư 19/2018/TT-BGDĐT');
    expect(text).toContain('Hiệu lực: 10/10/2018 – 06/07/2026');
  });

  it('honours a --json declared on the main program', async () => {
    const out = await run(['frameworks', 'list', '--json'], (p) => p.option('--json'));
    expect(JSON.parse(out)).toHaveLength(7);
  });
});

describe('frameworks show', () => {
  it('--json: standards → criteria → levels → requirements', async () => {
    const fw = JSON.parse(await run(['frameworks', 'show', 'tt57-2026-pl2-pho-thong', '--json']));
    expect(fw.id).toBe('tt57-2026-pl2-pho-thong');
    expect(fw.standards).toHaveLength(4);
    const c = fw.standards[0].criteria[2];
    expect(c).toMatchObject({ code: '1.3', mandatory: true });
    expect(c.title).toBeTruthy();
    expect(c.levels.map((l: { level: number }) => l.level)).toEqual([1, 2]);
    expect(c.levels[0].requirements[0]).toEqual({ code: '1', text: expect.stringContaining('Nhà trường có hồ sơ') });
  });

  it('legacy: indicators a, b, c and the Mức 4 clauses', async () => {
    const fw = JSON.parse(await run(['frameworks', 'show', 'tt17-2018-tieu-hoc', '--json']));
    expect(fw.standards[0].criteria[0].levels[0].requirements.map((r: { code: string }) => r.code)).toEqual(['a', 'b', 'c']);
    expect(fw.level4Clauses).toHaveLength(5);
  });

  it('points: groups also appear as standards', async () => {
    const fw = JSON.parse(await run(['frameworks', 'show', 'qd4725-2022-cds', '--json']));
    expect(fw.kind).toBe('points');
    expect(fw.standards.map((s: { code: string }) => s.code)).toEqual(['1', '2']);
    expect(fw.standards[0].criteria[0]).toMatchObject({ code: '1.1', mandatory: true, levels: [] });
  });

  it('human text', async () => {
    const text = await run(['frameworks', 'show', 'tt57-2026-pl1-mam-non']);
    expect(text).toContain('Tiêu chí 1.3. Quản lý kế hoạch, nguồn lực, thông tin và dữ liệu (bắt buộc)');
    expect(text).toContain('Mức 2 1) ');
  });

  it('an unknown id is a Vietnamese error listing the known ids', async () => {
    await expect(run(['frameworks', 'show', 'tt99'])).rejects.toThrow(/Không có khung đánh giá "tt99".*qd4725-2022-cds/);
  });
});
