/**
 * Evidence add benchmark: N files of S MB (default 1,000 × 1 MB) added through
 * EvidenceLibrary.addFiles (stream + SHA-256 + fsync + atomic rename + one transaction per
 * file), compared with a plain copy-and-hash of the same files (stream + SHA-256, no fsync, no
 * database), once without and once with an fsync per file. Prints files/s, MB/s and peak RSS
 * (sampled) for each.
 *
 *   npx tsx bench/evidence-add.bench.ts [--files 1000] [--size-mb 1] [--keep]
 */
import { createHash, randomFillSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { openBackend } from '../src/backend/backend';
import { EvidenceLibrary } from '../src/backend/modules/evidence/library';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const FILES = arg('files', 1000);
const SIZE_MB = arg('size-mb', 1);
const SIZE = Math.round(SIZE_MB * 1024 * 1024);
const keep = process.argv.includes('--keep');

interface Measured {
  seconds: number;
  peakRssMb: number;
}

/** Runs `work`, sampling RSS every 20 ms; returns elapsed time and the highest RSS seen. */
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
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  peak = Math.max(peak, process.memoryUsage.rss());
  return { seconds, peakRssMb: peak / 1024 / 1024 };
}

function report(label: string, m: Measured): void {
  const mb = (FILES * SIZE) / 1024 / 1024;
  console.log(
    `${label.padEnd(34)} ${m.seconds.toFixed(2).padStart(7)} s  ${(FILES / m.seconds).toFixed(0).padStart(6)} files/s  ${(mb / m.seconds).toFixed(1).padStart(7)} MB/s  peak RSS ${m.peakRssMb.toFixed(0)} MB`,
  );
}

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-bench-evidence-'));
  const srcDir = path.join(root, 'nguon');
  const copyDir = path.join(root, 'copy');
  fs.mkdirSync(srcDir);
  console.log(
    `Evidence add benchmark: ${FILES} files × ${SIZE_MB} MB in ${root} (Node ${process.version}, ${os.cpus().length} CPU)`,
  );

  // Distinct content per file: one random buffer, the file number stamped at the start.
  const buf = Buffer.alloc(SIZE);
  randomFillSync(buf);
  const paths: string[] = [];
  for (let i = 0; i < FILES; i++) {
    buf.writeUInt32BE(i, 0);
    const p = path.join(srcDir, `minh-chung-${String(i).padStart(4, '0')}.pdf`);
    fs.writeFileSync(p, buf);
    paths.push(p);
  }
  console.log(`Generated ${FILES} files; baseline RSS ${(process.memoryUsage.rss() / 1024 / 1024).toFixed(0)} MB`);

  /** Streams each file through SHA-256 into `dest`; with `durable`, fsyncs each copy like the store does. */
  const copyAndHash = (dest: string, durable: boolean) => async () => {
    fs.mkdirSync(dest, { recursive: true });
    for (const p of paths) {
      const hash = createHash('sha256');
      const tap = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          hash.update(chunk);
          cb(null, chunk);
        },
      });
      const target = path.join(dest, path.basename(p));
      await pipeline(fs.createReadStream(p, { highWaterMark: 1024 * 1024 }), tap, fs.createWriteStream(target));
      hash.digest('hex');
      if (durable) {
        const fd = fs.openSync(target, 'r+');
        fs.fsyncSync(fd);
        fs.closeSync(fd);
      }
    }
  };
  /** Writes dirty pages of earlier phases to disk (unmeasured) so they do not slow the next phase. */
  const settle = (d: string) => {
    for (const f of fs.readdirSync(d)) {
      const fd = fs.openSync(path.join(d, f), 'r+');
      fs.fsyncSync(fd);
      fs.closeSync(fd);
    }
  };
  settle(srcDir);

  const baseline = await measure(copyAndHash(copyDir, false));
  settle(copyDir);
  const durableBaseline = await measure(copyAndHash(path.join(root, 'copy-fsync'), true));

  const backend = await openBackend({ dataDir: path.join(root, 'data') });
  const lib = new EvidenceLibrary({
    ds: backend.readSource,
    writes: backend.writes,
    dataDir: backend.dataDir,
    resourcesDir: path.resolve(import.meta.dirname, '..', 'resources'),
  });
  await lib.rules('tt57-2026-pl2-pho-thong'); // framework load is not part of the measurement
  let lastReported = -1;
  let saved = 0;
  const added = await measure(async () => {
    const out = await lib.addFiles(
      paths,
      { frameworkId: 'tt57-2026-pl2-pho-thong', criterionCode: '1.1' },
      {},
      {
        actor: null,
        onDuplicate: 'create',
        onProgress: (p) => {
          if (p.phase !== 'saved') return;
          saved++;
          const pct = Math.floor((100 * (p.fileIndex + 1)) / p.fileCount);
          if (pct % 25 === 0 && pct !== lastReported) {
            lastReported = pct;
            process.stdout.write(`  addFiles progress ${pct}% (${p.fileIndex + 1}/${p.fileCount})\n`);
          }
        },
      },
    );
    if (out.results.length !== FILES || out.failed.length > 0)
      throw new Error(`addFiles: ${out.results.length} added, ${out.failed.length} failed`);
  });
  const [{ n }] = (await backend.dataSource.query('select count(*) as n from evidence')) as [{ n: number }];
  await backend.close();

  console.log('');
  report('plain copy + SHA-256 (no fsync, no DB)', baseline);
  report('plain copy + SHA-256 + fsync (no DB)', durableBaseline);
  report('EvidenceLibrary.addFiles', added);
  console.log(
    `evidence rows: ${n}, progress 'saved' events: ${saved}, ratio addFiles/plain: ${(added.seconds / baseline.seconds).toFixed(2)}×`,
  );
  console.log(`process maxRSS (whole run, incl. generation): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);

  if (!keep) {
    const blobs = path.join(root, 'data', 'blobs');
    for (const f of fs.readdirSync(blobs, { recursive: true }) as string[]) fs.chmodSync(path.join(blobs, f), 0o755);
    fs.rmSync(root, { recursive: true, force: true });
  }
}

await main();
