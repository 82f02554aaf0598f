import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EDUCATION_LEVELS } from '../contract/schemas/common';
import type { School } from '../contract/schemas/school';
import { APP_VERSION } from '../backend/backend';
import { databaseFile } from '../backend/platform/paths';
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
  const code = await runCli(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

/** Runs with --data-dir and expects success; returns parsed JSON output when --json was given. */
async function ok<T = unknown>(...argv: string[]): Promise<T> {
  const r = await cli('--data-dir', dataDir, ...argv);
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.err}`);
  expect(r.err).toBe('');
  return (argv.includes('--json') ? JSON.parse(r.out) : r.out) as T;
}

const INIT = [
  'init',
  '--school-name',
  'Trường THCS Nguyễn Trãi',
  '--levels',
  'thcs',
  '--admin',
  'admin',
  '--password',
  'mat-khau-admin',
];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-'));
  dataDir = path.join(dir, 'dữ liệu');
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('truong-chuan init / school show', () => {
  it('init --json prints the new school; school show --json prints the same school', async () => {
    const init = await ok<{ dataDir: string; school: School; user: { username: string; role: string } }>(
      ...INIT,
      '--province',
      'Hải Phòng',
      '--json',
    );
    expect(init.dataDir).toBe(path.resolve(dataDir));
    expect(init.school).toMatchObject({
      name: 'Trường THCS Nguyễn Trãi',
      levels: ['thcs'],
      province: 'Hải Phòng',
      ownership: 'cong_lap',
    });
    expect(init.user).toMatchObject({ username: 'admin', role: 'admin' });
    expect(fs.existsSync(databaseFile(dataDir))).toBe(true);

    const shown = await ok<School>('school', 'show', '--json');
    expect(shown).toEqual(init.school);
  });

  it('accepts --json before the subcommand too, and prints a readable summary without it', async () => {
    await ok(...INIT, '--levels', 'thcs,THPT', '--code', '31000123');
    const json = await cli('--json', '--data-dir', dataDir, 'school', 'show');
    expect(json.code).toBe(0);
    expect((JSON.parse(json.out) as School).levels).toEqual(['thcs', 'thpt']);
    const human = await ok<string>('school', 'show');
    expect(human).toContain('Trường THCS Nguyễn Trãi (mã 31000123)');
    expect(human).toContain('Cấp học: THCS, THPT');
    expect(human).toContain('(chính)');
  });

  it('a second init fails with exit 1 and a Vietnamese "đã được thiết lập" message', async () => {
    await ok(...INIT);
    const again = await cli('--data-dir', dataDir, ...INIT);
    expect(again.code).toBe(1);
    expect(again.out).toBe('');
    expect(again.err).toMatch(/^Lỗi: .*đã được thiết lập/);
    expect(again.err).not.toMatch(/\n\s+at /);
  });

  it('a bad --levels fails with exit 1, names the valid values, and creates no data folder', async () => {
    const r = await cli('--data-dir', dataDir, ...INIT.slice(0, 3), '--levels', 'foo', ...INIT.slice(5));
    expect(r.code).toBe(1);
    expect(r.err).toContain('--levels không hợp lệ: "foo"');
    for (const level of EDUCATION_LEVELS) expect(r.err).toContain(level);
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('a missing required flag is reported by the parser with exit 1', async () => {
    const r = await cli('--data-dir', dataDir, 'init', '--school-name', 'X', '--levels', 'thcs');
    expect(r.code).toBe(1);
    expect(r.err).toContain('--admin');
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('school show before init fails with exit 1, a Vietnamese message, and creates nothing', async () => {
    const r = await cli('--data-dir', dataDir, 'school', 'show', '--json');
    expect(r.code).toBe(1);
    expect(r.err).toContain('Không có dữ liệu Trường Chuẩn');
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('--version prints the app version with exit 0', async () => {
    const r = await cli('--version');
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(APP_VERSION);
  });
});

describe('truong-chuan user', () => {
  it('user add with a short password fails with exit 1 and the Vietnamese field message', async () => {
    await ok(...INIT);
    const r = await cli('--data-dir', dataDir, 'user', 'add', '--username', 'thuky', '--password', 'ngan', '--name', 'Thư ký');
    expect(r.code).toBe(1);
    expect(r.err).toContain('password: Mật khẩu cần ít nhất 8 ký tự');
  });

  it('user add with an unknown role fails with exit 1 naming the roles', async () => {
    await ok(...INIT);
    const r = await cli(
      '--data-dir',
      dataDir,
      'user',
      'add',
      '--username',
      'thuky',
      '--password',
      'mat-khau-tk1',
      '--name',
      'Thư ký',
      '--role',
      'boss',
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain('--role không hợp lệ');
    expect(r.err).toContain('equipment_officer');
  });

  it('user add then user list --json lists both accounts; the new one can log in', async () => {
    await ok(...INIT);
    const added = await ok<{ username: string; role: string }>(
      'user',
      'add',
      '--username',
      'ThuKy',
      '--password',
      'mat-khau-tk1',
      '--name',
      'Thư ký',
      '--role',
      'secretary',
      '--json',
    );
    expect(added).toMatchObject({ username: 'thuky', role: 'secretary', displayName: 'Thư ký', disabled: false });
    const list = await ok<{ username: string; role: string }[]>('user', 'list', '--json');
    expect(list.map((u) => [u.username, u.role])).toEqual([
      ['admin', 'admin'],
      ['thuky', 'secretary'],
    ]);
    const human = await ok<string>('user', 'list');
    expect(human).toContain('thuky\tsecretary\tThư ký');
    const dup = await cli(
      '--data-dir',
      dataDir,
      'user',
      'add',
      '--username',
      'thuky',
      '--password',
      'mat-khau-tk1',
      '--name',
      'Trùng',
    );
    expect(dup.code).toBe(1);
    expect(dup.err).toContain('đã có người dùng');
  });
});

describe('truong-chuan db', () => {
  it('db check --json reports ok with WAL', async () => {
    await ok(...INIT);
    const r = await ok<{ ok: boolean; journalMode: string; dataDir: string; pendingChanges: number }>('db', 'check', '--json');
    expect(r).toMatchObject({ ok: true, journalMode: 'wal', dataDir: path.resolve(dataDir) });
    expect(r.pendingChanges).toBeGreaterThan(0);
  });

  it('db backup FILE --json writes a copy that holds the school; a second backup to the same file fails', async () => {
    await ok(...INIT);
    const target = path.join(dir, 'sao lưu', 'truong.sqlite');
    const r = await ok<{ file: string; bytes: number }>('db', 'backup', target, '--json');
    expect(r.file).toBe(path.resolve(target));
    expect(r.bytes).toBe(fs.statSync(target).size);
    const copy = new Database(target, { readonly: true });
    try {
      expect(copy.prepare('select name from school').all()).toEqual([{ name: 'Trường THCS Nguyễn Trãi' }]);
    } finally {
      copy.close();
    }
    const again = await cli('--data-dir', dataDir, 'db', 'backup', target);
    expect(again.code).toBe(1);
    expect(again.err).toContain('đã tồn tại');
  });
});
