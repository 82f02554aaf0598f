/**
 * The department workstation's first run and its team picker (issue 8) against a real
 * department server: `review.initWorkstation` on an empty data folder, then `review.accounts`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput, MethodName, MethodOutput } from '../contract/methods';
import type { RpcErrorBody } from '../contract/rpc';
import { openBackend, type Backend } from '../backend/backend';
import type { Connection } from '../backend/rpc/router';
import { newConnection } from '../backend/transports/connections';
import { startSyncServer, TEST_PASSWORD, type TestSyncServer } from './sync.testkit';

let seq = 0;
async function call<M extends MethodName>(b: Backend, conn: Connection, method: M, params: MethodInput<M>) {
  const res = await b.router.dispatch(conn, { id: ++seq, method, params });
  if (!res.ok) throw Object.assign(new Error(res.error.message), { body: res.error });
  return res.result as MethodOutput<M>;
}
async function fail<M extends MethodName>(b: Backend, conn: Connection, method: M, params: MethodInput<M>) {
  const res = await b.router.dispatch(conn, { id: ++seq, method, params });
  if (res.ok) throw new Error(`${method} should have failed, got ${JSON.stringify(res.result)}`);
  return res.error as RpcErrorBody;
}

describe('department workstation (SQLite server)', () => {
  let s: TestSyncServer;
  let dir: string;
  let backend: Backend;

  beforeAll(async () => {
    s = await startSyncServer('sqlite');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-workstation-'));
    backend = await openBackend({ dataDir: dir });
  }, 120_000);

  afterAll(async () => {
    await backend?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    await s?.stop();
  });

  it('sets up an empty computer as a workstation in one step, then lists who may join a team', async () => {
    const ui = newConnection('test', true);
    const input = { serverUrl: s.url, username: 'pgda.admin', password: TEST_PASSWORD, localPassword: 'may-tham-dinh-1' };

    // A wrong server password is a field error, not the local session ending; nothing is created.
    const wrong = await fail(backend, ui, 'review.initWorkstation', { ...input, password: 'sai-mat-khau' });
    expect(wrong).toMatchObject({ code: 'VALIDATION', fields: { password: expect.stringContaining('không đúng') } });
    // A school's account cannot run a department workstation.
    expect(await fail(backend, ui, 'review.initWorkstation', { ...input, username: 'a1.user' })).toMatchObject({
      code: 'FORBIDDEN',
    });
    // The local password follows the app's rules.
    const short = await fail(backend, ui, 'review.initWorkstation', { ...input, localPassword: 'ngan' });
    expect(short).toMatchObject({ code: 'INVALID_ARGS', fields: { localPassword: expect.any(String) } });
    expect(await call(backend, ui, 'setup.status', {})).toEqual({ initialized: false, schoolName: null });
    expect(fs.existsSync(path.join(dir, 'review', 'state.json'))).toBe(false);

    const done = await call(backend, ui, 'review.initWorkstation', input);
    expect(done.user).toMatchObject({ username: 'pgda.admin', displayName: 'pgda.admin', role: 'admin' });
    expect(done.school).toMatchObject({ code: 'PGD-A', name: 'Phòng GDĐT A' });
    expect(done.status).toMatchObject({
      mode: 'department',
      workstation: true,
      account: { username: 'pgda.admin', role: 'dept_admin', unit: { code: 'PGD-A' } },
    });
    // Logged in on this connection, and the local password works on the next start.
    expect((await call(backend, ui, 'auth.me', {})).user?.username).toBe('pgda.admin');
    expect(await call(backend, ui, 'setup.status', {})).toEqual({ initialized: true, schoolName: 'Phòng GDĐT A' });
    const later = newConnection('test', true);
    await call(backend, later, 'auth.login', { username: 'pgda.admin', password: 'may-tham-dinh-1' });
    expect(await fail(backend, newConnection('test', true), 'review.initWorkstation', input)).toMatchObject({
      code: 'CONFLICT',
    });

    // The team picker: the admin's subtree, inspectors and admins only.
    const accounts = await call(backend, later, 'review.accounts', {});
    expect(accounts.map((a) => [a.username, a.role, a.unit.code])).toEqual([
      ['pgda.admin', 'dept_admin', 'PGD-A'],
      ['pgda.insp', 'inspector', 'PGD-A'],
    ]);
    expect(accounts[1]!.id).toBe(s.fx.accounts.pgdaInsp.id);

    // Signing the workstation in as the inspector keeps it a workstation; an inspector may not list.
    const insp = await call(backend, later, 'review.setup', { serverUrl: s.url, username: 'pgda.insp', password: TEST_PASSWORD });
    expect(insp).toMatchObject({ workstation: true, account: { username: 'pgda.insp', role: 'inspector' } });
    expect(await fail(backend, later, 'review.accounts', {})).toMatchObject({ code: 'FORBIDDEN' });
  }, 120_000);
});
