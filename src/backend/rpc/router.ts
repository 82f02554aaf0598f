import { z } from 'zod';
import { contract, type Contract, type MethodName, type MethodOutput } from '../../contract/methods';
import { RpcError, rpcRequestSchema, type RpcResponse } from '../../contract/rpc';
import type { Role } from '../../contract/schemas/common';
import type { FileGrant } from '../../contract/process-protocol';

export interface Session {
  userId: string;
  username: string;
  role: Role;
}

/**
 * A caller as seen by the router. The transport creates one per window (IPC) or socket (WS)
 * and decides `trusted`: the IPC transport only for our own app:// main frame, the bridge only
 * for sockets that presented its token from an allowed origin.
 */
export interface Connection {
  id: string;
  trusted: boolean;
  transport: 'ipc' | 'ws' | 'cli' | 'test';
  session: Session | null;
  /**
   * Files the user chose in a native dialog shown by Electron main, by opaque handle. The
   * renderer only ever holds the handle; a handler resolves it for this connection only.
   */
  grants: Map<string, FileGrant>;
}

export interface HandlerContext {
  conn: Connection;
  /** The logged-in user; handlers of non-public methods can rely on it. */
  session: Session | null;
}

export type Handler<M extends MethodName> = (
  input: z.output<Contract[M]['input']>,
  ctx: HandlerContext,
) => Promise<MethodOutput<M>>;

export type Handlers = { [M in MethodName]: Handler<M> };

export interface RouterOptions {
  handlers: Handlers;
  /**
   * Re-reads the logged-in user before every non-public call, so a user disabled or demoted
   * in another window loses the rights at once, not at the next login. Null ends the session.
   */
  refreshSession?: (session: Session) => Promise<Session | null>;
  /** Called for unexpected errors; their details stay in the log, not in the response. */
  onInternalError?: (err: unknown, method: string) => void;
}

function zodFields(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

/** Zod's own messages (wrong type, unknown enum value…) in Vietnamese; schema messages still win. */
const viErrors = z.locales.vi().localeError;

const isMethod = (name: string): name is MethodName => Object.prototype.hasOwnProperty.call(contract, name);

/**
 * The one router behind every transport: envelope → sender → allow-list → arguments →
 * access → handler → typed error. Nothing reaches a handler without passing all five.
 */
export function createRouter({ handlers, onInternalError, refreshSession }: RouterOptions) {
  let inFlight = 0;
  let drained: (() => void)[] = [];

  /** Resolves when no request is being handled: close() waits for it before the database goes. */
  function idle(): Promise<void> {
    return inFlight === 0 ? Promise.resolve() : new Promise((resolve) => drained.push(resolve));
  }

  async function dispatch(conn: Connection, raw: unknown): Promise<RpcResponse> {
    inFlight++;
    try {
      return await handle(conn, raw);
    } finally {
      if (--inFlight === 0) {
        const waiting = drained;
        drained = [];
        for (const resolve of waiting) resolve();
      }
    }
  }

  async function handle(conn: Connection, raw: unknown): Promise<RpcResponse> {
    const envelope = rpcRequestSchema.safeParse(raw);
    const id = envelope.success ? envelope.data.id : typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : 0;
    try {
      if (!envelope.success) throw new RpcError('BAD_REQUEST', 'Yêu cầu không đúng định dạng.');
      if (!conn.trusted) throw new RpcError('UNTRUSTED_SENDER', 'Nguồn gửi yêu cầu không được tin cậy.');
      const { method, params } = envelope.data;
      if (!isMethod(method)) throw new RpcError('UNKNOWN_METHOD', `Không có chức năng "${method}".`);
      const spec = contract[method];
      const parsed = spec.input.safeParse(params ?? {}, { error: viErrors });
      if (!parsed.success) throw new RpcError('INVALID_ARGS', 'Dữ liệu gửi lên không hợp lệ.', zodFields(parsed.error));
      if (spec.access !== 'public') {
        if (conn.session && refreshSession) conn.session = await refreshSession(conn.session);
        if (!conn.session) throw new RpcError('UNAUTHENTICATED', 'Phiên làm việc đã hết. Vui lòng đăng nhập lại.');
        if (Array.isArray(spec.access) && !spec.access.includes(conn.session.role)) {
          throw new RpcError('FORBIDDEN', 'Tài khoản của bạn không có quyền thực hiện thao tác này.');
        }
      }
      const handler = handlers[method] as Handler<typeof method>;
      const result = await handler(parsed.data as never, { conn, session: conn.session });
      return { id, ok: true, result };
    } catch (err) {
      if (err instanceof RpcError) return { id, ok: false, error: err.toBody() };
      if (err instanceof z.ZodError) return { id, ok: false, error: { code: 'VALIDATION', message: 'Dữ liệu không hợp lệ.', fields: zodFields(err) } };
      onInternalError?.(err, envelope.success ? envelope.data.method : '?');
      return { id, ok: false, error: { code: 'INTERNAL', message: 'Đã xảy ra lỗi không mong muốn. Dữ liệu của bạn không bị thay đổi.' } };
    }
  }
  return { dispatch, idle };
}

export type Router = ReturnType<typeof createRouter>;
