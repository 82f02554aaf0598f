import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FrameworkValidationError } from '../../core/frameworks/validate';
import { clearFrameworkCache, getFrameworkRegistry, loadFrameworks } from './framework-loader';

const RESOURCES = resolve(import.meta.dirname, '../../../resources');
const temps: string[] = [];

/** A copy of the shipped resources that a test may break. */
async function copyResources(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tc-frameworks-'));
  temps.push(dir);
  await cp(join(RESOURCES, 'frameworks'), join(dir, 'frameworks'), { recursive: true });
  return dir;
}

afterAll(async () => {
  await Promise.all(temps.map((d) => rm(d, { recursive: true, force: true })));
});

describe('loadFrameworks (shipped files)', () => {
  it('loads and validates every file listed in index.json, in order', async () => {
    const frameworks = await loadFrameworks(RESOURCES);
    expect(frameworks.map((f) => f.id)).toEqual([
      'tt57-2026-pl1-mam-non',
      'tt57-2026-pl2-pho-thong',
      'tt57-2026-pl3-gdtx',
      'tt17-2018-tieu-hoc',
      'tt18-2018-thcs-thpt',
      'tt19-2018-mam-non',
      'qd4725-2022-cds',
    ]);
  });

  it('every framework carries its legal source, effective dates and provenance grade', async () => {
    for (const fw of await loadFrameworks(RESOURCES)) {
      expect(fw.source.number, fw.id).toMatch(/\/(TT|QĐ)-BGDĐT$/);
      expect(fw.source.signedDate, fw.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(fw.effectiveFrom, fw.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(['verbatim', 'secondary', 'inference']).toContain(fw.source.grade);
      expect(fw.source.note.length, fw.id).toBeGreaterThan(20);
    }
  });
});

describe('loadFrameworks rejects broken data', () => {
  it('a malformed file: the message names the file and the JSON path', async () => {
    const dir = await copyResources();
    const file = join(dir, 'frameworks', 'tt57-2026-pl2-pho-thong.json');
    const data = JSON.parse(await readFile(file, 'utf8'));
    data.standards[1].criteria[0].levels[0].requirements[0].text = '';
    await writeFile(file, JSON.stringify(data));
    const error = await loadFrameworks(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FrameworkValidationError);
    expect((error as Error).message).toContain(
      'tt57-2026-pl2-pho-thong.json: standards[1].criteria[0].levels[0].requirements[0].text: ',
    );
  });

  it('invalid JSON names the file', async () => {
    const dir = await copyResources();
    await writeFile(join(dir, 'frameworks', 'tt19-2018-mam-non.json'), '{ "id": ');
    await expect(loadFrameworks(dir)).rejects.toThrow(/tt19-2018-mam-non\.json: \(gốc\): JSON không hợp lệ/);
  });

  it('a JSON file missing from index.json', async () => {
    const dir = await copyResources();
    await writeFile(join(dir, 'frameworks', 'draft.json'), '{}');
    await expect(loadFrameworks(dir)).rejects.toThrow(/index\.json: frameworks: Thiếu trong danh sách: draft\.json/);
  });

  it('a listed file that does not exist', async () => {
    const dir = await copyResources();
    const index = JSON.parse(await readFile(join(dir, 'frameworks', 'index.json'), 'utf8'));
    index.frameworks.push('tt99-2030-x.json');
    await writeFile(join(dir, 'frameworks', 'index.json'), JSON.stringify(index));
    await expect(loadFrameworks(dir)).rejects.toThrow(/tt99-2030-x\.json: \(gốc\): Không đọc được tệp/);
  });

  it('no frameworks folder at all', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tc-frameworks-empty-'));
    temps.push(dir);
    await expect(loadFrameworks(dir)).rejects.toThrow(/index\.json/);
  });
});

describe('getFrameworkRegistry', () => {
  it('caches per resources dir and looks frameworks up by id', async () => {
    clearFrameworkCache();
    const a = await getFrameworkRegistry(RESOURCES);
    const b = await getFrameworkRegistry(`${RESOURCES}/`);
    expect(a).toBe(b);
    expect(a.require('tt18-2018-thcs-thpt').family).toBe('legacy2018');
    expect(a.get('nope')).toBeUndefined();
    expect(() => a.require('nope')).toThrow(/Không có khung đánh giá "nope".*tt57-2026-pl1-mam-non/);
  });

  it('does not cache a failed load', async () => {
    clearFrameworkCache();
    const dir = await copyResources();
    const file = join(dir, 'frameworks', 'qd4725-2022-cds.json');
    const good = await readFile(file, 'utf8');
    await writeFile(file, '[]');
    await expect(getFrameworkRegistry(dir)).rejects.toThrow(/qd4725-2022-cds\.json/);
    await writeFile(file, good);
    expect((await getFrameworkRegistry(dir)).list()).toHaveLength(7);
  });
});
