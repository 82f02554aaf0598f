import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULTS, describeDatabase, resolveConfig } from './config';

describe('resolveConfig', () => {
  it('defaults to SQLite in ./server-data on 127.0.0.1:8787', () => {
    const c = resolveConfig({}, {});
    expect(c.database).toEqual({ kind: 'sqlite', file: path.resolve('server-data', 'server.sqlite') });
    expect(c.dataDir).toBe(path.resolve('server-data'));
    expect(c.blobDir).toBe(path.resolve('server-data', 'blobs'));
    expect(c.host).toBe('127.0.0.1');
    expect(c.port).toBe(8787);
    expect(c.bodyLimit).toBe(DEFAULTS.bodyLimit);
    expect(c.maxBlobBytes).toBe(50 * 1024 * 1024);
    expect(c.trustProxy).toBe(false);
    expect(c.security.scrypt).toEqual({ logN: 17, r: 8, p: 1 });
    expect(c.security.loginMaxFailures).toBe(5);
    expect(c.security.loginWindowMs).toBe(15 * 60_000);
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const c = resolveConfig({}, { DATABASE_URL: 'postgres://u:p@db:5432/so' });
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgres://u:p@db:5432/so' });
  });

  it('lets flags win over the environment', () => {
    const c = resolveConfig(
      { dataDir: '/tmp/tc-flag', port: '9000', host: '0.0.0.0' },
      { DATA_DIR: '/tmp/tc-env', PORT: '1234', HOST: '10.0.0.1' },
    );
    expect(c.dataDir).toBe('/tmp/tc-flag');
    expect(c.port).toBe(9000);
    expect(c.host).toBe('0.0.0.0');
  });

  it('reads limits, proxy trust, log level and scrypt cost from the environment', () => {
    const c = resolveConfig(
      {},
      { PORT: '0', BODY_LIMIT: '2048', MAX_BLOB_BYTES: '4096', TRUST_PROXY: 'true', LOG_LEVEL: 'warn', SCRYPT_LOG_N: '15' },
    );
    expect(c.port).toBe(0);
    expect(c.bodyLimit).toBe(2048);
    expect(c.maxBlobBytes).toBe(4096);
    expect(c.trustProxy).toBe(true);
    expect(c.logLevel).toBe('warn');
    expect(c.security.scrypt.logN).toBe(15);
  });

  it.each([
    [{ PORT: 'abc' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ PORT: '-1' }, /PORT/],
    [{ SCRYPT_LOG_N: '8' }, /SCRYPT_LOG_N/],
    [{ DATABASE_URL: 'mysql://x' }, /PostgreSQL/],
  ])('rejects %o with a Vietnamese message', (env, re) => {
    expect(() => resolveConfig({}, env)).toThrow(ConfigError);
    expect(() => resolveConfig({}, env)).toThrow(re);
    expect(() => resolveConfig({}, env)).toThrow(/không hợp lệ|phải là/);
  });

  it('describes the database without leaking the password', () => {
    expect(describeDatabase({ kind: 'postgres', url: 'postgres://so:secret@db:5432/tc' })).toBe(
      'PostgreSQL postgres://so:***@db:5432/tc',
    );
    expect(describeDatabase({ kind: 'sqlite', file: '/d/server.sqlite' })).toBe('SQLite /d/server.sqlite');
  });
});
