import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MainToBackend } from '../../src/contract/process-protocol';
import { BackendSupervisor, MSG, type BackendChild } from './backend-supervisor';
import { decideRestart, DEFAULT_RESTART_POLICY } from './restart-policy';

/** A stand-in for Electron's UtilityProcess: records what main sends, lets the test answer. */
class FakeChild extends EventEmitter implements BackendChild {
  sent: MainToBackend[] = [];
  killed = false;
  /** When set, answers rpc and busy? automatically. */
  autoAnswer = false;
  pendingWrites = 0;
  postMessage(message: MainToBackend): void {
    this.sent.push(message);
    if (!this.autoAnswer) return;
    if (message.type === 'rpc') {
      queueMicrotask(() => this.reply({ type: 'rpc', connId: message.connId, res: { id: message.req.id, ok: true, result: message.req.method } }));
    }
    if (message.type === 'busy?') queueMicrotask(() => this.reply({ type: 'busy', replyId: message.replyId, pendingWrites: this.pendingWrites }));
    if (message.type === 'shutdown') queueMicrotask(() => this.exit(0));
  }
  kill(): boolean {
    this.killed = true;
    queueMicrotask(() => this.exit(143));
    return true;
  }
  reply(msg: unknown): void {
    this.emit('message', msg);
  }
  exit(code: number): void {
    if (this.listenerCount('exit') === 0) return;
    this.emit('exit', code);
    this.removeAllListeners('exit');
  }
}

function setup(policy = DEFAULT_RESTART_POLICY) {
  const children: FakeChild[] = [];
  const onFatal = vi.fn();
  const onGiveUp = vi.fn();
  const sup = new BackendSupervisor({
    spawn: () => {
      const c = new FakeChild();
      children.push(c);
      return c;
    },
    onFatal,
    onGiveUp,
    policy,
  });
  const last = () => children[children.length - 1]!;
  return { sup, children, last, onFatal, onGiveUp };
}

const flush = () => new Promise<void>((r) => queueMicrotask(r));

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('BackendSupervisor', () => {
  it('queues calls until ready, then forwards them in order and matches answers by id', async () => {
    const { sup, last } = setup();
    sup.start();
    expect(sup.state).toBe('starting');
    const a = sup.call(7, 'app.info', {});
    sup.grantFile(7, { handle: 'h1', path: '/tmp/x.xlsx', kind: 'spreadsheet', mode: 'read' });
    const b = sup.call(8, 'auth.me', {});
    expect(last().sent).toEqual([]);
    last().reply({ type: 'ready' });
    expect(sup.state).toBe('ready');
    expect(last().sent.map((m) => m.type)).toEqual(['rpc', 'file-grant', 'rpc']);
    const [ra, rb] = last().sent.filter((m) => m.type === 'rpc') as Extract<MainToBackend, { type: 'rpc' }>[];
    // Answers may come back in any order.
    last().reply({ type: 'rpc', connId: 8, res: { id: rb!.req.id, ok: true, result: 'B' } });
    last().reply({ type: 'rpc', connId: 7, res: { id: ra!.req.id, ok: true, result: 'A' } });
    expect(await a).toMatchObject({ ok: true, result: 'A' });
    expect(await b).toMatchObject({ ok: true, result: 'B' });
  });

  it('ignores malformed messages and answers for the wrong connection', async () => {
    const { sup, last } = setup();
    sup.start();
    last().reply({ type: 'ready' });
    const p = sup.call(1, 'app.info', {});
    const sent = last().sent[0] as Extract<MainToBackend, { type: 'rpc' }>;
    last().reply({ type: 'rpc', connId: 2, res: { id: sent.req.id, ok: true, result: 'stolen' } });
    last().reply({ type: 'rpc', connId: 1, res: { id: sent.req.id, ok: 'yes' } });
    last().reply('garbage');
    last().reply({ type: 'rpc', connId: 1, res: { id: sent.req.id, ok: true, result: 'mine' } });
    expect(await p).toMatchObject({ ok: true, result: 'mine' });
  });

  it('after a crash: in-flight calls get INTERNAL, then the backend is restarted with backoff', async () => {
    const { sup, children, last } = setup();
    sup.start();
    last().reply({ type: 'ready' });
    const inFlight = sup.call(1, 'users.add', {});
    last().exit(1);
    expect(await inFlight).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: MSG.crashed } });
    expect(sup.state).toBe('restarting');
    const queued = sup.call(1, 'app.info', {});
    expect(children).toHaveLength(1);
    vi.advanceTimersByTime(DEFAULT_RESTART_POLICY.baseDelayMs);
    expect(children).toHaveLength(2);
    last().autoAnswer = true;
    last().reply({ type: 'ready' });
    await flush();
    expect(await queued).toMatchObject({ ok: true, result: 'app.info' });
  });

  it('gives up after too many crashes in a short time and can be retried', async () => {
    const { sup, children, last, onGiveUp } = setup();
    sup.start();
    for (let i = 0; i <= DEFAULT_RESTART_POLICY.maxRestarts; i++) {
      last().exit(3);
      vi.advanceTimersByTime(DEFAULT_RESTART_POLICY.maxDelayMs);
    }
    expect(onGiveUp).toHaveBeenCalledWith(3);
    expect(sup.state).toBe('failed');
    expect(children).toHaveLength(DEFAULT_RESTART_POLICY.maxRestarts + 1);
    expect(await sup.call(1, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: MSG.unavailable } });
    sup.retry();
    expect(children).toHaveLength(DEFAULT_RESTART_POLICY.maxRestarts + 2);
    expect(sup.state).toBe('starting');
  });

  it('on fatal (e.g. DATA_TOO_NEW): reports it, fails waiting calls, does not restart', async () => {
    const { sup, children, last, onFatal } = setup();
    sup.start();
    const waiting = sup.call(1, 'setup.status', {});
    last().reply({ type: 'fatal', message: 'Dữ liệu mới hơn', code: 'DATA_TOO_NEW' });
    expect(onFatal).toHaveBeenCalledWith('Dữ liệu mới hơn', 'DATA_TOO_NEW');
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(last().killed).toBe(true);
    await flush();
    vi.advanceTimersByTime(60_000);
    expect(children).toHaveLength(1);
    expect(sup.state).toBe('failed');
  });

  it('pendingWrites asks the backend; null when it does not answer', async () => {
    const { sup, last } = setup();
    expect(await sup.pendingWrites()).toBeNull(); // not running
    sup.start();
    last().reply({ type: 'ready' });
    const p = sup.pendingWrites(1000);
    const ask = last().sent.at(-1) as Extract<MainToBackend, { type: 'busy?' }>;
    expect(ask.type).toBe('busy?');
    last().reply({ type: 'busy', replyId: ask.replyId, pendingWrites: 2 });
    expect(await p).toBe(2);
    const silent = sup.pendingWrites(1000);
    vi.advanceTimersByTime(1000);
    expect(await silent).toBeNull();
  });

  it('stop() waits for pending writes to drain, then asks the backend to shut down', async () => {
    const { sup, last } = setup();
    sup.start();
    const child = last();
    child.autoAnswer = true;
    child.pendingWrites = 1;
    child.reply({ type: 'ready' });
    const stopping = sup.stop();
    expect(await sup.call(1, 'app.info', {})).toMatchObject({ ok: false, error: { message: MSG.stopping } });
    await vi.advanceTimersByTimeAsync(350);
    expect(child.sent.some((m) => m.type === 'shutdown')).toBe(false); // still a write pending
    child.pendingWrites = 0;
    await vi.advanceTimersByTimeAsync(200);
    await stopping;
    expect(child.sent.filter((m) => m.type === 'shutdown')).toHaveLength(1);
    expect(child.killed).toBe(false); // exited by itself
    expect(sup.state).toBe('stopped');
  });

  it('stop() kills a backend that ignores shutdown, and does not restart it', async () => {
    const { sup, children, last } = setup();
    sup.start();
    const child = last();
    child.reply({ type: 'ready' });
    // Answers busy? but ignores shutdown.
    child.postMessage = function (m: MainToBackend) {
      this.sent.push(m);
      if (m.type === 'busy?') queueMicrotask(() => this.reply({ type: 'busy', replyId: m.replyId, pendingWrites: 0 }));
    };
    const stopping = sup.stop({ exitTimeoutMs: 500 });
    await vi.advanceTimersByTimeAsync(600);
    await stopping;
    expect(child.killed).toBe(true);
    vi.advanceTimersByTime(60_000);
    expect(children).toHaveLength(1);
  });

  it('can be started again after stop() (an update install that did not happen)', async () => {
    const { sup, children, last } = setup();
    sup.start();
    last().autoAnswer = true;
    last().reply({ type: 'ready' });
    await sup.stop();
    expect(sup.state).toBe('stopped');
    sup.start();
    expect(children).toHaveLength(2);
    last().autoAnswer = true;
    last().reply({ type: 'ready' });
    const r = sup.call(1, 'app.info', {});
    await flush();
    expect(await r).toMatchObject({ ok: true });
  });

  it('disconnect forwards to the backend and drops that connection’s waiting calls', async () => {
    const { sup, last } = setup();
    sup.start();
    const queued = sup.call(5, 'app.info', {});
    sup.disconnect(5);
    expect(await queued).toMatchObject({ ok: false });
    last().reply({ type: 'ready' });
    expect(last().sent).toEqual([]);
    sup.disconnect(5);
    expect(last().sent).toEqual([{ type: 'disconnect', connId: 5 }]);
  });

  it('a spawn that throws counts as a crash', () => {
    let n = 0;
    const onGiveUp = vi.fn();
    const sup = new BackendSupervisor({
      spawn: () => {
        n++;
        throw new Error('no such file');
      },
      onFatal: vi.fn(),
      onGiveUp,
    });
    sup.start();
    vi.advanceTimersByTime(60_000);
    expect(n).toBe(DEFAULT_RESTART_POLICY.maxRestarts + 1);
    expect(onGiveUp).toHaveBeenCalled();
  });
});

describe('decideRestart', () => {
  const p = DEFAULT_RESTART_POLICY;
  it('backs off exponentially, capped, and gives up past the limit within the window', () => {
    expect(decideRestart([1000], 1000, p)).toEqual({ restart: true, delayMs: 500 });
    expect(decideRestart([1000, 2000], 2000, p)).toEqual({ restart: true, delayMs: 1000 });
    expect(decideRestart([1000, 2000, 3000], 3000, p)).toEqual({ restart: true, delayMs: 2000 });
    expect(decideRestart([1000, 2000, 3000, 4000], 4000, p)).toEqual({ restart: false });
    expect(decideRestart([0, 1, 2, 3, 4, 5, 6], 6, { ...p, maxRestarts: 10 })).toEqual({ restart: true, delayMs: 8000 });
  });
  it('forgets crashes older than the window', () => {
    expect(decideRestart([0, 1000, 2000, 200_000], 200_000, p)).toEqual({ restart: true, delayMs: 500 });
  });
});
