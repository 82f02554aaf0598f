import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BLOB_CHUNK_BYTES, BlobStore, BlobStoreAbortError } from './blob-store';

let dir: string;
let store: BlobStore;

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function writeFile(name: string, bytes: Buffer): string {
  const p = path.join(dir, 'src', name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, bytes);
  return p;
}

/** Every file under the store's root, relative to it. */
function storedFiles(): string[] {
  const root = path.join(dir, 'data', 'blobs');
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(root, f)).isFile()).sort();
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-blob-'));
  store = new BlobStore(path.join(dir, 'data'));
});

afterEach(() => {
  // Blobs are read-only; make them writable so the temp dir can go.
  for (const f of storedFiles()) fs.chmodSync(path.join(dir, 'data', 'blobs', f), 0o644);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('BlobStore', () => {
  it('stores a file at blobs/sha256/ab/cd/<hash>, read-only, byte-identical, with no temp file left', async () => {
    const bytes = Buffer.from('Kế hoạch năm học 2026-2027 của nhà trường');
    const src = writeFile('kế hoạch.txt', bytes);
    const r = await store.putFile(src);
    const hash = sha(bytes);
    expect(r).toEqual({ sha256: hash, sizeBytes: bytes.length, existed: false });
    expect(store.path(hash)).toBe(path.join(dir, 'data', 'blobs', 'sha256', hash.slice(0, 2), hash.slice(2, 4), hash));
    expect(fs.readFileSync(store.path(hash)).equals(bytes)).toBe(true);
    if (process.platform !== 'win32') expect(fs.statSync(store.path(hash)).mode & 0o222).toBe(0);
    expect(await store.has(hash)).toBe(true);
    expect(await store.tempFiles()).toEqual([]);
    expect(storedFiles()).toEqual([path.join('sha256', hash.slice(0, 2), hash.slice(2, 4), hash)]);
    // The folder entries are flushed per batch; flushing twice is harmless.
    await expect(store.flushDirs()).resolves.toBeUndefined();
    await expect(store.flushDirs()).resolves.toBeUndefined();
    expect(fs.readFileSync(store.path(hash)).equals(bytes)).toBe(true);
  });

  it('stores the same bytes once, whatever the file name', async () => {
    const bytes = Buffer.alloc(3 * BLOB_CHUNK_BYTES + 17, 7);
    const a = await store.putFile(writeFile('a.pdf', bytes));
    const b = await store.putFile(writeFile('thư mục/b.pdf', bytes));
    const c = await store.putBuffer(bytes);
    expect(a.existed).toBe(false);
    expect(b).toEqual({ sha256: a.sha256, sizeBytes: bytes.length, existed: true });
    expect(c.existed).toBe(true);
    expect(storedFiles()).toHaveLength(1);
    expect(await store.tempFiles()).toEqual([]);
  });

  it('handles an empty file and reports progress after each chunk', async () => {
    expect((await store.putBuffer(Buffer.alloc(0))).sha256).toBe(sha(Buffer.alloc(0)));
    const seen: number[] = [];
    const bytes = Buffer.alloc(2 * BLOB_CHUNK_BYTES + 5, 1);
    await store.putFile(writeFile('big.bin', bytes), { onBytes: (n) => seen.push(n) });
    expect(seen).toEqual([BLOB_CHUNK_BYTES, 2 * BLOB_CHUNK_BYTES, 2 * BLOB_CHUNK_BYTES + 5]);
  });

  it('a cancelled add leaves no blob and no temp file', async () => {
    const bytes = Buffer.alloc(4 * BLOB_CHUNK_BYTES, 3);
    const src = writeFile('lớn.bin', bytes);
    const ctl = new AbortController();
    const err = await store
      .putFile(src, { signal: ctl.signal, onBytes: (n) => n >= BLOB_CHUNK_BYTES && ctl.abort() })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BlobStoreAbortError);
    expect(await store.has(sha(bytes))).toBe(false);
    expect(await store.tempFiles()).toEqual([]);
    expect(storedFiles()).toEqual([]);
    // Already aborted: refused before anything is written.
    await expect(store.putFile(src, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(BlobStoreAbortError);
    expect(storedFiles()).toEqual([]);
  });

  it('a missing source fails cleanly, without temp files', async () => {
    await expect(store.putFile(path.join(dir, 'không-có.pdf'))).rejects.toThrow(/ENOENT/);
    expect(storedFiles()).toEqual([]);
  });

  it('verify() re-hashes: ok, changed on disk, missing', async () => {
    const good = await store.putBuffer(Buffer.from('biên bản họp hội đồng'));
    const other = await store.putBuffer(Buffer.from('quyết định thành lập'));
    expect(await store.verify(good.sha256)).toEqual({ status: 'ok', sizeBytes: good.sizeBytes });

    const p = store.path(other.sha256);
    fs.chmodSync(p, 0o644);
    fs.writeFileSync(p, 'đã bị sửa');
    const changed = await store.verify(other.sha256);
    expect(changed.status).toBe('changed');
    expect(changed).toMatchObject({ actualSha256: sha(Buffer.from('đã bị sửa')) });

    fs.chmodSync(store.path(good.sha256), 0o644);
    fs.rmSync(store.path(good.sha256));
    expect(await store.verify(good.sha256)).toEqual({ status: 'missing' });
    expect(await store.has(good.sha256)).toBe(false);
  });

  it('lists blobs, refuses malformed hashes, cleans only stale temp files', async () => {
    const a = await store.putBuffer(Buffer.from('a'));
    expect(await store.list()).toEqual([{ sha256: a.sha256, sizeBytes: 1 }]);
    expect(() => store.path('../../etc/passwd')).toThrow(/không hợp lệ/);
    const tmpDir = path.join(dir, 'data', 'blobs', 'tmp');
    fs.writeFileSync(path.join(tmpDir, 'old.partial'), 'x');
    fs.utimesSync(path.join(tmpDir, 'old.partial'), new Date(2020, 0, 1), new Date(2020, 0, 1));
    fs.writeFileSync(path.join(tmpDir, 'running.partial'), 'y');
    expect(await store.cleanTemp()).toBe(1);
    expect(await store.tempFiles()).toEqual(['running.partial']);
  });
});
