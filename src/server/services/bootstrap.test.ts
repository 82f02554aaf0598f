import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../db/test-database';
import { openTestServices, TEST_PASSWORD, type ServiceHarness } from '../testing';
import { SYSTEM_ACTOR } from './actor';

describe.each(DIALECTS)('bootstrap on %s', (dialect) => {
  let h: ServiceHarness;
  beforeEach(async () => {
    h = await openTestServices(dialect);
  });
  afterEach(async () => h?.cleanup());

  it('init creates the department root and its admin, once', async () => {
    const { unit, account } = await h.services.bootstrap.initDepartment({
      adminUsername: 'Admin',
      adminPassword: TEST_PASSWORD,
      name: 'Sở GDĐT Tỉnh Thử',
    });
    expect(unit).toMatchObject({ parentId: null, kind: 'so', name: 'Sở GDĐT Tỉnh Thử', code: 'SO-GDDT' });
    expect(account).toMatchObject({ username: 'admin', role: 'dept_admin', orgUnitId: unit.id });
    await expect(h.services.auth.login({ username: 'admin', password: TEST_PASSWORD, ip: '127.0.0.1' })).resolves.toBeTruthy();
    await expect(
      h.services.bootstrap.initDepartment({ adminUsername: 'admin2', adminPassword: TEST_PASSWORD }),
    ).rejects.toMatchObject({ status: 409, code: 'ALREADY_INITIALISED', message: expect.stringMatching(/đã được khởi tạo/) });
  });

  it('school add puts a school and its user under the root or a given parent', async () => {
    await h.services.bootstrap.initDepartment({ adminUsername: 'admin', adminPassword: TEST_PASSWORD, code: 'SO' });
    const a = await h.services.bootstrap.addSchool({
      code: '79000701',
      name: 'Trường TH Lê Lợi',
      username: 'leloi',
      password: TEST_PASSWORD,
    });
    const root = (await h.services.units.listVisible(SYSTEM_ACTOR))[0]!;
    expect(a.unit).toMatchObject({ parentId: root.id, kind: 'school', code: '79000701' });
    expect(a.account).toMatchObject({
      username: 'leloi',
      role: 'school_user',
      orgUnitId: a.unit.id,
      displayName: 'Trường TH Lê Lợi',
    });

    const b = await h.services.bootstrap.addSchool({
      code: '79000702',
      name: 'Trường TH Nguyễn Du',
      username: 'nguyendu',
      password: TEST_PASSWORD,
      parentCode: '79000701',
    });
    expect(b.unit.parentId).toBe(a.unit.id);
  });

  it('school add is all or nothing, and explains a missing init or parent', async () => {
    await expect(
      h.services.bootstrap.addSchool({ code: 'S1', name: 'S1', username: 's1.user', password: TEST_PASSWORD }),
    ).rejects.toMatchObject({ code: 'NOT_INITIALISED', message: expect.stringMatching(/server init/) });
    await h.services.bootstrap.initDepartment({ adminUsername: 'admin', adminPassword: TEST_PASSWORD });
    await expect(
      h.services.bootstrap.addSchool({
        code: 'S1',
        name: 'S1',
        username: 's1.user',
        password: TEST_PASSWORD,
        parentCode: 'NOPE',
      }),
    ).rejects.toMatchObject({ status: 404, message: expect.stringMatching(/NOPE/) });
    // Username taken: the unit must not be left behind.
    await expect(
      h.services.bootstrap.addSchool({ code: 'S1', name: 'S1', username: 'admin', password: TEST_PASSWORD }),
    ).rejects.toMatchObject({ status: 409, code: 'USERNAME_TAKEN' });
    const codes = (await h.services.units.listVisible(SYSTEM_ACTOR)).map((u) => u.code);
    expect(codes).not.toContain('S1');
  });
});
