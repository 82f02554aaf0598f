import { EntitySchema } from 'typeorm';
import type { Dialect } from '../dialect';
import { idColumn, timeColumn, type WithRelations } from './columns';

/** `session`: from a browser-style login, short-lived. `device`: an enrolled desktop app. */
export const TOKEN_KINDS = ['session', 'device'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

/**
 * An opaque bearer token. Only its SHA-256 is stored, so a copy of the database does not let
 * anyone sign in; revocation is a row update and takes effect on the next request.
 */
export interface AuthTokenRow {
  id: string;
  tokenHash: string;
  kind: TokenKind;
  accountId: string;
  deviceName: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date;
  revokedAt: Date | null;
}

export function authTokenEntity(dialect: Dialect): EntitySchema {
  return new EntitySchema<WithRelations<AuthTokenRow, 'account'>>({
    name: 'AuthToken',
    tableName: 'auth_token',
    columns: {
      id: idColumn(dialect, { primary: true, primaryKeyConstraintName: 'pk_auth_token' }),
      tokenHash: { type: 'varchar', length: 64, name: 'token_hash' },
      kind: { type: 'varchar', length: 16 },
      accountId: idColumn(dialect, { name: 'account_id' }),
      deviceName: { type: 'varchar', length: 255, name: 'device_name', nullable: true },
      createdAt: timeColumn(dialect, { name: 'created_at' }),
      lastUsedAt: timeColumn(dialect, { name: 'last_used_at', nullable: true }),
      expiresAt: timeColumn(dialect, { name: 'expires_at' }),
      revokedAt: timeColumn(dialect, { name: 'revoked_at', nullable: true }),
    },
    relations: {
      account: {
        type: 'many-to-one',
        target: 'Account',
        joinColumn: { name: 'account_id', foreignKeyConstraintName: 'fk_auth_token_account' },
        onDelete: 'CASCADE',
        onUpdate: 'NO ACTION',
        nullable: false,
      },
    },
    indices: [
      { name: 'ux_auth_token_hash', columns: ['tokenHash'], unique: true },
      { name: 'ix_auth_token_account', columns: ['accountId'] },
    ],
    checks: [{ name: 'ck_auth_token_kind', expression: `"kind" IN ('session', 'device')` }],
  });
}
