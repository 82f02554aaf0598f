import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../backend';
import { serveParentPort, type BackendToMain, type MainToBackend, type ParentPortLike } from './utility-process';

/**
 * Electron's `process.parentPort` as the backend sees it: an emitter of `message` events
 * carrying `{ data }`, and `postMessage` towards main. Here main is the test.
 */
class FakeParentPort extends EventEmitter implements ParentPortLike {
  readonly posted: BackendToMain[] = [];
  private waiters: { match: (m: BackendToMain) => boolean; resolve: (m: BackendToMain) => void }[] = [];

  override on(event: 'message', listener: (e: { data: MainToBackend }) => void): this {
    return super.on(event, listener);
  }

  postMessage(message: BackendToMain): void {
    // Electron structured-clones messages: nothing live may cross.
    const copy = structuredClone(message);
    this.posted.push(copy);
    const i = this.waiters.findIndex((w) => w.match(copy));
    if (i >= 0) this.waiters.splice(i, 1)[0]!.resolve(copy);
  }

  send(data: MainToBackend): void {
    this.emit('message', { data: structuredClone(data) });
  }

  next(match: (m: BackendToMain) => boolean): Promise<BackendToMain> {
    const seen = this.posted.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }
}

let dir: string;
let backend: Backend;
let port: FakeParentPort;
let pendingWrites = 0;
let reqId = 0;
let shutdowns = 0;
const logged: string[] = [];

async function rpc(connId: number, method: string, params: unknown = {}) {
  const id = ++reqId;
  port.send({ type: 'rpc', connId, req: { id, method, params } });
  const reply = await port.next((m) => m.type === 'rpc' && m.connId === connId && m.res.id === id);
  if (reply.type !== 'rpc') throw new Error('unexpected reply');
  return reply.res;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-'));
  backend = await openBackend({ dataDir: dir });
  port = new FakeParentPort();
  serveParentPort(port, backend.router, {
    pendingWrites: () => pendingWrites,
    shutdown: async () => {
      shutdowns++;
    },
    log: (m) => logged.push(m),
  });
});

afterAll(async () => {
  await backend.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('serveParentPort', () => {
  it('posts ready once it listens', () => {
    expect(port.posted[0]).toEqual({ type: 'ready' });
    expect(port.posted.filter((m) => m.type === 'ready')).toHaveLength(1);
  });

  it('answers rpc messages with the same connId and request id, as ipc transport', async () => {
    const res = await rpc(1, 'app.info');
    expect(res).toMatchObject({ ok: true, result: { transport: 'ipc' } });
    expect(await rpc(3, 'no.such.method')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('keeps a separate session per connId: logging in on connId 1 does not log in connId 2', async () => {
    const init = await rpc(1, 'setup.initialize', {
      school: { name: 'Trường THPT Lý Thường Kiệt', levels: ['thpt'] },
      admin: { username: 'admin', displayName: 'Quản trị', password: 'mat-khau-admin' },
    });
    expect(init.ok).toBe(true);
    expect(await rpc(1, 'auth.me')).toMatchObject({ ok: true, result: { user: { username: 'admin' } } });
    expect(await rpc(2, 'auth.me')).toEqual({ id: reqId, ok: true, result: { user: null } });
    expect(await rpc(2, 'users.list')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await rpc(1, 'users.list')).toMatchObject({ ok: true });
  });

  it('answers concurrent requests from different windows to the right connId', async () => {
    await rpc(4, 'auth.login', { username: 'admin', password: 'mat-khau-admin' });
    const [a, b, c] = await Promise.all([rpc(4, 'users.list'), rpc(5, 'users.list'), rpc(4, 'school.get')]);
    expect(a.ok).toBe(true);
    expect(b).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(c).toMatchObject({ ok: true, result: { name: 'Trường THPT Lý Thường Kiệt' } });
  });

  it('answers busy? with the pending write count and the same replyId', async () => {
    pendingWrites = 3;
    port.send({ type: 'busy?', replyId: 77 });
    expect(await port.next((m) => m.type === 'busy' && m.replyId === 77)).toEqual({
      type: 'busy',
      replyId: 77,
      pendingWrites: 3,
    });
    pendingWrites = 0;
    port.send({ type: 'busy?', replyId: 78 });
    expect(await port.next((m) => m.type === 'busy' && m.replyId === 78)).toEqual({
      type: 'busy',
      replyId: 78,
      pendingWrites: 0,
    });
  });

  it('drops the session on disconnect: the same connId comes back logged out', async () => {
    await rpc(6, 'auth.login', { username: 'admin', password: 'mat-khau-admin' });
    expect(await rpc(6, 'auth.me')).toMatchObject({ result: { user: { username: 'admin' } } });
    port.send({ type: 'disconnect', connId: 6 });
    expect(await rpc(6, 'auth.me')).toMatchObject({ ok: true, result: { user: null } });
    // Other windows keep their login.
    expect(await rpc(1, 'auth.me')).toMatchObject({ result: { user: { username: 'admin' } } });
  });

  it('ignores (and logs) a message that does not match the process protocol', async () => {
    const before = port.posted.length;
    port.send({ type: 'rpc', connId: 9, req: { method: 'app.info' } } as unknown as MainToBackend);
    port.send({ type: 'bogus' } as unknown as MainToBackend);
    await rpc(1, 'setup.status');
    expect(port.posted.length).toBe(before + 1);
    expect(logged.length).toBeGreaterThanOrEqual(2);
  });

  it('on shutdown runs the shutdown hook once and refuses later calls instead of running them', async () => {
    port.send({ type: 'shutdown' });
    port.send({ type: 'shutdown' });
    const res = await rpc(1, 'setup.status');
    expect(shutdowns).toBe(1);
    expect(res).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
