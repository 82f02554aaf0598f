import { EntitySchema } from 'typeorm';
import type { Dialect } from '../dialect';
import { idColumn, timeColumn, type WithRelations } from './columns';

/** Roles are code, not data: each one has rules in `services/authorize.ts`. */
export const ROLES = ['dept_admin', 'inspector', 'school_user'] as const;
export type Role = (typeof ROLES)[number];

/** A person who signs in to the department server. Usernames are stored lower-cased. */
export interface AccountRow {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  orgUnitId: string;
  /** `scrypt$<log2 N>$<r>$<p>$<salt>$<hash>`: parameters travel with the hash, see passwords.ts. */
  passwordHash: string;
  disabled: boolean;
  createdAt: Date;
}

export function accountEntity(dialect: Dialect): EntitySchema {
  return new EntitySchema<WithRelations<AccountRow, 'orgUnit'>>({
    name: 'Account',
    tableName: 'account',
    columns: {
      id: idColumn(dialect, { primary: true, primaryKeyConstraintName: 'pk_account' }),
      username: { type: 'varchar', length: 64 },
      displayName: { type: 'varchar', length: 255, name: 'display_name' },
      role: { type: 'varchar', length: 32 },
      orgUnitId: idColumn(dialect, { name: 'org_unit_id' }),
      passwordHash: { type: 'varchar', length: 255, name: 'password_hash' },
      disabled: { type: 'boolean', default: false },
      createdAt: timeColumn(dialect, { name: 'created_at' }),
    },
    relations: {
      orgUnit: {
        type: 'many-to-one',
        target: 'OrgUnit',
        joinColumn: { name: 'org_unit_id', foreignKeyConstraintName: 'fk_account_org_unit' },
        onDelete: 'RESTRICT',
        onUpdate: 'NO ACTION',
        nullable: false,
      },
    },
    indices: [
      { name: 'ux_account_username', columns: ['username'], unique: true },
      { name: 'ix_account_org_unit', columns: ['orgUnitId'] },
    ],
    checks: [{ name: 'ck_account_role', expression: `"role" IN ('dept_admin', 'inspector', 'school_user')` }],
  });
}
