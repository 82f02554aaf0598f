import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RpcError } from '../contract/rpc';
import { seedDemo, type DemoSeedResult } from './demo.command';
import { CliError } from './output';
import { buildProgram } from './program';
import { registerReportCommands } from './report.command';

let dir: string;
let dataDir: string;
let seeded: DemoSeedResult;

/** Like runCli; the lead wires `report` into buildProgram, until then the test adds it. */
async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const ctx = { out: (s: string) => (out += s), err: (s: string) => (err += s) };
  const program = buildProgram(ctx);
  if (!program.commands.some((c) => c.name() === 'report')) registerReportCommands(program, ctx);
  process.exitCode = undefined;
  let code = 0;
  try {
    await program.parseAsync(['--data-dir', dataDir, ...argv], { from: 'user' });
    code = typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) code = e.exitCode;
    else if (e instanceof CliError || e instanceof RpcError) {
      err += `Lỗi: ${e.message}\n`;
      code = 1;
    } else throw e;
  }
  process.exitCode = undefined;
  return { code, out, err };
}

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-report-cli-'));
  dataDir = path.join(dir, 'data');
  seeded = await seedDemo(dataDir);
}, 120_000);

afterAll(() => {
  const blobs = path.join(dataDir, 'blobs');
  if (fs.existsSync(blobs))
    for (const f of fs.readdirSync(blobs, { recursive: true }) as string[]) fs.chmodSync(path.join(blobs, f), 0o755);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('truong-chuan report', () => {
  it('preview --json: the outline and every gap, nothing written', async () => {
    const r = await cli('report', 'preview', '--assessment', seeded.assessment.id, '--kind', 'bieu1', '--json');
    expect(r.code).toBe(0);
    const p = JSON.parse(r.out) as { gaps: { key: string }[]; final: { allowed: boolean }; outline: unknown[] };
    expect(p.gaps.map((g) => g.key)).toContain('texts.conclusionOverall');
    expect(p.final.allowed).toBe(false);
    expect(p.outline.length).toBeGreaterThan(30);
    expect(fs.existsSync(path.join(dataDir, 'exports'))).toBe(false);
  });

  it('build --out FILE --json → { file, sha256, bytes, gaps, preflight } and the copy', async () => {
    const out = path.join(dir, 'out', 'Báo cáo.docx');
    const r = await cli(
      'report',
      'build',
      '--assessment',
      seeded.assessment.id,
      '--kind',
      'bieu1',
      '--out',
      out,
      '--no-page-numbers',
      '--json',
    );
    expect(r.code).toBe(0);
    const b = JSON.parse(r.out) as {
      file: string;
      out: string;
      sha256: string;
      bytes: number;
      gaps: unknown[];
      preflight: { ok: boolean };
      final: boolean;
    };
    expect(b).toMatchObject({ out, final: false, preflight: { ok: true } });
    expect(b.gaps.length).toBeGreaterThan(0);
    expect(sha256(out)).toBe(b.sha256);
    expect(fs.statSync(out).size).toBe(b.bytes);
    expect(sha256(path.join(dataDir, 'exports', b.file))).toBe(b.sha256);
  });

  it('build --out DIR puts the file inside; package and the evidence list in Excel', async () => {
    const outDir = path.join(dir, 'ho-so');
    fs.mkdirSync(outDir);
    const pkg = await cli(
      'report',
      'build',
      '--assessment',
      seeded.assessment.id,
      '--kind',
      'package',
      '--out',
      outDir,
      '--json',
    );
    expect(pkg.code).toBe(0);
    const p = JSON.parse(pkg.out) as { file: string; out: string; preflight: { ok: boolean } };
    expect(p.out).toBe(path.join(outDir, p.file));
    expect(p.preflight.ok).toBe(true);
    const xlsx = await cli(
      'report',
      'build',
      '--assessment',
      seeded.assessment.id,
      '--kind',
      'evidence-list',
      '--format',
      'xlsx',
      '--out',
      outDir,
    );
    expect(xlsx.code).toBe(0);
    expect(xlsx.out).toMatch(/^Đã xuất bản dự thảo: .*\.xlsx \(\d+ byte\)/);
    expect(fs.readdirSync(outDir).sort()).toHaveLength(2);
  });

  it('--final is refused while the readiness check fails; a wrong kind lists the kinds', async () => {
    const f = await cli('report', 'build', '--assessment', seeded.assessment.id, '--kind', 'bieu1', '--final', '--json');
    expect(f.code).toBe(1);
    expect(f.err).toMatch(/^Lỗi: Chưa xuất được bản chính thức\./);
    const k = await cli('report', 'build', '--assessment', seeded.assessment.id, '--kind', 'bieu3');
    expect(k.code).toBe(1);
    expect(k.err).toContain('bieu1, bieu2, legacy, criterion-sheets, council-decision, plan, evidence-list, package');
  });

  it('texts --file saves the report texts; list shows every export with its hash', async () => {
    const file = path.join(dir, 'texts.json');
    fs.writeFileSync(file, JSON.stringify({ place: 'Buôn Ma Thuột', recommendDepartment: 'Đề nghị Sở hỗ trợ kinh phí.' }));
    const t = await cli('report', 'texts', '--assessment', seeded.assessment.id, '--file', file, '--json');
    expect(t.code).toBe(0);
    expect(JSON.parse(t.out)).toMatchObject({
      rev: 1,
      place: 'Buôn Ma Thuột',
      recommendDepartment: 'Đề nghị Sở hỗ trợ kinh phí.',
    });
    const l = await cli('report', 'list', '--assessment', seeded.assessment.id, '--json');
    const rows = JSON.parse(l.out) as { kind: string; sha256: string; available: boolean }[];
    expect(rows.map((x) => x.kind).sort()).toEqual(['bieu1', 'evidence-list', 'package']);
    expect(rows.every((x) => x.available && /^[0-9a-f]{64}$/.test(x.sha256))).toBe(true);
  });
});
