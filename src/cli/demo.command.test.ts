import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePdf, makePng, registerDemoCommands, type DemoSeedResult } from './demo.command';
import { buildProgram, runCli } from './program';

let dir: string;
let dataDir: string;
let seeded: DemoSeedResult;

/** The lead wires `demo` into buildProgram; until then the test adds it to a fresh program. */
async function demo(...argv: string[]): Promise<{ out: string; err: string; error: unknown }> {
  let out = '';
  let err = '';
  const ctx = { out: (s: string) => (out += s), err: (s: string) => (err += s) };
  const program = buildProgram(ctx);
  if (!program.commands.some((c) => c.name() === 'demo')) registerDemoCommands(program, ctx);
  let error: unknown = null;
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    error = e;
  }
  return { out, err, error };
}

async function json<T>(...argv: string[]): Promise<T> {
  let out = '';
  let err = '';
  const code = await runCli(['--data-dir', dataDir, ...argv, '--json'], { out: (s) => (out += s), err: (s) => (err += s) });
  process.exitCode = undefined;
  if (code !== 0) throw new Error(`exit ${code}: ${err}`);
  return JSON.parse(out) as T;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-demo-'));
  dataDir = path.join(dir, 'demo');
  const r = await demo('demo', 'seed', '--data-dir', dataDir, '--json');
  if (r.error) throw r.error;
  seeded = JSON.parse(r.out) as DemoSeedResult;
}, 120_000);

afterAll(() => {
  const root = path.join(dataDir, 'blobs');
  if (fs.existsSync(root))
    for (const f of fs.readdirSync(root, { recursive: true }) as string[]) fs.chmodSync(path.join(root, f), 0o755);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('truong-chuan demo seed', () => {
  it('prints the school, the assessment, six accounts and the counts', () => {
    expect(seeded).toMatchObject({
      school: { name: 'Trường THCS Nguyễn Chí Thanh', code: '66000517' },
      assessment: { schoolYear: '2026-2027', frameworkId: 'tt57-2026-pl2-pho-thong' },
      password: 'truongchuan2026',
      counts: { evidence: 17, councilMembers: 7, described: 14, judged: 12, planTasks: 8, improvementItems: 2 },
    });
    expect(seeded.users.map((u) => u.role)).toEqual([
      'admin',
      'council_member',
      'council_member',
      'secretary',
      'council_member',
      'equipment_officer',
    ]);
  });

  it('leaves a realistic assessment in progress: council of seven passes, one criterion approved, one returned, evidence files stored', async () => {
    const school = await json<{ address: string; sites: { name: string }[]; principal: string }>('school', 'show');
    expect(school.address).toContain('Buôn Ma Thuột');
    expect(school.sites.map((s) => s.name)).toEqual(['Điểm chính', 'Điểm lẻ buôn Ako Dhông']);
    expect(school.principal).toBe('Nguyễn Văn Thành');
    const status = await json<{
      reviewStates: Record<string, number>;
      council: { ok: boolean; memberCount: number };
      readiness: { ready: boolean; byKind: Record<string, number> };
      criteria: { code: string; level: number; assessed: boolean }[];
    }>('assessment', 'status', seeded.assessment.id);
    expect(status.council).toMatchObject({ ok: true, memberCount: 7 });
    expect(status.reviewStates).toEqual({ draft: 12, pending_review: 1, pending_approval: 0, approved: 1, returned: 1 });
    expect(status.readiness.ready).toBe(false);
    expect(status.readiness.byKind.evidence_expired).toBe(1);
    expect(status.criteria.find((c) => c.code === '1.1')).toMatchObject({ level: 2, assessed: true });
    expect(status.criteria.find((c) => c.code === '3.5')).toMatchObject({ level: 0, assessed: true });
    const evidence = await json<{ kind: string; fileName: string; sha256: string | null; verification: string }[]>(
      'evidence',
      'list',
    );
    expect(evidence).toHaveLength(17);
    expect(evidence.filter((e) => e.fileName.endsWith('.png'))).toHaveLength(1);
    expect(evidence.filter((e) => e.verification === 'verified')).toHaveLength(15);
    for (const e of evidence) expect(e).toMatchObject({ kind: 'file', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('refuses to seed a folder that already has data, and needs an explicit --data-dir', async () => {
    const again = await demo('demo', 'seed', '--data-dir', dataDir);
    expect((again.error as Error).message).toContain('đã có dữ liệu');
    const none = await demo('demo', 'seed');
    expect((none.error as Error).message).toContain('--data-dir');
  });
});

describe('demo files', () => {
  it('makes a real PDF with a correct cross-reference table', () => {
    const pdf = makePdf('Kế hoạch năm học (2026)', ['Dòng một']).toString('latin1');
    expect(pdf.startsWith('%PDF-1.4\n')).toBe(true);
    expect(pdf).toContain('(Ke hoach nam hoc \\(2026\\)) Tj');
    const startxref = Number(/startxref\n(\d+)/.exec(pdf)![1]);
    expect(pdf.slice(startxref, startxref + 4)).toBe('xref');
    const offsets = [...pdf.matchAll(/(\d{10}) 00000 n /g)].map((m) => Number(m[1]));
    offsets.forEach((o, i) => expect(pdf.slice(o, o + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`));
  });

  it('makes a real PNG (signature, IHDR, inflatable IDAT)', () => {
    const png = makePng(8, 4);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBe(8);
    const idatLen = png.readUInt32BE(33);
    expect(png.subarray(37, 41).toString('ascii')).toBe('IDAT');
    expect(zlib.inflateSync(png.subarray(41, 41 + idatLen)).length).toBe(4 * (1 + 8 * 3));
  });
});
