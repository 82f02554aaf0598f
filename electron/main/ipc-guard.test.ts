import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../src/contract/methods';
import { MAX_RPC_PARAM_BYTES } from './constants';
import { boundedSize, guardRpcCall, type GuardOptions, type SenderInfo } from './ipc-guard';
import { schemaFor } from './rpc-handler';

const good: SenderInfo = { frameUrl: 'app://truong-chuan/index.html', isMainFrame: true, isOwnWindow: true };
const opts: GuardOptions = { trustedOrigins: ['app://truong-chuan'], schemaFor, maxParamBytes: MAX_RPC_PARAM_BYTES };
const login = { username: 'admin', password: 'mat-khau-1' };

const codeOf = (r: ReturnType<typeof guardRpcCall>) => (r.ok ? 'OK' : r.error.code);

describe('guardRpcCall: sender', () => {
  it.each<[string, SenderInfo]>([
    ['a page from another origin', { ...good, frameUrl: 'https://evil.example/' }],
    ['a look-alike host', { ...good, frameUrl: 'app://truong-chuan.evil/index.html' }],
    ['a file: page', { ...good, frameUrl: 'file:///C:/x.html' }],
    ['a data: page', { ...good, frameUrl: 'data:text/html,hi' }],
    ['the dev server origin in production', { ...good, frameUrl: 'http://localhost:5173/' }],
    ['a subframe, even of our own origin', { ...good, isMainFrame: false }],
    ['a webContents that is not one of our windows', { ...good, isOwnWindow: false }],
    ['a frame that is gone', { ...good, frameUrl: null }],
  ])('refuses %s with UNTRUSTED_SENDER', (_label, sender) => {
    expect(codeOf(guardRpcCall(sender, ['auth.login', login], opts))).toBe('UNTRUSTED_SENDER');
  });

  it('checks the sender before anything else (unknown method from a stranger is still UNTRUSTED_SENDER)', () => {
    expect(codeOf(guardRpcCall({ ...good, isOwnWindow: false }, ['no.such', {}], opts))).toBe('UNTRUSTED_SENDER');
  });

  it('in dev trusts the dev server origin instead', () => {
    const devOpts = { ...opts, trustedOrigins: ['http://localhost:5173'] };
    expect(codeOf(guardRpcCall({ ...good, frameUrl: 'http://localhost:5173/' }, ['auth.login', login], devOpts))).toBe('OK');
    expect(codeOf(guardRpcCall(good, ['auth.login', login], devOpts))).toBe('UNTRUSTED_SENDER');
  });
});

describe('guardRpcCall: method', () => {
  it.each<[string, unknown]>([
    ['an unknown name', 'users.dropAll'],
    ['a prototype key', '__proto__'],
    ['toString', 'toString'],
    ['constructor on the contract', 'constructor.name'],
    ['a non-string', 42],
    ['undefined', undefined],
    ['a very long name', `a.${'b'.repeat(200)}`],
  ])('refuses %s with UNKNOWN_METHOD', (_label, method) => {
    expect(codeOf(guardRpcCall(good, [method, {}], opts))).toBe('UNKNOWN_METHOD');
  });

  it('every contract method name has the accepted shape and a schema', () => {
    for (const name of METHOD_NAMES) {
      expect(schemaFor(name), name).toBeDefined();
      expect(codeOf(guardRpcCall(good, [name, Symbol('x')], opts)), name).not.toBe('UNKNOWN_METHOD');
    }
  });
});

describe('guardRpcCall: arguments', () => {
  it('refuses params that fail the zod schema, with field messages', () => {
    const r = guardRpcCall(good, ['auth.login', { username: '', password: 5 }], opts);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('INVALID_ARGS');
    expect(Object.keys(r.error.fields ?? {})).toEqual(expect.arrayContaining(['username', 'password']));
  });

  it('refuses unexpected keys where the schema is strict', () => {
    expect(codeOf(guardRpcCall(good, ['app.info', { sql: 'DROP TABLE' }], opts))).toBe('INVALID_ARGS');
  });

  it('refuses an oversize payload before parsing it', () => {
    const big = { username: 'admin', password: 'x'.repeat(MAX_RPC_PARAM_BYTES + 1) };
    const r = guardRpcCall(good, ['auth.login', big], opts);
    expect(codeOf(r)).toBe('INVALID_ARGS');
    expect(r.ok ? '' : r.error.message).toMatch(/quá lớn/);
  });

  it('refuses cyclic or absurdly deep params', () => {
    const cyclic: Record<string, unknown> = { username: 'a', password: 'b' };
    cyclic.self = cyclic;
    expect(codeOf(guardRpcCall(good, ['auth.login', cyclic], opts))).toBe('INVALID_ARGS');
    let deep: unknown = 'x';
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(codeOf(guardRpcCall(good, ['auth.login', deep], opts))).toBe('INVALID_ARGS');
  });

  it('refuses extra positional arguments', () => {
    expect(codeOf(guardRpcCall(good, ['auth.login', login, 'extra'], opts))).toBe('INVALID_ARGS');
  });

  it('passes a valid call through unchanged; undefined params mean {}', () => {
    expect(guardRpcCall(good, ['auth.login', login], opts)).toEqual({ ok: true, method: 'auth.login', params: login });
    expect(guardRpcCall(good, ['app.info', undefined], opts)).toEqual({ ok: true, method: 'app.info', params: {} });
    expect(guardRpcCall(good, ['app.info'], opts)).toEqual({ ok: true, method: 'app.info', params: {} });
  });

  it('works with any schema lookup (dialog methods, future contracts)', () => {
    const custom = { ...opts, schemaFor: (m: string) => (m === 'x.y' ? z.object({ n: z.number().max(3) }) : undefined) };
    expect(codeOf(guardRpcCall(good, ['x.y', { n: 2 }], custom))).toBe('OK');
    expect(codeOf(guardRpcCall(good, ['x.y', { n: 9 }], custom))).toBe('INVALID_ARGS');
    expect(codeOf(guardRpcCall(good, ['auth.login', login], custom))).toBe('UNKNOWN_METHOD');
  });
});

describe('boundedSize', () => {
  it('measures roughly like JSON and stops early', () => {
    expect(boundedSize({ a: 'xyz', b: [1, 2] }, 1000)).toBeGreaterThan(10);
    expect(boundedSize('ư'.repeat(10), 1000)).toBe(22); // UTF-8 bytes + quotes
    expect(boundedSize(new Uint8Array(2048), 1000)).toBe(Infinity);
    expect(boundedSize(new Map([['k', 'v'.repeat(5000)]]), 1000)).toBe(Infinity);
  });
});
