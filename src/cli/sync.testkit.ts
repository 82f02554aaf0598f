/**
 * Helpers for the sync end-to-end and fault tests (src/cli/sync.*.test.ts): they compose a
 * real department server and real school backends, which only the CLI layer may import
 * together. Not used by the app.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SchoolEntity, SchoolSiteEntity, SYNCED_ENTITIES } from '../backend/db/entities';
import { BlobStore } from '../backend/modules/evidence/blob-store';
import { EvidenceEntity, type EvidenceRow } from '../backend/modules/evidence/entities';
import { SyncConflictEntity } from '../backend/modules/sync/entities';
import { buildServer, type BuiltServer } from '../server/app';
import type { ServerConfig } from '../server/config';
import { createTestDatabase, type TestDatabase } from '../server/db/test-database';
import type { Dialect } from '../server/db/dialect';
import type { SyncServerOptions } from '../server/sync/options';
import { seedFixture, testConfig, TEST_PASSWORD, type Fixture } from '../server/testing';
import { openLocal, type LocalBackend } from './local-backend';

export { TEST_PASSWORD };

export interface TestSyncServer {
  url: string;
  server: BuiltServer;
  fx: Fixture;
  config: ServerConfig;
  tdb: TestDatabase;
  stop(): Promise<void>;
}

/** A real department server on 127.0.0.1 (port 0) with the standard fixture tree. */
export async function startSyncServer(
  dialect: Dialect,
  overrides: Partial<ServerConfig> = {},
  sync: Partial<SyncServerOptions> = {},
): Promise<TestSyncServer> {
  const tdb = await createTestDatabase(dialect);
  // The SQLite file inside the data dir, as `server …` commands expect it (for the import CLI).
  const dataDir = path.join(tdb.dir, 'data');
  fs.mkdirSync(dataDir, { recursive: true });
  const database =
    tdb.config.kind === 'sqlite' ? { kind: 'sqlite' as const, file: path.join(dataDir, 'server.sqlite') } : tdb.config;
  const config = testConfig(database, tdb.dir, overrides);
  fs.mkdirSync(config.blobDir, { recursive: true });
  const server = await buildServer({ config, logger: false, sync });
  const fx = await seedFixture(server.services);
  const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    server,
    fx,
    config,
    tdb,
    async stop() {
      await server.close();
      await tdb.cleanup();
    },
  };
}

export interface Device {
  name: string;
  dir: string;
  local: LocalBackend;
  close(): Promise<void>;
}

/** A real school backend in a temp dir, set up like the first-run wizard does. */
export async function newDevice(name: string, school: { code?: string; name?: string } = {}): Promise<Device> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tc-sync-${name}-`));
  const local = await openLocal(dir);
  await local.call('setup.initialize', {
    school: { name: school.name ?? 'Trường Tiểu học A1', levels: ['tieu_hoc'], code: school.code ?? 'SCH-A1' },
    admin: { username: 'admin', displayName: `Quản trị ${name}`, password: 'mat-khau-admin' },
  });
  const device: Device = {
    name,
    dir,
    local,
    async close() {
      await device.local.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return device;
}

export async function enrol(d: Device, url: string, username = 'a1.user') {
  return d.local.call('sync.enrol', { serverUrl: url, username, password: TEST_PASSWORD, deviceName: d.name });
}

let evidenceSeq = 0;
/** An evidence row written like the app does (SyncTx → change log), with a stored file when `bytes` is given. */
export async function addEvidence(
  d: Device,
  fields: { title: string; notes?: string; assessmentId?: string | null; bytes?: Buffer },
): Promise<EvidenceRow> {
  const blob = fields.bytes ? await new BlobStore(d.dir).putBuffer(fields.bytes) : null;
  const n = ++evidenceSeq;
  const code = `MC.${d.name}.${String(n).padStart(4, '0')}`;
  return d.local.backend.writes.run('cli', (tx) =>
    tx.insert(EvidenceEntity, {
      code,
      sortKey: code,
      legacyCode: '',
      title: fields.title,
      documentNumber: '',
      issuedDate: null,
      issuer: '',
      format: '',
      storageLocation: '',
      url: '',
      kind: blob ? 'file' : 'paper',
      validFrom: null,
      validUntil: null,
      notes: fields.notes ?? '',
      blobHash: blob?.sha256 ?? null,
      fileName: blob ? 'minh-chung.pdf' : '',
      mimeType: blob ? 'application/pdf' : '',
      sizeBytes: blob?.sizeBytes ?? null,
      firstCriterionCode: '1.1',
      frameworkId: 'tt17-2026-tieu-hoc',
      assessmentId: fields.assessmentId ?? null,
      verification: 'pending',
      verifiedBy: null,
      verifiedAt: null,
      rejectReason: '',
      searchText: fields.title,
    }),
  );
}

export async function editEvidence(d: Device, id: string, patch: Partial<EvidenceRow>): Promise<void> {
  await d.local.backend.writes.run('cli', (tx) => tx.update(EvidenceEntity, id, patch));
}

export async function addSites(d: Device, count: number, prefix = 'Phòng'): Promise<string[]> {
  return d.local.backend.writes.run('cli', async (tx) => {
    const school = await tx.manager.getRepository(SchoolEntity).findOneByOrFail({});
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const row = await tx.insert(SchoolSiteEntity, {
        schoolId: school.id,
        name: `${prefix} ${i + 1}`,
        address: '',
        isMain: false,
        sortOrder: 100 + i,
      });
      ids.push(row.id);
    }
    return ids;
  });
}

export async function removeSites(d: Device, ids: string[]): Promise<void> {
  await d.local.backend.writes.run('cli', async (tx) => {
    for (const id of ids) await tx.remove(SchoolSiteEntity, id);
  });
}

/** Every synced row of a device (and its conflict records), local-only fields dropped, sorted. */
export async function rowsOfDevice(d: Device): Promise<Record<string, Record<string, unknown>[]>> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const schema of [...SYNCED_ENTITIES, SyncConflictEntity]) {
    const rows = (await d.local.backend.dataSource.getRepository(schema).find({ order: { id: 'ASC' } as never })) as Record<
      string,
      unknown
    >[];
    out[schema.options.name] = rows.map(({ rev: _rev, ...rest }) => rest);
  }
  return out;
}

/** The server's merged rows of a school, in the same shape as `rowsOfDevice`. */
export async function rowsOfServer(s: TestSyncServer, unitId: string): Promise<Record<string, Record<string, unknown>[]>> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const schema of [...SYNCED_ENTITIES, SyncConflictEntity]) out[schema.options.name] = [];
  for (const r of await s.server.sync.rowsOf(unitId)) (out[r.entity] ??= []).push(r.data);
  for (const k of Object.keys(out)) out[k]!.sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1));
  return out;
}

/** Server rows compared on the fields they carry (a server row has every field a device wrote). */
export function sameRows(
  device: Record<string, Record<string, unknown>[]>,
  server: Record<string, Record<string, unknown>[]>,
): string[] {
  const problems: string[] = [];
  for (const [entity, rows] of Object.entries(server)) {
    const local = new Map((device[entity] ?? []).map((r) => [String(r.id), r]));
    if ((device[entity] ?? []).length !== rows.length)
      problems.push(`${entity}: ${device[entity]?.length ?? 0} on the device, ${rows.length} on the server`);
    for (const r of rows) {
      const l = local.get(String(r.id));
      if (!l) {
        problems.push(`${entity} ${r.id} missing on the device`);
        continue;
      }
      for (const [k, v] of Object.entries(r)) {
        if (JSON.stringify(l[k] ?? null) !== JSON.stringify(v ?? null))
          problems.push(`${entity} ${r.id}.${k}: ${JSON.stringify(l[k])} ≠ ${JSON.stringify(v)}`);
      }
    }
  }
  return problems;
}

export async function pendingCount(d: Device): Promise<number> {
  const [r] = (await d.local.backend.dataSource.query('select count(*) as n from change_log where pushedAt is null')) as {
    n: number;
  }[];
  return Number(r!.n);
}

export async function changeLogCount(d: Device): Promise<number> {
  const [r] = (await d.local.backend.dataSource.query('select count(*) as n from change_log')) as { n: number }[];
  return Number(r!.n);
}

/**
 * A TCP proxy in front of the server that can cut connections: after `cutAfterUpBytes` bytes
 * from the client (mid-request) or as soon as the server starts answering a given request
 * (`cutResponseTo`: the server did the work, the client never hears). Counts bytes each way.
 * `target` can be changed to follow a restarted server.
 */
export class FaultyProxy {
  private server: net.Server;
  private sockets = new Set<net.Socket>();
  upBytes = 0;
  downBytes = 0;
  cutAfterUpBytes: number | null = null;
  /** Cut as soon as the server starts answering a request whose first line matches. */
  cutResponseTo: RegExp | null = null;
  /** Request lines seen, oldest first. */
  requests: string[] = [];
  cuts = 0;
  port = 0;
  /** Offline: every connection is dropped as it arrives, without giving the port up. */
  private offline = false;

  constructor(public target: { host: string; port: number }) {
    this.server = net.createServer((client) => this.handle(client));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async listen(port = 0): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  /**
   * The network goes away: open connections die and new ones are reset. The proxy keeps its
   * port (closing and listening again could lose it to a test running in another worker).
   */
  goOffline(): void {
    this.offline = true;
    for (const s of this.sockets) s.destroy();
  }

  goOnline(): void {
    this.offline = false;
  }

  private handle(client: net.Socket): void {
    if (this.offline) {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(this.target.port, this.target.host);
    this.sockets.add(client);
    this.sockets.add(upstream);
    let lastRequest = '';
    const cut = () => {
      this.cuts++;
      this.cutAfterUpBytes = null;
      this.cutResponseTo = null;
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      const head = /^(GET|HEAD|POST|PUT|DELETE) (\S+)/.exec(chunk.subarray(0, 512).toString('latin1'));
      if (head) {
        lastRequest = `${head[1]} ${head[2]}`;
        this.requests.push(lastRequest);
      }
      if (this.cutAfterUpBytes !== null && this.upBytes + chunk.length >= this.cutAfterUpBytes) {
        const keep = Math.max(0, this.cutAfterUpBytes - this.upBytes);
        this.upBytes += keep;
        upstream.write(chunk.subarray(0, keep), () => cut());
        return;
      }
      this.upBytes += chunk.length;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (this.cutResponseTo?.test(lastRequest)) return cut();
      this.downBytes += chunk.length;
      client.write(chunk);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export function portOf(url: string): number {
  return Number(new URL(url).port);
}

/** An approved self-assessment row of 2026-2027 (THCS), ready to submit; tests add the judgments. */
export function approvedAssessment(id: string, frameworkId: string): never {
  return {
    id,
    schoolYear: '2026-2027',
    educationLevel: 'thcs',
    frameworkId,
    frameworkVersion: '1',
    title: 'Tự đánh giá 2026-2027',
    notes: '',
    previousId: null,
    status: 'approved',
    pinnedAt: null,
    approvedAt: null,
    approvedBy: null,
    createdBy: null,
  } as never;
}
