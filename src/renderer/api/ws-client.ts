import { contract, type ApiBridge, type MethodName } from '../../contract/methods';
import type { RpcResponse } from '../../contract/rpc';

/**
 * The browser side of the WebSocket bridge: the same `ApiBridge` the Electron preload exposes,
 * so the rest of the renderer never knows which transport it runs on.
 *
 * The backend may restart under us (update, crash, an inspector's laptop going to sleep), so a
 * dropped socket is normal: calls made while disconnected wait in a queue and go out when the
 * socket is back, and fail after `queueTimeoutMs` with a clear error rather than hang.
 */

export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'closed';

/** The part of the WHATWG WebSocket this client uses; lets tests and Node pass their own. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}
export type WebSocketCtor = new (url: string) => WebSocketLike;

const OPEN = 1;

export type ConnectionErrorKind = 'timeout' | 'interrupted' | 'closed';

/** A transport failure, as opposed to an RPC error the server answered with. */
export class ConnectionError extends Error {
  constructor(
    readonly kind: ConnectionErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'ConnectionError';
  }
}

export interface WsClientOptions {
  /** Called before every connection attempt (attempt 0 first), so a rotated token can be re-read. */
  url: string | ((attempt: number) => string | Promise<string>);
  WebSocket?: WebSocketCtor;
  /** How long a call may wait for the connection to come back before it fails. */
  queueTimeoutMs?: number;
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  /** Whether a method writes; defaults to the contract's `write` flag. */
  isWrite?: (method: string) => boolean;
}

interface Pending {
  id: number;
  method: MethodName;
  params: unknown;
  resolve: (res: RpcResponse) => void;
  reject: (err: Error) => void;
  timer?: ReturnType<typeof setTimeout>;
}

const contractIsWrite = (method: string): boolean =>
  Boolean((contract as Record<string, { write: boolean } | undefined>)[method]?.write);

export class WsClient implements ApiBridge {
  readonly transport = 'ws' as const;

  private readonly opts: Required<Omit<WsClientOptions, 'WebSocket'>> & { WebSocket: WebSocketCtor };
  private socket: WebSocketLike | null = null;
  private status: ConnectionStatus = 'connecting';
  private everOnline = false;
  private attempt = 0;
  private stopped = false;
  private nextId = 1;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly inFlight = new Map<number, Pending>();
  private queue: Pending[] = [];
  private readonly listeners = new Set<(status: ConnectionStatus) => void>();

  constructor(options: WsClientOptions) {
    const Ctor = options.WebSocket ?? (globalThis.WebSocket as unknown as WebSocketCtor | undefined);
    if (!Ctor) throw new Error('WebSocket is not available in this environment');
    this.opts = {
      url: options.url,
      WebSocket: Ctor,
      queueTimeoutMs: options.queueTimeoutMs ?? 15_000,
      backoffInitialMs: options.backoffInitialMs ?? 300,
      backoffMaxMs: options.backoffMaxMs ?? 5_000,
      isWrite: options.isWrite ?? contractIsWrite,
    };
    void this.connect();
  }

  getStatus(): ConnectionStatus {
    return this.status;
  }

  /** Subscribes to status changes; returns the unsubscribe function. */
  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  invoke(method: MethodName, params: unknown): Promise<RpcResponse> {
    if (this.stopped) return Promise.reject(new ConnectionError('closed', 'Đã ngắt kết nối với máy chủ.'));
    return new Promise<RpcResponse>((resolve, reject) => {
      const pending: Pending = { id: this.nextId++, method, params, resolve, reject };
      if (!this.trySend(pending)) this.enqueue(pending);
    });
  }

  /** Stops for good: no reconnect, every waiting call fails. */
  close(): void {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    const socket = this.socket;
    this.socket = null;
    socket?.close();
    const err = new ConnectionError('closed', 'Đã ngắt kết nối với máy chủ.');
    for (const p of [...this.inFlight.values(), ...this.queue]) {
      clearTimeout(p.timer);
      p.reject(err);
    }
    this.inFlight.clear();
    this.queue = [];
    this.setStatus('closed');
  }

  private setStatus(status: ConnectionStatus): void {
    if (status === this.status) return;
    this.status = status;
    for (const l of this.listeners) l(status);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.setStatus(this.everOnline ? 'reconnecting' : 'connecting');
    let url: string;
    try {
      url = typeof this.opts.url === 'string' ? this.opts.url : await this.opts.url(this.attempt);
    } catch {
      this.scheduleReconnect();
      return;
    }
    if (this.stopped) return;
    let ws: WebSocketLike;
    try {
      ws = new this.opts.WebSocket(url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = ws;
    ws.onopen = () => {
      if (this.socket !== ws) return;
      this.attempt = 0;
      this.everOnline = true;
      this.setStatus('online');
      this.flush();
    };
    ws.onmessage = (ev) => this.handleMessage(ev.data);
    // A failed handshake fires error then close; close alone drives the reconnect.
    ws.onerror = () => {};
    ws.onclose = () => {
      if (this.socket !== ws) return;
      this.socket = null;
      this.handleDisconnect();
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const delay = Math.min(this.opts.backoffInitialMs * 2 ** this.attempt, this.opts.backoffMaxMs);
    this.attempt++;
    this.setStatus(this.everOnline ? 'reconnecting' : 'connecting');
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.connect(), delay);
  }

  /**
   * Requests that were sent but not answered when the socket dropped: a read is simply asked
   * again after reconnecting, but a write may or may not have been applied, and sending it
   * twice could duplicate data, so it fails and the user checks and retries.
   */
  private handleDisconnect(): void {
    const resend: Pending[] = [];
    for (const p of [...this.inFlight.values()].sort((a, b) => a.id - b.id)) {
      if (this.opts.isWrite(p.method)) {
        p.reject(
          new ConnectionError(
            'interrupted',
            'Mất kết nối với máy chủ trong khi đang lưu. Thao tác có thể chưa được ghi nhận; vui lòng kiểm tra lại.',
          ),
        );
      } else {
        resend.push(p);
      }
    }
    this.inFlight.clear();
    const waiting = this.queue;
    this.queue = [];
    for (const p of [...resend, ...waiting]) this.enqueue(p);
  }

  private trySend(p: Pending): boolean {
    const ws = this.socket;
    if (!ws || this.status !== 'online' || ws.readyState !== OPEN) return false;
    try {
      ws.send(JSON.stringify({ id: p.id, method: p.method, params: p.params }));
    } catch {
      return false;
    }
    clearTimeout(p.timer);
    p.timer = undefined;
    this.inFlight.set(p.id, p);
    return true;
  }

  private enqueue(p: Pending): void {
    if (!p.timer) {
      p.timer = setTimeout(() => {
        this.queue = this.queue.filter((q) => q !== p);
        p.reject(
          new ConnectionError(
            'timeout',
            `Không kết nối được tới máy chủ sau ${Math.round(this.opts.queueTimeoutMs / 1000)} giây. Vui lòng kiểm tra máy chủ và thử lại.`,
          ),
        );
      }, this.opts.queueTimeoutMs);
    }
    this.queue.push(p);
  }

  private flush(): void {
    const waiting = this.queue;
    this.queue = [];
    for (let i = 0; i < waiting.length; i++) {
      const p = waiting[i]!;
      if (!this.trySend(p)) {
        // The socket dropped mid-flush: keep the rest, in order, for the next connection.
        this.queue = [...waiting.slice(i), ...this.queue];
        return;
      }
    }
  }

  private handleMessage(data: unknown): void {
    if (typeof data !== 'string') return;
    let msg: unknown;
    try {
      msg = JSON.parse(data);
    } catch {
      return;
    }
    if (!msg || typeof msg !== 'object' || typeof (msg as { id?: unknown }).id !== 'number') return;
    const res = msg as RpcResponse;
    const p = this.inFlight.get(res.id);
    if (!p) return;
    this.inFlight.delete(res.id);
    p.resolve(res);
  }
}
