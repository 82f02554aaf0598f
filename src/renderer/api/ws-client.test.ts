// @vitest-environment node
// Runs in Node against a real `ws` server; Node's built-in WebSocket is the WHATWG client
// the browser has, so the client code under test is exactly what the page runs.
import { afterEach, describe, expect, it } from 'vitest';
// The server side of the test needs a real WebSocket server; the code under test does not.
import { WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import { ConnectionError, WsClient, type ConnectionStatus, type WebSocketCtor } from './ws-client';

type Answer = (req: { id: number; method: string; params: unknown }) => unknown | undefined;

/** A stand-in backend: answers with `{ ok: true, result }`, or holds the request when `answer` returns undefined. */
async function startServer(port: number, answer: Answer = (r) => ({ echo: r.method })) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const received: string[] = [];
  const sockets = new Set<ServerSocket>();
  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', (data) => {
      const req = JSON.parse(String(data)) as { id: number; method: string; params: unknown };
      received.push(req.method);
      const result = answer(req);
      if (result !== undefined) ws.send(JSON.stringify({ id: req.id, ok: true, result }));
    });
  });
  return {
    port: (wss.address() as { port: number }).port,
    received,
    sockets,
    connections: () => sockets.size,
    /** Like a backend process dying: sockets drop without a closing handshake. */
    kill: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.terminate();
        wss.close(() => resolve());
      }),
  };
}

const NodeWebSocket = globalThis.WebSocket as unknown as WebSocketCtor;
const clients: WsClient[] = [];
const servers: { kill: () => Promise<void> }[] = [];

function client(port: number, opts: { queueTimeoutMs?: number; url?: (attempt: number) => string } = {}) {
  const c = new WsClient({
    url: opts.url ?? `ws://127.0.0.1:${port}/rpc`,
    WebSocket: NodeWebSocket,
    queueTimeoutMs: opts.queueTimeoutMs ?? 5_000,
    backoffInitialMs: 50,
    backoffMaxMs: 200,
  });
  clients.push(c);
  return c;
}

function statuses(c: WsClient): ConnectionStatus[] {
  const seen: ConnectionStatus[] = [c.getStatus()];
  c.onStatus((s) => seen.push(s));
  return seen;
}

async function until(cond: () => boolean, ms = 5_000) {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const s of servers.splice(0)) await s.kill().catch(() => {});
});

describe('WsClient', () => {
  it('sends a call and resolves with the response envelope', async () => {
    const server = await startServer(0);
    servers.push(server);
    const c = client(server.port);
    const seen = statuses(c);
    const res = await c.invoke('app.info', {});
    expect(res).toEqual({ id: 1, ok: true, result: { echo: 'app.info' } });
    expect(seen).toEqual(['connecting', 'online']);
  });

  it('matches out-of-order answers to their calls by id', async () => {
    const held: { id: number; method: string }[] = [];
    const server = await startServer(0, (r) => {
      held.push(r);
      return undefined;
    });
    servers.push(server);
    const c = client(server.port);
    const first = c.invoke('setup.status', {});
    const second = c.invoke('auth.me', {});
    await until(() => held.length === 2);
    // Answer the second first, straight through the server's socket.
    const [socket] = [...server.sockets];
    socket!.send(JSON.stringify({ id: held[1]!.id, ok: true, result: 'second' }));
    socket!.send(JSON.stringify({ id: held[0]!.id, ok: true, result: 'first' }));
    expect(await second).toMatchObject({ result: 'second' });
    expect(await first).toMatchObject({ result: 'first' });
  });

  it('queues calls while the backend is down and sends them when it is back on the same port', async () => {
    const first = await startServer(0);
    const port = first.port;
    const c = client(port);
    const seen = statuses(c);
    await c.invoke('app.info', {});

    await first.kill();
    await until(() => c.getStatus() === 'reconnecting');
    const queued = c.invoke('setup.status', {});
    await new Promise((r) => setTimeout(r, 300)); // a few failed reconnect attempts

    const second = await startServer(port);
    servers.push(second);
    expect(await queued).toMatchObject({ ok: true, result: { echo: 'setup.status' } });
    expect(second.received).toEqual(['setup.status']);
    expect(seen[0]).toBe('connecting');
    expect(seen).toContain('reconnecting');
    expect(seen.at(-1)).toBe('online');
  });

  it('fails a queued call after the timeout with a clear error', async () => {
    const server = await startServer(0);
    const c = client(server.port, { queueTimeoutMs: 400 });
    await c.invoke('app.info', {});
    await server.kill();
    await until(() => c.getStatus() === 'reconnecting');
    const started = Date.now();
    const err = await c.invoke('auth.me', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as ConnectionError).kind).toBe('timeout');
    expect((err as ConnectionError).message).toContain('Không kết nối được tới máy chủ');
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
  });

  it('re-asks an unanswered read after reconnecting but fails an unanswered write', async () => {
    // The first backend takes requests and dies before answering any of them.
    const first = await startServer(0, () => undefined);
    const port = first.port;
    const c = client(port);
    const read = c.invoke('school.get', {});
    const write = c.invoke('school.update', { expectedRev: 1, profile: {} }).catch((e: unknown) => e);
    await until(() => first.received.length === 2);
    await first.kill();

    const writeErr = await write;
    expect(writeErr).toBeInstanceOf(ConnectionError);
    expect((writeErr as ConnectionError).kind).toBe('interrupted');

    const second = await startServer(port);
    servers.push(second);
    expect(await read).toMatchObject({ ok: true, result: { echo: 'school.get' } });
    expect(second.received).toEqual(['school.get']);
  });

  it('asks for the URL again on each reconnect attempt, so a rotated token is picked up', async () => {
    const server = await startServer(0);
    const port = server.port;
    const attempts: number[] = [];
    const c = client(port, {
      url: (attempt) => {
        attempts.push(attempt);
        return `ws://127.0.0.1:${port}/rpc?token=t${attempt}`;
      },
    });
    await c.invoke('app.info', {});
    await server.kill();
    await until(() => attempts.length >= 3);
    expect(attempts.slice(0, 3)).toEqual([0, 1, 2]);
  });

  it('rejects everything and stops reconnecting once closed', async () => {
    const server = await startServer(0, () => undefined);
    servers.push(server);
    const c = client(server.port);
    const pending = c.invoke('auth.me', {}).catch((e: unknown) => e);
    await until(() => server.received.length === 1);
    c.close();
    expect(((await pending) as ConnectionError).kind).toBe('closed');
    expect(c.getStatus()).toBe('closed');
    await expect(c.invoke('auth.me', {})).rejects.toBeInstanceOf(ConnectionError);
    await new Promise((r) => setTimeout(r, 200));
    expect(server.connections()).toBe(0);
  });
});
