/**
 * Official documents benchmark: Biểu 1 for the 15 criteria of TT 57 citing 300 evidence items
 * (load the data, build, write, read back, preflight; with and without laying the pages out
 * for the TOC page numbers), then the evidence package (.zip) of 1,000 files streamed with
 * their SHA-256 and read back. Prints time and peak RSS (sampled every 20 ms) for each.
 *
 *   npx tsx bench/reports.bench.ts [--evidence 300] [--files 1000] [--size-kb 256] [--keep]
 */
import { randomFillSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openBackend } from '../src/backend/backend';
import { getFrameworkRegistry } from '../src/backend/frameworks/framework-loader';
import { EvidenceLibrary } from '../src/backend/modules/evidence/library';
import { ReportService } from '../src/backend/reports/service';
import { newConnection } from '../src/backend/transports/connections';
import type { MethodInput, MethodName, MethodOutput } from '../src/contract/methods';
import { citationToken } from '../src/core/evidence/citations';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const EVIDENCE = arg('evidence', 300);
const FILES = arg('files', 1000);
const SIZE = Math.round(arg('size-kb', 256) * 1024);
const keep = process.argv.includes('--keep');
const FRAMEWORK = 'tt57-2026-pl2-pho-thong';
const CRITERIA = ['1.1', '1.2', '1.3', '1.4', '2.1', '2.2', '2.3', '3.1', '3.2', '3.3', '3.4', '3.5', '4.1', '4.2', '4.3'];

interface Measured {
  seconds: number;
  peakRssMb: number;
}

async function measure(work: () => Promise<void>): Promise<Measured> {
  if (global.gc) global.gc();
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  const start = process.hrtime.bigint();
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, process.memoryUsage.rss());
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, peakRssMb: peak / 1024 / 1024 };
}

const line = (label: string, m: Measured, extra: string) =>
  console.log(
    `${label.padEnd(52)} ${m.seconds.toFixed(2).padStart(7)} s  peak RSS ${m.peakRssMb.toFixed(0).padStart(4)} MB  ${extra}`,
  );

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-bench-reports-'));
  console.log(
    `Reports benchmark: Biểu 1 with ${EVIDENCE} evidence, package of ${FILES} files × ${SIZE / 1024} KB in ${root} (Node ${process.version}, ${os.cpus().length} CPU)`,
  );
  const backend = await openBackend({ dataDir: path.join(root, 'data') });
  const resourcesDir = path.resolve(import.meta.dirname, '..', 'resources');
  const frameworks = await getFrameworkRegistry(resourcesDir);
  const admin = newConnection('test', true);
  let seq = 0;
  const call = async <M extends MethodName>(method: M, params: MethodInput<M>): Promise<MethodOutput<M>> => {
    const res = await backend.router.dispatch(admin, { id: ++seq, method, params });
    if (!res.ok) throw new Error(`${method}: ${res.error.message}`);
    return res.result as MethodOutput<M>;
  };
  await call('setup.initialize', {
    school: {
      name: 'Trường THCS Thử Nghiệm',
      levels: ['thcs'],
      province: 'Đắk Lắk',
      managingBody: 'Ủy ban nhân dân phường Buôn Ma Thuột',
      principal: 'Nguyễn Văn A',
    },
    admin: { username: 'admin', displayName: 'Quản trị', password: 'mat-khau-bench-2026' },
  });
  const { assessment } = await call('assessment.create', {
    schoolYear: '2026-2027',
    educationLevel: 'thcs',
    frameworkId: FRAMEWORK,
  });
  const A = assessment.id;
  for (const [i, role] of (['chair', 'secretary', 'member', 'member', 'member'] as const).entries()) {
    await call('council.saveMember', {
      assessmentId: A,
      fullName: `Thành viên ${i + 1}`,
      position: 'Giáo viên',
      councilRole: role,
    });
  }

  // Files: distinct content per file; the first EVIDENCE are cited by Biểu 1, all go in the package.
  const src = path.join(root, 'nguon');
  fs.mkdirSync(src);
  const buf = Buffer.alloc(SIZE);
  randomFillSync(buf);
  const lib = new EvidenceLibrary({
    ds: backend.readSource,
    writes: backend.writes,
    dataDir: backend.dataDir,
    resourcesDir,
    frameworks,
  });
  const ids = new Map<string, string[]>(CRITERIA.map((c) => [c, []]));
  let added = 0;
  /** Adds files number `added` … `upTo - 1`, spread over the 15 criteria. */
  const addUpTo = async (upTo: number) => {
    for (; added < upTo; added++) {
      const i = added;
      buf.writeUInt32BE(i, 0);
      const code = CRITERIA[i % CRITERIA.length]!;
      const file = path.join(src, `Biên bản họp tổ chuyên môn số ${i + 1}.pdf`);
      fs.writeFileSync(file, buf);
      const out = await lib.addFiles(
        [file],
        { frameworkId: FRAMEWORK, criterionCode: code, assessmentId: null },
        { title: `Biên bản họp tổ chuyên môn số ${i + 1} về thực hiện tiêu chí ${code}`, storageLocation: 'Tủ hồ sơ kiểm định' },
        { actor: null, onDuplicate: 'create' },
      );
      fs.rmSync(file);
      ids.get(code)!.push(out.results[0]!.evidence.id);
    }
  };
  let setupStart = Date.now();
  await addUpTo(EVIDENCE);
  for (const code of CRITERIA) {
    const mine = ids.get(code)!;
    const half = Math.ceil(mine.length / 2);
    const sentences = (list: string[]) =>
      list
        .map((id, k) => `Nội dung thứ ${k + 1} của tiêu chí ${code} được thực hiện đầy đủ, đúng kế hoạch ${citationToken(id)}.`)
        .join(' ');
    const base = { assessmentId: A, criterionCode: code, requirementCode: '1' };
    await call('criterion.saveRequirement', {
      ...base,
      level: 1,
      expectedRev: 0,
      description: sentences(mine.slice(0, half)),
      judgment: 'met',
    });
    await call('criterion.saveRequirement', {
      ...base,
      level: 2,
      expectedRev: 0,
      description: sentences(mine.slice(half)),
      judgment: 'met',
    });
  }
  for (const s of ['1', '2', '3', '4']) {
    await call('summary.save', {
      assessmentId: A,
      scopeCode: s,
      expectedRev: 0,
      strengths: 'Điểm mạnh.',
      weaknesses: 'Hạn chế.',
      causes: 'Nguyên nhân.',
      priorities: 'Ưu tiên.',
    });
  }
  console.log(
    `Set up ${EVIDENCE} evidence files, all cited in 30 descriptions, in ${((Date.now() - setupStart) / 1000).toFixed(1)} s; RSS ${(process.memoryUsage.rss() / 1024 / 1024).toFixed(0)} MB`,
  );

  const svc = new ReportService({ ds: backend.readSource, writes: backend.writes, dataDir: backend.dataDir, frameworks });
  const actor = { userId: 'bench', role: 'admin' as const, name: 'Bench', member: null };
  const results: [string, Measured, string][] = [];
  for (const estimate of [false, true]) {
    let info = '';
    const m = await measure(async () => {
      const b = await svc.build({ assessmentId: A, kind: 'bieu1' }, actor, { estimatePageNumbers: estimate });
      info = `${(b.bytes / 1024).toFixed(0)} KB, ${b.gaps.length} gaps, preflight ${b.preflight.ok ? 'ok' : 'FAILED'}`;
      if (!b.preflight.ok) throw new Error(JSON.stringify(b.preflight.checks.filter((c) => !c.ok)));
    });
    results.push([`Biểu 1, ${EVIDENCE} evidence${estimate ? ' + TOC page numbers laid out' : ''}`, m, info]);
  }
  setupStart = Date.now();
  await addUpTo(Math.max(EVIDENCE, FILES));
  const total = added;
  console.log(`Added files up to ${total} in ${((Date.now() - setupStart) / 1000).toFixed(1)} s`);
  {
    let info = '';
    const m = await measure(async () => {
      const b = await svc.build({ assessmentId: A, kind: 'package' }, actor);
      info = `${(b.bytes / 1024 / 1024).toFixed(0)} MB zip, preflight (re-hash of every entry) ${b.preflight.ok ? 'ok' : 'FAILED'}`;
      if (!b.preflight.ok) throw new Error(JSON.stringify(b.preflight.checks.filter((c) => !c.ok)));
    });
    results.push([`evidence package, ${total} files × ${SIZE / 1024} KB`, m, info]);
  }
  {
    let info = '';
    const m = await measure(async () => {
      const b = await svc.build({ assessmentId: A, kind: 'evidence-list', options: { format: 'xlsx' } }, actor);
      info = `${(b.bytes / 1024).toFixed(0)} KB`;
    });
    results.push([`evidence list .xlsx, ${total} rows`, m, info]);
  }
  await backend.close();
  console.log('');
  for (const [label, m, info] of results) line(label, m, info);
  console.log(`process maxRSS (whole run): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);

  if (!keep) {
    const blobs = path.join(root, 'data', 'blobs');
    for (const f of fs.readdirSync(blobs, { recursive: true }) as string[]) fs.chmodSync(path.join(blobs, f), 0o755);
    fs.rmSync(root, { recursive: true, force: true });
  }
}

await main();
