import type { EntityManager } from 'typeorm';
import { RpcError } from '../../contract/rpc';
import type { Role } from '../../contract/schemas/common';
import type { User } from '../../contract/schemas/user';
import { hashPassword, verifyPassword } from '../auth/password';
import { newId, nowIso } from '../db/clock';
import { UserEntity, type UserRow } from '../db/entities';

/**
 * The session as the database says now. The CLI's built-in administrator (userId 'cli') is not
 * a stored account and keeps its session.
 */
export async function refreshSession<S extends { userId: string; username: string; role: Role }>(m: EntityManager, session: S): Promise<S | null> {
  if (session.userId === 'cli') return session;
  const row = await m.getRepository(UserEntity).findOneBy({ id: session.userId });
  if (!row || row.disabled) return null;
  return { ...session, role: row.role as Role, username: row.username };
}

export const toUserDto = (u: UserRow): User => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role as Role,
  disabled: Boolean(u.disabled),
  createdAt: u.createdAt,
});

export async function listUsers(m: EntityManager): Promise<User[]> {
  const rows = await m.getRepository(UserEntity).find({ order: { createdAt: 'ASC' } });
  return rows.map(toUserDto);
}

export async function countUsers(m: EntityManager): Promise<number> {
  return m.getRepository(UserEntity).count();
}

export async function addUser(
  m: EntityManager,
  input: { username: string; displayName: string; role: Role; password: string },
): Promise<User> {
  const repo = m.getRepository(UserEntity);
  if (await repo.findOneBy({ username: input.username })) {
    throw new RpcError('VALIDATION', `Tên đăng nhập "${input.username}" đã có người dùng.`, { username: 'Tên đăng nhập đã tồn tại' });
  }
  const now = nowIso();
  const row: UserRow = {
    id: newId(),
    username: input.username,
    displayName: input.displayName,
    role: input.role,
    passwordHash: await hashPassword(input.password),
    disabled: false,
    createdAt: now,
    updatedAt: now,
  };
  await repo.insert(row);
  return toUserDto(row);
}

async function getRow(m: EntityManager, id: string): Promise<UserRow> {
  const row = await m.getRepository(UserEntity).findOneBy({ id });
  if (!row) throw new RpcError('NOT_FOUND', 'Không tìm thấy người dùng.');
  return row;
}

/** The last active admin cannot be demoted or disabled: nobody could manage the school after. */
async function assertAnotherAdmin(m: EntityManager, id: string): Promise<void> {
  const admins = await m.getRepository(UserEntity).findBy({ role: 'admin', disabled: false });
  if (admins.every((a) => a.id === id)) {
    throw new RpcError('VALIDATION', 'Phải còn ít nhất một quản trị viên đang hoạt động.');
  }
}

export async function updateUser(
  m: EntityManager,
  input: { id: string; displayName?: string; role?: Role; disabled?: boolean },
): Promise<User> {
  const row = await getRow(m, input.id);
  const losesAdmin = row.role === 'admin' && ((input.role && input.role !== 'admin') || input.disabled === true);
  if (losesAdmin) await assertAnotherAdmin(m, row.id);
  const patch = {
    ...(input.displayName !== undefined && { displayName: input.displayName }),
    ...(input.role !== undefined && { role: input.role }),
    ...(input.disabled !== undefined && { disabled: input.disabled }),
    updatedAt: nowIso(),
  };
  await m.getRepository(UserEntity).update({ id: row.id }, patch);
  return toUserDto({ ...row, ...patch });
}

export async function setPassword(m: EntityManager, id: string, password: string): Promise<void> {
  await getRow(m, id);
  await m.getRepository(UserEntity).update({ id }, { passwordHash: await hashPassword(password), updatedAt: nowIso() });
}

/** One message for unknown user and wrong password, so the login form does not leak usernames. */
export async function authenticate(m: EntityManager, username: string, password: string): Promise<User> {
  const row = await m.getRepository(UserEntity).findOneBy({ username: username.trim().toLowerCase() });
  const ok = row ? await verifyPassword(password, row.passwordHash) : false;
  if (!row || !ok) throw new RpcError('UNAUTHENTICATED', 'Tên đăng nhập hoặc mật khẩu không đúng.');
  if (row.disabled) throw new RpcError('FORBIDDEN', 'Tài khoản đã bị khóa. Hãy liên hệ quản trị viên.');
  return toUserDto(row);
}

export async function changeOwnPassword(m: EntityManager, id: string, current: string, next: string): Promise<void> {
  const row = await getRow(m, id);
  if (!(await verifyPassword(current, row.passwordHash))) {
    throw new RpcError('VALIDATION', 'Mật khẩu hiện tại không đúng.', { currentPassword: 'Mật khẩu hiện tại không đúng' });
  }
  await setPassword(m, id, next);
}
