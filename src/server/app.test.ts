import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type BuiltServer } from './app';
import { MIGRATIONS_TABLE, migrationNames } from './db/data-source';
import { createTestDatabase, DIALECTS, type TestDatabase } from './db/test-database';
import { testConfig } from './testing';
import { SERVER_VERSION } from './version';

describe.each(DIALECTS)('server foundation on %s', (dialect) => {
  let tdb: TestDatabase;
  let server: BuiltServer;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    server = await buildServer({ config: testConfig(tdb.config, tdb.dir), logger: false });
  });
  afterAll(async () => {
    await server?.close();
    await tdb?.cleanup();
  });

  it('GET /health says ok, which database, which version', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: dialect, version: SERVER_VERSION });
    expect(SERVER_VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('GET /ready is 200 when migrated and 503 when a migration is missing', async () => {
    const ok = await server.app.inject({ method: 'GET', url: '/ready' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ status: 'ready', db: 'up', pendingMigrations: [] });

    const last = migrationNames(dialect).at(-1)!;
    const [row] = await server.db.ds.query(`SELECT * FROM "${MIGRATIONS_TABLE}" WHERE "name" = '${last}'`);
    await server.db.ds.query(`DELETE FROM "${MIGRATIONS_TABLE}" WHERE "name" = '${last}'`);
    try {
      const res = await server.app.inject({ method: 'GET', url: '/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ status: 'unavailable', db: 'up', pendingMigrations: [last] });
    } finally {
      const p = dialect === 'postgres' ? ['$1', '$2', '$3'] : ['?', '?', '?'];
      await server.db.ds.query(`INSERT INTO "${MIGRATIONS_TABLE}" ("id", "timestamp", "name") VALUES (${p.join(', ')})`, [
        row.id,
        row.timestamp,
        row.name,
      ]);
    }
    expect((await server.app.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(200);
  });

  it('answers unknown routes with a Vietnamese 404 body', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/api/khong-co?x=1' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Không có đường dẫn GET /api/khong-co.' } });
  });

  it('answers schema violations with 400 { error: { code: VALIDATION, message } }', async () => {
    const res = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'a' } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('VALIDATION');
    expect(body.error.message).toMatch(/^Dữ liệu gửi lên không hợp lệ/);
    expect(body.error.message).toMatch(/password/);
  });

  it('answers malformed JSON and oversize bodies in Vietnamese', async () => {
    const bad = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('Yêu cầu không hợp lệ.');
    const big = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'a', password: 'x'.repeat(server.app.initialConfig.bodyLimit!) },
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: 'Dữ liệu gửi lên quá lớn.' });
  });

  it('requires a bearer token on the API', async () => {
    for (const url of ['/api/me', '/api/units', '/api/accounts', '/api/auth/tokens']) {
      const res = await server.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer');
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }
    const res = await server.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: 'Basic abc' } });
    expect(res.statusCode).toBe(401);
  });
});

describe.each(DIALECTS)('graceful shutdown on %s', (dialect) => {
  it('lets an in-flight request finish after close() starts, and refuses new ones', async () => {
    const tdb = await createTestDatabase(dialect);
    try {
      const server = await buildServer({ config: testConfig(tdb.config, tdb.dir), logger: false });
      let entered!: () => void;
      const inHandler = new Promise<void>((r) => (entered = r));
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      // A slow route that also uses the database after shutdown began: the DB must still be open.
      server.app.get(
        '/slow',
        { schema: { response: { 200: { type: 'object', properties: { n: { type: 'number' } } } } } },
        async () => {
          entered();
          await released;
          const [row] = await server.db.ds.query('SELECT 1 AS n');
          return { n: Number(row.n) };
        },
      );
      const url = await server.app.listen({ host: '127.0.0.1', port: 0 });

      const slow = fetch(`${url}/slow`);
      await inHandler;
      let closed = false;
      const closing = server.close().then(() => (closed = true));
      await new Promise((r) => setTimeout(r, 50));
      expect(closed).toBe(false); // still waiting for /slow
      // No new connections once closing has begun.
      await expect(fetch(`${url}/health`)).rejects.toThrow();

      release();
      const res = await slow;
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ n: 1 });
      await closing;
      expect(closed).toBe(true);
      expect(server.db.ds.isInitialized).toBe(false); // closed after the last request
    } finally {
      await tdb.cleanup();
    }
  });
});
