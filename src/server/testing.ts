/**
 * Helpers for the server's tests (not used by the app): a config for a test database, a
 * clock that tests move by hand, and the standard organisation tree most tests start from.
 */
import path from 'node:path';
import { resolveConfig, type DatabaseConfig, type ServerConfig } from './config';
import type { AccountRow, OrgUnitRow, Role } from './db/entities/index';
import type { AccountActor } from './services/actor';
import { openDatabase, type ServerDatabase } from './db/data-source';
import type { Dialect } from './db/dialect';
import { createTestDatabase } from './db/test-database';
import { contextFor, createServices, type Services } from './services/index';

/** A config for tests: the given database, a cheap scrypt (2^12) and no surprises from env. */
export function testConfig(database: DatabaseConfig, dataDir: string, overrides: Partial<ServerConfig> = {}): ServerConfig {
  const base = resolveConfig({ dataDir: path.join(dataDir, 'data'), port: 0, host: '127.0.0.1' }, {});
  return {
    ...base,
    database,
    ...overrides,
    security: { ...base.security, scrypt: { logN: 12, r: 8, p: 1 }, ...overrides.security },
  };
}

/** A clock that only moves when told to. */
export class TestClock {
  private t: number;
  constructor(start = '2026-03-02T08:00:00.000Z') {
    this.t = Date.parse(start);
  }
  now = (): Date => new Date(this.t);
  advance(ms: number): void {
    this.t += ms;
  }
}

export const TEST_PASSWORD = 'mat-khau-thu-nghiem';

/**
 * The tree most tests use:
 *
 *   SO (so, admin so.admin)
 *   ├── PGD-A (phong, admin pgda.admin, inspector pgda.insp)
 *   │   └── SCH-A1 (school, user a1.user)
 *   ├── PGD-B (phong)
 *   │   └── SCH-B1 (school, user b1.user)
 *   └── SCH-R1 (school directly under the department, user r1.user)
 */
export interface Fixture {
  units: Record<'so' | 'pgdA' | 'schA1' | 'pgdB' | 'schB1' | 'schR1', OrgUnitRow>;
  accounts: Record<'soAdmin' | 'pgdaAdmin' | 'pgdaInsp' | 'a1User' | 'b1User' | 'r1User', AccountRow>;
  actors: Record<'soAdmin' | 'pgdaAdmin' | 'pgdaInsp' | 'a1User' | 'b1User' | 'r1User', AccountActor>;
}

export function actorFor(a: AccountRow): AccountActor {
  return { kind: 'account', accountId: a.id, username: a.username, role: a.role, orgUnitId: a.orgUnitId, tokenId: null };
}

export async function seedFixture(services: Services): Promise<Fixture> {
  const { unit: so, account: soAdmin } = await services.bootstrap.initDepartment({
    adminUsername: 'so.admin',
    adminPassword: TEST_PASSWORD,
    name: 'Sở GDĐT Thử Nghiệm',
    code: 'SO',
  });
  const sys = { kind: 'system' } as const;
  const unit = (parentId: string, kind: string, code: string, name: string) =>
    services.units.create(sys, { parentId, kind, code, name });
  const account = (username: string, role: Role, orgUnitId: string) =>
    services.accounts.create(sys, { username, displayName: username, role, orgUnitId, password: TEST_PASSWORD });

  const pgdA = await unit(so.id, 'phong', 'PGD-A', 'Phòng GDĐT A');
  const schA1 = await unit(pgdA.id, 'school', 'SCH-A1', 'Trường Tiểu học A1');
  const pgdB = await unit(so.id, 'phong', 'PGD-B', 'Phòng GDĐT B');
  const schB1 = await unit(pgdB.id, 'school', 'SCH-B1', 'Trường THCS B1');
  const schR1 = await unit(so.id, 'school', 'SCH-R1', 'Trường THPT R1');
  const accounts = {
    soAdmin,
    pgdaAdmin: await account('pgda.admin', 'dept_admin', pgdA.id),
    pgdaInsp: await account('pgda.insp', 'inspector', pgdA.id),
    a1User: await account('a1.user', 'school_user', schA1.id),
    b1User: await account('b1.user', 'school_user', schB1.id),
    r1User: await account('r1.user', 'school_user', schR1.id),
  };
  const actors = Object.fromEntries(Object.entries(accounts).map(([k, a]) => [k, actorFor(a)])) as Fixture['actors'];
  return { units: { so, pgdA, schA1, pgdB, schB1, schR1 }, accounts, actors };
}

export interface ServiceHarness {
  services: Services;
  db: ServerDatabase;
  clock: TestClock;
  config: ServerConfig;
  /** Scratch directory of this harness. */
  dir: string;
  cleanup(): Promise<void>;
}

/** A fresh, migrated database of `dialect` with services on a test clock. */
export async function openTestServices(dialect: Dialect, overrides: Partial<ServerConfig> = {}): Promise<ServiceHarness> {
  const tdb = await createTestDatabase(dialect);
  const config = testConfig(tdb.config, tdb.dir, overrides);
  const db = await openDatabase(config.database);
  const clock = new TestClock();
  return {
    services: createServices(contextFor(db, config.security, clock.now)),
    db,
    clock,
    config,
    dir: tdb.dir,
    async cleanup() {
      await db.close();
      await tdb.cleanup();
    },
  };
}
