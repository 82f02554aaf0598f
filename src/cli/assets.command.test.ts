import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './program';

let dir: string;
let dataDir: string;

interface Run {
  code: number;
  out: string;
  err: string;
}

async function cli(...argv: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const code = await runCli(['--data-dir', dataDir, ...argv], { out: (s) => (out += s), err: (s) => (err += s) });
  process.exitCode = undefined;
  return { code, out, err };
}

async function json<T>(...argv: string[]): Promise<T> {
  const r = await cli(...argv, '--json');
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.err}`);
  expect(r.err).toBe('');
  return JSON.parse(r.out) as T;
}

async function register(file: string, rows: (string | number | null)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sổ');
  ws.addRow(['STT', 'Mã TS', 'Tên tài sản', 'Số lượng', 'Nguyên giá (đồng)', 'Năm sử dụng', 'Phòng']);
  for (const r of rows) ws.addRow(r);
  const p = path.join(dir, file);
  await wb.xlsx.writeFile(p);
  return p;
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-cli-assets-'));
  dataDir = path.join(dir, 'dữ liệu');
  const init = await cli(
    'init',
    '--school-name',
    'Trường THCS Lê Lợi',
    '--levels',
    'thcs',
    '--admin',
    'admin',
    '--password',
    'mat-khau-admin',
  );
  expect(init.code).toBe(0);
});

afterEach(() => {
  process.exitCode = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('truong-chuan assets / rooms / stocktake / wear', () => {
  it('import --json prints { rows, valid, written, errors[{row,column,message}] }; exit 1 and nothing written when a row is bad', async () => {
    expect(
      (
        await json<{ code: string }>(
          'rooms',
          'add',
          '--code',
          'P101',
          '--name',
          'Phòng 101',
          '--type',
          'phong_hoc',
          '--area',
          '54',
        )
      ).code,
    ).toBe('P101');
    const bad = await register('xau.xlsx', [
      [1, 'MT-01', 'Máy vi tính', 1, '15.000.000', 2024, 'P101'],
      [2, 'MT-02', '', 1, '9.000.000', 2024, 'P101'],
    ]);
    const dry = await cli('assets', 'import', bad, '--dry-run', '--json');
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.out)).toMatchObject({
      rows: 2,
      valid: 1,
      written: 0,
      errors: [{ row: 3, column: 'C (Tên tài sản)', message: 'Thiếu tên tài sản' }],
    });
    const real = await cli('assets', 'import', bad, '--json');
    expect(real.code).toBe(1);
    const parsed = JSON.parse(real.out) as {
      rows: number;
      valid: number;
      written: number;
      errors: { row: number; column: string; message: string }[];
    };
    expect(parsed).toMatchObject({ rows: 2, valid: 1, written: 0 });
    expect(parsed.errors).toEqual([{ row: 3, column: 'C (Tên tài sản)', message: 'Thiếu tên tài sản' }]);
    expect((await json<{ total: number }>('assets', 'list')).total).toBe(0);
    const human = await cli('assets', 'import', bad);
    expect(human.code).toBe(1);
    expect(human.out).toContain('Dòng 3, cột C (Tên tài sản): Thiếu tên tài sản');

    const good = await register('tot.xlsx', [
      [1, 'MT-01', 'Máy vi tính', 1, '15.000.000', 2024, 'P101'],
      [2, 'GHE-01', 'Ghế nhựa', 30, '3,000,000 đ', 2022, 'P102'],
    ]);
    expect(await json('assets', 'import', good)).toMatchObject({ rows: 2, valid: 2, written: 2, errors: [], newRooms: ['P102'] });
    const again = await cli('assets', 'import', good, '--update-existing', '--json');
    expect(JSON.parse(again.out)).toMatchObject({ written: 2, updated: 2, created: 0 });

    const list = await json<{
      items: { code: string; roomCode: string; costVnd: number; putInUseDate: string }[];
      total: number;
    }>('assets', 'list', '--room', 'P101');
    expect(list.items.map((a) => [a.code, a.roomCode, a.costVnd, a.putInUseDate])).toEqual([
      ['MT-01', 'P101', 15_000_000, '2024-01-01'],
    ]);
    expect((await json<{ items: { code: string }[] }>('assets', 'list', '--q', 'ghe nhua')).items.map((a) => a.code)).toEqual([
      'GHE-01',
    ]);
    expect((await cli('assets', 'list', '--room', 'KHONG')).err).toMatch(/Không có phòng "KHONG"/);

    const out = path.join(dir, 'xuất', 'so.xlsx');
    expect(await json('assets', 'export', '--out', out)).toMatchObject({ file: out, list: 'assets', rows: 2 });
    expect(fs.statSync(out).size).toBeGreaterThan(1000);
    const rooms = await json<{ code: string }[]>('rooms', 'list');
    expect(rooms.map((r) => r.code)).toEqual(['P101', 'P102']);
  });

  it('stocktake create / scan / close and wear run --json', async () => {
    await json('rooms', 'add', '--code', 'P101', '--name', 'Phòng 101', '--type', 'phong_hoc');
    await json('rooms', 'add', '--code', 'P102', '--name', 'Phòng 102', '--type', 'phong_hoc');
    await json(
      'assets',
      'import',
      await register('so.xlsx', [
        [1, 'MT-01', 'Máy vi tính', 1, '15.000.000', 2024, 'P101'],
        [2, 'MT-02', 'Máy chiếu', 1, '14.000.000', 2024, 'P102'],
      ]),
    );
    const s = await json<{ id: string; status: string; book: { items: number } }>(
      'stocktake',
      'create',
      '--name',
      'Kiểm kê 2025',
      '--rooms',
      'P101,P102',
    );
    expect(s).toMatchObject({ status: 'counting', book: { items: 2 } });
    expect(await json('stocktake', 'scan', s.id, 'MT-01', '--room', 'P101')).toMatchObject({
      status: 'found',
      asset: { code: 'MT-01' },
    });
    expect(await json('stocktake', 'scan', 'Kiểm kê 2025', 'MT-02', '--room', 'P101')).toMatchObject({
      status: 'misplaced',
      expectedRoom: { code: 'P102' },
    });
    expect(await json('stocktake', 'scan', s.id, 'LA-01', '--room', 'P102')).toMatchObject({ status: 'unknown' });
    const notYet = await cli('stocktake', 'close', s.id, '--json');
    expect(notYet.code).toBe(1);
    expect(notYet.err).toMatch(/Còn 2 đề xuất/);
    const closed = await json<{ stocktake: { status: string }; applied: Record<string, number> }>(
      'stocktake',
      'close',
      s.id,
      '--accept-all',
      '--decision',
      'Đồng ý',
    );
    expect(closed).toMatchObject({ stocktake: { status: 'closed' }, applied: { moved: 1, recognised: 1 } });
    expect(
      (await json<{ items: { code: string; roomCode: string }[] }>('assets', 'list', '--room', 'P101')).items.map((a) => a.code),
    ).toEqual(['MT-01', 'MT-02']);

    const w = await json<{ run: { year: number; assetCount: number; totalVnd: number } }>('wear', 'run', '--year', '2025');
    // Both machines default to group 5.2.2 (5 years): 3,000,000 + 2,800,000.
    expect(w.run).toMatchObject({ year: 2025, assetCount: 2, totalVnd: 5_800_000 });
    const twice = await cli('wear', 'run', '--year', '2025', '--json');
    expect(twice.code).toBe(1);
    expect(twice.err).toMatch(/Đã tính hao mòn năm 2025/);
    expect(await json('wear', 'run', '--year', '2025', '--rerun')).toMatchObject({
      run: { totalVnd: 5_800_000 },
      reversedRunId: expect.any(String),
    });
  });
});
