import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RpcErrorBody, RpcResponse } from '../../contract/rpc';
import { openBackend, type Backend } from '../backend';
import { newConnection } from '../transports/connections';
import { createRouter, type Connection, type Handlers } from './router';

let dir: string;
let backend: Backend;
const internalErrors: { message: string; extra: unknown }[] = [];
let admin: Connection;
let viewer: Connection;
let seq = 0;

function call(conn: Connection, method: string, params?: unknown): Promise<RpcResponse> {
  return backend.router.dispatch(conn, { id: ++seq, method, params });
}

function errorOf(res: RpcResponse): RpcErrorBody {
  if (res.ok) throw new Error(`expected an error, got ${JSON.stringify(res.result)}`);
  return res.error;
}

function resultOf<T = unknown>(res: RpcResponse): T {
  if (!res.ok) throw new Error(`expected success, got ${JSON.stringify(res.error)}`);
  return res.result as T;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-'));
  backend = await openBackend({
    dataDir: dir,
    log: (level, message, extra) => {
      if (level === 'error') internalErrors.push({ message, extra });
    },
  });
  admin = newConnection('test', true);
  resultOf(
    await call(admin, 'setup.initialize', {
      school: { name: 'Trường Tiểu học Kim Đồng', levels: ['tieu_hoc'] },
      admin: { username: 'admin', displayName: 'Quản trị', password: 'mat-khau-admin' },
    }),
  );
  resultOf(
    await call(admin, 'users.add', { username: 'xem', displayName: 'Người xem', role: 'viewer', password: 'mat-khau-xem' }),
  );
  viewer = newConnection('test', true);
  resultOf(await call(viewer, 'auth.login', { username: 'xem', password: 'mat-khau-xem' }));
});

afterAll(async () => {
  await backend.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('router: envelope', () => {
  it.each([
    ['null', null],
    ['a string', 'setup.status'],
    ['an array', [1, 'setup.status']],
    ['no method', { id: 1 }],
    ['empty method', { id: 1, method: '' }],
    ['negative id', { id: -1, method: 'setup.status' }],
    ['fractional id', { id: 1.5, method: 'setup.status' }],
    ['string id', { id: '1', method: 'setup.status' }],
    ['method not a string', { id: 1, method: 42 }],
  ])('a malformed envelope (%s) is answered BAD_REQUEST', async (_label, raw) => {
    const res = await backend.router.dispatch(admin, raw);
    expect(errorOf(res).code).toBe('BAD_REQUEST');
  });

  it('echoes a numeric id even when the rest of the envelope is malformed, 0 otherwise', async () => {
    expect((await backend.router.dispatch(admin, { id: 7, method: '' })).id).toBe(7);
    expect((await backend.router.dispatch(admin, null)).id).toBe(0);
  });

  it('echoes the request id on success and treats missing params as {}', async () => {
    const res = await backend.router.dispatch(admin, { id: 4242, method: 'setup.status' });
    expect(res).toEqual({ id: 4242, ok: true, result: { initialized: true, schoolName: 'Trường Tiểu học Kim Đồng' } });
  });
});

describe('router: allow-list and arguments', () => {
  it.each(['no.such', 'school.delete', 'constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'an unknown method (%s) is answered UNKNOWN_METHOD',
    async (method) => {
      const err = errorOf(await call(admin, method, {}));
      expect(err.code).toBe('UNKNOWN_METHOD');
    },
  );

  it('bad args give INVALID_ARGS with fields naming each field in Vietnamese', async () => {
    const err = errorOf(
      await call(admin, 'users.add', { username: 'ab', displayName: '  ', role: 'hieu_truong', password: 'ngan' }),
    );
    expect(err.code).toBe('INVALID_ARGS');
    expect(err.fields).toEqual({
      username: 'Tên đăng nhập cần ít nhất 3 ký tự',
      displayName: 'Vui lòng nhập họ và tên',
      role: expect.stringMatching(/không hợp lệ/),
      password: 'Mật khẩu cần ít nhất 8 ký tự',
    });
    // Zod's built-in messages are Vietnamese too, not English.
    for (const message of Object.values(err.fields!)) expect(message).not.toMatch(/Invalid|expected/);
  });

  it('names nested fields by dotted path', async () => {
    const err = errorOf(
      await call(admin, 'setup.initialize', {
        school: { name: '', levels: [] },
        admin: { username: 'admin2', displayName: 'A', password: 'mat-khau-dai' },
      }),
    );
    expect(err.code).toBe('INVALID_ARGS');
    expect(err.fields).toMatchObject({ 'school.name': 'Vui lòng nhập tên trường', 'school.levels': 'Chọn ít nhất một cấp học' });
  });

  it('rejects unknown keys for methods without arguments', async () => {
    const err = errorOf(await call(admin, 'setup.status', { sneaky: true }));
    expect(err.code).toBe('INVALID_ARGS');
  });

  it('checks arguments before the handler runs: nothing is written for invalid input', async () => {
    const before = resultOf<unknown[]>(await call(admin, 'users.list', {}));
    errorOf(await call(admin, 'users.add', { username: 'hople', displayName: 'Hợp lệ', role: 'viewer', password: 'x' }));
    expect(resultOf<unknown[]>(await call(admin, 'users.list', {}))).toHaveLength(before.length);
  });
});

describe('router: sender and access', () => {
  it.each(['setup.status', 'app.info', 'auth.login', 'school.get'])(
    'an untrusted connection gets UNTRUSTED_SENDER, even for %s',
    async (method) => {
      const untrusted = newConnection('ws', false);
      const params = method === 'auth.login' ? { username: 'admin', password: 'mat-khau-admin' } : {};
      expect(errorOf(await call(untrusted, method, params)).code).toBe('UNTRUSTED_SENDER');
      expect(untrusted.session).toBeNull();
    },
  );

  it('an untrusted connection is refused even if it carries a session', async () => {
    const conn: Connection = { ...newConnection('ws', false), session: admin.session };
    expect(errorOf(await call(conn, 'users.list', {})).code).toBe('UNTRUSTED_SENDER');
  });

  it.each(['school.get', 'users.list', 'db.check', 'auth.changePassword'])(
    'a non-public method (%s) without a session gets UNAUTHENTICATED',
    async (method) => {
      const anon = newConnection('test', true);
      const params = method === 'auth.changePassword' ? { currentPassword: 'x', newPassword: 'mat-khau-moi' } : {};
      expect(errorOf(await call(anon, method, params)).code).toBe('UNAUTHENTICATED');
    },
  );

  it('public methods work without a session', async () => {
    const anon = newConnection('test', true);
    expect(resultOf(await call(anon, 'app.info', {}))).toMatchObject({ transport: 'test' });
    expect(resultOf(await call(anon, 'auth.me', {}))).toEqual({ user: null });
  });

  it('a viewer calling users.add gets FORBIDDEN and no user is added', async () => {
    const err = errorOf(
      await call(viewer, 'users.add', { username: 'lenlut', displayName: 'Lén lút', role: 'admin', password: 'mat-khau-len' }),
    );
    expect(err.code).toBe('FORBIDDEN');
    const names = resultOf<{ username: string }[]>(await call(admin, 'users.list', {})).map((u) => u.username);
    expect(names).not.toContain('lenlut');
  });

  it('a viewer may call methods open to any logged-in user', async () => {
    expect(resultOf(await call(viewer, 'school.get', {}))).toMatchObject({ name: 'Trường Tiểu học Kim Đồng' });
    expect(errorOf(await call(viewer, 'school.update', { expectedRev: 1, profile: { name: 'X', levels: ['thcs'] } })).code).toBe(
      'FORBIDDEN',
    );
  });
});

describe('router: unexpected errors', () => {
  it('an exception inside a handler becomes INTERNAL with a generic message; details go to onInternalError only', async () => {
    const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-'));
    const logged: { level: string; message: string; extra: unknown }[] = [];
    const b = await openBackend({ dataDir: fresh, log: (level, message, extra) => logged.push({ level, message, extra }) });
    try {
      const conn = newConnection('test', true);
      resultOf(
        await b.router.dispatch(conn, {
          id: 1,
          method: 'setup.initialize',
          params: {
            school: { name: 'Trường A', levels: ['thcs'] },
            admin: { username: 'admin', displayName: 'A', password: 'mat-khau-admin' },
          },
        }),
      );
      // Break the database under the running backend: the next read fails inside TypeORM.
      await b.dataSource.query('DROP TABLE school_site');
      const res = await b.router.dispatch(conn, { id: 2, method: 'school.get', params: {} });
      const err = errorOf(res);
      expect(res.id).toBe(2);
      expect(err).toEqual({ code: 'INTERNAL', message: 'Đã xảy ra lỗi không mong muốn. Dữ liệu của bạn không bị thay đổi.' });
      expect(JSON.stringify(res)).not.toMatch(/school_site|SQLITE|select|at .*\.ts/i);
      expect(logged).toHaveLength(1);
      expect(logged[0]!.level).toBe('error');
      expect(logged[0]!.message).toContain('school.get');
      expect(String((logged[0]!.extra as Error).message)).toContain('school_site');
    } finally {
      await b.close();
      fs.rmSync(fresh, { recursive: true, force: true });
    }
  });

  it('calls onInternalError with the error and method, and maps a ZodError thrown by a handler to VALIDATION', async () => {
    const seen: [unknown, string][] = [];
    const boom = new Error('SELECT * FROM secret; stack details');
    const handlers = {
      'app.info': async () => {
        throw boom;
      },
      'setup.status': async () => {
        z.object({ x: z.string() }).parse({});
        return { initialized: false, schoolName: null };
      },
    } as unknown as Handlers;
    const router = createRouter({ handlers, onInternalError: (err, method) => seen.push([err, method]) });
    const conn = newConnection('test', true);
    const res = await router.dispatch(conn, { id: 3, method: 'app.info' });
    expect(errorOf(res).code).toBe('INTERNAL');
    expect(JSON.stringify(res)).not.toContain('secret');
    expect(seen).toEqual([[boom, 'app.info']]);
    const validation = errorOf(await router.dispatch(conn, { id: 4, method: 'setup.status' }));
    expect(validation.code).toBe('VALIDATION');
    expect(Object.keys(validation.fields ?? {})).toEqual(['x']);
    expect(seen).toHaveLength(1);
  });

  it('the shared backend logged no internal errors during the other tests', () => {
    expect(internalErrors).toEqual([]);
  });
});
