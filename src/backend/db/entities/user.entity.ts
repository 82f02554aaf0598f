import { EntitySchema } from 'typeorm';

/**
 * Local accounts of this installation. Not synced: password hashes never leave the PC, and
 * the department server has accounts of its own.
 */
export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  role: string;
  passwordHash: string;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export const UserEntity = new EntitySchema<UserRow>({
  name: 'User',
  tableName: 'app_user',
  columns: {
    id: { type: 'varchar', length: 36, primary: true },
    username: { type: 'varchar', length: 40 },
    displayName: { type: 'varchar', length: 120 },
    role: { type: 'varchar', length: 30 },
    passwordHash: { type: 'varchar', length: 300 },
    disabled: { type: 'boolean', default: false },
    createdAt: { type: 'varchar', length: 30 },
    updatedAt: { type: 'varchar', length: 30 },
  },
  indices: [{ name: 'idx_app_user_username', columns: ['username'], unique: true }],
});
