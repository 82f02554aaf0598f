import os from 'node:os';
import path from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import { SCHEMA_VERSION } from '../../../../migrations';
import { RpcError } from '../../../contract/rpc';
import type { LocalSubmission, SyncConflictView, SyncIssue, SyncRunResult, SyncStatus } from '../../../contract/schemas/sync';
import {
  bulkDeleteMessage,
  isDeleteChange,
  SUBMISSION_STATE_LABELS,
  SYNC_ERROR_CODES,
  SYNC_LIMITS,
  type HelloResponse,
  type SubmissionKind,
  type SubmissionView,
} from '../../../contract/sync-protocol';
import { newId, nowIso } from '../../db/clock';
import type { WriteQueue } from '../../db/write-queue';
import type { SyncTx } from '../../db/sync-tx';
import type { FrameworkRegistry } from '../../frameworks/framework-loader';
import { defaultResourcesDir } from '../../platform/paths';
import { findSchool } from '../../services/school.service';
import { codeRulesFrom, loadCodeRules, type CodeRules } from '../evidence/code-rules';
import { APP_VERSION } from '../module';
import { SchoolComments, schoolCommentsOverSync } from '../review/school-comments';
import { BlobSync } from './blob-sync';
import { blobsOfRows, buildDossier, dossierCollectors, type DossierSubject } from './dossier';
import { SyncConflictEntity, type SyncConflictRow, type SyncSubmissionRow } from './entities';
import { normaliseServerUrl, SyncHttp, SyncHttpError, useProxyFromEnv } from './http';
import { settleEvidenceCodes, renumberingMessage, type CodeRenumbering } from './code-clashes';
import { adoptServerSchool, applyPage, retryInbox } from './inbox';
import {
  ackChanges,
  bulkDeleteCheck,
  countPending,
  loadMetas,
  pendingBlobHashes,
  readPending,
  recordRejections,
  toWire,
  type PendingChange,
} from './outbox';
import { writePackage } from './package';
import { syncedSchemas } from './registry';
import { backoffDelay, DEFAULT_BACKOFF, SyncScheduler, type BackoffOptions } from './scheduler';
import { FileSecretStore, type SecretStore } from './secret-store';
import { parseJson, readState, writeState, type SyncState } from './state';

export const TOKEN_SECRET = 'sync-device-token';

export interface SyncClientDeps {
  /** The read-only reader connection. */
  ds: DataSource;
  writes: WriteQueue;
  dataDir: string;
  /** Frameworks the backend loaded (evidence code templates, for renumbering); else read from resourcesDir. */
  frameworks?: FrameworkRegistry;
  resourcesDir?: string;
}

/** Renumberings kept for sync.status. */
const RENUMBERED_KEPT = 100;

export interface SyncClientOptions {
  appVersion?: string;
  schemaVersion?: string;
  secrets?: SecretStore;
  /** Changes per push (the server's limit caps it). */
  batchSize?: number;
  pullLimit?: number;
  /** Bytes per blob upload request. */
  chunkBytes?: number;
  /** Refusals before a change is set aside. */
  maxTries?: number;
  inboxMaxTries?: number;
  timeoutMs?: number;
  backoff?: BackoffOptions;
  /** Between successful background syncs. */
  intervalMs?: number;
  random?: () => number;
  /** For HTTPS_PROXY / HTTP_PROXY / NO_PROXY. */
  env?: NodeJS.ProcessEnv;
}

/** Stops the run; `blocked` says what a person must do. */
class SyncStop extends Error {
  constructor(
    readonly blocked: 'upgrade_required' | 'unenrolled' | 'server_reset',
    message: string,
  ) {
    super(message);
  }
}

type Unit = { id: string; code: string; name: string };

const EMPTY_RESULT = (): SyncRunResult => ({
  pushed: 0,
  pulled: 0,
  blobsUploaded: 0,
  blobsDownloaded: 0,
  conflicts: 0,
  errors: [],
  notices: [],
  needsBulkDeleteConfirmation: null,
});

function toConflictView(r: SyncConflictRow): SyncConflictView {
  return {
    id: r.id,
    entity: r.entity,
    rowId: r.rowId,
    field: r.field,
    keptValue: r.keptValue,
    otherValue: r.otherValue,
    status: r.status,
    resolution: r.resolution,
    resolvedValue: r.resolvedValue,
    createdAt: r.createdAt,
    resolvedAt: r.resolvedAt,
  };
}

function toSubmissionView(r: SyncSubmissionRow): LocalSubmission {
  const state = r.state as LocalSubmission['state'];
  const label =
    state === 'queued'
      ? 'Chờ gửi lên Sở'
      : state === 'rejected'
        ? 'Máy chủ không nhận'
        : SUBMISSION_STATE_LABELS[state as keyof typeof SUBMISSION_STATE_LABELS];
  return {
    id: r.id,
    kind: r.kind as SubmissionKind,
    subjectId: r.subjectId,
    version: r.version,
    state,
    stateLabel: label,
    manifestHash: r.manifestHash,
    rowCount: r.rowCount,
    blobCount: r.blobCount,
    submittedAt: r.submittedAt,
    sentAt: r.sentAt,
    updatedAt: r.updatedAt,
    events: parseJson(r.events, []),
    diff: r.diff ? parseJson(r.diff, null) : null,
    lastError: r.lastError || null,
  };
}

/**
 * The sync client of one school installation (docs/sync.md): enrol, run (files up, changes
 * up, changes down, files down, queued submissions), status, conflicts, sneakernet export,
 * dossier submission, and a background scheduler. One run at a time; a second caller joins
 * the run in progress.
 */
export class SyncClient {
  readonly secrets: SecretStore;
  readonly blobs: BlobSync;
  readonly scheduler: SyncScheduler;
  private readonly o: Required<Omit<SyncClientOptions, 'secrets' | 'env'>>;
  private current: Promise<SyncRunResult> | null = null;

  constructor(
    private readonly deps: SyncClientDeps,
    opts: SyncClientOptions = {},
  ) {
    this.secrets = opts.secrets ?? new FileSecretStore(path.join(deps.dataDir, 'secrets'));
    this.o = {
      appVersion: opts.appVersion ?? APP_VERSION,
      schemaVersion: opts.schemaVersion ?? SCHEMA_VERSION,
      batchSize: opts.batchSize ?? 500,
      pullLimit: opts.pullLimit ?? SYNC_LIMITS.defaultPullLimit,
      chunkBytes: opts.chunkBytes ?? SYNC_LIMITS.blobChunkBytes,
      maxTries: opts.maxTries ?? 3,
      inboxMaxTries: opts.inboxMaxTries ?? 5,
      timeoutMs: opts.timeoutMs ?? 60_000,
      backoff: opts.backoff ?? DEFAULT_BACKOFF,
      intervalMs: opts.intervalMs ?? 5 * 60_000,
      random: opts.random ?? Math.random,
    };
    this.blobs = new BlobSync(deps.ds, deps.writes, deps.dataDir, this.o.chunkBytes);
    this.scheduler = new SyncScheduler({ tick: () => this.tick() });
    useProxyFromEnv(opts.env ?? process.env);
  }

  private get reader(): EntityManager {
    return this.deps.ds.manager;
  }

  private write<T>(work: (m: EntityManager) => Promise<T>, actor: string | null = null): Promise<T> {
    return this.deps.writes.run(actor, (tx) => work(tx.manager));
  }

  private http(st: SyncState, token: string | null): SyncHttp {
    return new SyncHttp({
      baseUrl: st.serverUrl!,
      token,
      appVersion: this.o.appVersion,
      schemaVersion: this.o.schemaVersion,
      deviceId: st.deviceId!,
      timeoutMs: this.o.timeoutMs,
    });
  }

  // ───────────────────────────── enrol ─────────────────────────────

  async enrol(input: { serverUrl: string; username: string; password: string; deviceName?: string }) {
    let serverUrl: string;
    try {
      serverUrl = normaliseServerUrl(input.serverUrl);
    } catch (err) {
      throw new RpcError('VALIDATION', (err as Error).message, { serverUrl: (err as Error).message });
    }
    const deviceName = input.deviceName?.trim() || os.hostname() || 'Máy tính của trường';
    const st = await readState(this.reader);
    const deviceId = st.deviceId ?? newId();
    const common = { appVersion: this.o.appVersion, schemaVersion: this.o.schemaVersion, deviceId, timeoutMs: this.o.timeoutMs };
    const fail = (err: unknown): never => {
      if (err instanceof SyncHttpError) throw new RpcError('VALIDATION', err.message);
      throw err;
    };
    const issued = await SyncHttp.enrol(
      serverUrl,
      { username: input.username, password: input.password, deviceName },
      common,
    ).catch(fail);
    const http = new SyncHttp({ ...common, baseUrl: serverUrl, token: issued.token });
    const refuse = async (message: string): Promise<never> => {
      await http.logout();
      throw new RpcError('VALIDATION', message);
    };
    if (issued.account.role !== 'school_user') {
      await refuse(
        `Tài khoản "${issued.account.username}" không phải tài khoản của trường; hãy dùng tài khoản Sở cấp cho trường.`,
      );
    }
    let hello: HelloResponse;
    try {
      hello = await http.hello();
    } catch (err) {
      await http.logout();
      return fail(err);
    }
    const school = await findSchool(this.reader);
    if (school?.code.trim() && hello.unit.code && school.code.trim().toLowerCase() !== hello.unit.code.toLowerCase()) {
      await refuse(
        `Mã trường trên máy này (${school.code}) khác mã trường của tài khoản trên máy chủ (${hello.unit.code}: ${hello.unit.name}). ` +
          'Hãy kiểm tra lại tài khoản hoặc mã trường.',
      );
    }
    const prev = parseJson<Unit | null>(st.unit, null);
    if (prev && prev.id !== hello.unit.id) {
      await refuse(`Máy này đã đồng bộ với trường khác (${prev.name}); không thể chuyển sang ${hello.unit.name}.`);
    }
    const oldToken = await this.secrets.get(TOKEN_SECRET);
    if (oldToken && st.serverUrl) await this.http(st, oldToken).logout();
    const setupUpTo = await this.setupOnly();
    const adopt = hello.serverSeq > 0 && Number(st.cursor ?? 0) === 0 && setupUpTo !== null;
    await this.secrets.set(TOKEN_SECRET, issued.token);
    const unit: Unit = { id: hello.unit.id, code: hello.unit.code, name: hello.unit.name };
    await this.write((m) =>
      writeState(m, {
        serverUrl,
        deviceName,
        deviceId,
        username: issued.account.username,
        unit: JSON.stringify(unit),
        streamId: prev ? (st.streamId ?? hello.streamId) : hello.streamId,
        adopt: adopt ? String(setupUpTo) : null,
        blocked: null,
        lastError: null,
        lastErrorKind: null,
        failures: '0',
        nextRetryAt: null,
      }),
    );
    this.scheduler.poke(1000);
    return { serverUrl, deviceName, school: unit, adoptsServerData: adopt };
  }

  /** The last change-log seq when this installation holds only its first-run school profile; else null. */
  private async setupOnly(): Promise<number | null> {
    const [r] = (await this.reader.query(
      `select count(*) as n from change_log where pushedAt is not null or entity not in ('School', 'SchoolSite')`,
    )) as { n: number }[];
    if (Number(r?.n ?? 1) > 0) return null;
    const [max] = (await this.reader.query('select coalesce(max(seq), 0) as seq from change_log')) as { seq: number }[];
    return Number(max?.seq ?? 0);
  }

  // ───────────────────────────── run ─────────────────────────────

  /** One sync; a caller arriving while one runs gets that run's result. */
  run(opts: { confirmBulkDelete?: boolean } = {}): Promise<SyncRunResult> {
    if (!this.current) {
      this.current = this.runOnce(opts).finally(() => {
        this.current = null;
      });
    }
    return this.current;
  }

  get running(): boolean {
    return this.current !== null;
  }

  /** For the scheduler: run, then say when to run next. */
  private async tick(): Promise<Date | null> {
    const st = await readState(this.reader);
    if (!st.serverUrl) return null;
    if (st.blocked && st.blocked !== 'bulk_delete') return null;
    await this.run();
    const after = await readState(this.reader);
    return after.nextRetryAt ? new Date(after.nextRetryAt) : null;
  }

  startAutoSync(): void {
    this.scheduler.start();
  }

  stopAutoSync(): void {
    this.scheduler.stop();
  }

  private async runOnce(opts: { confirmBulkDelete?: boolean }): Promise<SyncRunResult> {
    const result = EMPTY_RESULT();
    const st = await readState(this.reader);
    if (!st.serverUrl || !st.deviceId) {
      throw new RpcError(
        'VALIDATION',
        'Máy này chưa đăng ký đồng bộ với máy chủ của Sở. Hãy đăng ký máy trước (Đồng bộ → Đăng ký).',
      );
    }
    const startedAt = nowIso();
    const token = await this.secrets.get(TOKEN_SECRET);
    try {
      if (!token)
        throw new SyncStop(
          'unenrolled',
          'Không tìm thấy mã thiết bị đồng bộ trên máy này. Hãy đăng ký lại máy với máy chủ của Sở.',
        );
      const http = this.http(st, token);
      const hello = await http.hello();
      const unit = parseJson<Unit | null>(st.unit, null);
      if (unit && unit.id !== hello.unit.id) {
        throw new SyncStop(
          'server_reset',
          `Máy chủ trả lời cho một trường khác (${hello.unit.name}); đồng bộ đã dừng để tránh lẫn dữ liệu.`,
        );
      }
      if (st.streamId && st.streamId !== hello.streamId) {
        throw new SyncStop(
          'server_reset',
          'Dữ liệu đồng bộ của trường trên máy chủ đã được tạo lại (máy chủ được cài mới hoặc khôi phục). Đồng bộ đã dừng để không làm hỏng dữ liệu trên máy; hãy liên hệ Sở.',
        );
      }
      if (Number(st.cursor ?? 0) > hello.serverSeq) {
        throw new SyncStop(
          'server_reset',
          'Máy chủ có ít dữ liệu của trường hơn máy này (có thể máy chủ vừa khôi phục bản sao lưu cũ). Đồng bộ đã dừng để không làm hỏng dữ liệu; hãy liên hệ Sở.',
        );
      }
      await this.write((m) =>
        writeState(m, {
          streamId: hello.streamId,
          serverSeq: String(hello.serverSeq),
          limits: JSON.stringify(hello.limits),
          unit: JSON.stringify({ id: hello.unit.id, code: hello.unit.code, name: hello.unit.name }),
          lastAttemptAt: startedAt,
        }),
      );

      // 1. Files referenced by pending changes, before the rows that point at them.
      await this.blobs.register(await pendingBlobHashes(this.reader), 'up');
      const up = await this.blobs.uploadAll(http, hello.limits.maxBlobBytes);
      result.blobsUploaded = up.uploaded;
      for (const i of up.issues) result.errors.push({ kind: 'blob', message: i.message, ref: i.sha256 });

      // 2. Changes up, 3. changes down. A second computer joining a school pulls first: its
      // own first-run school profile gives way to the server's before anything is pushed.
      const downloads = new Set<string>();
      if (st.adopt) {
        for (const h of await this.pullAll(http, hello, st, result)) downloads.add(h);
        st.cursor = (await readState(this.reader)).cursor;
        st.adopt = undefined;
      }
      await this.pushAll(http, hello, opts, result);
      const renumbered: CodeRenumbering[] = [];
      for (const h of await this.pullAll(http, hello, st, result, renumbered)) downloads.add(h);
      // Evidence codes the pull renumbered (another computer used them first, ADR 0013) go up in
      // this same run, so one run on each computer is enough to converge.
      for (let round = 0, sent = 0; round < 3 && renumbered.length > sent; round++) {
        sent = renumbered.length;
        st.cursor = (await readState(this.reader)).cursor;
        await this.pushAll(http, hello, opts, result);
        for (const h of await this.pullAll(http, hello, st, result, renumbered)) downloads.add(h);
      }

      // 4. Files of rows from other devices.
      await this.blobs.register(downloads, 'down');
      const down = await this.blobs.downloadAll(http);
      result.blobsDownloaded = down.downloaded;
      for (const i of down.issues) result.errors.push({ kind: 'blob', message: i.message, ref: i.sha256 });

      // 5. Dossiers frozen while offline.
      await this.sendQueuedSubmissions(http, result);

      // 6. The department's comments on returned dossiers: replies written offline go, the local copy is refreshed.
      const review = await new SchoolComments(this.deps).sync(schoolCommentsOverSync(http));
      for (const message of review.errors) result.errors.push({ kind: 'submission', message });

      const done = nowIso();
      await this.write((m) =>
        writeState(m, {
          lastSuccessAt: done,
          lastError: result.errors.length > 0 ? result.errors[0]!.message : null,
          lastErrorKind: result.errors.length > 0 ? result.errors[0]!.kind : null,
          failures: '0',
          blocked: result.needsBulkDeleteConfirmation ? 'bulk_delete' : null,
          bulkDelete: result.needsBulkDeleteConfirmation ? JSON.stringify(result.needsBulkDeleteConfirmation) : null,
          nextRetryAt: new Date(Date.now() + this.o.intervalMs).toISOString(),
        }),
      );
    } catch (err) {
      const { issue, blocked, retry } = this.classify(err);
      result.errors.push(issue);
      const failures = Number(st.failures ?? 0) + 1;
      await this.write((m) =>
        writeState(m, {
          lastAttemptAt: startedAt,
          lastError: issue.message,
          lastErrorKind: issue.kind,
          failures: String(failures),
          blocked: blocked ?? (st.blocked === 'bulk_delete' ? 'bulk_delete' : null),
          nextRetryAt: retry ? new Date(Date.now() + backoffDelay(failures, this.o.backoff, this.o.random)).toISOString() : null,
        }),
      ).catch(() => undefined);
    }
    result.conflicts = await this.openConflicts();
    return result;
  }

  private classify(err: unknown): { issue: SyncIssue; blocked: SyncStop['blocked'] | null; retry: boolean } {
    if (err instanceof SyncStop) {
      return {
        issue: { kind: err.blocked === 'unenrolled' ? 'auth' : 'server_reset', message: err.message },
        blocked: err.blocked,
        retry: false,
      };
    }
    if (err instanceof SyncHttpError) {
      if (err.status === 426)
        return { issue: { kind: 'upgrade', message: err.message }, blocked: 'upgrade_required', retry: false };
      if (err.status === 401) return { issue: { kind: 'auth', message: err.message }, blocked: 'unenrolled', retry: false };
      if (err.kind === 'network') return { issue: { kind: 'network', message: err.message }, blocked: null, retry: true };
      return { issue: { kind: 'server', message: err.message }, blocked: null, retry: true };
    }
    if (err instanceof RpcError) return { issue: { kind: 'server', message: err.message }, blocked: null, retry: true };
    const message = `Đồng bộ gặp lỗi không mong muốn (${err instanceof Error ? err.message : String(err)}); sẽ tự thử lại.`;
    return { issue: { kind: 'server', message }, blocked: null, retry: true };
  }

  private async pushAll(
    http: SyncHttp,
    hello: HelloResponse,
    opts: { confirmBulkDelete?: boolean },
    result: SyncRunResult,
  ): Promise<void> {
    const confirmed = opts.confirmBulkDelete === true;
    // A change the server refused earlier in this run (a run may push twice) waits for the next run.
    const hold = new Set<string>(result.errors.filter((e) => e.kind === 'change' && e.ref).map((e) => e.ref!));
    const breaker = await bulkDeleteCheck(this.reader);
    if (breaker.verdict.needsConfirmation && !confirmed) {
      for (const id of breaker.changeIds) hold.add(id);
      if (!result.needsBulkDeleteConfirmation) {
        const message = bulkDeleteMessage(breaker.verdict);
        result.needsBulkDeleteConfirmation = { total: breaker.verdict.total, entities: breaker.verdict.entities, message };
        result.errors.push({ kind: 'bulk_delete', message });
      }
    }
    const full = Math.max(1, Math.min(this.o.batchSize, hello.limits.maxPushChanges));
    let size = full;
    let after = 0;
    for (let guard = 0; guard < 1_000_000; guard++) {
      const rows = await readPending(this.reader, after, size);
      if (rows.length === 0) break;
      const batch = rows.filter((r) => !hold.has(r.changeId));
      const lastSeq = rows[rows.length - 1]!.seq;
      if (batch.length === 0) {
        after = lastSeq;
        continue;
      }
      const metas = await loadMetas(
        this.reader,
        batch.filter((c) => c.op !== 'insert'),
      );
      const wire = batch.map((c) => toWire(c, metas));
      if (wire.length > 1 && JSON.stringify(wire).length > hello.limits.maxPushBytes * 0.9) {
        size = Math.max(1, Math.floor(size / 2));
        continue;
      }
      let res;
      try {
        res = await http.push(wire, confirmed);
      } catch (err) {
        if (err instanceof SyncHttpError && err.status === 409 && err.code === SYNC_ERROR_CODES.bulkDelete) {
          // The server's breaker saw more than ours: hold this batch's deletes, send the rest.
          const held = batch.filter((c) => isDeleteChange({ op: c.op, data: JSON.parse(c.data) }));
          for (const c of held) hold.add(c.changeId);
          if (!result.needsBulkDeleteConfirmation) {
            result.needsBulkDeleteConfirmation = { total: held.length, entities: [], message: err.message };
            result.errors.push({ kind: 'bulk_delete', message: err.message });
          }
          if (held.length === 0) throw err;
          continue;
        }
        if (err instanceof SyncHttpError && (err.status === 413 || err.status === 400)) {
          if (size > 1 && batch.length > 1) {
            size = Math.max(1, Math.floor(size / 2));
            continue;
          }
          // One change the server cannot take at all: count it, move on.
          await this.rejected(batch, [{ changeId: batch[0]!.changeId, message: err.message }], result);
          after = lastSeq;
          continue;
        }
        throw err;
      }
      const acks: { change: PendingChange; seq: number | undefined }[] = [];
      const refused: { changeId: string; message: string }[] = [];
      res.results.forEach((r, i) => {
        if (r.status === 'rejected') refused.push({ changeId: r.changeId, message: r.message ?? r.code ?? 'Bị từ chối.' });
        else acks.push({ change: batch[i]!, seq: r.seq });
      });
      const at = nowIso();
      await this.write((m) => ackChanges(m, acks, at));
      result.pushed += acks.length;
      if (refused.length > 0) await this.rejected(batch, refused, result);
      after = lastSeq;
      size = Math.min(full, size * 2);
    }
  }

  private async rejected(
    batch: PendingChange[],
    refused: { changeId: string; message: string }[],
    result: SyncRunResult,
  ): Promise<void> {
    const at = nowIso();
    const poisoned = new Set(await this.write((m) => recordRejections(m, refused, at, this.o.maxTries)));
    for (const r of refused) {
      const c = batch.find((b) => b.changeId === r.changeId);
      const what = c ? `${c.entity} ${c.rowId}` : r.changeId;
      result.errors.push({
        kind: 'change',
        ref: r.changeId,
        message: `Máy chủ từ chối thay đổi ${what}: ${r.message}${poisoned.has(r.changeId) ? ` Đã tạm gác lại sau ${this.o.maxTries} lần thử; các thay đổi khác vẫn được gửi.` : ''}`,
      });
    }
  }

  /**
   * Pulls every page after the cursor; returns SHA-256 of files this computer lacks. Evidence
   * this computer renumbers on the way (ADR 0013) is appended to `renumbered` and reported.
   */
  private async pullAll(
    http: SyncHttp,
    hello: HelloResponse,
    st: SyncState,
    result: SyncRunResult,
    renumbered: CodeRenumbering[] = [],
  ): Promise<Set<string>> {
    const before = renumbered.length;
    let cursor = Number(st.cursor ?? 0);
    let adopt = st.adopt ? Number(st.adopt) : null;
    const wanted = new Set<string>();
    let failed = 0;
    for (let guard = 0; guard < 1_000_000; guard++) {
      const page = await http.pull(cursor, Math.min(this.o.pullLimit, hello.limits.maxPullLimit));
      if (page.streamId !== hello.streamId) {
        throw new SyncStop(
          'server_reset',
          'Dữ liệu đồng bộ của trường trên máy chủ vừa được tạo lại; đồng bộ đã dừng. Hãy liên hệ Sở.',
        );
      }
      const at = nowIso();
      const { outcome, settled } = await this.deps.writes.run(null, async (tx) => {
        const m = tx.manager;
        if (adopt !== null) {
          await adoptServerSchool(m, adopt);
          await writeState(m, { adopt: null });
        }
        const o = await applyPage(m, page.changes, at);
        const s = await this.settleCodes(tx, page.changes, at);
        // The cursor moves in the same transaction as the data: a crash never skips a page.
        await writeState(m, { cursor: String(page.lastSeq), serverSeq: String(page.serverSeq) });
        return { outcome: o, settled: s };
      });
      renumbered.push(...settled);
      adopt = null;
      result.pulled += outcome.remote;
      failed += outcome.failed;
      for (const h of outcome.blobHashes) wanted.add(h);
      cursor = page.lastSeq;
      if (!page.hasMore) break;
    }
    const retried = await this.deps.writes.run(null, async (tx) => {
      const at = nowIso();
      const r = await retryInbox(tx.manager, at, this.o.inboxMaxTries);
      return { ...r, settled: await this.settleCodes(tx, r.changes, at) };
    });
    renumbered.push(...retried.settled);
    for (const h of retried.blobHashes) wanted.add(h);
    for (const r of renumbered.slice(before)) {
      result.notices.push({ kind: 'renumbered', message: renumberingMessage(r), ref: r.evidenceId });
    }
    const [left] = (await this.reader.query('select count(*) as n from sync_inbox_failure where givenUpAt is null')) as {
      n: number;
    }[];
    if (failed > 0 || Number(left?.n ?? 0) > 0) {
      const rows: { entity: string; rowId: string; lastError: string }[] = await this.reader.query(
        'select entity, rowId, lastError from sync_inbox_failure order by seq limit 3',
      );
      for (const r of rows) result.errors.push({ kind: 'apply', message: r.lastError, ref: `${r.entity}:${r.rowId}` });
    }
    const missing = new Set<string>();
    for (const h of wanted) if (!(await this.blobs.store.has(h))) missing.add(h);
    return missing;
  }

  /**
   * Inside a pull's write transaction: evidence codes the pulled changes bring that another
   * live evidence also holds are settled (ADR 0013), and each renumbering is kept for status.
   */
  private async settleCodes(tx: SyncTx, changes: { entity: string; rowId: string; data: Record<string, unknown> }[], at: string) {
    const ids = changes.filter((c) => c.entity === 'Evidence' && 'code' in c.data).map((c) => c.rowId);
    if (ids.length === 0) return [];
    const done = await settleEvidenceCodes(tx, ids, (frameworkId) => this.codeRules(frameworkId), at);
    if (done.length > 0) {
      const kept = parseJson<CodeRenumbering[]>((await readState(tx.manager)).renumbered, []);
      await writeState(tx.manager, { renumbered: JSON.stringify([...kept, ...done].slice(-RENUMBERED_KEPT)) });
    }
    return done;
  }

  private async codeRules(frameworkId: string): Promise<CodeRules | null> {
    try {
      return this.deps.frameworks
        ? codeRulesFrom(this.deps.frameworks, frameworkId)
        : await loadCodeRules(this.deps.resourcesDir ?? defaultResourcesDir(), frameworkId);
    } catch {
      return null;
    }
  }

  private async openConflicts(): Promise<number> {
    const [r] = (await this.reader.query(
      `select count(*) as n from sync_conflict where status = 'open' and deletedAt is null`,
    )) as { n: number }[];
    return Number(r?.n ?? 0);
  }

  // ───────────────────────────── status ─────────────────────────────

  async status(): Promise<SyncStatus> {
    const st = await readState(this.reader);
    const pending = await countPending(this.reader);
    const limits = parseJson<{ maxBlobBytes?: number } | null>(st.limits, null);
    const blobs = await this.blobs.pendingUploads(await pendingBlobHashes(this.reader), limits?.maxBlobBytes ?? null);
    const poisoned: { changeId: string; entity: string; rowId: string; lastError: string; tries: number }[] =
      await this.reader.query(
        `select f.changeId, c.entity, c.rowId, f.lastError, f.tries from sync_outbox_failure f join change_log c on c.changeId = f.changeId
       where f.poisonedAt is not null and c.pushedAt is null order by c.seq limit 100`,
      );
    const inbox: { seq: number; entity: string; rowId: string; lastError: string; tries: number; givenUpAt: string | null }[] =
      await this.reader.query(
        'select seq, entity, rowId, lastError, tries, givenUpAt from sync_inbox_failure order by seq limit 100',
      );
    const [queued] = (await this.reader.query(`select count(*) as n from sync_submission where state = 'queued'`)) as {
      n: number;
    }[];
    const token = await this.secrets.get(TOKEN_SECRET);
    const bulk = parseJson<SyncStatus['bulkDelete']>(st.bulkDelete, null);
    return {
      enrolled: Boolean(st.serverUrl && token),
      serverUrl: st.serverUrl ?? null,
      deviceName: st.deviceName ?? null,
      username: st.username ?? null,
      school: parseJson<Unit | null>(st.unit, null),
      running: this.running,
      autoSync: this.scheduler.running,
      pendingChanges: pending.count,
      pendingBytes: pending.bytes + blobs.bytes,
      pendingBlobs: blobs.count,
      lastSuccessAt: st.lastSuccessAt ?? null,
      lastAttemptAt: st.lastAttemptAt ?? null,
      lastError: st.lastError ?? null,
      nextRetryAt: st.nextRetryAt ?? null,
      blocked: (st.blocked as SyncStatus['blocked']) ?? null,
      bulkDelete: st.blocked === 'bulk_delete' ? bulk : null,
      conflicts: await this.openConflicts(),
      poisoned: poisoned.map((p) => ({
        changeId: p.changeId,
        entity: p.entity,
        rowId: p.rowId,
        error: p.lastError,
        tries: p.tries,
      })),
      inboxFailures: inbox.map((r) => ({
        seq: r.seq,
        entity: r.entity,
        rowId: r.rowId,
        error: r.lastError,
        tries: r.tries,
        givenUp: r.givenUpAt !== null,
      })),
      blobIssues: await this.blobs.issues(),
      submissionsQueued: Number(queued?.n ?? 0),
      cursor: Number(st.cursor ?? 0),
      serverSeq: Number(st.serverSeq ?? 0),
      renumbered: parseJson<CodeRenumbering[]>(st.renumbered, [])
        .reverse()
        .map((r) => ({ ...r, message: renumberingMessage(r) })),
    };
  }

  // ───────────────────────────── conflicts ─────────────────────────────

  async conflicts(status: 'open' | 'all'): Promise<SyncConflictView[]> {
    const rows = (await this.reader.getRepository(SyncConflictEntity).find({
      where: status === 'open' ? ({ status: 'open' } as never) : {},
      order: { createdAt: 'ASC', id: 'ASC' } as never,
    })) as SyncConflictRow[];
    return rows.filter((r) => !r.deletedAt).map(toConflictView);
  }

  /**
   * Keeps one version (or a merged text) in the record and closes the conflict. Both writes
   * are ordinary change-logged updates, so the decision reaches every device of the school.
   */
  async resolveConflict(
    actor: string | null,
    input: { id: string; choice: 'kept' | 'other' | 'custom'; value?: string },
  ): Promise<SyncConflictView> {
    const row = await this.deps.writes.run(actor, async (tx) => {
      const repo = tx.manager.getRepository(SyncConflictEntity);
      const c = (await repo.findOneBy({ id: input.id })) as SyncConflictRow | null;
      if (!c || c.deletedAt) throw new RpcError('NOT_FOUND', 'Không tìm thấy xung đột này.');
      if (c.status !== 'open') throw new RpcError('CONFLICT', 'Xung đột này đã được xử lý.');
      const chosen = input.choice === 'kept' ? c.keptValue : input.choice === 'other' ? c.otherValue : (input.value ?? '');
      const schema = syncedSchemas().get(c.entity);
      if (schema) {
        const target = (await tx.manager.getRepository(schema).findOneBy({ id: c.rowId } as never)) as Record<
          string,
          unknown
        > | null;
        if (target && !target.deletedAt && c.field in target) {
          await tx.update(schema as never, c.rowId, { [c.field]: chosen } as never);
        }
      }
      return tx.update(SyncConflictEntity, c.id, {
        status: 'resolved',
        resolution: input.choice,
        resolvedValue: chosen,
        resolvedBy: actor,
        resolvedAt: nowIso(),
      });
    });
    this.scheduler.poke();
    return toConflictView(row);
  }

  // ───────────────────────────── sneakernet ─────────────────────────────

  /** Writes pending changes and their files into a .zip at `target` (or the data folder). */
  async exportPackage(opts: { target?: string; confirmBulkDelete?: boolean }) {
    const st = await readState(this.reader);
    const breaker = await bulkDeleteCheck(this.reader);
    if (breaker.verdict.needsConfirmation && !opts.confirmBulkDelete) {
      throw new RpcError('VALIDATION', bulkDeleteMessage(breaker.verdict));
    }
    const school = await findSchool(this.reader);
    const changes = [];
    let after = 0;
    for (;;) {
      const rows = await readPending(this.reader, after, 1000);
      if (rows.length === 0) break;
      const metas = await loadMetas(
        this.reader,
        rows.filter((c) => c.op !== 'insert'),
      );
      changes.push(...rows.map((c) => toWire(c, metas)));
      after = rows[rows.length - 1]!.seq;
    }
    const blobs: { sha256: string; sizeBytes: number; path: string }[] = [];
    for (const sha256 of await pendingBlobHashes(this.reader)) {
      const size = await this.blobs.store.size(sha256);
      if (size !== null) blobs.push({ sha256, sizeBytes: size, path: this.blobs.store.path(sha256) });
    }
    const packageId = newId();
    const stamp = nowIso().replace(/[:.]/g, '-');
    const fileName = `goi-dong-bo-${(school?.code || 'truong').replace(/[^A-Za-z0-9_-]/g, '')}-${stamp}.zip`;
    const target = opts.target ?? path.join(this.deps.dataDir, 'sync-packages', fileName);
    const unit = parseJson<Unit | null>(st.unit, null);
    const deviceId = st.deviceId ?? (await this.ensureDeviceId());
    const written = await writePackage(
      target,
      {
        packageId,
        createdAt: nowIso(),
        appVersion: this.o.appVersion,
        schemaVersion: this.o.schemaVersion,
        deviceId,
        school: {
          id: school?.id ?? '',
          code: school?.code ?? unit?.code ?? '',
          name: school?.name ?? '',
          unitId: unit?.id ?? null,
        },
        confirmBulkDelete: opts.confirmBulkDelete === true,
      },
      changes,
      blobs,
    );
    return {
      packageId,
      fileName: path.basename(target),
      bytes: written.bytes,
      changes: changes.length,
      blobs: blobs.length,
      manifestSha256: written.manifestSha256,
      inDataDir: opts.target === undefined,
    };
  }

  private async ensureDeviceId(): Promise<string> {
    const id = newId();
    await this.write((m) => writeState(m, { deviceId: id }));
    return id;
  }

  // ───────────────────────────── submissions ─────────────────────────────

  /** Freezes the dossier now; sends it at once when the server is reachable, otherwise at the next sync. */
  async submit(subject: DossierSubject): Promise<LocalSubmission> {
    const school = await findSchool(this.reader);
    if (!school) throw new RpcError('NOT_FOUND', 'Chưa khai báo thông tin nhà trường.');
    const collector = dossierCollectors[subject.kind];
    // One transaction of the write queue: every row read from the same committed state.
    const rows = await this.write((m) => collector(m, subject));
    const sizes = new Map<string, number>();
    for (const h of blobsOfRows(rows)) {
      const size = await this.blobs.store.size(h);
      if (size === null) {
        throw new RpcError(
          'VALIDATION',
          `Tệp minh chứng ${h.slice(0, 12)}… của hồ sơ không có trên máy này; không thể nộp hồ sơ thiếu tệp.`,
        );
      }
      sizes.set(h, size);
    }
    const submissionId = newId();
    const createdAt = nowIso();
    const dossier = buildDossier(rows, sizes, {
      format: 'truong-chuan-dossier',
      formatVersion: 1,
      submissionId,
      kind: subject.kind,
      subjectId: subject.kind === 'assessment' ? subject.assessmentId : '',
      school: { id: school.id, code: school.code, name: school.name },
      createdAt,
      appVersion: this.o.appVersion,
      schemaVersion: this.o.schemaVersion,
    });
    const row: SyncSubmissionRow = {
      id: submissionId,
      kind: subject.kind,
      subjectId: dossier.manifest.subjectId,
      version: null,
      state: 'queued',
      manifestHash: dossier.manifestHash,
      manifest: JSON.stringify(dossier.manifest),
      payload: JSON.stringify(dossier.rows),
      rowCount: dossier.manifest.rows.length,
      blobCount: dossier.manifest.blobs.length,
      submittedAt: createdAt,
      sentAt: null,
      updatedAt: createdAt,
      events: '[]',
      diff: '',
      lastError: '',
    };
    await this.write((m) => m.getRepository<SyncSubmissionRow>('SyncSubmission').insert(row));
    const st = await readState(this.reader);
    const token = await this.secrets.get(TOKEN_SECRET);
    if (!st.serverUrl || !token) {
      await this.setSubmissionError(
        submissionId,
        'Máy chưa đăng ký đồng bộ với máy chủ của Sở; hồ sơ đã được chốt và sẽ gửi khi máy được đăng ký và đồng bộ.',
      );
    } else {
      try {
        await this.sendSubmission(this.http(st, token), submissionId);
      } catch (err) {
        const message =
          err instanceof SyncHttpError && err.kind === 'network'
            ? `${err.message} Hồ sơ đã được chốt trên máy và sẽ tự gửi ở lần đồng bộ tới.`
            : err instanceof Error
              ? err.message
              : String(err);
        await this.setSubmissionError(submissionId, message);
      }
    }
    return this.localSubmission(submissionId);
  }

  private async setSubmissionError(id: string, message: string): Promise<void> {
    await this.write((m) =>
      m.query('update sync_submission set lastError = ?, updatedAt = ? where id = ?', [message, nowIso(), id]),
    );
  }

  private async localSubmission(id: string): Promise<LocalSubmission> {
    const row = (await this.reader.getRepository<SyncSubmissionRow>('SyncSubmission').findOneBy({ id }))!;
    return toSubmissionView(row);
  }

  /** Uploads the dossier's files, then the snapshot; records the server's answer. */
  private async sendSubmission(http: SyncHttp, id: string): Promise<void> {
    const row = (await this.reader.getRepository<SyncSubmissionRow>('SyncSubmission').findOneBy({ id }))!;
    const manifest = JSON.parse(row.manifest);
    for (const b of manifest.blobs as { sha256: string; sizeBytes: number }[]) {
      await this.blobs.upload(http, b.sha256, b.sizeBytes);
    }
    let view: SubmissionView;
    try {
      view = await http.submit({ manifest, manifestHash: row.manifestHash, rows: JSON.parse(row.payload) });
    } catch (err) {
      if (
        err instanceof SyncHttpError &&
        err.kind === 'http' &&
        err.status >= 400 &&
        err.status < 500 &&
        err.status !== 401 &&
        err.status !== 426 &&
        err.code !== SYNC_ERROR_CODES.blobsMissing
      ) {
        await this.write((m) =>
          m.query(`update sync_submission set state = 'rejected', lastError = ?, updatedAt = ? where id = ?`, [
            err.message,
            nowIso(),
            id,
          ]),
        );
      }
      throw err;
    }
    await this.storeServerView(view, nowIso());
  }

  private async storeServerView(view: SubmissionView, sentAt: string | null): Promise<void> {
    await this.write((m) =>
      m.query(
        `insert into sync_submission (id, kind, subjectId, version, state, manifestHash, manifest, payload, rowCount, blobCount, submittedAt, sentAt, updatedAt, events, diff, lastError)
         values (?, ?, ?, ?, ?, ?, '', '', ?, ?, ?, ?, ?, ?, ?, '')
         on conflict (id) do update set version = excluded.version, state = excluded.state, rowCount = excluded.rowCount,
           blobCount = excluded.blobCount, sentAt = coalesce(sync_submission.sentAt, excluded.sentAt), updatedAt = excluded.updatedAt,
           events = excluded.events, diff = excluded.diff, lastError = ''`,
        [
          view.id,
          view.kind,
          view.subjectId,
          view.version,
          view.state,
          view.manifestHash,
          view.rowCount,
          view.blobCount,
          view.submittedAt,
          sentAt,
          view.updatedAt,
          JSON.stringify(view.events),
          view.diff ? JSON.stringify(view.diff) : '',
        ],
      ),
    );
  }

  private async sendQueuedSubmissions(http: SyncHttp, result: SyncRunResult): Promise<void> {
    const queued: { id: string }[] = await this.reader.query(
      `select id from sync_submission where state = 'queued' order by submittedAt`,
    );
    for (const q of queued) {
      try {
        await this.sendSubmission(http, q.id);
      } catch (err) {
        if (
          err instanceof SyncHttpError &&
          (err.kind === 'network' || err.status === 401 || err.status === 426 || err.status >= 500)
        )
          throw err;
        const message = err instanceof Error ? err.message : String(err);
        await this.setSubmissionError(q.id, message);
        result.errors.push({ kind: 'submission', message, ref: q.id });
      }
    }
  }

  /** This school's submissions, refreshed from the server when it answers. */
  async submissions(): Promise<{ submissions: LocalSubmission[]; refreshed: boolean; error: string | null }> {
    const st = await readState(this.reader);
    const token = await this.secrets.get(TOKEN_SECRET);
    let refreshed = false;
    let error: string | null = null;
    if (st.serverUrl && token) {
      try {
        for (const v of await this.http(st, token).submissions()) await this.storeServerView(v, null);
        refreshed = true;
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      }
    } else {
      error = 'Máy chưa đăng ký đồng bộ với máy chủ của Sở.';
    }
    const rows = await this.reader.getRepository<SyncSubmissionRow>('SyncSubmission').find({ order: { submittedAt: 'DESC' } });
    return { submissions: rows.map(toSubmissionView), refreshed, error };
  }
}
