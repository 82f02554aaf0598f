/**
 * The evidence package (hồ sơ minh chứng): one .zip, streamed with yazl so a thousand files
 * never sit in memory together:
 *
 *   Ho so minh chung 2026-2027/
 *     index.html                     codes are RELATIVE links that open the files offline
 *     Danh muc minh chung.xlsx       the list, codes linked to the files
 *     manifest.json                  every file's SHA-256 (computed while it is streamed)
 *     Tieu chuan 1/Tieu chi 1.1/MC.1.1.01 - Ke hoach nam hoc.pdf
 *
 * Each file sits once, under the criterion it was first filed under (its code's criterion);
 * the index lists the other criteria it serves with links to the same file. Names are folded
 * to ASCII for old zip tools and Windows; the index keeps the Vietnamese.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { APP_VERSION } from '../modules/module';
import type { BlobStore } from '../modules/evidence/blob-store';
import { evidenceLocation, evidenceNote } from './common';
import type { Gap } from './docx-kit';
import { evidenceWorkbook } from './evidence-xlsx';
import type { EvidenceItem, ReportData } from './report-data';
import { extensionOf, safeName } from './text';

export const MANIFEST_FORMAT = 'truong-chuan/evidence-package';
export const INDEX_HTML = 'index.html';
export const INDEX_XLSX = 'Danh muc minh chung.xlsx';
export const MANIFEST = 'manifest.json';

/** Formats already compressed: stored, not deflated again. */
const STORED = new Set([
  'pdf',
  'jpg',
  'jpeg',
  'png',
  'gif',
  'webp',
  'zip',
  'rar',
  '7z',
  'docx',
  'xlsx',
  'pptx',
  'mp4',
  'mp3',
  'm4a',
  'mov',
  'heic',
]);

export interface PlannedFile {
  evidence: EvidenceItem;
  /** Relative to the package root (forward slashes). */
  path: string;
  blobPath: string;
}

export interface PackagePlan {
  root: string;
  folders: string[];
  files: PlannedFile[];
  /** File evidence whose bytes are not in the store any more. */
  missing: EvidenceItem[];
  /** Evidence without a file (links, paper originals): listed in the index only. */
  withoutFile: EvidenceItem[];
  gaps: Gap[];
  outline: { level: number; text: string }[];
}

export const standardFolder = (code: string): string => `Tieu chuan ${safeName(code, 20)}`;
export const criterionFolder = (code: string): string => `Tieu chi ${safeName(code, 20)}`;

/** Where every file goes, which are missing, and the folders (checked on disk, nothing written). */
export async function planPackage(d: ReportData, store: BlobStore): Promise<PackagePlan> {
  const root = safeName(`Ho so minh chung ${d.assessment.schoolYear}`);
  const folderOf = new Map<string, string>();
  const folders: string[] = [];
  const outline: PackagePlan['outline'] = [];
  for (const s of d.fw.standards) {
    folders.push(standardFolder(s.code));
    outline.push({ level: 1, text: `${standardFolder(s.code)}/` });
    for (const c of s.criteria) {
      const f = `${standardFolder(s.code)}/${criterionFolder(c.code)}`;
      folderOf.set(c.code, f);
      folders.push(f);
      outline.push({ level: 2, text: `${f}/` });
    }
  }
  const files: PlannedFile[] = [];
  const missing: EvidenceItem[] = [];
  const withoutFile: EvidenceItem[] = [];
  const gaps: Gap[] = [];
  const used = new Set<string>();
  for (const e of d.evidence) {
    if (e.kind !== 'file' || !e.sha256) {
      withoutFile.push(e);
      continue;
    }
    if (!(await store.has(e.sha256))) {
      missing.push(e);
      gaps.push({
        key: `package.missing.${e.id}`,
        section: 'Hồ sơ minh chứng',
        message: `tệp của minh chứng ${e.code} (${e.title}) không còn trong kho dữ liệu`,
        severity: 'required',
        fix: { screen: 'evidence' },
      });
      continue;
    }
    let folder = folderOf.get(e.firstCriterionCode);
    if (!folder) {
      folder = 'Khac';
      if (!folders.includes(folder)) folders.push(folder);
    }
    const ext = extensionOf(e.fileName);
    let base = `${safeName(e.code, 30)} - ${safeName(e.title, 60)}`;
    let p = `${folder}/${base}${ext ? `.${ext}` : ''}`;
    for (let n = 2; used.has(p.toLowerCase()); n++) {
      base = `${safeName(e.code, 30)} - ${safeName(e.title, 55)} (${n})`;
      p = `${folder}/${base}${ext ? `.${ext}` : ''}`;
    }
    used.add(p.toLowerCase());
    files.push({ evidence: e, path: p, blobPath: store.path(e.sha256) });
  }
  outline.push({ level: 1, text: INDEX_HTML }, { level: 1, text: INDEX_XLSX }, { level: 1, text: MANIFEST });
  return { root, folders, files, missing, withoutFile, gaps, outline };
}

/** A relative URL: each segment percent-encoded, "/" kept. */
export const relativeHref = (p: string): string => p.split('/').map(encodeURIComponent).join('/');

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The offline index: the evidence list with relative links, and per criterion what serves it. */
export function indexHtml(d: ReportData, plan: PackagePlan): string {
  const fileOf = new Map(plan.files.map((f) => [f.evidence.id, f.path]));
  const missing = new Set(plan.missing.map((e) => e.id));
  const codeCell = (e: EvidenceItem) => {
    const p = fileOf.get(e.id);
    if (p) return `<a href="${esc(relativeHref(p))}">${esc(e.code)}</a>`;
    if (e.kind === 'link' && e.url) return `<a href="${esc(e.url)}" rel="noreferrer">${esc(e.code)}</a>`;
    return esc(e.code);
  };
  const rows = d.evidence
    .map(
      (e, i) =>
        `<tr><td class="n">${i + 1}</td><td>${codeCell(e)}</td><td>${esc(e.title)}</td><td>${esc(evidenceLocation(e))}</td><td>${esc(e.criteria.join(', '))}</td><td>${esc(
          [evidenceNote(e, d.today), missing.has(e.id) ? 'Tệp không còn trong kho dữ liệu' : ''].filter(Boolean).join('; '),
        )}</td></tr>`,
    )
    .join('\n');
  const byCriterion = d.fw.standards
    .map((s) => {
      const items = s.criteria
        .map((c) => {
          const list = d.evidence.filter((e) => e.criteria.includes(c.code));
          const li = list.length
            ? list.map((e) => `<li>${codeCell(e)} — ${esc(e.title)}</li>`).join('')
            : '<li class="none">Chưa có minh chứng</li>';
          return `<h3>Tiêu chí ${esc(c.code)}. ${esc(c.title)}</h3><ul>${li}</ul>`;
        })
        .join('\n');
      return `<h2>Tiêu chuẩn ${esc(s.code)}. ${esc(s.title)}</h2>\n${items}`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Danh mục minh chứng — ${esc(d.school.name)} — ${esc(d.assessment.schoolYear)}</title>
<style>
body{font-family:"Times New Roman",serif;font-size:15px;margin:24px;color:#111}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #444;padding:4px 6px;vertical-align:top}
th{background:#eee}td.n{text-align:center}a{color:#0645ad}.none{color:#777;font-style:italic}
</style>
</head>
<body>
<h1>DANH MỤC MINH CHỨNG</h1>
<p>${esc(d.school.name)} — năm học ${esc(d.assessment.schoolYear)} — ${esc(d.fw.shortTitle)}</p>
<p>Bấm vào mã minh chứng để mở tệp (các tệp nằm trong các thư mục "Tieu chuan …/Tieu chi …" bên cạnh tệp này). Tổng số: ${d.evidence.length} minh chứng, ${plan.files.length} tệp.</p>
<table>
<thead><tr><th>TT</th><th>Mã minh chứng</th><th>Tên minh chứng</th><th>Định dạng, vị trí lưu trữ hoặc đường dẫn điện tử</th><th>Tiêu chí</th><th>Ghi chú</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
${byCriterion}
</body>
</html>
`;
}

export interface ManifestFile {
  path: string;
  sha256: string;
  bytes: number;
  evidenceId?: string;
  code?: string;
  title?: string;
}

export interface PackageResult {
  sha256: string;
  bytes: number;
  files: ManifestFile[];
  /** Bytes on disk that differ from the hash recorded when the evidence was added. */
  changed: { code: string; expected: string; actual: string }[];
}

class Hasher extends Transform {
  readonly hash = createHash('sha256');
  bytes = 0;
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    cb(null, chunk);
  }
}

const sha256Of = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

/** Streams the package into `target` (the caller renames it into place). */
export async function writePackage(d: ReportData, plan: PackagePlan, target: string): Promise<PackageResult> {
  const zip = new yazl.ZipFile();
  const mtime = new Date(d.generatedAt);
  const at = (p: string) => `${plan.root}/${p}`;
  const files: ManifestFile[] = [];
  const changed: PackageResult['changed'] = [];

  zip.addEmptyDirectory(plan.root, { mtime });
  for (const f of plan.folders) zip.addEmptyDirectory(at(f), { mtime });

  const html = Buffer.from(indexHtml(d, plan), 'utf8');
  const links = new Map(plan.files.map((f) => [f.evidence.id, f.path]));
  const xlsx = await evidenceWorkbook(d, { internal: false, links });
  zip.addBuffer(html, at(INDEX_HTML), { mtime });
  zip.addBuffer(xlsx, at(INDEX_XLSX), { mtime, compress: false });
  files.push(
    { path: INDEX_HTML, sha256: sha256Of(html), bytes: html.length },
    { path: INDEX_XLSX, sha256: sha256Of(xlsx), bytes: xlsx.length },
  );

  for (const f of plan.files) {
    const ext = extensionOf(f.path);
    zip.addReadStreamLazy(at(f.path), { mtime, compress: !STORED.has(ext) }, (cb) => {
      const hasher = new Hasher();
      const input = fs.createReadStream(f.blobPath, { highWaterMark: 1024 * 1024 });
      input.on('error', (err) => hasher.destroy(err));
      hasher.on('end', () => {
        const actual = hasher.hash.digest('hex');
        files.push({
          path: f.path,
          sha256: actual,
          bytes: hasher.bytes,
          evidenceId: f.evidence.id,
          code: f.evidence.code,
          title: f.evidence.title,
        });
        if (f.evidence.sha256 && actual !== f.evidence.sha256)
          changed.push({ code: f.evidence.code, expected: f.evidence.sha256, actual });
      });
      cb(null, input.pipe(hasher));
    });
  }

  // The manifest is read after every file above was streamed: yazl takes entries in order.
  zip.addReadStreamLazy(at(MANIFEST), { mtime }, (cb) => {
    const manifest = {
      format: MANIFEST_FORMAT,
      version: 1,
      app: `Trường Chuẩn ${APP_VERSION}`,
      generatedAt: d.generatedAt,
      dataRevision: d.dataRevision,
      school: { name: d.school.name, code: d.school.code },
      assessment: {
        id: d.assessment.id,
        schoolYear: d.assessment.schoolYear,
        frameworkId: d.fw.id,
        frameworkVersion: d.fw.version,
      },
      root: plan.root,
      files,
      withoutFile: plan.withoutFile.map((e) => ({ code: e.code, title: e.title, kind: e.kind, location: evidenceLocation(e) })),
      missing: plan.missing.map((e) => ({ code: e.code, title: e.title, sha256: e.sha256 })),
      changed,
    };
    const stream = new Transform({ transform: (c, _e, done) => done(null, c) });
    stream.end(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'));
    cb(null, stream);
  });
  zip.end();

  const outHash = new Hasher();
  await fsp.mkdir(path.dirname(target), { recursive: true });
  await pipeline(zip.outputStream, outHash, fs.createWriteStream(target, { flags: 'wx' }));
  return { sha256: outHash.hash.digest('hex'), bytes: outHash.bytes, files, changed };
}
