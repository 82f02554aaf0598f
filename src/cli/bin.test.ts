import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { School } from '../contract/schemas/school';
import { runCli } from './program';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'truong-chuan.mjs');
const NODE24 = path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'node.cmd' : 'node');
const SYSTEM_NODE = '/usr/bin/node';

let dir: string;
let dataDir: string;
let school: School;

/** Runs the real `truong-chuan` command in a child process. */
function runBin(node: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // TRUONG_CHUAN_FROM_SOURCE: run src/ through tsx even if a stale out/ bundle exists.
    const child = spawn(node, [BIN, ...args], { env: { ...process.env, TRUONG_CHUAN_FROM_SOURCE: '1' }, cwd: dir });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function majorOf(node: string): number {
  return Number(execFileSync(node, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).trim());
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-'));
  dataDir = path.join(dir, 'data');
  let out = '';
  const code = await runCli(
    [
      '--data-dir',
      dataDir,
      '--json',
      'init',
      '--school-name',
      'Trường Tiểu học Võ Thị Sáu',
      '--levels',
      'tieu_hoc',
      '--admin',
      'admin',
      '--password',
      'mat-khau-admin',
    ],
    { out: (s) => (out += s), err: () => undefined },
  );
  expect(code).toBe(0);
  school = (JSON.parse(out) as { school: School }).school;
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('bin/truong-chuan.mjs', () => {
  it('under Node 24 (process.execPath) runs `school show --json` and prints the school', async () => {
    expect(majorOf(process.execPath)).toBeGreaterThanOrEqual(24);
    const r = await runBin(process.execPath, ['--data-dir', dataDir, 'school', 'show', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(school);
  });

  it('exits non-zero with the Vietnamese error on stderr for a failing command', async () => {
    const r = await runBin(process.execPath, ['--data-dir', path.join(dir, 'trống'), 'school', 'show']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Không có dữ liệu Trường Chuẩn');
  });

  const systemMajor = fs.existsSync(SYSTEM_NODE) ? majorOf(SYSTEM_NODE) : null;
  if (systemMajor !== null && systemMajor < 24) {
    it(`started by the system Node ${systemMajor}, re-runs itself under the project's Node 24`, async () => {
      const r = await runBin(SYSTEM_NODE, ['--data-dir', dataDir, 'school', 'show', '--json']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual(school);
    });
  } else {
    it('has the project Node 24 it would re-run itself under', () => {
      expect(fs.existsSync(NODE24)).toBe(true);
      expect(majorOf(fs.realpathSync(NODE24))).toBeGreaterThanOrEqual(24);
    });
  }
});
