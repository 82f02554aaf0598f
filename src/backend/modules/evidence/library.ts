import fsp from 'node:fs/promises';
import path from 'node:path';
import { IsNull, type EntityManager } from 'typeorm';
import { RpcError } from '../../../contract/rpc';
import type { AddFileResult, EvidenceHealth, OnDuplicate } from '../../../contract/schemas/evidence';
import { MAX_UPLOAD_BYTES } from '../../../contract/schemas/evidence';
import { compareCriterionCodes } from '../../../core/evidence/codes';
import { formatLabelOf, mimeTypeOf, titleFromFileName } from '../../../core/evidence/file-types';
import type { ModuleDeps } from '../module';
import { BlobStore, BlobStoreAbortError, type PutResult } from './blob-store';
import { noCitations, type CitationLookup } from './citation-hook';
import { checkCriterion, codeRulesFrom, loadCodeRules, type CodeRules } from './code-rules';
import type { FrameworkRegistry } from '../../frameworks/framework-loader';
import type { SyncTx } from '../../db/sync-tx';
import { EvidenceEntity, type EvidenceRow } from './entities';
import {
  addFileEvidence,
  evidenceWithBlob,
  getEvidence,
  linkCriterion,
  liveLinks,
  liveRow,
  localToday,
  refOf,
  type EvidenceMeta,
  type Filing,
  type StoredFile,
} from './evidence.service';

export interface FilingWithFramework extends Filing {
  frameworkId: string;
}

export interface AddProgress {
  /** copying: bytes of the current file are being stored; saved: the file is recorded. */
  phase: 'copying' | 'saved';
  fileIndex: number;
  fileCount: number;
  fileName: string;
  bytesDone: number;
  bytesTotal: number;
  /** Across the whole batch. */
  batchBytesDone: number;
  batchBytesTotal: number;
}

export interface AddFilesOptions {
  actor: string | null;
  onDuplicate?: OnDuplicate;
  signal?: AbortSignal;
  onProgress?: (p: AddProgress) => void;
}

export interface AddFilesOutcome {
  results: (AddFileResult & { path: string })[];
  /** Files that could not be read (the batch goes on without them). */
  failed: { path: string; message: string }[];
  /** The signal fired: files after (and including) the one being copied were not added. */
  cancelled: boolean;
}

export interface HealthProgress {
  checked: number;
  total: number;
  bytesChecked: number;
}

export interface HealthInput {
  frameworkId?: string;
  assessmentId?: string;
  criterionCodes?: string[];
  today?: string;
  checkFiles: 'hash' | 'exists' | 'none';
}

/**
 * `ds` is for reads (the backend's read-only reader connection); writes go through `writes`.
 * `frameworks` is the registry the backend loaded at start; without it the frameworks are
 * loaded from `resourcesDir` (cached per folder).
 */
export type EvidenceLibraryDeps = Pick<ModuleDeps, 'ds' | 'writes' | 'dataDir' | 'resourcesDir'> & {
  frameworks?: FrameworkRegistry;
};

/**
 * The evidence library as one service object over the database and the blob store. The RPC
 * handlers, the CLI and Electron main (after its native file dialog) all use it; only this
 * entry point ever takes file paths, and never from the renderer.
 */
export class EvidenceLibrary {
  readonly store: BlobStore;
  private readonly citations: CitationLookup;

  constructor(
    private readonly deps: EvidenceLibraryDeps,
    opts: { citations?: CitationLookup } = {},
  ) {
    this.store = new BlobStore(deps.dataDir);
    this.citations = opts.citations ?? noCitations;
  }

  get citationLookup(): CitationLookup {
    return this.citations;
  }

  async rules(frameworkId: string): Promise<CodeRules> {
    return this.deps.frameworks
      ? codeRulesFrom(this.deps.frameworks, frameworkId)
      : loadCodeRules(this.deps.resourcesDir, frameworkId);
  }

  /**
   * Adds files from disk: each is streamed into the blob store (outside the write queue, so
   * other writes go on), then recorded in one short transaction. See OnDuplicate for bytes
   * already in the library.
   */
  async addFiles(
    paths: string[],
    filing: FilingWithFramework,
    meta: EvidenceMeta,
    opts: AddFilesOptions,
  ): Promise<AddFilesOutcome> {
    const rules = await this.rules(filing.frameworkId);
    const checked: FilingWithFramework = { ...filing, criterionCode: checkCriterion(rules, filing.criterionCode) };
    const sizes: number[] = [];
    const outcome: AddFilesOutcome = { results: [], failed: [], cancelled: false };
    const readable: string[] = [];
    for (const p of paths) {
      const st = await fsp.stat(p).catch(() => null);
      if (!st || !st.isFile()) {
        outcome.failed.push({ path: p, message: st ? 'Không phải là tệp' : 'Không tìm thấy tệp' });
        continue;
      }
      readable.push(p);
      sizes.push(st.size);
    }
    const before: number[] = [];
    let batchBytesTotal = 0;
    for (const size of sizes) {
      before.push(batchBytesTotal);
      batchBytesTotal += size;
    }
    // Two files are in progress at once (see below); the batch figure only ever grows.
    let batchHigh = 0;
    const progress = (i: number, phase: AddProgress['phase'], bytesDone: number) => {
      batchHigh = Math.max(batchHigh, before[i]! + bytesDone);
      opts.onProgress?.({
        phase,
        fileIndex: i,
        fileCount: readable.length,
        fileName: nameOf(readable[i]!),
        bytesDone,
        bytesTotal: sizes[i]!,
        batchBytesDone: batchHigh,
        batchBytesTotal,
      });
    };
    type Put = { ok: true; put: PutResult } | { ok: false; err: unknown };
    const copy = (i: number): Promise<Put> =>
      this.store.putFile(readable[i]!, { signal: opts.signal, onBytes: (n) => progress(i, 'copying', n) }).then(
        (put) => ({ ok: true as const, put }),
        (err: unknown) => ({ ok: false as const, err }),
      );

    // Two-stage pipeline: file i+1 is copied and hashed (file I/O off the main thread) while
    // file i is recorded (SQLite, on it). A file whose copy finished is always recorded, even
    // if the signal fires meanwhile, so a cancel leaves neither temp files nor unrecorded blobs.
    let next: Promise<Put> | null = readable.length > 0 && !opts.signal?.aborted ? copy(0) : null;
    if (readable.length > 0 && !next) outcome.cancelled = true;
    for (let i = 0; i < readable.length && next; i++) {
      const done = await next;
      next = i + 1 < readable.length && !opts.signal?.aborted ? copy(i + 1) : null;
      if (!done.ok) {
        if (done.err instanceof BlobStoreAbortError || opts.signal?.aborted) {
          outcome.cancelled = true;
          continue;
        }
        outcome.failed.push({ path: readable[i]!, message: (done.err as Error).message });
        continue;
      }
      const fileName = nameOf(readable[i]!);
      const stored: StoredFile = {
        sha256: done.put.sha256,
        sizeBytes: done.put.sizeBytes,
        fileName,
        mimeType: mimeTypeOf(fileName),
        format: formatLabelOf(fileName),
      };
      try {
        const result = await this.deps.writes.run(opts.actor, (tx) =>
          this.record(tx, rules, checked, stored, meta, opts.onDuplicate ?? 'skip'),
        );
        outcome.results.push({ ...result, path: readable[i]! });
        progress(i, 'saved', sizes[i]!);
      } catch (err) {
        // Let a copy in flight finish or abort before the error leaves (no stray temp files).
        await next;
        await this.store.flushDirs();
        throw err;
      }
      if (opts.signal?.aborted && !next) outcome.cancelled = i + 1 < readable.length;
    }
    await this.store.flushDirs();
    return outcome;
  }

  /** Every file under `dir` (sub-folders included, hidden entries and links skipped), in name order. */
  async addFolder(dir: string, filing: FilingWithFramework, meta: EvidenceMeta, opts: AddFilesOptions): Promise<AddFilesOutcome> {
    const st = await fsp.stat(dir).catch(() => null);
    if (!st?.isDirectory()) throw new RpcError('VALIDATION', `Không tìm thấy thư mục "${dir}".`);
    return this.addFiles(await listFiles(dir), filing, meta, opts);
  }

  /** One file sent as bytes by the renderer (drag and drop, browser). */
  async addUpload(
    bytes: Buffer,
    fileName: string,
    mimeType: string | undefined,
    filing: FilingWithFramework,
    meta: EvidenceMeta,
    opts: { actor: string | null; onDuplicate: OnDuplicate },
  ): Promise<AddFileResult> {
    if (bytes.length > MAX_UPLOAD_BYTES) {
      throw new RpcError('VALIDATION', `Tệp lớn hơn ${MAX_UPLOAD_BYTES / 1024 / 1024} MB; hãy thêm từ máy tính (chọn tệp).`);
    }
    const rules = await this.rules(filing.frameworkId);
    const checked = { ...filing, criterionCode: checkCriterion(rules, filing.criterionCode) };
    const put = await this.store.putBuffer(bytes);
    await this.store.flushDirs();
    const stored: StoredFile = {
      sha256: put.sha256,
      sizeBytes: put.sizeBytes,
      fileName,
      mimeType: mimeType || mimeTypeOf(fileName),
      format: formatLabelOf(fileName),
    };
    return this.deps.writes.run(opts.actor, (tx) => this.record(tx, rules, checked, stored, meta, opts.onDuplicate));
  }

  /** A second evidence record for bytes already stored (the caller chose "create" after a duplicate). */
  async addFromStored(
    sha256: string,
    fileName: string,
    mimeType: string | undefined,
    filing: FilingWithFramework,
    meta: EvidenceMeta,
    actor: string | null,
  ) {
    const size = await this.store.size(sha256);
    if (size === null) throw new RpcError('NOT_FOUND', 'Tệp này không còn trong kho minh chứng; hãy thêm lại tệp.');
    const rules = await this.rules(filing.frameworkId);
    const stored: StoredFile = {
      sha256,
      sizeBytes: size,
      fileName,
      mimeType: mimeType || mimeTypeOf(fileName),
      format: formatLabelOf(fileName),
    };
    return this.deps.writes.run(actor, (tx) => addFileEvidence(tx, rules, filing, stored, meta, titleFromFileName(fileName)));
  }

  private async record(
    tx: SyncTx,
    rules: CodeRules,
    filing: FilingWithFramework,
    stored: StoredFile,
    meta: EvidenceMeta,
    onDuplicate: OnDuplicate,
  ): Promise<AddFileResult> {
    const existingRows = await evidenceWithBlob(tx.manager, stored.sha256);
    const existing = existingRows.map(refOf);
    const base = {
      fileName: stored.fileName,
      sha256: stored.sha256,
      sizeBytes: stored.sizeBytes,
      duplicate: existing.length > 0,
      existing,
    };
    if (existingRows.length > 0 && onDuplicate === 'skip') {
      return { ...base, action: 'skipped', evidence: await getEvidence(tx.manager, existingRows[0]!.id) };
    }
    if (onDuplicate === 'link') {
      const sameFramework = existingRows.find((r) => r.frameworkId === rules.frameworkId);
      if (sameFramework) {
        const evidence = await linkCriterion(tx, rules, sameFramework.id, filing.criterionCode, filing.assessmentId ?? null);
        return { ...base, action: 'linked', evidence };
      }
    }
    const evidence = await addFileEvidence(tx, rules, filing, stored, meta, titleFromFileName(stored.fileName));
    return { ...base, action: 'created', evidence };
  }

  async download(
    id: string,
  ): Promise<{ fileName: string; mimeType: string; sizeBytes: number; sha256: string; contentBase64: string }> {
    const row = await liveRow(this.deps.ds.manager, id);
    if (row.kind !== 'file' || !row.blobHash) throw new RpcError('VALIDATION', `Minh chứng ${row.code} không có tệp đính kèm.`);
    const size = await this.store.size(row.blobHash);
    if (size === null)
      throw new RpcError('NOT_FOUND', `Tệp của minh chứng ${row.code} không còn trong kho (có thể đã bị xóa khỏi ổ đĩa).`);
    if (size > MAX_UPLOAD_BYTES) {
      throw new RpcError('VALIDATION', `Tệp lớn hơn ${MAX_UPLOAD_BYTES / 1024 / 1024} MB; hãy mở tệp trực tiếp trên máy.`);
    }
    const bytes = await this.store.read(row.blobHash);
    return {
      fileName: row.fileName,
      mimeType: row.mimeType,
      sizeBytes: bytes.length,
      sha256: row.blobHash,
      contentBase64: bytes.toString('base64'),
    };
  }

  /**
   * The health report: evidence linked nowhere or cited nowhere, criteria without evidence,
   * the same bytes in several evidence, one code on several live evidence (after offline work
   * on two computers), expired items, and stored files missing or changed on disk (re-hashed;
   * progress per file for long checks).
   */
  async health(
    input: HealthInput,
    opts: { signal?: AbortSignal; onProgress?: (p: HealthProgress) => void } = {},
  ): Promise<EvidenceHealth> {
    const m = this.deps.ds.manager;
    const today = input.today ?? localToday();
    const where: Record<string, unknown> = { deletedAt: IsNull() };
    if (input.frameworkId) where['frameworkId'] = input.frameworkId;
    let rows = await m
      .getRepository(EvidenceEntity)
      .find({ where, order: { frameworkId: 'ASC', sortKey: 'ASC', createdAt: 'ASC' } });
    if (input.assessmentId) rows = rows.filter((r) => r.assessmentId === null || r.assessmentId === input.assessmentId);
    const links = await liveLinks(
      m,
      rows.map((r) => r.id),
    );
    const scopedLinks = input.assessmentId
      ? links.filter((l) => l.assessmentId === null || l.assessmentId === input.assessmentId)
      : links;
    const linkedIds = new Set(scopedLinks.map((l) => l.evidenceId));

    let criterionCodes = input.criterionCodes;
    if (!criterionCodes && input.frameworkId) criterionCodes = (await this.rules(input.frameworkId)).criteria;
    const served = new Set(scopedLinks.map((l) => l.criterionCode));
    const criteriaWithoutEvidence = [...new Set(criterionCodes ?? [])].filter((c) => !served.has(c)).sort(compareCriterionCodes);

    const cited = await this.citations.citedEvidenceIds(m);
    const byBlob = new Map<string, EvidenceRow[]>();
    for (const r of rows) if (r.blobHash) byBlob.set(r.blobHash, [...(byBlob.get(r.blobHash) ?? []), r]);

    const files: EvidenceHealth['files'] = {
      mode: input.checkFiles,
      total: byBlob.size,
      checked: 0,
      ok: 0,
      bytesChecked: 0,
      missing: [],
      changed: [],
    };
    if (input.checkFiles !== 'none') {
      for (const [hash, users] of byBlob) {
        if (opts.signal?.aborted) break;
        let status: 'ok' | 'missing' | 'changed';
        if (input.checkFiles === 'hash') {
          const before = files.bytesChecked;
          const v = await this.store.verify(hash, {
            signal: opts.signal,
            onBytes: (n) => opts.onProgress?.({ checked: files.checked, total: files.total, bytesChecked: before + n }),
          });
          status = v.status;
          if (v.status !== 'missing') files.bytesChecked += v.sizeBytes;
        } else {
          status = (await this.store.has(hash)) ? 'ok' : 'missing';
        }
        files.checked++;
        if (status === 'ok') files.ok++;
        else for (const u of users) files[status].push({ ...refOf(u), sha256: hash, fileName: u.fileName });
        opts.onProgress?.({ checked: files.checked, total: files.total, bytesChecked: files.bytesChecked });
      }
    }

    const allUsed = new Set(
      (
        (await m.query(
          `SELECT DISTINCT "blobHash" AS h FROM "evidence" WHERE "deletedAt" IS NULL AND "blobHash" IS NOT NULL`,
        )) as { h: string }[]
      ).map((r) => r.h),
    );
    const unused = (await this.store.list()).filter((b) => !allUsed.has(b.sha256));
    const duplicateCodes = await liveDuplicateCodes(m, input.frameworkId);

    return {
      today,
      totals: {
        evidence: rows.length,
        files: rows.filter((r) => r.kind === 'file').length,
        links: rows.filter((r) => r.kind === 'link').length,
        paper: rows.filter((r) => r.kind === 'paper').length,
        pending: rows.filter((r) => r.verification === 'pending').length,
        verified: rows.filter((r) => r.verification === 'verified').length,
        rejected: rows.filter((r) => r.verification === 'rejected').length,
      },
      unlinked: rows.filter((r) => !linkedIds.has(r.id)).map(refOf),
      uncited: cited ? rows.filter((r) => !cited.has(r.id)).map(refOf) : null,
      criteriaWithoutEvidence,
      duplicates: [...byBlob]
        .filter(([, users]) => users.length > 1)
        .map(([sha256, users]) => ({ sha256, evidence: users.map(refOf) })),
      ...(duplicateCodes.length > 0 ? { duplicateCodes } : {}),
      expired: rows
        .filter((r) => r.validUntil !== null && r.validUntil < today)
        .map((r) => ({ ...refOf(r), validUntil: r.validUntil! })),
      files,
      unusedBlobs: { count: unused.length, bytes: unused.reduce((a, b) => a + b.sizeBytes, 0) },
    };
  }
}

const nameOf = (p: string): string => path.basename(p).normalize('NFC');

/**
 * Codes several live evidence of a framework share. Only a transient state: two computers
 * issued the code offline and the one that must renumber (ADR 0013) has not synced since.
 * Over the whole framework, whatever assessment the report is about: codes are per framework.
 */
async function liveDuplicateCodes(
  m: EntityManager,
  frameworkId?: string,
): Promise<NonNullable<EvidenceHealth['duplicateCodes']>> {
  const clashes = (await m.query(
    `SELECT "frameworkId" AS "frameworkId", "code" AS "code" FROM "evidence" WHERE "deletedAt" IS NULL${frameworkId ? ' AND "frameworkId" = ?' : ''}
     GROUP BY "frameworkId", "code" HAVING COUNT(*) > 1 ORDER BY "frameworkId", MIN("sortKey"), "code"`,
    frameworkId ? [frameworkId] : [],
  )) as { frameworkId: string; code: string }[];
  const out: NonNullable<EvidenceHealth['duplicateCodes']> = [];
  for (const c of clashes) {
    const holders = await m.getRepository(EvidenceEntity).find({
      where: { frameworkId: c.frameworkId, code: c.code, deletedAt: IsNull() },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    out.push({ frameworkId: c.frameworkId, code: c.code, evidence: holders.map(refOf) });
  }
  return out;
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    const entries = (await fsp.readdir(d, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'Thumbs.db' || e.name === 'desktop.ini') continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) out.push(p);
    }
  };
  await walk(dir);
  return out;
}
