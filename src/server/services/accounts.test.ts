import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../db/test-database';
import { E, type AccountRow } from '../db/entities/index';
import { openTestServices, seedFixture, TEST_PASSWORD, type Fixture, type ServiceHarness } from '../testing';
import { verifyPassword } from './passwords';

describe.each(DIALECTS)('accounts on %s', (dialect) => {
  let h: ServiceHarness;
  let fx: Fixture;

  beforeAll(async () => {
    h = await openTestServices(dialect);
    fx = await seedFixture(h.services);
  });
  afterAll(async () => h?.cleanup());

  it('an admin creates an account in its subtree; the password is stored hashed', async () => {
    const a = await h.services.accounts.create(fx.actors.pgdaAdmin, {
      username: '  Hieu.Truong.A1 ',
      displayName: 'Nguyễn Văn Hiếu',
      role: 'school_user',
      orgUnitId: fx.units.schA1.id,
      password: 'mật-khẩu-mới',
    });
    expect(a).toMatchObject({ username: 'hieu.truong.a1', displayName: 'Nguyễn Văn Hiếu', disabled: false });
    const row = await h.db.ds.getRepository<AccountRow>(E.Account).findOneByOrFail({ id: a.id });
    expect(row.passwordHash).not.toContain('mật-khẩu-mới');
    expect(row.passwordHash.startsWith('scrypt$12$8$1$')).toBe(true);
    expect(await verifyPassword('mật-khẩu-mới', row.passwordHash)).toBe(true);
    expect(row.disabled).toBe(false);
  });

  it('refuses accounts outside the subtree and for non-admins', async () => {
    const input = { username: 'x.user', displayName: 'X', role: 'school_user' as const, password: TEST_PASSWORD };
    await expect(
      h.services.accounts.create(fx.actors.pgdaAdmin, { ...input, orgUnitId: fx.units.schB1.id }),
    ).rejects.toMatchObject({
      status: 403,
    });
    await expect(h.services.accounts.create(fx.actors.pgdaAdmin, { ...input, orgUnitId: fx.units.so.id })).rejects.toMatchObject({
      status: 403,
    });
    await expect(h.services.accounts.create(fx.actors.a1User, { ...input, orgUnitId: fx.units.schA1.id })).rejects.toMatchObject({
      status: 403,
    });
    await expect(h.services.accounts.create(fx.actors.pgdaInsp, { ...input, orgUnitId: fx.units.pgdA.id })).rejects.toMatchObject(
      {
        status: 403,
      },
    );
  });

  it('keeps usernames unique regardless of case', async () => {
    await expect(
      h.services.accounts.create(fx.actors.soAdmin, {
        username: 'A1.USER',
        displayName: 'Trùng',
        role: 'school_user',
        orgUnitId: fx.units.schA1.id,
        password: TEST_PASSWORD,
      }),
    ).rejects.toMatchObject({ status: 409, code: 'USERNAME_TAKEN' });
  });

  it.each([
    [{ username: 'ab' }, 'INVALID_USERNAME'],
    [{ username: 'người.dùng' }, 'INVALID_USERNAME'],
    [{ displayName: ' ' }, 'INVALID_DISPLAY_NAME'],
    [{ role: 'superuser' }, 'INVALID_ROLE'],
    [{ password: 'ngắn' }, 'WEAK_PASSWORD'],
  ])('rejects %o with %s', async (patch, code) => {
    const input = {
      username: 'valid.user',
      displayName: 'Hợp lệ',
      role: 'inspector',
      orgUnitId: fx.units.pgdA.id,
      password: TEST_PASSWORD,
      ...patch,
    } as Parameters<typeof h.services.accounts.create>[1];
    await expect(h.services.accounts.create(fx.actors.soAdmin, input)).rejects.toMatchObject({ status: 400, code });
  });

  it('404s for an unknown unit', async () => {
    await expect(
      h.services.accounts.create(fx.actors.soAdmin, {
        username: 'ghost.user',
        displayName: 'Ma',
        role: 'inspector',
        orgUnitId: '0190a000-0000-7000-8000-00000000beef',
        password: TEST_PASSWORD,
      }),
    ).rejects.toMatchObject({ status: 404, code: 'UNIT_NOT_FOUND' });
  });
});
