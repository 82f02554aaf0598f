import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../db/test-database';
import { openTestServices, seedFixture, type Fixture, type ServiceHarness } from '../testing';
import { sortTree } from './units';

describe.each(DIALECTS)('units on %s', (dialect) => {
  let h: ServiceHarness;
  let fx: Fixture;

  beforeAll(async () => {
    h = await openTestServices(dialect);
    fx = await seedFixture(h.services);
  });
  afterAll(async () => h?.cleanup());

  it('an admin creates a child unit under a unit it manages, kind stored as given data', async () => {
    const u = await h.services.units.create(fx.actors.pgdaAdmin, {
      parentId: fx.units.pgdA.id,
      kind: 'lien_truong',
      code: 'SCH-A2',
      name: '  Trường Liên cấp A2 ',
    });
    expect(u).toMatchObject({ parentId: fx.units.pgdA.id, kind: 'lien_truong', code: 'SCH-A2', name: 'Trường Liên cấp A2' });
    expect(u.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/); // uuidv7
    const seen = await h.services.units.listVisible(fx.actors.pgdaAdmin);
    expect(seen.map((x) => x.code)).toContain('SCH-A2');
    const reread = await h.services.units.get(fx.actors.pgdaAdmin, u.id);
    expect(reread.createdAt).toBeInstanceOf(Date);
    expect(reread.createdAt.toISOString()).toBe(h.clock.now().toISOString());
  });

  it('refuses a unit outside the admin subtree, and to non-admins', async () => {
    const input = { parentId: fx.units.pgdB.id, kind: 'school', code: 'SCH-B9', name: 'B9' };
    await expect(h.services.units.create(fx.actors.pgdaAdmin, input)).rejects.toMatchObject({ status: 403 });
    await expect(h.services.units.create(fx.actors.b1User, input)).rejects.toMatchObject({ status: 403 });
    await expect(h.services.units.create(fx.actors.pgdaInsp, { ...input, parentId: fx.units.pgdA.id })).rejects.toMatchObject({
      status: 403,
    });
    const all = await h.services.units.listVisible(fx.actors.soAdmin);
    expect(all.map((u) => u.code)).not.toContain('SCH-B9');
  });

  it('refuses a duplicate code, an unknown parent and malformed fields', async () => {
    const base = { parentId: fx.units.so.id, kind: 'school', name: 'X' };
    await expect(h.services.units.create(fx.actors.soAdmin, { ...base, code: 'SCH-A1' })).rejects.toMatchObject({
      status: 409,
      code: 'UNIT_CODE_TAKEN',
    });
    await expect(
      h.services.units.create(fx.actors.soAdmin, { ...base, parentId: '0190a000-0000-7000-8000-00000000beef', code: 'N1' }),
    ).rejects.toMatchObject({ status: 404, code: 'UNIT_NOT_FOUND' });
    await expect(h.services.units.create(fx.actors.soAdmin, { ...base, kind: 'Trường!', code: 'N2' })).rejects.toMatchObject({
      status: 400,
      code: 'INVALID_KIND',
    });
    await expect(h.services.units.create(fx.actors.soAdmin, { ...base, code: 'có dấu' })).rejects.toMatchObject({
      code: 'INVALID_CODE',
    });
    await expect(h.services.units.create(fx.actors.soAdmin, { ...base, code: 'N3', name: '   ' })).rejects.toMatchObject({
      code: 'INVALID_NAME',
    });
  });

  it('lists parents before children', async () => {
    const units = await h.services.units.listVisible(fx.actors.soAdmin);
    const pos = new Map(units.map((u, i) => [u.id, i]));
    expect(units[0]!.code).toBe('SO');
    for (const u of units) if (u.parentId) expect(pos.get(u.parentId)!).toBeLessThan(pos.get(u.id)!);
  });

  it('a non-admin cannot read a unit it does not belong to', async () => {
    await expect(h.services.units.get(fx.actors.a1User, fx.units.pgdA.id)).rejects.toMatchObject({ status: 403 });
    await expect(h.services.units.get(fx.actors.a1User, fx.units.schA1.id)).resolves.toMatchObject({ code: 'SCH-A1' });
  });
});

describe('sortTree', () => {
  it('puts orphans (parents not visible) at the top level, siblings by code', () => {
    const t = new Date();
    const u = (id: string, parentId: string | null, code: string) => ({
      id,
      parentId,
      kind: 'k',
      code,
      name: code,
      createdAt: t,
    });
    const out = sortTree([u('c', 'b', 'C'), u('b', 'hidden', 'B'), u('a', 'hidden', 'A'), u('d', 'a', 'D')]);
    expect(out.map((x) => x.id)).toEqual(['a', 'd', 'b', 'c']);
  });
});
