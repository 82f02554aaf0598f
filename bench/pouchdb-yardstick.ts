/**
 * The PouchDB side of the sync benchmark's yardstick (issue 7), run by bench/sync.bench.ts as its
 * own process so its memory is its own, exactly as our client is measured there:
 *
 *   1. write N documents shaped like our SchoolSite sync rows into a local PouchDB,
 *   2. `replicate.to(server)` (push), then `replicate.from(server)` on the same db (its own
 *      documents come back: our "pull own back"),
 *   3. a second, empty local db pulls all N with `replicate.from(server)`.
 *
 * PouchDB is not a dependency of the app: sync.bench.ts installs it into bench/.deps (git-ignored)
 * and passes that folder here. Local dbs use PouchDB's Node default, the leveldb adapter (LevelDOWN
 * on disk), in a temp folder. Prints one `RESULT {json}` line per phase for the parent.
 *
 *   tsx bench/pouchdb-yardstick.ts '{"deps":"bench/.deps","url":"http://127.0.0.1:5984/bench","docs":100000,"batchSize":500,"dir":"/tmp/x"}'
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';

interface Options {
  deps: string;
  url: string;
  docs: number;
  batchSize: number;
  dir: string;
}

interface ReplicationResult {
  ok: boolean;
  docs_read: number;
  docs_written: number;
  doc_write_failures: number;
}
interface ReplicateOptions {
  batch_size?: number;
}
/** The little of PouchDB's API used here (no @types/pouchdb: it is not a dependency). */
interface PouchDb {
  adapter: string;
  bulkDocs(docs: object[]): Promise<Array<{ ok?: boolean; error?: string }>>;
  info(): Promise<{ doc_count: number }>;
  close(): Promise<void>;
  replicate: {
    to(target: string, opts?: ReplicateOptions): Promise<ReplicationResult>;
    from(source: string, opts?: ReplicateOptions): Promise<ReplicationResult>;
  };
}
interface PouchDbStatic {
  new (name: string): PouchDb;
  version: string;
}

const MB = 1024 * 1024;
const opts = JSON.parse(process.argv[2] ?? '{}') as Options;
const requireDep = createRequire(path.resolve(opts.deps, 'node_modules', 'noop.js'));
const PouchDB = requireDep('pouchdb') as PouchDbStatic;

function report(phase: string, data: Record<string, unknown>): void {
  console.log(`RESULT ${JSON.stringify({ phase, ...data })}`);
}

/** Same as sync.bench.ts: this process's RSS sampled every 20 ms while `work` runs. */
async function measure<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number; peakRssMb: number; startRssMb: number }> {
  const start = process.memoryUsage.rss();
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const t0 = process.hrtime.bigint();
  try {
    const value = await work();
    return {
      value,
      seconds: Number(process.hrtime.bigint() - t0) / 1e9,
      peakRssMb: Math.max(peak, process.memoryUsage.rss()) / MB,
      startRssMb: start / MB,
    };
  } finally {
    clearInterval(timer);
  }
}

function vmHwmMb(): number | null {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : null;
}

function check(r: ReplicationResult, what: string): void {
  if (!r.ok || r.doc_write_failures) throw new Error(`${what} failed: ${JSON.stringify(r)}`);
}

async function main(): Promise<void> {
  const a = new PouchDB(path.join(opts.dir, 'a'));
  const repl: ReplicateOptions = { batch_size: opts.batchSize };
  const schoolId = uuidv7();
  // A SchoolSite row as our sync sends it (id, schoolId, name, address, isMain, sortOrder,
  // createdAt, updatedAt, deletedAt), plus the entity name that our change envelope carries.
  const doc = (i: number) => {
    const now = new Date().toISOString();
    return {
      _id: uuidv7(),
      entity: 'SchoolSite',
      schoolId,
      name: `Phòng học số ${i}`,
      address: `Dãy ${i % 20}, tầng ${i % 4}`,
      isMain: false,
      sortOrder: i,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    };
  };
  report('info', { pouchdb: PouchDB.version, adapter: a.adapter, docBytes: Buffer.byteLength(JSON.stringify(doc(12345))) });

  const write = await measure(async () => {
    for (let done = 0; done < opts.docs; done += 5000) {
      const docs = Array.from({ length: Math.min(5000, opts.docs - done) }, (_, k) => doc(done + k));
      const res = await a.bulkDocs(docs);
      if (res.some((r) => r.error)) throw new Error('bulkDocs refused a document');
    }
  });
  report('write', { docs: opts.docs, seconds: write.seconds });

  const push = await measure(() => a.replicate.to(opts.url, repl));
  check(push.value, 'replicate.to');
  report('push', {
    docs: push.value.docs_written,
    seconds: push.seconds,
    startRssMb: push.startRssMb,
    peakRssMb: push.peakRssMb,
  });

  const back = await measure(() => a.replicate.from(opts.url, repl));
  check(back.value, 'replicate.from (own back)');
  report('ownBack', {
    read: back.value.docs_read,
    written: back.value.docs_written,
    seconds: back.seconds,
    startRssMb: back.startRssMb,
    peakRssMb: back.peakRssMb,
  });
  await a.close();

  const b = new PouchDB(path.join(opts.dir, 'b'));
  const pull = await measure(() => b.replicate.from(opts.url, repl));
  check(pull.value, 'replicate.from');
  const { doc_count } = await b.info();
  report('pull', {
    docs: pull.value.docs_written,
    count: doc_count,
    seconds: pull.seconds,
    startRssMb: pull.startRssMb,
    peakRssMb: pull.peakRssMb,
  });
  await b.close();
  report('end', { vmHwmMb: vmHwmMb() });
}

await main();
