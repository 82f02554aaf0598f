import type { RpcErrorBody, RpcResponse } from '../../src/contract/rpc';
import {
  parseBackendMessage,
  type FileGrant,
  type MainToBackend,
  type SealReply,
  type SealRequest,
} from '../../src/contract/process-protocol';
import { DEFAULT_RESTART_POLICY, decideRestart, type RestartPolicy } from './restart-policy';

/**
 * Owns the backend utilityProcess: starts it, forwards RPCs and matches answers, restarts it
 * after a crash (restart-policy.ts), stops on a `fatal` message, and shuts it down without
 * cutting a write in half. No Electron import: `spawn` returns anything shaped like a
 * UtilityProcess, so the whole lifecycle is tested with a fake child.
 */

export interface BackendChild {
  postMessage(message: MainToBackend): void;
  kill(): boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
}

export type BackendState = 'idle' | 'starting' | 'ready' | 'restarting' | 'failed' | 'stopping' | 'stopped';

export interface SupervisorOptions {
  spawn: () => BackendChild;
  /** The backend reported it cannot run (e.g. DATA_TOO_NEW). It is not restarted. */
  onFatal: (message: string, code: string | undefined) => void;
  /** Crashed too often (restart policy exhausted). `retry()` starts over. */
  onGiveUp: (lastExitCode: number) => void;
  onReady?: () => void;
  /** Answers the backend's safeStorage requests (secret-sealer.ts); none: every request fails. */
  onSeal?: (req: SealRequest) => Promise<SealReply>;
  log?: (message: string) => void;
  policy?: RestartPolicy;
  /** Calls waiting for the backend to become ready; beyond this they fail at once. */
  maxQueued?: number;
}

export const MSG = {
  crashed:
    'Bộ xử lý dữ liệu vừa bị dừng đột ngột nên thao tác có thể chưa hoàn tất. Vui lòng kiểm tra lại rồi thử lại.',
  unavailable: 'Bộ xử lý dữ liệu không chạy được. Vui lòng khởi động lại ứng dụng.',
  stopping: 'Ứng dụng đang đóng.',
  busyStarting: 'Ứng dụng đang khởi động, vui lòng thử lại sau giây lát.',
} as const;

interface Pending {
  connId: number;
  resolve: (res: RpcResponse) => void;
  sent: boolean;
}

export class BackendSupervisor {
  private child: BackendChild | null = null;
  private _state: BackendState = 'idle';
  private readonly crashTimes: number[] = [];
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private queue: MainToBackend[] = [];
  private readonly busyWaiters = new Map<number, (pendingWrites: number | null) => void>();
  private restartTimer: ReturnType<typeof setTimeout> | null = null;
  private exitWaiters: (() => void)[] = [];
  private readonly policy: RestartPolicy;
  private readonly maxQueued: number;

  constructor(private readonly opts: SupervisorOptions) {
    this.policy = opts.policy ?? DEFAULT_RESTART_POLICY;
    this.maxQueued = opts.maxQueued ?? 500;
  }

  get state(): BackendState {
    return this._state;
  }

  /** Starts the backend (first start, or again after `stop()`, e.g. when an update install did not happen). */
  start(): void {
    if (this._state !== 'idle' && this._state !== 'failed' && this._state !== 'stopped') return;
    this.spawnChild();
  }

  /** After a give-up or fatal: forget the crash history and try once more. */
  retry(): void {
    if (this._state !== 'failed') return;
    this.crashTimes.length = 0;
    this.spawnChild();
  }

  /** Forwards one validated call; always resolves with a response, never rejects. */
  call(connId: number, method: string, params: unknown): Promise<RpcResponse> {
    const id = this.nextId++;
    const refuse = (message: string): Promise<RpcResponse> => Promise.resolve(errorResponse(id, 'INTERNAL', message));
    if (this._state === 'failed' || this._state === 'stopped') return refuse(MSG.unavailable);
    if (this._state === 'stopping') return refuse(MSG.stopping);
    if (this._state !== 'ready' && this.queue.length >= this.maxQueued) return refuse(MSG.busyStarting);
    return new Promise<RpcResponse>((resolve) => {
      const entry: Pending = { connId, resolve, sent: false };
      this.pending.set(id, entry);
      this.send({ type: 'rpc', connId, req: { id, method, params } }, entry);
    });
  }

  /** The renderer (webContents) is gone: its session and file grants can go too. */
  disconnect(connId: number): void {
    for (const [id, p] of this.pending) {
      if (p.connId === connId) {
        this.pending.delete(id);
        p.resolve(errorResponse(id, 'INTERNAL', MSG.stopping));
      }
    }
    if (this._state === 'ready') this.child?.postMessage({ type: 'disconnect', connId });
    else this.queue = this.queue.filter((m) => !('connId' in m) || m.connId !== connId);
  }

  /** Hands the backend a path chosen in a native dialog (dialogs.ts). Ordered before later RPCs. */
  grantFile(connId: number, grant: FileGrant): void {
    this.send({ type: 'file-grant', connId, grant });
  }

  /** Writes queued or running in the backend; null when unknown (not running, no answer). */
  pendingWrites(timeoutMs = 3000): Promise<number | null> {
    const child = this.child;
    if (!child || (this._state !== 'ready' && this._state !== 'stopping')) return Promise.resolve(null);
    const replyId = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.busyWaiters.delete(replyId);
        resolve(null);
      }, timeoutMs);
      this.busyWaiters.set(replyId, (n) => {
        clearTimeout(timer);
        resolve(n);
      });
      child.postMessage({ type: 'busy?', replyId });
    });
  }

  /**
   * Orderly stop for app quit and for installing an update: refuse new calls, wait (bounded)
   * until no write is pending, ask the backend to shut down, and kill it only if it does not
   * exit by itself. SQLite's WAL keeps the database consistent even then.
   */
  async stop({ drainTimeoutMs = 10_000, exitTimeoutMs = 3_000 } = {}): Promise<void> {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const wasReady = this._state === 'ready';
    this._state = 'stopping';
    this.failQueued(MSG.stopping);
    const child = this.child;
    if (!child) {
      this._state = 'stopped';
      return;
    }
    if (wasReady) {
      const deadline = Date.now() + drainTimeoutMs;
      while (Date.now() < deadline) {
        const n = await this.pendingWrites(Math.max(1, Math.min(1000, deadline - Date.now())));
        if (n === 0 || this.child !== child) break;
        await delay(100);
      }
    }
    if (this.child === child) {
      child.postMessage({ type: 'shutdown' });
      if (!(await this.waitExit(exitTimeoutMs))) {
        child.kill();
        await this.waitExit(exitTimeoutMs);
      }
    }
    this._state = 'stopped';
  }

  private waitExit(timeoutMs: number): Promise<boolean> {
    if (!this.child) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.exitWaiters = this.exitWaiters.filter((w) => w !== done);
        resolve(false);
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        resolve(true);
      };
      this.exitWaiters.push(done);
    });
  }

  private spawnChild(): void {
    this.restartTimer = null;
    this._state = this.crashTimes.length > 0 ? 'restarting' : 'starting';
    let child: BackendChild;
    try {
      child = this.opts.spawn();
    } catch (err) {
      this.opts.log?.(`backend spawn failed: ${(err as Error).message}`);
      this.onExit(null, -1);
      return;
    }
    this.child = child;
    child.on('message', (raw) => this.onMessage(child, raw));
    child.on('exit', (code) => this.onExit(child, code));
  }

  private send(msg: MainToBackend, entry?: Pending): void {
    if (this._state === 'ready' && this.child) {
      this.child.postMessage(msg);
      if (entry) entry.sent = true;
    } else {
      this.queue.push(msg);
    }
  }

  private onMessage(from: BackendChild, raw: unknown): void {
    if (from !== this.child) return;
    const msg = parseBackendMessage(raw);
    if (!msg) {
      this.opts.log?.('backend sent a malformed message; ignored');
      return;
    }
    switch (msg.type) {
      case 'ready': {
        if (this._state !== 'starting' && this._state !== 'restarting') return;
        this._state = 'ready';
        const queued = this.queue;
        this.queue = [];
        for (const m of queued) {
          from.postMessage(m);
          if (m.type === 'rpc') {
            const p = this.pending.get(m.req.id);
            if (p) p.sent = true;
          }
        }
        this.opts.onReady?.();
        return;
      }
      case 'rpc': {
        const p = this.pending.get(msg.res.id);
        if (!p || p.connId !== msg.connId) return;
        this.pending.delete(msg.res.id);
        p.resolve(msg.res);
        return;
      }
      case 'busy': {
        this.busyWaiters.get(msg.replyId)?.(msg.pendingWrites);
        this.busyWaiters.delete(msg.replyId);
        return;
      }
      case 'seal': {
        const answer = this.opts.onSeal
          ? this.opts.onSeal(msg)
          : Promise.resolve<SealReply>({ type: 'sealed', replyId: msg.replyId, ok: false, message: 'safeStorage is not wired' });
        void answer.then((reply) => {
          // A reply for a child that has since exited would reach nobody; drop it.
          if (from === this.child) from.postMessage(reply);
        });
        return;
      }
      case 'fatal': {
        this.opts.log?.(`backend fatal: ${msg.code ?? ''} ${msg.message}`);
        this._state = 'failed';
        this.child = null;
        this.failAll(MSG.unavailable);
        from.kill();
        this.opts.onFatal(msg.message, msg.code);
        return;
      }
    }
  }

  private onExit(from: BackendChild | null, code: number): void {
    if (from !== null && from !== this.child) {
      // An old child (after fatal, or replaced) finished exiting.
      this.flushExitWaiters();
      return;
    }
    this.child = null;
    for (const [, resolve] of this.busyWaiters) resolve(null);
    this.busyWaiters.clear();
    this.flushExitWaiters();
    if (this._state === 'stopping' || this._state === 'stopped') {
      this.failAll(MSG.stopping);
      return;
    }
    this.opts.log?.(`backend exited unexpectedly (code ${code})`);
    // Calls already handed to the dead process may or may not have run: say so. Calls still
    // queued were never sent; they wait for the restarted backend.
    for (const [id, p] of this.pending) {
      if (p.sent) {
        this.pending.delete(id);
        p.resolve(errorResponse(id, 'INTERNAL', MSG.crashed));
      }
    }
    this.queue = this.queue.filter((m) => m.type === 'rpc');
    const now = Date.now();
    this.crashTimes.push(now);
    const decision = decideRestart(this.crashTimes, now, this.policy);
    if (decision.restart) {
      this._state = 'restarting';
      this.restartTimer = setTimeout(() => this.spawnChild(), decision.delayMs);
    } else {
      this._state = 'failed';
      this.failAll(MSG.unavailable);
      this.opts.onGiveUp(code);
    }
  }

  private flushExitWaiters(): void {
    const waiters = this.exitWaiters;
    this.exitWaiters = [];
    for (const w of waiters) w();
  }

  private failQueued(message: string): void {
    for (const m of this.queue) {
      if (m.type !== 'rpc') continue;
      const p = this.pending.get(m.req.id);
      if (p) {
        this.pending.delete(m.req.id);
        p.resolve(errorResponse(m.req.id, 'INTERNAL', message));
      }
    }
    this.queue = [];
  }

  private failAll(message: string): void {
    this.queue = [];
    for (const [id, p] of this.pending) p.resolve(errorResponse(id, 'INTERNAL', message));
    this.pending.clear();
  }
}

export function errorResponse(id: number, code: RpcErrorBody['code'], message: string): RpcResponse {
  return { id, ok: false, error: { code, message } };
}

const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
