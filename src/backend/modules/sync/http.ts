import fs from 'node:fs';
import http from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  BLOB_HEADERS,
  blobPutResponseSchema,
  helloResponseSchema,
  pullResponseSchema,
  pushResponseSchema,
  SYNC_HEADERS,
  SYNC_PROTOCOL_VERSION,
  submissionViewSchema,
  type HelloResponse,
  type PullResponse,
  type PushResponse,
  type SubmissionView,
  type SubmitRequest,
  type WireChange,
} from '../../../contract/sync-protocol';

/**
 * HTTP to the department server, over Node 24's fetch. Proxies: when HTTPS_PROXY/HTTP_PROXY
 * (or lower-case) are set, `useProxyFromEnv` installs Node's EnvHttpProxyAgent (via
 * `http.setGlobalProxyFromEnv`, Node ≥ 24.5) as fetch's dispatcher, honouring NO_PROXY. Same
 * effect as starting the process with NODE_USE_ENV_PROXY=1.
 */
let proxyInstalled = false;
export function useProxyFromEnv(env: NodeJS.ProcessEnv = process.env): { installed: boolean; restore: () => void } {
  const wanted = env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy;
  const setter = (http as unknown as { setGlobalProxyFromEnv?: (e: NodeJS.ProcessEnv) => () => void }).setGlobalProxyFromEnv;
  if (!wanted || !setter || proxyInstalled) return { installed: false, restore: () => undefined };
  const restore = setter(env);
  proxyInstalled = true;
  return {
    installed: true,
    restore: () => {
      restore();
      proxyInstalled = false;
    },
  };
}

export type SyncHttpErrorKind = 'network' | 'http';

/** A failed request: `message` is Vietnamese and meant for the user. */
export class SyncHttpError extends Error {
  override name = 'SyncHttpError';
  constructor(
    readonly kind: SyncHttpErrorKind,
    message: string,
    readonly status = 0,
    readonly code = '',
    readonly headers: Headers | null = null,
  ) {
    super(message);
  }
}

const STATUS_TEXT: Record<number, string> = {
  401: 'Máy này không còn được phép đồng bộ (thiết bị đã bị thu hồi hoặc hết hạn). Hãy đăng ký lại máy với máy chủ của Sở.',
  403: 'Tài khoản đã đăng ký trên máy này không có quyền đồng bộ dữ liệu của trường.',
  404: 'Không tìm thấy trên máy chủ của Sở.',
  413: 'Dữ liệu gửi lên quá lớn so với giới hạn của máy chủ.',
  429: 'Máy chủ của Sở đang bận; sẽ tự thử lại sau.',
  500: 'Máy chủ của Sở gặp lỗi khi xử lý; sẽ tự thử lại sau.',
  502: 'Không kết nối được tới máy chủ của Sở qua máy chủ trung gian (proxy); sẽ tự thử lại sau.',
  503: 'Máy chủ của Sở tạm thời không phục vụ; sẽ tự thử lại sau.',
};

export interface SyncHttpOptions {
  baseUrl: string;
  token: string | null;
  appVersion: string;
  schemaVersion: string;
  deviceId: string;
  timeoutMs?: number;
}

/** `https://so.example.vn/` → `https://so.example.vn`; refuses anything but http(s). */
export function normaliseServerUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    throw new Error('Địa chỉ máy chủ không hợp lệ (ví dụ: https://dongbo.sogd.edu.vn).');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new Error('Địa chỉ máy chủ phải bắt đầu bằng http:// hoặc https://.');
  u.hash = '';
  u.search = '';
  return u.toString().replace(/\/+$/, '');
}

export class SyncHttp {
  constructor(readonly opts: SyncHttpOptions) {}

  private get host(): string {
    try {
      return new URL(this.opts.baseUrl).host;
    } catch {
      return this.opts.baseUrl;
    }
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const h: Record<string, string> = {
      [SYNC_HEADERS.protocol]: String(SYNC_PROTOCOL_VERSION),
      [SYNC_HEADERS.appVersion]: this.opts.appVersion,
      [SYNC_HEADERS.schemaVersion]: this.opts.schemaVersion,
      [SYNC_HEADERS.deviceId]: this.opts.deviceId,
      ...extra,
    };
    if (this.opts.token) h.authorization = `Bearer ${this.opts.token}`;
    return h;
  }

  /** One request; non-2xx (except those in `accept`) becomes a SyncHttpError with the server's Vietnamese message. */
  async request(
    method: string,
    path: string,
    init: { json?: unknown; body?: Uint8Array; headers?: Record<string, string>; timeoutMs?: number; accept?: number[] } = {},
  ): Promise<Response> {
    const headers = this.headers(init.headers);
    let body: string | Uint8Array | undefined;
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    } else if (init.body) {
      headers['content-type'] = 'application/octet-stream';
      body = init.body;
    }
    let res: Response;
    try {
      res = await fetch(`${this.opts.baseUrl}${path}`, {
        method,
        headers,
        body: body as never,
        signal: AbortSignal.timeout(init.timeoutMs ?? this.opts.timeoutMs ?? 60_000),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      const detail = cause?.code ?? cause?.message ?? (err as Error).name ?? '';
      throw new SyncHttpError(
        'network',
        `Không kết nối được máy chủ của Sở (${this.host}${detail ? `: ${detail}` : ''}). Kiểm tra kết nối mạng; ứng dụng sẽ tự thử lại.`,
      );
    }
    if (res.ok || init.accept?.includes(res.status)) return res;
    let code = '';
    let message = '';
    try {
      const text = await res.text();
      const parsed = JSON.parse(text) as { error?: { code?: string; message?: string } };
      code = parsed.error?.code ?? '';
      message = parsed.error?.message ?? '';
    } catch {
      // Not our JSON (a proxy's error page, say): fall back to the status.
    }
    throw new SyncHttpError(
      'http',
      message || STATUS_TEXT[res.status] || `Máy chủ trả lời lỗi ${res.status}.`,
      res.status,
      code,
      res.headers,
    );
  }

  private async json<T>(res: Response, schema: { parse(v: unknown): T }): Promise<T> {
    let value: unknown;
    try {
      value = await res.json();
    } catch {
      throw new SyncHttpError('network', `Kết nối tới máy chủ của Sở (${this.host}) bị ngắt giữa chừng; sẽ tự thử lại.`);
    }
    try {
      return schema.parse(value);
    } catch {
      throw new SyncHttpError(
        'http',
        'Máy chủ trả lời không đúng định dạng đồng bộ. Có thể địa chỉ máy chủ bị nhầm.',
        res.status,
      );
    }
  }

  static async enrol(
    baseUrl: string,
    body: { username: string; password: string; deviceName: string },
    common: Omit<SyncHttpOptions, 'baseUrl' | 'token'>,
  ): Promise<{ token: string; tokenId: string; account: { username: string; role: string; orgUnitId: string } }> {
    const c = new SyncHttp({ ...common, baseUrl, token: null });
    const res = await c.request('POST', '/api/devices/enrol', { json: body });
    return (await res.json()) as {
      token: string;
      tokenId: string;
      account: { username: string; role: string; orgUnitId: string };
    };
  }

  async logout(): Promise<void> {
    await this.request('POST', '/api/auth/logout').catch(() => undefined);
  }

  async hello(): Promise<HelloResponse> {
    return this.json(await this.request('GET', '/api/sync/hello'), helloResponseSchema);
  }

  async push(changes: WireChange[], confirmBulkDelete: boolean): Promise<PushResponse> {
    return this.json(await this.request('POST', '/api/sync/push', { json: { changes, confirmBulkDelete } }), pushResponseSchema);
  }

  async pull(after: number, limit: number): Promise<PullResponse> {
    return this.json(await this.request('GET', `/api/sync/pull?after=${after}&limit=${limit}`), pullResponseSchema);
  }

  async blobHead(sha256: string): Promise<{ complete: boolean; offset: number }> {
    const res = await this.request('HEAD', `/api/blobs/${sha256}`, { accept: [404] });
    const offset = Number(res.headers.get(BLOB_HEADERS.offset) ?? 0) || 0;
    return { complete: res.status === 200, offset };
  }

  /** One chunk at `offset`; a 409 tells where the server really is. */
  async blobPut(
    sha256: string,
    offset: number,
    total: number,
    chunk: Uint8Array,
  ): Promise<{ offset: number; complete: boolean }> {
    const res = await this.request('PUT', `/api/blobs/${sha256}`, {
      body: chunk,
      headers: { [BLOB_HEADERS.offset]: String(offset), [BLOB_HEADERS.length]: String(total) },
      timeoutMs: 180_000,
      accept: [409],
    });
    if (res.status === 409) {
      await res.body?.cancel();
      return { offset: Number(res.headers.get(BLOB_HEADERS.offset) ?? 0) || 0, complete: false };
    }
    return this.json(res, blobPutResponseSchema);
  }

  /** Downloads a blob into `file`; returns its size. */
  async blobGet(sha256: string, file: string): Promise<number> {
    const res = await this.request('GET', `/api/blobs/${sha256}`, { timeoutMs: 600_000 });
    if (!res.body) throw new SyncHttpError('network', 'Máy chủ không gửi nội dung tệp.');
    let size = 0;
    const counted = Readable.fromWeb(res.body as never).on('data', (c: Buffer) => (size += c.length));
    try {
      await pipeline(counted, fs.createWriteStream(file, { mode: 0o600 }));
    } catch {
      throw new SyncHttpError('network', `Tải tệp từ máy chủ của Sở (${this.host}) bị ngắt giữa chừng; sẽ tự thử lại.`);
    }
    return size;
  }

  async submit(req: SubmitRequest): Promise<SubmissionView> {
    return this.json(
      await this.request('POST', '/api/sync/submissions', { json: req, timeoutMs: 300_000 }),
      submissionViewSchema,
    );
  }

  async submissions(): Promise<SubmissionView[]> {
    const res = await this.request('GET', '/api/sync/submissions');
    const body = (await res.json()) as { submissions: unknown[] };
    return body.submissions.map((s) => submissionViewSchema.parse(s));
  }
}
