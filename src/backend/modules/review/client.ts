import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { RpcError, type ErrorCode } from '../../../contract/rpc';
import type {
  assignmentSchema,
  CommentInput,
  dashboardSchema,
  dossierDiffSchema,
  dossierInfoSchema,
  inboxItemSchema,
  InboxQuery,
  JudgmentInput,
  recognitionSchema,
  ReviewAccount,
  ReviewDossier,
  ReviewStatus,
  reviewCommentInputSchema,
  reviewJudgeInputSchema,
  SchoolComment,
  TeamView,
} from '../../../contract/schemas/review';
import { canonicalJson, type SubmissionView } from '../../../contract/sync-protocol';
import type { FrameworkRegistry } from '../../frameworks/framework-loader';
import { NATIONAL_STANDARD_CODE, splitNoteEvidence } from '../../../core/levels/team-level-conditions';
import { normaliseServerUrl } from '../sync/http';
import { isLevels, proposedLevels, schoolLevels } from './levels';
import { FileSecretStore, type SecretStore } from '../sync/secret-store';
import type { SchoolCommentsApi } from './school-comments';

/** Where the department workstation keeps its session token (SecretStore, never the renderer). */
export const REVIEW_TOKEN_SECRET = 'review-session-token';
const SYNC_TOKEN_SECRET = 'sync-device-token';

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

interface StoredState {
  serverUrl: string;
  account: NonNullable<ReviewStatus['account']>;
  units: ReviewStatus['units'];
  /** Set up at first run as a department workstation; kept when another account signs in. */
  workstation?: boolean;
}

interface SnapshotRow {
  entity: string;
  id: string;
  data: Record<string, unknown>;
}

interface LocalDossier {
  submissionId: string;
  downloadedAt: string;
  info: z.infer<typeof dossierInfoSchema>;
  manifest: { rows: { entity: string; id: string; sha256: string }[]; blobs: { sha256: string; sizeBytes: number }[] };
  manifestHash: string;
  rows: SnapshotRow[];
}

interface WorkFile {
  judgments: (JudgmentInput & { pushed: boolean })[];
  comments: (CommentInput & { pushed: boolean })[];
}

const STATUS_TEXT: Record<number, [ErrorCode, string]> = {
  400: ['VALIDATION', 'Máy chủ của Sở từ chối dữ liệu gửi lên.'],
  401: ['UNAUTHENTICATED', 'Phiên đăng nhập máy chủ của Sở đã hết hạn; hãy thiết lập lại chế độ Sở.'],
  403: ['FORBIDDEN', 'Tài khoản không có quyền với hồ sơ này.'],
  404: ['NOT_FOUND', 'Không tìm thấy trên máy chủ của Sở.'],
  409: ['CONFLICT', 'Thao tác không phù hợp với trạng thái hiện tại của hồ sơ.'],
};

/**
 * The department workstation (issue 8, docs/review.md): a desktop installation where an
 * inspector or a department admin logs in to the department server. Dossiers are downloaded
 * with every file (each checked against its SHA-256) under `<dataDir>/review/`, reviewed
 * offline (judgments and comments kept in a local work file with client ids), and pushed when
 * online; pushing again is harmless. Also the school's side of returned comments (with the
 * sync module's device token).
 */
export class ReviewClient {
  readonly secrets: SecretStore;
  readonly root: string;

  constructor(
    readonly deps: { dataDir: string; frameworks: FrameworkRegistry; readSyncServerUrl?: () => Promise<string | null> },
    secrets?: SecretStore,
  ) {
    this.secrets = secrets ?? new FileSecretStore(path.join(deps.dataDir, 'secrets'));
    this.root = path.join(deps.dataDir, 'review');
  }

  // --- files ------------------------------------------------------------------------------------

  private async readJson<T>(file: string): Promise<T | null> {
    try {
      return JSON.parse(await fsp.readFile(file, 'utf8')) as T;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  private async writeJson(file: string, value: unknown): Promise<void> {
    await fsp.mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await fsp.writeFile(tmp, JSON.stringify(value));
    await fsp.rename(tmp, file);
  }

  private dossierDir(id: string): string {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new RpcError('VALIDATION', 'Mã hồ sơ không hợp lệ.');
    return path.join(this.root, 'dossiers', id.toLowerCase());
  }

  blobPath(hash: string): string {
    return path.join(this.root, 'blobs', hash.slice(0, 2), hash);
  }

  private state(): Promise<StoredState | null> {
    return this.readJson<StoredState>(path.join(this.root, 'state.json'));
  }

  // --- HTTP -------------------------------------------------------------------------------------

  private async request(base: string, token: string | null, method: string, url: string, body?: unknown): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(`${base}${url}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(120_000),
      });
    } catch {
      throw new RpcError(
        'CONFLICT',
        'Không kết nối được tới máy chủ của Sở. Hồ sơ đã tải về vẫn làm việc được khi không có mạng.',
      );
    }
    if (!res.ok) {
      const payload = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
      const [code, text] = STATUS_TEXT[res.status] ?? ['INTERNAL', 'Máy chủ của Sở gặp lỗi khi xử lý.'];
      throw new RpcError(code, payload?.error?.message ?? text);
    }
    return res;
  }

  private async api<T>(method: string, url: string, body?: unknown): Promise<T> {
    const st = await this.state();
    const token = await this.secrets.get(REVIEW_TOKEN_SECRET);
    if (!st || !token) throw new RpcError('CONFLICT', 'Máy này chưa được thiết lập làm máy của Sở (review.setup).');
    const res = await this.request(st.serverUrl, token, method, url, body);
    return (await res.json()) as T;
  }

  // --- setup --------------------------------------------------------------------------------------

  /**
   * Logs this computer in to the server with a department account. `workstation` marks the
   * first-run set-up of a department workstation; signing in again later keeps the mark.
   */
  async setup(
    input: { serverUrl: string; username: string; password: string },
    opts: { workstation?: boolean } = {},
  ): Promise<ReviewStatus> {
    let serverUrl: string;
    try {
      serverUrl = normaliseServerUrl(input.serverUrl);
    } catch (err) {
      throw new RpcError('VALIDATION', (err as Error).message, { serverUrl: (err as Error).message });
    }
    let loginRes: Response;
    try {
      loginRes = await this.request(serverUrl, null, 'POST', '/api/auth/login', {
        username: input.username,
        password: input.password,
      });
    } catch (err) {
      // The server's 401 here is a wrong password, not this computer's session ending: the form
      // must show it on the field (UNAUTHENTICATED would sign the local user out).
      if (err instanceof RpcError && err.code === 'UNAUTHENTICATED') {
        const text = 'Tên đăng nhập hoặc mật khẩu trên máy chủ của Sở không đúng.';
        throw new RpcError('VALIDATION', text, { password: text });
      }
      throw err;
    }
    const login = (await loginRes.json()) as {
      token: string;
      account: { id: string; username: string; displayName: string; role: string };
    };
    if (login.account.role === 'school_user') {
      await this.request(serverUrl, login.token, 'POST', '/api/auth/logout').catch(() => undefined);
      throw new RpcError(
        'FORBIDDEN',
        'Tài khoản của trường không dùng được cho chế độ Sở; hãy đăng nhập bằng tài khoản chuyên viên hoặc quản trị.',
      );
    }
    const me = (await (await this.request(serverUrl, login.token, 'GET', '/api/me')).json()) as {
      unit: { id: string; code: string; name: string };
    };
    const units = (await (await this.request(serverUrl, login.token, 'GET', '/api/review/units')).json()) as {
      units: ReviewStatus['units'];
    };
    const old = await this.secrets.get(REVIEW_TOKEN_SECRET);
    const prev = await this.state();
    if (old && prev) await this.request(prev.serverUrl, old, 'POST', '/api/auth/logout').catch(() => undefined);
    await this.secrets.set(REVIEW_TOKEN_SECRET, login.token);
    await this.writeJson(path.join(this.root, 'state.json'), {
      serverUrl,
      account: { ...login.account, unit: { id: me.unit.id, code: me.unit.code, name: me.unit.name } },
      units: units.units,
      ...(opts.workstation || prev?.workstation ? { workstation: true } : {}),
    } satisfies StoredState);
    return this.status();
  }

  /** Signs out of the server and forgets the account (a first-run set-up that failed half-way). */
  async forget(): Promise<void> {
    const st = await this.state();
    const token = await this.secrets.get(REVIEW_TOKEN_SECRET);
    if (st && token) await this.request(st.serverUrl, token, 'POST', '/api/auth/logout').catch(() => undefined);
    await this.secrets.delete(REVIEW_TOKEN_SECRET);
    await fsp.rm(path.join(this.root, 'state.json'), { force: true });
  }

  async status(): Promise<ReviewStatus> {
    const st = await this.state();
    const token = await this.secrets.get(REVIEW_TOKEN_SECRET);
    const dir = path.join(this.root, 'dossiers');
    const downloaded: ReviewStatus['downloaded'] = [];
    for (const id of fs.existsSync(dir) ? await fsp.readdir(dir) : []) {
      const d = await this.readJson<LocalDossier>(path.join(dir, id, 'dossier.json'));
      if (d)
        downloaded.push({
          submissionId: d.submissionId,
          schoolName: d.info.school.name,
          version: d.info.submission.version,
          downloadedAt: d.downloadedAt,
        });
    }
    const department = Boolean(st && token);
    return {
      mode: department ? 'department' : 'school',
      serverUrl: department ? st!.serverUrl : null,
      account: department ? st!.account : null,
      workstation: Boolean(st?.workstation),
      units: department ? st!.units : [],
      downloaded,
    };
  }

  /** Accounts a department admin may put on a team (the server answers 403 to an inspector). */
  async accounts(): Promise<ReviewAccount[]> {
    return (await this.api<{ accounts: ReviewAccount[] }>('GET', '/api/review/accounts')).accounts;
  }

  async units(): Promise<ReviewStatus['units']> {
    const r = await this.api<{ units: ReviewStatus['units'] }>('GET', '/api/review/units');
    const st = (await this.state())!;
    await this.writeJson(path.join(this.root, 'state.json'), { ...st, units: r.units });
    return r.units;
  }

  // --- online passthrough ---------------------------------------------------------------------------

  async inbox(q: InboxQuery = {}): Promise<z.infer<typeof inboxItemSchema>[]> {
    const qs = new URLSearchParams(
      Object.entries(q).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)] as [string, string]])),
    );
    return (await this.api<{ items: z.infer<typeof inboxItemSchema>[] }>('GET', `/api/review/inbox?${qs}`)).items;
  }
  assign(id: string, body: { leadId: string; memberIds: string[]; deadline?: string | null }) {
    return this.api<z.infer<typeof assignmentSchema>>('POST', `/api/review/dossiers/${encodeURIComponent(id)}/assign`, body);
  }
  /**
   * The members' judgments side by side (server), with the team's proposed levels by the level
   * engine when the dossier's framework is known here (the dossier is downloaded).
   */
  async team(id: string): Promise<TeamView> {
    const view = await this.api<TeamView>('GET', `/api/review/dossiers/${encodeURIComponent(id)}/team`);
    const local = await this.readJson<LocalDossier>(path.join(this.dossierDir(id), 'dossier.json'));
    const frameworkId = local ? frameworkIdOf(local) : null;
    return { ...view, proposed: proposedLevels(frameworkId ? this.deps.frameworks.get(frameworkId) : undefined, view) };
  }
  conclude(id: string, body: { level: number; findings: string; conclusion: string; recommendation: string }) {
    return this.api<NonNullable<TeamView['conclusion']>>(
      'POST',
      `/api/review/dossiers/${encodeURIComponent(id)}/conclusion`,
      body,
    );
  }
  returnDossier(id: string, message: string) {
    return this.api<SubmissionView>('POST', `/api/review/dossiers/${encodeURIComponent(id)}/return`, { message });
  }
  accept(id: string) {
    return this.api<SubmissionView>('POST', `/api/review/dossiers/${encodeURIComponent(id)}/accept`, {});
  }
  decide(id: string, body: { number: string; date: string; level?: number; validYears?: number }) {
    return this.api<z.infer<typeof recognitionSchema>>('POST', `/api/review/dossiers/${encodeURIComponent(id)}/decision`, body);
  }
  diff(id: string) {
    return this.api<z.infer<typeof dossierDiffSchema>>('GET', `/api/review/dossiers/${encodeURIComponent(id)}/diff`);
  }
  async audit(id: string) {
    return (
      await this.api<{ entries: { at: string; actorName: string; action: string; detail: string; submissionId: string }[] }>(
        'GET',
        `/api/review/dossiers/${encodeURIComponent(id)}/audit`,
      )
    ).entries;
  }
  dashboard() {
    return this.api<z.infer<typeof dashboardSchema>>('GET', '/api/review/dashboard');
  }
  async recognitions() {
    return (await this.api<{ recognitions: z.infer<typeof recognitionSchema>[] }>('GET', '/api/review/recognitions'))
      .recognitions;
  }

  // --- download & offline work --------------------------------------------------------------------

  /** The frozen snapshot and every file, each checked against its hash, kept for offline work. */
  async download(submissionId: string) {
    const dir = this.dossierDir(submissionId);
    const info = await this.api<z.infer<typeof dossierInfoSchema>>('GET', `/api/review/dossiers/${submissionId}`);
    const snap = await this.api<{ manifest: LocalDossier['manifest']; manifestHash: string; rows: SnapshotRow[] }>(
      'GET',
      `/api/review/dossiers/${submissionId}/snapshot`,
    );
    if (sha256(canonicalJson(snap.manifest)) !== snap.manifestHash) {
      throw new RpcError('VALIDATION', 'Bản kê hồ sơ tải về không khớp mã băm; hãy tải lại.');
    }
    const listed = new Map(snap.manifest.rows.map((r) => [`${r.entity}\u0000${r.id}`, r.sha256]));
    for (const r of snap.rows) {
      if (listed.get(`${r.entity}\u0000${r.id}`) !== sha256(canonicalJson({ entity: r.entity, id: r.id, data: r.data }))) {
        throw new RpcError('VALIDATION', `Bản ghi ${r.entity} ${r.id} tải về không khớp mã băm; hãy tải lại.`);
      }
    }
    const st = (await this.state())!;
    const token = (await this.secrets.get(REVIEW_TOKEN_SECRET))!;
    let bytes = 0;
    let reused = 0;
    for (const b of snap.manifest.blobs) {
      const target = this.blobPath(b.sha256);
      if (fs.existsSync(target) && sha256(await fsp.readFile(target)) === b.sha256) {
        reused++;
        continue;
      }
      const res = await this.request(st.serverUrl, token, 'GET', `/api/review/dossiers/${submissionId}/blobs/${b.sha256}`);
      const buf = Buffer.from(await res.arrayBuffer());
      if (sha256(buf) !== b.sha256 || buf.length !== b.sizeBytes) {
        throw new RpcError('VALIDATION', `Tệp ${b.sha256.slice(0, 12)}… tải về bị hỏng (không khớp mã băm); hãy tải lại.`);
      }
      await fsp.mkdir(path.dirname(target), { recursive: true });
      await fsp.writeFile(`${target}.tmp`, buf);
      await fsp.rename(`${target}.tmp`, target);
      bytes += buf.length;
    }
    await this.writeJson(path.join(dir, 'dossier.json'), {
      submissionId,
      downloadedAt: new Date().toISOString(),
      info,
      manifest: snap.manifest,
      manifestHash: snap.manifestHash,
      rows: snap.rows,
    } satisfies LocalDossier);
    return { submissionId, rows: snap.rows.length, files: snap.manifest.blobs.length, bytes, reused };
  }

  private async local(submissionId: string): Promise<LocalDossier> {
    const d = await this.readJson<LocalDossier>(path.join(this.dossierDir(submissionId), 'dossier.json'));
    if (!d) throw new RpcError('NOT_FOUND', 'Hồ sơ này chưa được tải về máy; hãy tải về trước khi đánh giá.');
    return d;
  }

  private async work(submissionId: string): Promise<WorkFile> {
    return (
      (await this.readJson<WorkFile>(path.join(this.dossierDir(submissionId), 'work.json'))) ?? { judgments: [], comments: [] }
    );
  }

  private saveWork(submissionId: string, w: WorkFile): Promise<void> {
    return this.writeJson(path.join(this.dossierDir(submissionId), 'work.json'), w);
  }

  /** The school's self-assessment, criterion by criterion, with this reviewer's own work. Offline. */
  async dossier(submissionId: string): Promise<ReviewDossier> {
    const d = await this.local(submissionId);
    const w = await this.work(submissionId);
    const rows = d.rows.filter((r) => !r.data.deletedAt);
    const assessment = rows.find((r) => r.entity === 'Assessment' && r.id === d.info.submission.subjectId);
    const frameworkId = frameworkIdOf(d);
    const fw = frameworkId ? this.deps.frameworks.get(frameworkId) : undefined;
    // The school's levels by the level engine, as its own self-assessment computes them.
    const levels = isLevels(fw) ? schoolLevels(fw, rows) : null;
    const evidence = rows
      .filter((r) => r.entity === 'Evidence')
      .map((r) => ({
        id: r.id,
        code: String(r.data.code ?? ''),
        title: String(r.data.title ?? ''),
        fileName: String(r.data.fileName ?? ''),
        sha256: typeof r.data.blobHash === 'string' ? r.data.blobHash : null,
      }));
    const evById = new Map(evidence.map((e) => [e.id, e]));
    const entries = rows.filter((r) => r.entity === 'RequirementEntry');
    const render = (text: string) =>
      text.replace(/\{\{ev:([^}]+)\}\}/g, (_m, id: string) => `[${evById.get(id)?.code ?? 'minh chứng không có trong hồ sơ'}]`);
    const cited = (text: string) =>
      [...text.matchAll(/\{\{ev:([^}]+)\}\}/g)]
        .map((m) => evById.get(m[1]!))
        .filter((e): e is NonNullable<typeof e> => Boolean(e))
        .map((e) => ({ id: e.id, code: e.code, title: e.title, hasFile: Boolean(e.sha256) }));
    const criteria: ReviewDossier['criteria'] = [];
    const standards = fw && 'standards' in fw ? fw.standards : [];
    for (const s of standards) {
      for (const c of s.criteria) {
        const requirements = c.levels.flatMap((l) =>
          l.requirements.map((req) => {
            const e = entries.find(
              (x) => x.data.criterionCode === c.code && Number(x.data.level) === l.level && x.data.requirementCode === req.code,
            );
            const description = String(e?.data.description ?? '');
            const mine = w.judgments.find(
              (j) => j.criterionCode === c.code && j.level === l.level && j.requirementCode === req.code,
            );
            return {
              level: l.level,
              requirementCode: req.code,
              text: req.text,
              description: render(description),
              judgment: ((e?.data.judgment as string) ?? 'unassessed') as 'met',
              evidence: cited(description),
              mine: mine
                ? { id: mine.id, judgment: mine.judgment, agree: mine.agree, note: mine.note, pushed: mine.pushed }
                : null,
            };
          }),
        );
        const schoolLevel = levels?.criteria[c.code] ?? 0;
        const verdict = w.judgments.find((j) => j.criterionCode === c.code && j.level === 0);
        criteria.push({
          standardCode: s.code,
          standardTitle: s.title,
          code: c.code,
          title: c.title,
          schoolLevel,
          requirements,
          verdict: verdict
            ? {
                id: verdict.id,
                levelReached: verdict.levelReached,
                agree: verdict.agree,
                note: verdict.note,
                pushed: verdict.pushed,
              }
            : null,
          comments: w.comments
            .filter((x) => x.criterionCode === c.code)
            .map((x) => ({
              id: x.id,
              kind: x.kind,
              criterionCode: x.criterionCode,
              requirementRef: x.requirementRef,
              evidenceId: x.evidenceId,
              body: x.body,
              authorName: (d.info.myRole === 'admin' ? 'Quản trị' : 'Tôi') as string,
              createdAt: x.createdAt,
              returnedWith: null,
              reply: '',
              replyBy: '',
              replyAt: null,
              pushed: x.pushed,
            })),
        });
      }
    }
    return {
      submissionId,
      school: d.info.school,
      version: d.info.submission.version,
      state: d.info.submission.state,
      frameworkId,
      frameworkName: fw?.title ?? null,
      schoolYear: typeof assessment?.data.schoolYear === 'string' ? assessment.data.schoolYear : null,
      schoolLevel: levels ? levels.school.schoolLevel : null,
      schoolLevelExplanation: levels ? levels.school.explanation : null,
      criteria,
      ...(isLevels(fw) && fw.family === 'tt57' && fw.nationalStandard
        ? {
            conditions: fw.nationalStandard.conditions.map((c) => {
              const mine = w.judgments.find(
                (j) => j.criterionCode === NATIONAL_STANDARD_CODE && j.level === 1 && j.requirementCode === c.key,
              );
              return {
                key: c.key,
                text: c.text,
                judged: c.key !== 'c',
                mine: mine
                  ? {
                      id: mine.id,
                      judgment: mine.judgment,
                      note: mine.note,
                      evidenceIds: splitNoteEvidence(mine.note).evidenceIds,
                      pushed: mine.pushed,
                    }
                  : null,
              };
            }),
          }
        : {}),
      evidence,
      myRole: d.info.myRole,
      downloadedAt: d.downloadedAt,
    };
  }

  async evidenceFile(submissionId: string, evidenceId: string) {
    const d = await this.local(submissionId);
    const ev = d.rows.find((r) => r.entity === 'Evidence' && r.id === evidenceId);
    const hash = typeof ev?.data.blobHash === 'string' ? ev.data.blobHash : null;
    if (!ev || !hash) throw new RpcError('NOT_FOUND', 'Minh chứng này không có tệp trong hồ sơ.');
    const buf = await fsp.readFile(this.blobPath(hash)).catch(() => null);
    if (!buf || sha256(buf) !== hash)
      throw new RpcError('NOT_FOUND', 'Tệp minh chứng trên máy bị thiếu hoặc hỏng; hãy tải lại hồ sơ.');
    return {
      fileName: String(ev.data.fileName ?? 'minh-chung'),
      mimeType: String(ev.data.mimeType ?? 'application/octet-stream'),
      sizeBytes: buf.length,
      base64: buf.toString('base64'),
    };
  }

  /** Records (offline) this reviewer's judgment of a requirement, or verdict on a criterion. */
  async judge(input: z.output<typeof reviewJudgeInputSchema>) {
    await this.local(input.submissionId);
    const w = await this.work(input.submissionId);
    const level = input.level ?? 0;
    const requirementCode = input.level ? (input.requirementCode ?? '') : '';
    const old = w.judgments.find(
      (j) => j.criterionCode === input.criterionCode && j.level === level && j.requirementCode === requirementCode,
    );
    const next: WorkFile['judgments'][number] = {
      id: old?.id ?? uuidv7(),
      criterionCode: input.criterionCode,
      level,
      requirementCode,
      judgment: input.judgment,
      levelReached: input.levelReached ?? null,
      agree: input.agree,
      note: input.note,
      updatedAt: new Date().toISOString(),
      pushed: false,
    };
    w.judgments = [...w.judgments.filter((j) => j !== old), next];
    await this.saveWork(input.submissionId, w);
    return { id: next.id, pushed: false };
  }

  /** A comment (or a request for more evidence) anchored to a criterion, requirement or evidence item. Offline. */
  async comment(input: z.output<typeof reviewCommentInputSchema> & { id?: string }) {
    await this.local(input.submissionId);
    const w = await this.work(input.submissionId);
    const old = input.id ? w.comments.find((c) => c.id === input.id) : undefined;
    const next: WorkFile['comments'][number] = {
      id: old?.id ?? uuidv7(),
      kind: input.kind,
      criterionCode: input.criterionCode,
      requirementRef: input.requirementRef,
      evidenceId: input.evidenceId,
      body: input.body,
      createdAt: old?.createdAt ?? new Date().toISOString(),
      pushed: false,
    };
    w.comments = [...w.comments.filter((c) => c !== old), next];
    await this.saveWork(input.submissionId, w);
    return { id: next.id, pushed: false };
  }

  /** Sends what is waiting; the server keys everything by client id, so a repeat changes nothing. */
  async pushJudgments(submissionId: string) {
    const w = await this.work(submissionId);
    const judgments = w.judgments.filter((j) => !j.pushed).map(({ pushed: _p, ...j }) => j);
    const comments = w.comments.filter((c) => !c.pushed).map(({ pushed: _p, ...c }) => c);
    if (judgments.length === 0 && comments.length === 0) return { judgments: 0, comments: 0, locked: [] as string[] };
    const r = await this.api<{ judgments: number; comments: number; locked: string[] }>(
      'POST',
      `/api/review/dossiers/${submissionId}/judgments`,
      { judgments, comments },
    );
    const sent = new Set([...judgments.map((j) => j.id), ...comments.map((c) => c.id)]);
    const fresh = await this.work(submissionId);
    for (const j of fresh.judgments) if (sent.has(j.id)) j.pushed = true;
    for (const c of fresh.comments) if (sent.has(c.id)) c.pushed = true;
    await this.saveWork(submissionId, fresh);
    return r;
  }

  /** What the review documents are made of: the local dossier, the team view, the units tree, the framework. */
  async reportData(submissionId: string) {
    const dossier = await this.dossier(submissionId);
    const team = await this.team(submissionId);
    const status = await this.status();
    const framework = dossier.frameworkId ? this.deps.frameworks.get(dossier.frameworkId) : undefined;
    return { dossier, team, status, framework };
  }

  // --- the school's side ---------------------------------------------------------------------------

  private async schoolApi<T>(method: string, url: string, body?: unknown): Promise<T> {
    const serverUrl = (await this.deps.readSyncServerUrl?.()) ?? null;
    const token = await this.secrets.get(SYNC_TOKEN_SECRET);
    if (!serverUrl || !token) throw new RpcError('CONFLICT', 'Máy này chưa đăng ký đồng bộ với máy chủ của Sở.');
    try {
      return (await (await this.request(serverUrl, token, method, url, body)).json()) as T;
    } catch (err) {
      // The school's endpoints never answer 409: CONFLICT here is the network (request()'s text speaks to the department).
      if (err instanceof RpcError && err.code === 'CONFLICT')
        throw new RpcError(
          'CONFLICT',
          'Không kết nối được tới máy chủ của Sở; ý kiến của đoàn đánh giá hiển thị theo bản lưu trên máy, câu trả lời được gửi khi có mạng.',
        );
      throw err;
    }
  }

  async schoolComments(): Promise<SchoolComment[]> {
    return (await this.schoolApi<{ comments: SchoolComment[] }>('GET', '/api/review/school/comments')).comments;
  }

  reply(commentId: string, reply: string): Promise<SchoolComment> {
    return this.schoolApi<SchoolComment>('POST', `/api/review/school/comments/${encodeURIComponent(commentId)}/reply`, { reply });
  }

  /** These live calls for `SchoolComments`, which caches the list and queues replies for offline use. */
  schoolCommentsApi(): SchoolCommentsApi {
    return { list: () => this.schoolComments(), reply: (id, text) => this.reply(id, text) };
  }
}

/** The framework of a downloaded assessment dossier (null for other dossiers). */
function frameworkIdOf(d: LocalDossier): string | null {
  const assessment = d.rows.find((r) => r.entity === 'Assessment' && r.id === d.info.submission.subjectId);
  return typeof assessment?.data.frameworkId === 'string' ? assessment.data.frameworkId : null;
}
