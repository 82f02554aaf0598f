import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { isSha256, SYNC_ERROR_CODES, SYNC_LIMITS } from '../../contract/sync-protocol';
import { invalid, notFound, ServiceError } from '../errors';
import type { AccountActor } from '../services/actor';
import type { SyncService } from './service';

/**
 * Where verified files live. Small on purpose: a folder now, S3 (or MinIO) later. Partial
 * uploads are not its business: they always sit in a local folder until their hash is
 * verified, then `commit` moves the finished file in.
 */
export interface BlobStorage {
  /** Size of a stored blob, or null when absent. */
  stat(sha256: string): Promise<{ sizeBytes: number } | null>;
  /** Takes ownership of a complete, verified local file (atomic; a no-op when already stored). */
  commit(sha256: string, file: string): Promise<void>;
  open(sha256: string): Promise<Readable>;
}

/** `<root>/sha256/ab/cd/<hash>`, the same layout as the desktop's evidence store. */
export class FolderBlobStorage implements BlobStorage {
  constructor(readonly root: string) {}

  path(sha256: string): string {
    if (!isSha256(sha256)) throw new Error(`Mã băm không hợp lệ: ${sha256}`);
    return path.join(this.root, 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async stat(sha256: string): Promise<{ sizeBytes: number } | null> {
    try {
      const st = await fsp.stat(this.path(sha256));
      return st.isFile() ? { sizeBytes: st.size } : null;
    } catch {
      return null;
    }
  }

  async commit(sha256: string, file: string): Promise<void> {
    const target = this.path(sha256);
    if (await this.stat(sha256)) {
      await fsp.rm(file, { force: true });
      return;
    }
    await fsp.mkdir(path.dirname(target), { recursive: true });
    await fsp.chmod(file, 0o444);
    try {
      await fsp.rename(file, target);
    } catch (err) {
      if (await this.stat(sha256)) {
        await fsp.rm(file, { force: true });
        return;
      }
      throw err;
    }
    await syncDir(path.dirname(target));
  }

  async open(sha256: string): Promise<Readable> {
    return fs.createReadStream(this.path(sha256));
  }
}

async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const h = await fsp.open(dir, 'r').catch(() => null);
  if (!h) return;
  try {
    await h.sync();
  } catch {
    // Best effort.
  } finally {
    await h.close();
  }
}

export async function sha256OfFile(file: string): Promise<{ sha256: string; sizeBytes: number }> {
  const h = createHash('sha256');
  let size = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1024 * 1024 })) {
    h.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: h.digest('hex'), sizeBytes: size };
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;

export type BlobStatus = { complete: true; sizeBytes: number } | { complete: false; offset: number };

export type PutChunkResult = { kind: 'ok'; offset: number; complete: boolean } | { kind: 'offset-mismatch'; offset: number };

/**
 * Resumable, verified, per-school deduplicated uploads. A school "has" a blob once it
 * uploaded every byte and the SHA-256 matched; a blob another school sent is stored once but
 * still has to be uploaded by this school (otherwise HEAD would reveal which files other
 * schools hold). Chunks append at the offset the server reports (HEAD → `Upload-Offset`);
 * the file size on disk is the truth, so a cut connection or a killed server resumes where
 * the bytes stop. The last chunk triggers the hash check: a mismatch discards the bytes.
 */
export class BlobService {
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(
    private readonly sync: SyncService,
    readonly storage: BlobStorage,
  ) {}

  private get uploadsDir(): string {
    return path.join(this.sync.deps.config.blobDir, 'uploads');
  }

  private partialPath(unitId: string, sha256: string, total: number): string {
    return path.join(this.uploadsDir, unitId, `${sha256}.${total}.partial`);
  }

  tooLarge(sizeBytes: number, label: string): ServiceError {
    return new ServiceError(
      413,
      SYNC_ERROR_CODES.blobTooLarge,
      `Tệp ${label} có dung lượng ${mb(sizeBytes)}, vượt giới hạn ${mb(this.sync.maxBlobBytes)} mỗi tệp của máy chủ. ` +
        'Tệp này chưa được gửi; các dữ liệu khác vẫn đồng bộ bình thường.',
    );
  }

  private async hasRef(unitId: string, sha256: string): Promise<boolean> {
    const s = this.sync.store;
    const rows: unknown[] = await s.read((m) =>
      m.query(`SELECT 1 FROM sync_blob_ref WHERE unit_id = ${s.p(1)} AND sha256 = ${s.p(2)}`, [unitId, sha256]),
    );
    return rows.length > 0;
  }

  /** Which of `hashes` the school holds, with sizes. */
  async refsOf(unitId: string, hashes: string[]): Promise<Map<string, number>> {
    const s = this.sync.store;
    const found = new Map<string, number>();
    for (let i = 0; i < hashes.length; i += 400) {
      const part = hashes.slice(i, i + 400);
      if (part.length === 0) continue;
      const rows: { sha256: string; size_bytes: number | string }[] = await s.read((m) =>
        m.query(
          `SELECT r.sha256, b.size_bytes FROM sync_blob_ref r JOIN sync_blob b ON b.sha256 = r.sha256
           WHERE r.unit_id = ${s.p(1)} AND r.sha256 IN (${s.list(2, part.length)})`,
          [unitId, ...part],
        ),
      );
      for (const r of rows) found.set(r.sha256, Number(r.size_bytes));
    }
    return found;
  }

  async status(actor: AccountActor, sha256: string): Promise<BlobStatus> {
    const unit = await this.sync.schoolOf(actor);
    if (!isSha256(sha256)) throw invalid('INVALID_HASH', 'Mã băm SHA-256 không hợp lệ.');
    if (await this.hasRef(unit.id, sha256)) {
      const st = await this.storage.stat(sha256);
      if (st) return { complete: true, sizeBytes: st.sizeBytes };
    }
    const partial = await this.findPartial(unit.id, sha256);
    return { complete: false, offset: partial?.size ?? 0 };
  }

  private async findPartial(unitId: string, sha256: string): Promise<{ file: string; total: number; size: number } | null> {
    const dir = path.join(this.uploadsDir, unitId);
    const names = await fsp.readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      const m = /^([0-9a-f]{64})\.(\d+)\.partial$/.exec(name);
      if (!m || m[1] !== sha256) continue;
      const file = path.join(dir, name);
      const st = await fsp.stat(file).catch(() => null);
      if (st) return { file, total: Number(m[2]), size: st.size };
    }
    return null;
  }

  /** Serialises work per (school, blob): two devices uploading one file must not interleave. */
  private async locked<T>(key: string, work: () => Promise<T>): Promise<T> {
    const prev = this.locks.get(key) ?? Promise.resolve();
    const next = prev.then(work, work);
    const tail = next.catch(() => undefined);
    this.locks.set(key, tail);
    try {
      return await next;
    } finally {
      if (this.locks.get(key) === tail) this.locks.delete(key);
    }
  }

  async putChunk(actor: AccountActor, sha256: string, offset: number, total: number, body: Buffer): Promise<PutChunkResult> {
    const unit = await this.sync.schoolOf(actor);
    if (!isSha256(sha256)) throw invalid('INVALID_HASH', 'Mã băm SHA-256 không hợp lệ.');
    if (!Number.isSafeInteger(total) || total < 0) throw invalid('INVALID_LENGTH', 'Thiếu hoặc sai tiêu đề Upload-Length.');
    if (!Number.isSafeInteger(offset) || offset < 0) throw invalid('INVALID_OFFSET', 'Thiếu hoặc sai tiêu đề Upload-Offset.');
    if (total > this.sync.maxBlobBytes) throw this.tooLarge(total, `${sha256.slice(0, 12)}…`);
    if (body.length > SYNC_LIMITS.maxBlobChunkBytes) throw invalid('CHUNK_TOO_LARGE', 'Mỗi lần gửi tối đa 8 MB của tệp.');
    if (offset + body.length > total) throw invalid('CHUNK_PAST_END', 'Dữ liệu gửi vượt quá độ dài đã khai báo của tệp.');

    return this.locked(`${unit.id}:${sha256}`, async () => {
      if (await this.hasRef(unit.id, sha256)) {
        if (await this.storage.stat(sha256)) return { kind: 'ok' as const, offset: total, complete: true };
      }
      const existing = await this.findPartial(unit.id, sha256);
      if (existing && existing.total !== total) await fsp.rm(existing.file, { force: true });
      const file = this.partialPath(unit.id, sha256, total);
      const current = existing && existing.total === total ? existing.size : 0;
      if (offset !== current) return { kind: 'offset-mismatch' as const, offset: current };
      await fsp.mkdir(path.dirname(file), { recursive: true });
      const h = await fsp.open(file, 'a', 0o600);
      try {
        let written = 0;
        while (written < body.length) {
          const { bytesWritten } = await h.write(body, written, body.length - written);
          written += bytesWritten;
        }
        if (offset + body.length === total) await h.sync();
      } finally {
        await h.close();
      }
      const size = offset + body.length;
      if (size < total) return { kind: 'ok' as const, offset: size, complete: false };
      await this.finish(unit.id, sha256, file, 'upload');
      return { kind: 'ok' as const, offset: total, complete: true };
    });
  }

  /** Verifies a complete file against its hash, stores it and records the school's reference. */
  private async finish(unitId: string, sha256: string, file: string, via: 'upload' | 'package'): Promise<void> {
    const actual = await sha256OfFile(file);
    if (actual.sha256 !== sha256) {
      await fsp.rm(file, { force: true });
      throw new ServiceError(
        422,
        SYNC_ERROR_CODES.blobHashMismatch,
        'Tệp nhận được bị sai lệch trên đường truyền (mã băm SHA-256 không khớp) nên đã bị loại bỏ; tệp sẽ được gửi lại.',
      );
    }
    await this.storage.commit(sha256, file);
    await this.addRef(unitId, sha256, actual.sizeBytes, via);
  }

  private async addRef(unitId: string, sha256: string, sizeBytes: number, via: string): Promise<void> {
    const s = this.sync.store;
    const now = this.sync.sqlTime(this.sync.now());
    await s.tx(async (m) => {
      await m.query(
        `INSERT INTO sync_blob (sha256, size_bytes, stored_at) VALUES (${s.list(1, 3)}) ON CONFLICT (sha256) DO NOTHING`,
        [sha256, sizeBytes, now],
      );
      await m.query(
        `INSERT INTO sync_blob_ref (unit_id, sha256, via, uploaded_at) VALUES (${s.list(1, 4)}) ON CONFLICT (unit_id, sha256) DO NOTHING`,
        [unitId, sha256, via, now],
      );
    });
  }

  /** A file from a sneakernet package: same checks as an upload. */
  async importFile(unitId: string, sha256: string, file: string): Promise<'stored' | 'present'> {
    if (!isSha256(sha256)) throw invalid('INVALID_HASH', 'Mã băm SHA-256 không hợp lệ.');
    const st = await fsp.stat(file);
    if (st.size > this.sync.maxBlobBytes) throw this.tooLarge(st.size, `${sha256.slice(0, 12)}…`);
    if ((await this.hasRef(unitId, sha256)) && (await this.storage.stat(sha256))) {
      await fsp.rm(file, { force: true });
      return 'present';
    }
    await this.finish(unitId, sha256, file, 'package');
    return 'stored';
  }

  /** Streams a blob the school holds; 404 for anything else (including other schools' files). */
  async open(actor: AccountActor, sha256: string): Promise<{ stream: Readable; sizeBytes: number }> {
    const unit = await this.sync.schoolOf(actor);
    const missing = () => notFound('BLOB_NOT_FOUND', 'Không tìm thấy tệp này trong dữ liệu của trường.');
    if (!isSha256(sha256) || !(await this.hasRef(unit.id, sha256))) throw missing();
    const st = await this.storage.stat(sha256);
    if (!st) throw missing();
    return { stream: await this.storage.open(sha256), sizeBytes: st.sizeBytes };
  }
}
