import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E, type AccountRow, type AuthTokenRow, type LoginFailureRow } from '../db/entities/index';
import { DIALECTS } from '../db/test-database';
import { openTestServices, seedFixture, TEST_PASSWORD, type Fixture, type ServiceHarness } from '../testing';
import { hashToken } from './tokens';

const MINUTE = 60_000;

describe.each(DIALECTS)('auth on %s', (dialect) => {
  let h: ServiceHarness;
  let fx: Fixture;
  const ip = '192.0.2.10';

  beforeAll(async () => {
    h = await openTestServices(dialect);
    fx = await seedFixture(h.services);
  });
  afterAll(async () => h?.cleanup());

  it('login issues a session token stored only as its SHA-256', async () => {
    const issued = await h.services.auth.login({ username: 'A1.User', password: TEST_PASSWORD, ip });
    expect(issued.kind).toBe('session');
    expect(issued.account).toMatchObject({ username: 'a1.user', role: 'school_user', orgUnitId: fx.units.schA1.id });
    expect(issued.account).not.toHaveProperty('passwordHash');
    expect(Date.parse(issued.expiresAt) - h.clock.now().getTime()).toBe(h.config.security.sessionTtlMs);
    const rows = await h.db.ds.getRepository<AuthTokenRow>(E.AuthToken).findBy({ id: issued.tokenId });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(hashToken(issued.token));
    expect(JSON.stringify(rows[0])).not.toContain(issued.token);

    const actor = await h.services.auth.authenticate(issued.token);
    expect(actor).toEqual({
      kind: 'account',
      accountId: fx.accounts.a1User.id,
      username: 'a1.user',
      role: 'school_user',
      orgUnitId: fx.units.schA1.id,
      tokenId: issued.tokenId,
    });
  });

  it('wrong password and unknown user get the same 401', async () => {
    const e1 = await h.services.auth.login({ username: 'b1.user', password: 'sai-mat-khau', ip }).catch((e) => e);
    const e2 = await h.services.auth.login({ username: 'khong.ton.tai', password: 'sai-mat-khau', ip }).catch((e) => e);
    expect(e1).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS' });
    expect(e2).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS', message: e1.message });
  });

  it('rate-limits per username + address: 5 failures in 15 minutes → 429 until the window passes', async () => {
    const attempt = (password: string, from = '198.51.100.7') =>
      h.services.auth.login({ username: 'r1.user', password, ip: from });
    for (let i = 0; i < 5; i++) {
      await expect(attempt('sai-roi-' + i)).rejects.toMatchObject({ status: 401 });
      h.clock.advance(MINUTE);
    }
    // Even the right password is refused now, with a wait time.
    const limited = await attempt(TEST_PASSWORD).catch((e) => e);
    expect(limited).toMatchObject({ status: 429, code: 'TOO_MANY_ATTEMPTS' });
    expect(limited.message).toMatch(/quá nhiều lần/);
    // Oldest failure was 5 minutes ago: 10 more minutes to wait.
    expect(limited.retryAfterSeconds).toBe(10 * 60);

    // Another address, or another username from this address, is not affected.
    await expect(attempt(TEST_PASSWORD, '203.0.113.5')).resolves.toMatchObject({ kind: 'session' });
    await expect(
      h.services.auth.login({ username: 'b1.user', password: TEST_PASSWORD, ip: '198.51.100.7' }),
    ).resolves.toMatchObject({ kind: 'session' });

    // Once the oldest failure leaves the window, one attempt is allowed again; success clears the slate.
    h.clock.advance(10 * MINUTE);
    await expect(attempt(TEST_PASSWORD)).resolves.toMatchObject({ kind: 'session' });
    const left = await h.db.ds
      .getRepository<LoginFailureRow>(E.LoginFailure)
      .countBy({ username: 'r1.user', ip: '198.51.100.7' });
    expect(left).toBe(0);
  });

  it('limits unknown usernames too', async () => {
    for (let i = 0; i < 5; i++) {
      await expect(h.services.auth.login({ username: 'ma.ma', password: 'x'.repeat(9), ip })).rejects.toMatchObject({
        status: 401,
      });
    }
    await expect(h.services.auth.login({ username: 'MA.MA', password: 'x'.repeat(9), ip })).rejects.toMatchObject({
      status: 429,
    });
  });

  it('enrols a device with a long-lived token', async () => {
    const d = await h.services.auth.enrolDevice({
      username: 'a1.user',
      password: TEST_PASSWORD,
      ip,
      deviceName: ' Máy văn phòng ',
    });
    expect(d.kind).toBe('device');
    expect(Date.parse(d.expiresAt) - h.clock.now().getTime()).toBe(h.config.security.deviceTokenTtlMs);
    const actor = await h.services.auth.authenticate(d.token);
    const list = await h.services.auth.listOwnTokens(actor);
    const mine = list.find((t) => t.id === d.tokenId)!;
    expect(mine).toMatchObject({ kind: 'device', deviceName: 'Máy văn phòng', current: true });
    expect(mine.lastUsedAt).toBe(h.clock.now().toISOString());
    expect(list.every((t) => t.kind === 'session' || t.kind === 'device')).toBe(true);
    await expect(
      h.services.auth.enrolDevice({ username: 'a1.user', password: TEST_PASSWORD, ip, deviceName: '  ' }),
    ).rejects.toMatchObject({ status: 400, code: 'INVALID_DEVICE_NAME' });
  });

  it('rejects expired, revoked and malformed tokens and disabled accounts', async () => {
    const s = await h.services.auth.login({ username: 'b1.user', password: TEST_PASSWORD, ip });
    await expect(h.services.auth.authenticate(s.token)).resolves.toMatchObject({ username: 'b1.user' });
    await expect(h.services.auth.authenticate('not a token')).rejects.toMatchObject({ status: 401 });
    await expect(h.services.auth.authenticate(s.token.slice(0, -1) + (s.token.endsWith('A') ? 'B' : 'A'))).rejects.toMatchObject({
      status: 401,
    });

    h.clock.advance(h.config.security.sessionTtlMs);
    await expect(h.services.auth.authenticate(s.token)).rejects.toMatchObject({ status: 401 });

    const s2 = await h.services.auth.login({ username: 'b1.user', password: TEST_PASSWORD, ip });
    const actor = await h.services.auth.authenticate(s2.token);
    expect((await h.services.auth.listOwnTokens(actor)).map((t) => t.id)).not.toContain(s.tokenId); // expired ones hidden
    await h.services.auth.revokeToken(actor, s2.tokenId);
    await h.services.auth.revokeToken(actor, s2.tokenId); // twice is fine
    await expect(h.services.auth.authenticate(s2.token)).rejects.toMatchObject({ status: 401 });

    const s3 = await h.services.auth.login({ username: 'b1.user', password: TEST_PASSWORD, ip });
    await h.db.ds.getRepository<AccountRow>(E.Account).update({ id: fx.accounts.b1User.id }, { disabled: true });
    try {
      await expect(h.services.auth.authenticate(s3.token)).rejects.toMatchObject({ status: 401 });
      await expect(h.services.auth.login({ username: 'b1.user', password: TEST_PASSWORD, ip })).rejects.toMatchObject({
        status: 403,
        code: 'ACCOUNT_DISABLED',
      });
    } finally {
      await h.db.ds.getRepository<AccountRow>(E.Account).update({ id: fx.accounts.b1User.id }, { disabled: false });
    }
  });

  it('an admin may revoke tokens of accounts it manages; others may not', async () => {
    const victim = await h.services.auth.login({ username: 'a1.user', password: TEST_PASSWORD, ip });
    await expect(h.services.auth.revokeToken(fx.actors.b1User, victim.tokenId)).rejects.toMatchObject({ status: 403 });
    await expect(h.services.auth.revokeToken(fx.actors.pgdaInsp, victim.tokenId)).rejects.toMatchObject({ status: 403 });
    await expect(h.services.auth.authenticate(victim.token)).resolves.toBeTruthy();
    await h.services.auth.revokeToken(fx.actors.pgdaAdmin, victim.tokenId);
    await expect(h.services.auth.authenticate(victim.token)).rejects.toMatchObject({ status: 401 });
    await expect(h.services.auth.revokeToken(fx.actors.soAdmin, '0190a000-0000-7000-8000-00000000beef')).rejects.toMatchObject({
      status: 404,
    });
  });

  it('upgrades a password hash made with older parameters at the next login', async () => {
    const repo = h.db.ds.getRepository<AccountRow>(E.Account);
    const { hashPassword } = await import('./passwords');
    await repo.update(
      { id: fx.accounts.pgdaInsp.id },
      { passwordHash: await hashPassword(TEST_PASSWORD, { logN: 11, r: 8, p: 1 }) },
    );
    await h.services.auth.login({ username: 'pgda.insp', password: TEST_PASSWORD, ip });
    const row = await repo.findOneByOrFail({ id: fx.accounts.pgdaInsp.id });
    expect(row.passwordHash.startsWith('scrypt$12$8$1$')).toBe(true);
  });
});
