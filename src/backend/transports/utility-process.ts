import { mainToBackendSchema, type BackendToMain, type MainToBackend } from '../../contract/process-protocol';
import type { Sealer } from '../platform/sealed-secret-store';
import type { Connection, Router } from '../rpc/router';
import { newConnection } from './connections';

export type { BackendToMain, MainToBackend };

/**
 * The Electron transport, backend side. Main has already checked sender, method and
 * arguments for each IPC call (and the router checks again); it forwards them over the
 * utilityProcess parentPort (src/contract/process-protocol.ts). One Connection per renderer
 * (connId = webContents id) keeps each window's login, and its file grants, separate.
 */
export interface ParentPortLike {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: BackendToMain): void;
}

export interface ParentPortOptions {
  pendingWrites: () => number;
  /** Finish queued writes, close the database; the entry then exits. */
  shutdown: () => Promise<void>;
  log?: (message: string) => void;
}

export function serveParentPort(port: ParentPortLike, router: Router, opts: ParentPortOptions): void {
  const conns = new Map<number, Connection>();
  const connection = (connId: number): Connection => {
    let conn = conns.get(connId);
    if (!conn) {
      // Trusted because only main can write to this port, and main admits only our own frames.
      conn = newConnection('ipc', true);
      conns.set(connId, conn);
    }
    return conn;
  };
  let stopping = false;

  port.on('message', async ({ data }) => {
    const parsed = mainToBackendSchema.safeParse(data);
    if (!parsed.success) {
      opts.log?.(`ignored a malformed message from main: ${parsed.error.message}`);
      return;
    }
    const msg = parsed.data;
    switch (msg.type) {
      case 'disconnect':
        conns.delete(msg.connId);
        return;
      case 'busy?':
        port.postMessage({ type: 'busy', replyId: msg.replyId, pendingWrites: opts.pendingWrites() });
        return;
      case 'file-grant':
        connection(msg.connId).grants.set(msg.grant.handle, msg.grant);
        return;
      case 'sealed':
        // Answers to portSealer's requests; its own listener takes them.
        return;
      case 'shutdown':
        if (stopping) return;
        stopping = true;
        await opts.shutdown();
        return;
      case 'rpc': {
        if (stopping) {
          port.postMessage({
            type: 'rpc',
            connId: msg.connId,
            res: { id: msg.req.id, ok: false, error: { code: 'INTERNAL', message: 'Ứng dụng đang đóng; thao tác chưa được thực hiện.' } },
          });
          return;
        }
        const res = await router.dispatch(connection(msg.connId), msg.req);
        port.postMessage({ type: 'rpc', connId: msg.connId, res });
        return;
      }
    }
  });
  port.postMessage({ type: 'ready' });
}

/**
 * The Sealer of the Electron backend: each call is a `seal` message to main, which answers
 * with safeStorage's result (electron/main/secret-sealer.ts). A main that never answers (an
 * older main, or one shutting down) fails the call after `timeoutMs` instead of hanging a sync.
 */
export function portSealer(port: ParentPortLike, timeoutMs = 15_000): Sealer {
  let nextId = 1;
  const waiting = new Map<number, { resolve: (r: { data: string; reencrypt: boolean }) => void; reject: (e: Error) => void }>();
  port.on('message', ({ data }) => {
    const parsed = mainToBackendSchema.safeParse(data);
    if (!parsed.success || parsed.data.type !== 'sealed') return;
    const msg = parsed.data;
    const w = waiting.get(msg.replyId);
    if (!w) return;
    waiting.delete(msg.replyId);
    if (msg.ok) w.resolve({ data: msg.data ?? '', reencrypt: msg.reencrypt === true });
    else w.reject(new Error(msg.message ?? 'safeStorage error'));
  });
  const ask = (op: 'encrypt' | 'decrypt' | 'available?', data: string) =>
    new Promise<{ data: string; reencrypt: boolean }>((resolve, reject) => {
      const replyId = nextId++;
      const timer = setTimeout(() => {
        waiting.delete(replyId);
        reject(new Error('Ứng dụng không trả lời yêu cầu mã hoá bí mật.'));
      }, timeoutMs);
      timer.unref?.();
      waiting.set(replyId, {
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      port.postMessage({ type: 'seal', replyId, op, data });
    });
  return {
    available: async () => (await ask('available?', '')).data === 'yes',
    encrypt: async (plain) => (await ask('encrypt', plain)).data,
    decrypt: async (sealed) => {
      const r = await ask('decrypt', sealed);
      return { plain: r.data, reencrypt: r.reencrypt };
    },
  };
}
