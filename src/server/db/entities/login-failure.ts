import { EntitySchema } from 'typeorm';
import type { Dialect } from '../dialect';
import { idColumn, timeColumn } from './columns';

/**
 * One failed sign-in, keyed by the username as typed (lower-cased) and the client address.
 * A table rather than memory so the limit survives a restart and holds across processes
 * sharing one PostgreSQL database.
 */
export interface LoginFailureRow {
  id: string;
  username: string;
  ip: string;
  failedAt: Date;
}

export function loginFailureEntity(dialect: Dialect): EntitySchema {
  return new EntitySchema<LoginFailureRow>({
    name: 'LoginFailure',
    tableName: 'login_failure',
    columns: {
      id: idColumn(dialect, { primary: true, primaryKeyConstraintName: 'pk_login_failure' }),
      username: { type: 'varchar', length: 64 },
      ip: { type: 'varchar', length: 64 },
      failedAt: timeColumn(dialect, { name: 'failed_at' }),
    },
    indices: [{ name: 'ix_login_failure_key', columns: ['username', 'ip', 'failedAt'] }],
  });
}
