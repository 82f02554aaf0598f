import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './program';

let dir: string;
let dataDir: string;

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
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

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-cli-as-'));
  dataDir = path.join(dir, 'dữ liệu');
  const init = await cli(
    'init',
    '--school-name',
    'Trường THCS Nguyễn Du',
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

describe('truong-chuan assessment', () => {
  it('create --json prints { id, schoolYear, educationLevel, frameworkId, … }; --from carries last year over', async () => {
    const first = await json<Record<string, unknown>>('assessment', 'create', '--year', '2026-2027', '--level', 'thcs');
    expect(first).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      schoolYear: '2026-2027',
      educationLevel: 'thcs',
      frameworkId: 'tt57-2026-pl2-pho-thong',
      frameworkVersion: expect.any(String),
      status: 'in_progress',
      pinned: false,
      previousId: null,
      carried: null,
    });
    const second = await json<Record<string, unknown>>(
      'assessment',
      'create',
      '--year',
      '2027-2028',
      '--level',
      'thcs',
      '--framework',
      'tt57-2026-pl2-pho-thong',
      '--from',
      first.id as string,
    );
    expect(second).toMatchObject({
      previousId: first.id,
      carried: { fromId: first.id, fromSchoolYear: '2026-2027', requirements: 0, note: null },
    });

    const list = await json<{ id: string; schoolYear: string }[]>('assessment', 'list');
    expect(list.map((a) => a.schoolYear)).toEqual(['2027-2028', '2026-2027']);
    const human = await cli('assessment', 'list');
    expect(human.out).toContain('2026-2027\tTrung học cơ sở');
  });

  it('status --json prints levels, blockers, readiness counts, review states and the council check', async () => {
    const a = await json<{ id: string }>('assessment', 'create', '--year', '2026-2027', '--level', 'thcs');
    const s = await json<Record<string, unknown>>('assessment', 'status', a.id);
    expect(s).toMatchObject({
      assessment: { id: a.id, schoolYear: '2026-2027' },
      levels: { schoolLevel: 0, schoolLevelLabel: 'Không đạt', nextLevel: 1, explanation: expect.stringContaining('Kết quả') },
      readiness: { ready: false, blockers: 35, warnings: 1, byKind: { unassessed: 15 } },
      reviewStates: { draft: 15, pending_review: 0, pending_approval: 0, approved: 0, returned: 0 },
      council: { ok: false, memberCount: 0 },
    });
    expect((s.criteria as unknown[]).length).toBe(15);
    expect((s.blockers as unknown[]).length).toBeGreaterThan(0);
    const human = await cli('assessment', 'status', a.id);
    expect(human.code).toBe(0);
    expect(human.out).toContain('Chưa sẵn sàng phê duyệt: 35 vấn đề, 1 lưu ý.');
  });

  it('bad flags and unknown ids give one Vietnamese line and exit 1', async () => {
    const badYear = await cli('assessment', 'create', '--year', '2026', '--level', 'thcs');
    expect(badYear).toMatchObject({ code: 1, err: 'Lỗi: --year không hợp lệ: "2026" (ví dụ 2026-2027).\n' });
    const badLevel = await cli('assessment', 'create', '--year', '2026-2027', '--level', 'dai-hoc');
    expect(badLevel.code).toBe(1);
    expect(badLevel.err).toContain('--level không hợp lệ');
    const missing = await cli('assessment', 'status', '0190a000-0000-7000-8000-0000000000ff');
    expect(missing).toMatchObject({ code: 1, err: 'Lỗi: Không tìm thấy đợt tự đánh giá (có thể đã bị xóa).\n' });
  });
});
