import type { RpcResponse } from '../../contract/rpc';
import type { Connection, Router } from '../rpc/router';
import { newConnection } from './connections';

/**
 * The Electron transport, backend side. Main has already checked sender, method and
 * arguments for each IPC call (and the router checks again); it forwards `{type:'rpc',
 * connId, req}` over the utilityProcess parentPort. One Connection per renderer (connId =
 * webContents id) keeps each window's login separate.
 */
export type MainToBackend =
  | { type: 'rpc'; connId: number; req: unknown }
  | { type: 'disconnect'; connId: number }
  | { type: 'busy?'; replyId: number };

export type BackendToMain =
  | { type: 'rpc'; connId: number; res: RpcResponse }
  | { type: 'ready' }
  | { type: 'busy'; replyId: number; pendingWrites: number }
  | { type: 'fatal'; message: string; code?: string };

export interface ParentPortLike {
  on(event: 'message', listener: (e: { data: MainToBackend }) => void): void;
  postMessage(message: BackendToMain): void;
}

export function serveParentPort(port: ParentPortLike, router: Router, pendingWrites: () => number): void {
  const conns = new Map<number, Connection>();
  port.on('message', async ({ data }) => {
    if (data.type === 'disconnect') {
      conns.delete(data.connId);
      return;
    }
    if (data.type === 'busy?') {
      port.postMessage({ type: 'busy', replyId: data.replyId, pendingWrites: pendingWrites() });
      return;
    }
    if (data.type !== 'rpc') return;
    let conn = conns.get(data.connId);
    if (!conn) {
      // Trusted because only main can write to this port, and main admits only our own frames.
      conn = newConnection('ipc', true);
      conns.set(data.connId, conn);
    }
    const res = await router.dispatch(conn, data.req);
    port.postMessage({ type: 'rpc', connId: data.connId, res });
  });
  port.postMessage({ type: 'ready' });
}
