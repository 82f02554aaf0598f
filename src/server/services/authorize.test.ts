import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../db/test-database';
import { openTestServices, seedFixture, type Fixture, type ServiceHarness } from '../testing';
import { SYSTEM_ACTOR } from './actor';
import { ACTIONS, type Action } from './authorize';

type ActorKey = keyof Fixture['actors'];
type UnitKey = keyof Fixture['units'];

/**
 * The whole policy as a table: for each actor and action, the units where it is allowed.
 * Every other (actor, action, unit) combination must be denied.
 */
const ALL: UnitKey[] = ['so', 'pgdA', 'schA1', 'pgdB', 'schB1', 'schR1'];
const ALLOWED: Record<ActorKey, Partial<Record<Action, UnitKey[]>>> = {
  // The department admin manages the whole tree, but does not submit dossiers for a school.
  soAdmin: {
    'unit.read': ALL,
    'unit.create': ALL,
    'account.read': ALL,
    'account.create': ALL,
    'account.manage': ALL,
    'dossier.read': ALL,
    'dossier.review': ALL,
    'dossier.assign': ALL,
  },
  // A managing-unit admin: its own unit and the schools under it, nothing above or beside.
  pgdaAdmin: {
    'unit.read': ['pgdA', 'schA1'],
    'unit.create': ['pgdA', 'schA1'],
    'account.read': ['pgdA', 'schA1'],
    'account.create': ['pgdA', 'schA1'],
    'account.manage': ['pgdA', 'schA1'],
    'dossier.read': ['pgdA', 'schA1'],
    'dossier.review': ['pgdA', 'schA1'],
    'dossier.assign': ['pgdA', 'schA1'],
  },
  // Inspectors see the unit they belong to; dossiers only when assigned (src/server/review).
  pgdaInsp: { 'unit.read': ['pgdA'] },
  // School users: their own school only.
  a1User: { 'unit.read': ['schA1'], 'dossier.read': ['schA1'], 'dossier.submit': ['schA1'] },
  b1User: { 'unit.read': ['schB1'], 'dossier.read': ['schB1'], 'dossier.submit': ['schB1'] },
  r1User: { 'unit.read': ['schR1'], 'dossier.read': ['schR1'], 'dossier.submit': ['schR1'] },
};

const CASES = (Object.keys(ALLOWED) as ActorKey[]).flatMap((actor) =>
  ACTIONS.flatMap((action) =>
    ALL.map((unit) => ({ actor, action, unit, allowed: (ALLOWED[actor][action] ?? []).includes(unit) })),
  ),
);

describe.each(DIALECTS)('authorisation matrix on %s', (dialect) => {
  let h: ServiceHarness;
  let fx: Fixture;

  beforeAll(async () => {
    h = await openTestServices(dialect);
    fx = await seedFixture(h.services);
  });
  afterAll(async () => h?.cleanup());

  it(`covers ${CASES.length} actor × action × unit cases`, async () => {
    const wrong: string[] = [];
    for (const c of CASES) {
      const got = await h.services.can(fx.actors[c.actor], c.action, { unitId: fx.units[c.unit].id });
      if (got !== c.allowed) wrong.push(`${c.actor} ${c.action} ${c.unit}: expected ${c.allowed}, got ${got}`);
    }
    expect(wrong).toEqual([]);
    expect(CASES.filter((c) => c.allowed).length).toBeGreaterThan(0);
    expect(CASES.filter((c) => !c.allowed).length).toBeGreaterThan(0);
  });

  it('lets the console (system actor) do anything', async () => {
    for (const action of ACTIONS) {
      expect(await h.services.can(SYSTEM_ACTOR, action, { unitId: fx.units.schB1.id })).toBe(true);
    }
  });

  it('denies everything on a unit that does not exist, except to the console', async () => {
    const ghost = { unitId: '0190a000-0000-7000-8000-00000000dead' };
    for (const key of Object.keys(ALLOWED) as ActorKey[]) {
      expect(await h.services.can(fx.actors[key], 'unit.read', ghost)).toBe(false);
    }
  });

  it('authorize() throws 403 with a Vietnamese message when denied', async () => {
    await expect(h.services.authorize(fx.actors.a1User, 'unit.read', { unitId: fx.units.schB1.id })).rejects.toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
      message: expect.stringMatching(/không có quyền/),
    });
    await expect(h.services.authorize(fx.actors.a1User, 'unit.read', { unitId: fx.units.schA1.id })).resolves.toBeUndefined();
  });

  /** The same policy seen through the services, not just `can`: lists are filtered by it. */
  it.each([
    ['soAdmin', ['SO', 'PGD-A', 'SCH-A1', 'PGD-B', 'SCH-B1', 'SCH-R1']],
    ['pgdaAdmin', ['PGD-A', 'SCH-A1']],
    ['pgdaInsp', ['PGD-A']],
    ['a1User', ['SCH-A1']],
    ['r1User', ['SCH-R1']],
  ] as [ActorKey, string[]][])('%s sees exactly the units %j', async (actor, codes) => {
    const units = await h.services.units.listVisible(fx.actors[actor]);
    expect(units.map((u) => u.code).sort()).toEqual([...codes].sort());
  });

  it.each([
    ['soAdmin', ['a1.user', 'b1.user', 'pgda.admin', 'pgda.insp', 'r1.user', 'so.admin']],
    ['pgdaAdmin', ['a1.user', 'pgda.admin', 'pgda.insp']],
    ['pgdaInsp', ['pgda.insp']],
    ['b1User', ['b1.user']],
  ] as [ActorKey, string[]][])('%s sees exactly the accounts %j', async (actor, usernames) => {
    const accounts = await h.services.accounts.listVisible(fx.actors[actor]);
    expect(accounts.map((a) => a.username)).toEqual(usernames);
  });
});
