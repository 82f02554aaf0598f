import type { DatabaseConfig, SecurityConfig } from '../config';
import { openDatabase, type ServerDatabase } from '../db/data-source';
import { createAccount, findAccountById, listVisibleAccounts } from './accounts';
import type { Actor } from './actor';
import { enrolDevice, authenticate, listOwnTokens, login, revokeToken } from './auth';
import { authorize, can, type Action, type Target } from './authorize';
import { addSchool, initDepartment } from './bootstrap';
import type { ServiceContext } from './context';
import { createUnit, getUnit, listVisibleUnits } from './units';

type Bound<F> = F extends (ctx: ServiceContext, ...args: infer A) => infer R ? (...args: A) => R : never;
function bind<F extends (ctx: ServiceContext, ...args: never[]) => unknown>(ctx: ServiceContext, f: F): Bound<F> {
  return ((...args: never[]) => f(ctx, ...args)) as Bound<F>;
}

/**
 * The service layer with its context bound: what routes and CLI commands call. Every method
 * that acts for someone takes the actor and checks it through `authorize`.
 */
export function createServices(ctx: ServiceContext) {
  return {
    ctx,
    authorize: (actor: Actor, action: Action, target: Target) => authorize(ctx, actor, action, target),
    can: (actor: Actor, action: Action, target: Target) => can(ctx, actor, action, target),
    units: {
      create: bind(ctx, createUnit),
      get: bind(ctx, getUnit),
      listVisible: bind(ctx, listVisibleUnits),
    },
    accounts: {
      create: bind(ctx, createAccount),
      findById: bind(ctx, findAccountById),
      listVisible: bind(ctx, listVisibleAccounts),
    },
    auth: {
      login: bind(ctx, login),
      enrolDevice: bind(ctx, enrolDevice),
      authenticate: bind(ctx, authenticate),
      listOwnTokens: bind(ctx, listOwnTokens),
      revokeToken: bind(ctx, revokeToken),
    },
    bootstrap: {
      initDepartment: bind(ctx, initDepartment),
      addSchool: bind(ctx, addSchool),
    },
  };
}

export type Services = ReturnType<typeof createServices>;

export function contextFor(db: ServerDatabase, security: SecurityConfig, now: () => Date = () => new Date()): ServiceContext {
  return { manager: db.ds.manager, dialect: db.dialect, security, now };
}

/** Opens the database (migrating it), runs `fn` with the services, and closes it: for CLI commands. */
export async function withServices<T>(
  database: DatabaseConfig,
  security: SecurityConfig,
  fn: (services: Services) => Promise<T>,
): Promise<T> {
  const db = await openDatabase(database);
  try {
    return await fn(createServices(contextFor(db, security)));
  } finally {
    await db.close();
  }
}
