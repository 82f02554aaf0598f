import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import yauzl from 'yauzl';
import {
  isSha256,
  packageManifestSchema,
  SYNC_LIMITS,
  wireChangeSchema,
  type PackageManifest,
  type WireChange,
} from '../../contract/sync-protocol';
import { E, type OrgUnitRow } from '../db/entities/index';
import { invalid, notFound, ServiceError } from '../errors';
import { KIND_SCHOOL } from '../services/units';
import type { SyncService } from './service';

export interface ImportPackageOptions {
  /** Code of the school the package belongs to; checked against the package when both say. */
  schoolCode?: string;
  /** The operator confirms a bulk delete the package carries (the breaker applies as online). */
  confirmBulkDelete?: boolean;
}

export interface ImportPackageReport {
  packageId: string;
  /** SHA-256 of manifest.json as stored in the package (for checking against the school's copy). */
  manifestSha256: string;
  school: { id: string; code: string; name: string };
  changes: { total: number; applied: number; duplicate: number; rejected: number };
  conflicts: number;
  blobs: { stored: number; present: number; failed: { sha256: string; message: string }[] };
  rejected: { changeId: string; message: string }[];
}

const bad = (message: string) => invalid('BAD_PACKAGE', message);

/** Streams an entry to `file`, hashing it on the way; returns the hash and the size. */
async function extract(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  file: string,
  maxBytes: number,
): Promise<{ sha256: string; sizeBytes: number }> {
  const h = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) return done(new ServiceError(413, 'ENTRY_TOO_LARGE', 'Một tệp trong gói vượt giới hạn dung lượng.'));
      h.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(await zip.openReadStreamPromise(entry), tap, fs.createWriteStream(file, { mode: 0o600 }));
  return { sha256: h.digest('hex'), sizeBytes: size };
}

/**
 * Imports a sneakernet package (`sync export-package` on the school's computer) with the same
 * guarantees as an online push: every byte is checked against the manifest's SHA-256, files
 * go through the same size limit and hash check as uploads (a bad file is reported alone),
 * and changes are applied exactly once by change id, in batches, through the same merge.
 * Importing a package twice changes nothing the second time.
 */
export async function importPackage(
  sync: SyncService,
  file: string,
  opts: ImportPackageOptions = {},
): Promise<ImportPackageReport> {
  const work = path.join(sync.deps.config.blobDir, 'uploads', `package-${randomUUID()}`);
  await fsp.mkdir(work, { recursive: true });
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, strictFileNames: true });
  } catch (err) {
    await fsp.rm(work, { recursive: true, force: true });
    throw bad(`Không đọc được gói đồng bộ (${(err as Error).message}).`);
  }
  try {
    const entries = new Map<string, yauzl.Entry>();
    for await (const entry of zip.eachEntry()) entries.set(entry.fileName, entry);

    const manifestEntry = entries.get('manifest.json');
    if (!manifestEntry) throw bad('Gói đồng bộ không có manifest.json.');
    const manifestFile = path.join(work, 'manifest.json');
    const manifestHash = await extract(zip, manifestEntry, manifestFile, 16 * 1024 * 1024);
    let manifest: PackageManifest;
    try {
      manifest = packageManifestSchema.parse(JSON.parse(await fsp.readFile(manifestFile, 'utf8')));
    } catch {
      throw bad('manifest.json của gói đồng bộ không đúng định dạng.');
    }

    const unit = await resolveUnit(sync, manifest, opts.schoolCode);

    // Changes: verify the whole file before applying any of it.
    const changesEntry = entries.get(manifest.changes.file);
    if (!changesEntry) throw bad('Gói đồng bộ thiếu tệp changes.jsonl.');
    const changesFile = path.join(work, 'changes.jsonl');
    const ch = await extract(zip, changesEntry, changesFile, 4 * 1024 * 1024 * 1024);
    if (ch.sha256 !== manifest.changes.sha256)
      throw bad('changes.jsonl không khớp mã băm trong manifest: gói bị hỏng hoặc bị sửa.');

    // Files first, like an online sync: rows referring to them arrive after.
    const blobs: ImportPackageReport['blobs'] = { stored: 0, present: 0, failed: [] };
    for (const b of manifest.blobs) {
      const entry = entries.get(b.file);
      if (!entry || !isSha256(b.sha256)) {
        blobs.failed.push({ sha256: b.sha256, message: 'Thiếu tệp trong gói.' });
        continue;
      }
      if (b.sizeBytes > sync.maxBlobBytes) {
        blobs.failed.push({ sha256: b.sha256, message: sync.blobs.tooLarge(b.sizeBytes, `${b.sha256.slice(0, 12)}…`).message });
        continue;
      }
      const tmp = path.join(work, `${b.sha256}.blob`);
      try {
        const got = await extract(zip, entry, tmp, sync.maxBlobBytes);
        if (got.sha256 !== b.sha256 || got.sizeBytes !== b.sizeBytes) {
          blobs.failed.push({ sha256: b.sha256, message: 'Tệp trong gói không khớp mã băm SHA-256; đã bỏ qua.' });
          continue;
        }
        const r = await sync.blobs.importFile(unit.id, b.sha256, tmp);
        if (r === 'stored') blobs.stored++;
        else blobs.present++;
      } catch (err) {
        blobs.failed.push({ sha256: b.sha256, message: err instanceof Error ? err.message : String(err) });
      } finally {
        await fsp.rm(tmp, { force: true });
      }
    }

    const report: ImportPackageReport = {
      packageId: manifest.packageId,
      manifestSha256: manifestHash.sha256,
      school: { id: unit.id, code: unit.code, name: unit.name },
      changes: { total: 0, applied: 0, duplicate: 0, rejected: 0 },
      conflicts: 0,
      blobs,
      rejected: [],
    };
    const src = { unitId: unit.id, deviceId: manifest.deviceId, accountId: null, source: 'package' as const };
    let batch: WireChange[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const res = await sync.applyChanges(src, { changes: batch, confirmBulkDelete: opts.confirmBulkDelete === true });
      report.conflicts += res.conflicts;
      for (const r of res.results) {
        report.changes[r.status === 'applied' ? 'applied' : r.status === 'duplicate' ? 'duplicate' : 'rejected']++;
        if (r.status === 'rejected') report.rejected.push({ changeId: r.changeId, message: r.message ?? '' });
      }
      batch = [];
    };
    const text = await fsp.readFile(changesFile, 'utf8');
    let lineNo = 0;
    for (const line of text.split('\n')) {
      lineNo++;
      if (line.trim() === '') continue;
      let change: WireChange;
      try {
        change = wireChangeSchema.parse(JSON.parse(line));
      } catch {
        throw bad(`Dòng ${lineNo} của changes.jsonl không đúng định dạng.`);
      }
      report.changes.total++;
      batch.push(change);
      if (batch.length >= 500 || batch.length >= SYNC_LIMITS.maxPushChanges) await flush();
    }
    await flush();
    if (report.changes.total !== manifest.changes.count) {
      throw bad(`Gói ghi ${manifest.changes.count} thay đổi nhưng changes.jsonl có ${report.changes.total}.`);
    }
    return report;
  } finally {
    zip.close();
    await fsp.rm(work, { recursive: true, force: true });
  }
}

async function resolveUnit(sync: SyncService, manifest: PackageManifest, schoolCode?: string): Promise<OrgUnitRow> {
  const repo = sync.deps.db.ds.manager.getRepository<OrgUnitRow>(E.OrgUnit);
  let unit: OrgUnitRow | null = null;
  if (schoolCode) {
    unit = await repo.findOneBy({ code: schoolCode.trim() });
    if (!unit) throw notFound('UNIT_NOT_FOUND', `Không tìm thấy trường có mã "${schoolCode}" trên máy chủ.`);
    if (manifest.school.unitId && manifest.school.unitId !== unit.id) {
      throw bad(`Gói này của trường khác (${manifest.school.name}), không phải trường mã "${schoolCode}".`);
    }
  } else if (manifest.school.unitId && /^[0-9a-f-]{36}$/i.test(manifest.school.unitId)) {
    unit = await repo.findOneBy({ id: manifest.school.unitId });
  }
  if (!unit && manifest.school.code) unit = await repo.findOneBy({ code: manifest.school.code });
  if (!unit) {
    throw notFound(
      'UNIT_NOT_FOUND',
      `Không xác định được trường của gói (${manifest.school.name || 'không tên'}). Hãy chỉ rõ bằng --school <mã trường>.`,
    );
  }
  if (unit.kind !== KIND_SCHOOL) throw bad(`Đơn vị "${unit.code}" không phải là trường.`);
  return unit;
}
