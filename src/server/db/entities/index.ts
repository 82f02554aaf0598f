import type { EntitySchema } from 'typeorm';
import type { Dialect } from '../dialect';
import { accountEntity } from './account';
import { authTokenEntity } from './auth-token';
import { loginFailureEntity } from './login-failure';
import { orgUnitEntity } from './org-unit';
import { syncEntities } from '../../sync/entities';

export type { AccountRow, Role } from './account';
export { ROLES } from './account';
export type { AuthTokenRow, TokenKind } from './auth-token';
export { TOKEN_KINDS } from './auth-token';
export type { LoginFailureRow } from './login-failure';
export type { OrgUnitRow } from './org-unit';

/**
 * Entity names, for `manager.getRepository<Row>(E.Account)`. Schemas are built per dialect
 * (column types differ), so code refers to entities by name rather than by schema object.
 */
export const E = {
  OrgUnit: 'OrgUnit',
  Account: 'Account',
  AuthToken: 'AuthToken',
  LoginFailure: 'LoginFailure',
} as const;

/** Every entity of the department server, with the column types of `dialect`. */
export function serverEntities(dialect: Dialect): EntitySchema[] {
  return [
    orgUnitEntity(dialect),
    accountEntity(dialect),
    authTokenEntity(dialect),
    loginFailureEntity(dialect),
    // Sync and submissions (issue 7): src/server/sync/entities.ts.
    ...syncEntities(dialect),
  ];
}
