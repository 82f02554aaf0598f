import { In } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { E, ROLES, type AccountRow, type OrgUnitRow, type Role } from '../db/entities/index';
import { conflict, invalid, isUniqueViolation, notFound } from '../errors';
import type { Actor } from './actor';
import { authorize, scopeOf } from './authorize';
import type { ServiceContext } from './context';
import { subtreeIds } from './org-tree';
import { checkPasswordStrength, hashPassword } from './passwords';

const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,63}$/;

export interface NewAccount {
  username: string;
  displayName: string;
  role: Role;
  orgUnitId: string;
  password: string;
}

/** What callers may see of an account: never the password hash. */
export interface AccountView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  orgUnitId: string;
  disabled: boolean;
  createdAt: string;
}

export function toAccountView(a: AccountRow): AccountView {
  return {
    id: a.id,
    username: a.username,
    displayName: a.displayName,
    role: a.role,
    orgUnitId: a.orgUnitId,
    disabled: a.disabled,
    createdAt: a.createdAt.toISOString(),
  };
}

function repo(ctx: ServiceContext) {
  return ctx.manager.getRepository<AccountRow>(E.Account);
}

/** Usernames compare case-insensitively, so they are stored lower-cased. */
export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

/** Validates fields and hashes the password: the slow part, done before any transaction. */
export async function prepareAccount(
  ctx: ServiceContext,
  input: NewAccount,
): Promise<Omit<AccountRow, 'id' | 'createdAt' | 'disabled'>> {
  const username = normaliseUsername(input.username);
  if (!USERNAME_PATTERN.test(username)) {
    throw invalid('INVALID_USERNAME', 'Tên đăng nhập gồm 3–64 ký tự: chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới.');
  }
  const displayName = input.displayName.trim();
  if (displayName.length === 0 || displayName.length > 255) {
    throw invalid('INVALID_DISPLAY_NAME', 'Họ tên không được để trống (tối đa 255 ký tự).');
  }
  if (!(ROLES as readonly string[]).includes(input.role)) throw invalid('INVALID_ROLE', 'Vai trò không hợp lệ.');
  checkPasswordStrength(input.password);
  return {
    username,
    displayName,
    role: input.role,
    orgUnitId: input.orgUnitId,
    passwordHash: await hashPassword(input.password, ctx.security.scrypt),
  };
}

/** Inserts a prepared account without an authorisation check: callers have done it. */
export async function insertAccount(
  ctx: ServiceContext,
  prepared: Omit<AccountRow, 'id' | 'createdAt' | 'disabled'>,
): Promise<AccountRow> {
  const taken = () => conflict('USERNAME_TAKEN', `Tên đăng nhập "${prepared.username}" đã có người dùng.`);
  if (await repo(ctx).existsBy({ username: prepared.username })) throw taken();
  const row: AccountRow = { id: uuidv7(), ...prepared, disabled: false, createdAt: ctx.now() };
  try {
    await repo(ctx).insert(row);
  } catch (err) {
    if (isUniqueViolation(err)) throw taken();
    throw err;
  }
  return row;
}

/** Creates an account in a unit the actor manages. */
export async function createAccount(ctx: ServiceContext, actor: Actor, input: NewAccount): Promise<AccountRow> {
  const unit = await ctx.manager.getRepository<OrgUnitRow>(E.OrgUnit).findOneBy({ id: input.orgUnitId });
  if (!unit) throw notFound('UNIT_NOT_FOUND', 'Không tìm thấy đơn vị của tài khoản.');
  await authorize(ctx, actor, 'account.create', { unitId: unit.id });
  return insertAccount(ctx, await prepareAccount(ctx, input));
}

export async function findAccountById(ctx: ServiceContext, id: string): Promise<AccountRow | null> {
  return repo(ctx).findOneBy({ id });
}

export async function findAccountByUsername(ctx: ServiceContext, username: string): Promise<AccountRow | null> {
  return repo(ctx).findOneBy({ username: normaliseUsername(username) });
}

/** Accounts the actor may see: an admin's subtree; anyone else sees only themself. */
export async function listVisibleAccounts(ctx: ServiceContext, actor: Actor): Promise<AccountRow[]> {
  const order = { username: 'ASC' } as const;
  if (actor.kind === 'system') return repo(ctx).find({ order });
  if (scopeOf(actor.role, 'account.read') === 'subtree') {
    const ids = await subtreeIds(ctx, actor.orgUnitId);
    return repo(ctx).find({ where: { orgUnitId: In(ids) }, order });
  }
  return repo(ctx).find({ where: { id: actor.accountId }, order });
}
