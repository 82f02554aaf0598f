import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

/**
 * Content-addressed file store for evidence: each file lives once, at
 * `<dataDir>/blobs/sha256/ab/cd/<sha256>`, read-only, never modified.
 *
 * Adding streams the source through a fixed buffer: the bytes are hashed while they are copied
 * to a temp file in `blobs/tmp` (same volume as the final place), the temp file is fsynced,
 * made read-only and renamed into place, so a blob is either complete or absent (the folder
 * entries are flushed per batch, see flushDirs). If the blob
 * already exists the temp file is dropped: the bytes are stored once. A cancelled add
 * (AbortSignal) or a failed one removes its temp file.
 */

export const BLOB_CHUNK_BYTES = 1024 * 1024;
const HASH_RE = /^[0-9a-f]{64}$/;

export interface PutResult {
  sha256: string;
  sizeBytes: number;
  /** The bytes were already stored before this call. */
  existed: boolean;
}

export interface PutOptions {
  signal?: AbortSignal;
  /** Bytes copied so far, after each chunk. */
  onBytes?: (bytesDone: number) => void;
}

export type VerifyResult =
  { status: 'ok'; sizeBytes: number } | { status: 'missing' } | { status: 'changed'; actualSha256: string; sizeBytes: number };

export class BlobStoreAbortError extends Error {
  constructor() {
    super('Đã hủy thêm tệp.');
    this.name = 'AbortError';
  }
}

function assertHash(hash: string): void {
  if (!HASH_RE.test(hash)) throw new Error(`Mã băm không hợp lệ: ${hash}`);
}

export class BlobStore {
  readonly root: string;
  private readonly tmpDir: string;
  /** Folders that received a blob since the last flushDirs(). */
  private readonly unsyncedDirs = new Set<string>();

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'blobs', 'sha256');
    this.tmpDir = path.join(dataDir, 'blobs', 'tmp');
  }

  /** Where the blob lives (whether or not it exists). */
  path(hash: string): string {
    assertHash(hash);
    return path.join(this.root, hash.slice(0, 2), hash.slice(2, 4), hash);
  }

  async has(hash: string): Promise<boolean> {
    try {
      return (await fsp.stat(this.path(hash))).isFile();
    } catch {
      return false;
    }
  }

  /** Copies a file into the store by streaming; see the class comment. */
  async putFile(source: string, opts: PutOptions = {}): Promise<PutResult> {
    if (opts.signal?.aborted) throw new BlobStoreAbortError();
    const input = await fsp.open(source, 'r');
    try {
      const buffer = Buffer.allocUnsafe(BLOB_CHUNK_BYTES);
      return await this.write(async (sink) => {
        for (;;) {
          if (opts.signal?.aborted) throw new BlobStoreAbortError();
          const { bytesRead } = await input.read(buffer, 0, buffer.length, null);
          if (bytesRead === 0) break;
          await sink(buffer.subarray(0, bytesRead));
        }
      }, opts);
    } finally {
      await input.close();
    }
  }

  /** Stores bytes already in memory (uploads from the renderer, ≤ 25 MB). */
  async putBuffer(bytes: Uint8Array, opts: PutOptions = {}): Promise<PutResult> {
    return this.write(async (sink) => {
      for (let at = 0; at < bytes.length; at += BLOB_CHUNK_BYTES) {
        if (opts.signal?.aborted) throw new BlobStoreAbortError();
        await sink(bytes.subarray(at, Math.min(bytes.length, at + BLOB_CHUNK_BYTES)));
      }
    }, opts);
  }

  private async write(
    produce: (sink: (chunk: Uint8Array) => Promise<void>) => Promise<void>,
    opts: PutOptions,
  ): Promise<PutResult> {
    if (opts.signal?.aborted) throw new BlobStoreAbortError();
    await fsp.mkdir(this.tmpDir, { recursive: true });
    const tmp = path.join(this.tmpDir, `${randomUUID()}.partial`);
    const out = await fsp.open(tmp, 'wx', 0o600);
    const hash = createHash('sha256');
    let size = 0;
    let closed = false;
    try {
      await produce(async (chunk) => {
        hash.update(chunk);
        let written = 0;
        while (written < chunk.length) {
          const { bytesWritten } = await out.write(chunk, written, chunk.length - written);
          written += bytesWritten;
        }
        size += chunk.length;
        opts.onBytes?.(size);
      });
      if (opts.signal?.aborted) throw new BlobStoreAbortError();
      await out.sync();
      await out.close();
      closed = true;
      const sha256 = hash.digest('hex');
      const target = this.path(sha256);
      if (await this.has(sha256)) {
        await fsp.rm(tmp, { force: true });
        return { sha256, sizeBytes: size, existed: true };
      }
      await fsp.chmod(tmp, 0o444);
      await fsp.mkdir(path.dirname(target), { recursive: true });
      try {
        await fsp.rename(tmp, target);
      } catch (err) {
        // Another add of the same bytes won the race (Windows refuses to replace a read-only file).
        if (await this.has(sha256)) {
          await fsp.rm(tmp, { force: true });
          return { sha256, sizeBytes: size, existed: true };
        }
        throw err;
      }
      this.unsyncedDirs.add(path.dirname(target));
      return { sha256, sizeBytes: size, existed: false };
    } catch (err) {
      if (!closed) await out.close().catch(() => undefined);
      await fsp.rm(tmp, { force: true }).catch(() => undefined);
      throw err;
    }
  }

  /**
   * Makes the renames of the blobs added since the last call durable (POSIX: fsync of each
   * folder that received one). Batched because a folder fsync forces a journal commit
   * (≈ 1.7 ms a file in the benchmark); callers flush once per batch, which matches the
   * database's own guarantee (WAL with synchronous=NORMAL: a power cut may lose the last
   * transactions, never corrupts). Windows cannot open folders and needs no flush.
   */
  async flushDirs(): Promise<void> {
    const dirs = [...this.unsyncedDirs];
    this.unsyncedDirs.clear();
    for (const dir of dirs) await syncDir(dir);
  }

  /** Re-hashes the stored file: ok, missing, or changed on disk. */
  async verify(hash: string, opts: { signal?: AbortSignal; onBytes?: (n: number) => void } = {}): Promise<VerifyResult> {
    let handle: fsp.FileHandle;
    try {
      handle = await fsp.open(this.path(hash), 'r');
    } catch {
      return { status: 'missing' };
    }
    try {
      const h = createHash('sha256');
      const buffer = Buffer.allocUnsafe(BLOB_CHUNK_BYTES);
      let size = 0;
      for (;;) {
        if (opts.signal?.aborted) throw new BlobStoreAbortError();
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
        if (bytesRead === 0) break;
        h.update(buffer.subarray(0, bytesRead));
        size += bytesRead;
        opts.onBytes?.(size);
      }
      const actual = h.digest('hex');
      return actual === hash ? { status: 'ok', sizeBytes: size } : { status: 'changed', actualSha256: actual, sizeBytes: size };
    } finally {
      await handle.close();
    }
  }

  async read(hash: string): Promise<Buffer> {
    return fsp.readFile(this.path(hash));
  }

  async size(hash: string): Promise<number | null> {
    try {
      return (await fsp.stat(this.path(hash))).size;
    } catch {
      return null;
    }
  }

  /** Every stored blob with its size (for the health report's unused-files count). */
  async list(): Promise<{ sha256: string; sizeBytes: number }[]> {
    const found: { sha256: string; sizeBytes: number }[] = [];
    for (const a of await readdirSafe(this.root)) {
      for (const b of await readdirSafe(path.join(this.root, a))) {
        const dir = path.join(this.root, a, b);
        for (const name of await readdirSafe(dir)) {
          if (!HASH_RE.test(name)) continue;
          const st = await fsp.stat(path.join(dir, name)).catch(() => null);
          if (st?.isFile()) found.push({ sha256: name, sizeBytes: st.size });
        }
      }
    }
    return found;
  }

  /**
   * Removes temp files left by a crash (a cancel or a failure removes its own). Only files
   * untouched for `olderThanMs`, so an add running in another process (the CLI beside the
   * app) keeps its temp file.
   */
  async cleanTemp(olderThanMs = 60 * 60 * 1000): Promise<number> {
    let n = 0;
    const limit = Date.now() - olderThanMs;
    for (const name of await readdirSafe(this.tmpDir)) {
      if (!name.endsWith('.partial')) continue;
      const file = path.join(this.tmpDir, name);
      const st = await fsp.stat(file).catch(() => null);
      if (!st || st.mtimeMs > limit) continue;
      await fsp.rm(file, { force: true });
      n++;
    }
    return n;
  }

  /** Temp files present now (tests, diagnostics). */
  async tempFiles(): Promise<string[]> {
    return readdirSafe(this.tmpDir);
  }
}

async function readdirSafe(dir: string): Promise<string[]> {
  try {
    return await fsp.readdir(dir);
  } catch {
    return [];
  }
}

/** Makes the rename durable (POSIX); Windows cannot open directories and does not need it. */
async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Best effort: some file systems refuse fsync on directories.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
