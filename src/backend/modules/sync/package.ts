import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { PACKAGE_FORMAT, type PackageManifest, type WireChange } from '../../../contract/sync-protocol';

/**
 * A sneakernet package: the same changes and files an online sync would send, in a .zip a
 * person carries on a USB stick. `manifest.json` lists `changes.jsonl` and every
 * `blobs/<sha256>` with its SHA-256, so the importer checks every byte; the changes keep
 * their ids, so importing is exactly-once like a push (and a later online sync of the same
 * changes is a no-op).
 */
export async function writePackage(
  file: string,
  head: Omit<PackageManifest, 'format' | 'formatVersion' | 'changes' | 'blobs'>,
  changes: WireChange[],
  blobs: { sha256: string; sizeBytes: number; path: string }[],
): Promise<{ bytes: number; manifestSha256: string }> {
  const jsonl = Buffer.from(changes.map((c) => JSON.stringify(c)).join('\n') + (changes.length ? '\n' : ''), 'utf8');
  const manifest: PackageManifest = {
    format: PACKAGE_FORMAT,
    formatVersion: 1,
    ...head,
    changes: { file: 'changes.jsonl', count: changes.length, sha256: createHash('sha256').update(jsonl).digest('hex') },
    blobs: blobs.map((b) => ({ sha256: b.sha256, sizeBytes: b.sizeBytes, file: `blobs/${b.sha256}` })),
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2), 'utf8');
  const zip = new yazl.ZipFile();
  zip.addBuffer(manifestBytes, 'manifest.json');
  zip.addBuffer(jsonl, 'changes.jsonl');
  // Evidence files are mostly PDFs and photos: already compressed.
  for (const b of blobs) zip.addFile(b.path, `blobs/${b.sha256}`, { compress: false });
  zip.end();
  await fsp.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.partial`;
  try {
    await pipeline(zip.outputStream, fs.createWriteStream(tmp));
    await fsp.rename(tmp, file);
  } catch (err) {
    await fsp.rm(tmp, { force: true });
    throw err;
  }
  return { bytes: (await fsp.stat(file)).size, manifestSha256: createHash('sha256').update(manifestBytes).digest('hex') };
}
