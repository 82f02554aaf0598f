import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type BuiltServer } from '../app';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../db/test-database';
import { seedFixture, TEST_PASSWORD, TestClock, testConfig, type Fixture } from '../testing';

/** The HTTP API end to end through `app.inject()`: routes, auth hook, services, database. */
describe.each(DIALECTS)('department API on %s', (dialect) => {
  let tdb: TestDatabase;
  let server: BuiltServer;
  let app: FastifyInstance;
  let fx: Fixture;
  const clock = new TestClock();

  const login = async (username: string, password = TEST_PASSWORD, remoteAddress = '127.0.0.1') => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
    return res;
  };
  const tokenOf = async (username: string) => {
    const res = await login(username);
    expect(res.statusCode).toBe(200);
    return res.json().token as string;
  };
  const get = (url: string, token: string) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  const post = (url: string, token: string, payload: object) =>
    app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, payload });

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    server = await buildServer({ config: testConfig(tdb.config, tdb.dir), logger: false, now: clock.now });
    app = server.app;
    fx = await seedFixture(server.services);
  });
  afterAll(async () => {
    await server?.close();
    await tdb?.cleanup();
  });

  it('POST /api/auth/login returns a token and the account, never the hash', async () => {
    const res = await login('a1.user');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.kind).toBe('session');
    expect(body.account).toEqual({
      id: fx.accounts.a1User.id,
      username: 'a1.user',
      displayName: 'a1.user',
      role: 'school_user',
      orgUnitId: fx.units.schA1.id,
      disabled: false,
      createdAt: fx.accounts.a1User.createdAt.toISOString(),
    });
    expect(res.body).not.toMatch(/scrypt|password/i);
  });

  it('wrong credentials → 401 in Vietnamese; 6th try within 15 minutes → 429 with Retry-After', async () => {
    const ip = '198.51.100.20';
    for (let i = 0; i < 5; i++) {
      const res = await login('b1.user', 'sai-mat-khau', ip);
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toEqual({ code: 'INVALID_CREDENTIALS', message: 'Tên đăng nhập hoặc mật khẩu không đúng.' });
    }
    const limited = await login('b1.user', TEST_PASSWORD, ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(limited.json().error.message).toMatch(/Đăng nhập sai quá nhiều lần/);
    expect(Number(limited.headers['retry-after'])).toBe(15 * 60);
    // Another address is not blocked.
    expect((await login('b1.user', TEST_PASSWORD, '198.51.100.21')).statusCode).toBe(200);
    clock.advance(15 * 60_000);
    expect((await login('b1.user', TEST_PASSWORD, ip)).statusCode).toBe(200);
  });

  it('GET /api/me tells who the caller is and their unit', async () => {
    const res = await get('/api/me', await tokenOf('pgda.insp'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      account: { username: 'pgda.insp', role: 'inspector' },
      unit: { id: fx.units.pgdA.id, code: 'PGD-A', kind: 'phong', parentId: fx.units.so.id },
    });
  });

  it('GET /api/units returns the tree the caller may see', async () => {
    const codes = async (username: string) =>
      (await get('/api/units', await tokenOf(username))).json().units.map((u: { code: string }) => u.code);
    expect(await codes('so.admin')).toEqual(['SO', 'PGD-A', 'SCH-A1', 'PGD-B', 'SCH-B1', 'SCH-R1']);
    expect(await codes('pgda.admin')).toEqual(['PGD-A', 'SCH-A1']);
    expect(await codes('pgda.insp')).toEqual(['PGD-A']);
    expect(await codes('a1.user')).toEqual(['SCH-A1']);
  });

  it('POST /api/units creates a child unit only under a unit the admin manages', async () => {
    const admin = await tokenOf('pgda.admin');
    const created = await post('/api/units', admin, {
      parentId: fx.units.pgdA.id,
      kind: 'school',
      code: 'SCH-A3',
      name: 'Trường A3',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ parentId: fx.units.pgdA.id, code: 'SCH-A3', kind: 'school', name: 'Trường A3' });

    const outside = await post('/api/units', admin, { parentId: fx.units.pgdB.id, kind: 'school', code: 'SCH-B3', name: 'B3' });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error).toEqual({ code: 'FORBIDDEN', message: 'Bạn không có quyền thực hiện thao tác này.' });

    const school = await post('/api/units', await tokenOf('a1.user'), {
      parentId: fx.units.schA1.id,
      kind: 'school',
      code: 'SCH-X',
      name: 'X',
    });
    expect(school.statusCode).toBe(403);

    const dup = await post('/api/units', admin, { parentId: fx.units.pgdA.id, kind: 'school', code: 'SCH-A3', name: 'Lặp' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('UNIT_CODE_TAKEN');

    const badId = await post('/api/units', admin, { parentId: 'not-a-uuid', kind: 'school', code: 'Q', name: 'Q' });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.code).toBe('VALIDATION');
  });

  it('POST /api/accounts creates an account in the subtree; the new user can log in', async () => {
    const admin = await tokenOf('so.admin');
    const res = await post('/api/accounts', admin, {
      username: 'thanh.tra.1',
      displayName: 'Trần Thị Thanh',
      role: 'inspector',
      orgUnitId: fx.units.so.id,
      password: 'mat-khau-thanh-tra',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: 'thanh.tra.1', role: 'inspector', orgUnitId: fx.units.so.id });
    expect(res.body).not.toMatch(/scrypt|mat-khau/);
    expect((await login('thanh.tra.1', 'mat-khau-thanh-tra')).statusCode).toBe(200);

    const denied = await post('/api/accounts', await tokenOf('pgda.admin'), {
      username: 'lan.b1',
      displayName: 'Lan',
      role: 'school_user',
      orgUnitId: fx.units.schB1.id,
      password: TEST_PASSWORD,
    });
    expect(denied.statusCode).toBe(403);

    const weak = await post('/api/accounts', admin, {
      username: 'yeu.qua',
      displayName: 'Yếu',
      role: 'school_user',
      orgUnitId: fx.units.schB1.id,
      password: '123',
    });
    expect(weak.statusCode).toBe(400);

    const list = await get('/api/accounts', await tokenOf('pgda.admin'));
    expect(list.json().accounts.map((a: { username: string }) => a.username)).toEqual(['a1.user', 'pgda.admin', 'pgda.insp']);
  });

  it('device enrolment, token listing and revocation take effect on the next request', async () => {
    const enrol = await app.inject({
      method: 'POST',
      url: '/api/devices/enrol',
      payload: { username: 'r1.user', password: TEST_PASSWORD, deviceName: 'Máy kế toán' },
    });
    expect(enrol.statusCode).toBe(201);
    const device = enrol.json();
    expect(device.kind).toBe('device');

    const session = await tokenOf('r1.user');
    const list = await get('/api/auth/tokens', session);
    expect(list.statusCode).toBe(200);
    const tokens = list.json().tokens as { id: string; kind: string; deviceName: string | null; current: boolean }[];
    const dev = tokens.find((t) => t.id === device.tokenId)!;
    expect(dev).toMatchObject({ kind: 'device', deviceName: 'Máy kế toán', current: false });
    expect(tokens.filter((t) => t.current)).toHaveLength(1);
    expect(JSON.stringify(tokens)).not.toContain(device.token);

    expect((await get('/api/me', device.token)).statusCode).toBe(200);
    const del = await app.inject({
      method: 'DELETE',
      url: `/api/auth/tokens/${device.tokenId}`,
      headers: { authorization: `Bearer ${session}` },
    });
    expect(del.statusCode).toBe(204);
    const after = await get('/api/me', device.token);
    expect(after.statusCode).toBe(401);
    expect(after.json().error.message).toMatch(/Phiên đăng nhập không hợp lệ hoặc đã hết hạn/);
    // The session that revoked it still works.
    expect((await get('/api/me', session)).statusCode).toBe(200);

    // Someone else's token: refused.
    const other = await login('a1.user');
    const stranger = await app.inject({
      method: 'DELETE',
      url: `/api/auth/tokens/${other.json().tokenId}`,
      headers: { authorization: `Bearer ${session}` },
    });
    expect(stranger.statusCode).toBe(403);
  });

  it('POST /api/auth/logout revokes the token it came with', async () => {
    const t = await tokenOf('a1.user');
    const res = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { authorization: `Bearer ${t}` } });
    expect(res.statusCode).toBe(204);
    expect((await get('/api/me', t)).statusCode).toBe(401);
  });

  it('a session expires after its lifetime', async () => {
    const t = await tokenOf('a1.user');
    expect((await get('/api/me', t)).statusCode).toBe(200);
    clock.advance(12 * 60 * 60_000);
    expect((await get('/api/me', t)).statusCode).toBe(401);
  });
});
