import { randomUUID } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { SYNC_ERROR_CODES } from '../../../contract/sync-protocol';
import type { WriteQueue } from '../../db/write-queue';
import { BlobStore } from '../evidence/blob-store';
import { SyncHttpError, type SyncHttp } from './http';

/**
 * Files move apart from rows (content-addressed, resumable, verified): before a push, every
 * file referenced by a pending change is uploaded unless the server already holds it for
 * this school (HEAD). An upload resumes from the byte the server reports. A file that cannot
 * go (too large, missing or damaged on this computer, refused) is recorded with its own
 * Vietnamese error and skipped: the rest of the sync goes on. After a pull, files referenced
 * by rows from other devices are downloaded and checked against their hash.
 */

export interface BlobIssue {
  sha256: string;
  message: string;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
const MAX_TRIES = 5;

export class BlobSync {
  readonly store: BlobStore;

  constructor(
    private readonly ds: DataSource,
    private readonly writes: WriteQueue,
    dataDir: string,
    private readonly chunkBytes: number,
  ) {
    this.store = new BlobStore(dataDir);
  }

  private async set(
    sha256: string,
    direction: 'up' | 'down',
    status: string,
    fields: { sizeBytes?: number | null; error?: string; bumpTries?: boolean } = {},
  ) {
    const now = new Date().toISOString();
    await this.writes.run(null, (tx) =>
      tx.manager.query(
        `insert into sync_blob_state (sha256, direction, status, sizeBytes, tries, lastError, updatedAt) values (?, ?, ?, ?, ?, ?, ?)
         on conflict (sha256, direction) do update set status = excluded.status,
           sizeBytes = coalesce(excluded.sizeBytes, sizeBytes), lastError = excluded.lastError, updatedAt = excluded.updatedAt,
           tries = case when ? then tries + 1 when excluded.status = 'done' then 0 else tries end`,
        [
          sha256,
          direction,
          status,
          fields.sizeBytes ?? null,
          fields.bumpTries ? 1 : 0,
          fields.error ?? '',
          now,
          fields.bumpTries ? 1 : 0,
        ],
      ),
    );
  }

  /** Registers files to upload (no-op for ones already known). */
  async register(hashes: Iterable<string>, direction: 'up' | 'down'): Promise<void> {
    const list = [...hashes];
    if (list.length === 0) return;
    const now = new Date().toISOString();
    await this.writes.run(null, async (tx) => {
      for (let i = 0; i < list.length; i += 300) {
        const part = list.slice(i, i + 300);
        await tx.manager.query(
          `insert into sync_blob_state (sha256, direction, status, sizeBytes, tries, lastError, updatedAt)
           values ${part.map(() => `(?, '${direction}', 'pending', null, 0, '', ?)`).join(', ')}
           on conflict (sha256, direction) do nothing`,
          part.flatMap((h) => [h, now]),
        );
      }
    });
  }

  /**
   * Files waiting to be uploaded and their total size (for status; reads only): the ones known
   * and not done, plus files referenced by pending changes not registered yet.
   */
  async pendingUploads(referenced: string[], maxBlobBytes: number | null): Promise<{ count: number; bytes: number }> {
    const known: { sha256: string; status: string; sizeBytes: number | null }[] = await this.ds.query(
      `select sha256, status, sizeBytes from sync_blob_state where direction = 'up'`,
    );
    const byHash = new Map(known.map((k) => [k.sha256, k]));
    const rows = known.filter((k) => k.status !== 'done');
    for (const h of referenced) if (!byHash.has(h)) rows.push({ sha256: h, status: 'pending', sizeBytes: null });
    let bytes = 0;
    let count = 0;
    for (const r of rows) {
      const size = r.sizeBytes ?? (await this.store.size(r.sha256)) ?? 0;
      if (maxBlobBytes !== null && size > maxBlobBytes) continue;
      count++;
      bytes += size;
    }
    return { count, bytes };
  }

  async issues(): Promise<{ sha256: string; direction: string; status: string; message: string; tries: number }[]> {
    const rows: { sha256: string; direction: string; status: string; lastError: string; tries: number }[] = await this.ds.query(
      `select sha256, direction, status, lastError, tries from sync_blob_state
       where status in ('failed', 'too_large', 'missing') order by updatedAt desc limit 100`,
    );
    return rows.map((r) => ({
      sha256: r.sha256,
      direction: r.direction,
      status: r.status,
      message: r.lastError,
      tries: r.tries,
    }));
  }

  /** Uploads every waiting file; network errors abort (the run retries later), per-file problems do not. */
  async uploadAll(http: SyncHttp, maxBlobBytes: number): Promise<{ uploaded: number; issues: BlobIssue[] }> {
    const rows: { sha256: string; status: string; sizeBytes: number | null; tries: number }[] = await this.ds.query(
      `select sha256, status, sizeBytes, tries from sync_blob_state where direction = 'up' and status <> 'done' order by updatedAt`,
    );
    let uploaded = 0;
    const issues: BlobIssue[] = [];
    for (const r of rows) {
      if (r.status === 'failed' && r.tries >= MAX_TRIES) {
        issues.push({
          sha256: r.sha256,
          message: `Tệp ${r.sha256.slice(0, 12)}… đã gửi lỗi ${r.tries} lần; tạm dừng gửi tệp này.`,
        });
        continue;
      }
      const size = await this.store.size(r.sha256);
      if (size === null) {
        const message = `Tệp minh chứng ${r.sha256.slice(0, 12)}… không còn trên máy này nên chưa gửi được.`;
        await this.set(r.sha256, 'up', 'missing', { error: message });
        issues.push({ sha256: r.sha256, message });
        continue;
      }
      if (size > maxBlobBytes) {
        const message = `Tệp minh chứng ${r.sha256.slice(0, 12)}… có dung lượng ${mb(size)}, vượt giới hạn ${mb(maxBlobBytes)} mỗi tệp của máy chủ; tệp này chưa được gửi, các dữ liệu khác vẫn đồng bộ.`;
        await this.set(r.sha256, 'up', 'too_large', { sizeBytes: size, error: message });
        issues.push({ sha256: r.sha256, message });
        continue;
      }
      try {
        if (await this.upload(http, r.sha256, size)) uploaded++;
        await this.set(r.sha256, 'up', 'done', { sizeBytes: size });
      } catch (err) {
        if (
          err instanceof SyncHttpError &&
          (err.kind === 'network' || err.status >= 500 || err.status === 401 || err.status === 426)
        ) {
          throw err;
        }
        let message = err instanceof Error ? err.message : String(err);
        let status = 'failed';
        if (err instanceof SyncHttpError && err.code === SYNC_ERROR_CODES.blobTooLarge) status = 'too_large';
        if (err instanceof SyncHttpError && err.code === SYNC_ERROR_CODES.blobHashMismatch) {
          const v = await this.store.verify(r.sha256);
          if (v.status !== 'ok') {
            status = 'missing';
            message = `Tệp minh chứng ${r.sha256.slice(0, 12)}… trên máy này đã bị thay đổi hoặc hỏng; không gửi được. Hãy kiểm tra lại minh chứng.`;
          }
        }
        await this.set(r.sha256, 'up', status, { sizeBytes: size, error: message, bumpTries: true });
        issues.push({ sha256: r.sha256, message });
      }
    }
    return { uploaded, issues };
  }

  /** Uploads one file from where the server's copy stops. Returns false when nothing had to be sent. */
  async upload(http: SyncHttp, sha256: string, size: number): Promise<boolean> {
    const head = await http.blobHead(sha256);
    if (head.complete) return false;
    let offset = head.offset > size ? 0 : head.offset;
    const file = await fsp.open(this.store.path(sha256), 'r');
    try {
      const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(this.chunkBytes, size)));
      for (let guard = 0; guard < 100_000; guard++) {
        const want = Math.min(buffer.length, size - offset);
        const { bytesRead } = want > 0 ? await file.read(buffer, 0, want, offset) : { bytesRead: 0 };
        if (bytesRead !== want) throw new Error(`Không đọc được tệp minh chứng ${sha256.slice(0, 12)}… trên máy.`);
        const r = await http.blobPut(sha256, offset, size, buffer.subarray(0, bytesRead));
        if (r.complete) return true;
        offset = r.offset;
      }
      throw new Error('Gửi tệp không tiến triển.');
    } finally {
      await file.close();
    }
  }

  /** Downloads files referenced by pulled rows that this computer does not have. */
  async downloadAll(http: SyncHttp): Promise<{ downloaded: number; issues: BlobIssue[] }> {
    const rows: { sha256: string; tries: number }[] = await this.ds.query(
      `select sha256, tries from sync_blob_state where direction = 'down' and status <> 'done' and tries < 20 order by updatedAt`,
    );
    let downloaded = 0;
    const issues: BlobIssue[] = [];
    for (const r of rows) {
      if (await this.store.has(r.sha256)) {
        await this.set(r.sha256, 'down', 'done');
        continue;
      }
      const tmpDir = path.join(path.dirname(this.store.root), 'tmp');
      await fsp.mkdir(tmpDir, { recursive: true });
      const tmp = path.join(tmpDir, `${randomUUID()}.download`);
      try {
        const size = await http.blobGet(r.sha256, tmp);
        const put = await this.store.putFile(tmp);
        if (put.sha256 !== r.sha256) {
          // Not what was asked for: drop it (content addressing keeps the wrong bytes harmless, but unused).
          throw new Error(`Tệp tải về không khớp mã băm ${r.sha256.slice(0, 12)}…; sẽ tải lại.`);
        }
        await this.set(r.sha256, 'down', 'done', { sizeBytes: size });
        downloaded++;
      } catch (err) {
        if (
          err instanceof SyncHttpError &&
          (err.kind === 'network' || err.status >= 500 || err.status === 401 || err.status === 426)
        ) {
          throw err;
        }
        const message =
          err instanceof SyncHttpError && err.status === 404
            ? `Máy chủ chưa có tệp ${r.sha256.slice(0, 12)}… (máy gửi tệp chưa đồng bộ xong); sẽ tải sau.`
            : err instanceof Error
              ? err.message
              : String(err);
        await this.set(r.sha256, 'down', 'failed', { error: message, bumpTries: true });
        issues.push({ sha256: r.sha256, message });
      } finally {
        await fsp.rm(tmp, { force: true });
      }
    }
    return { downloaded, issues };
  }
}
