import { IsNull, MoreThan } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { E, type AccountRow, type AuthTokenRow, type TokenKind } from '../db/entities/index';
import { ServiceError, forbidden, invalid, notFound, unauthenticated } from '../errors';
import { findAccountById, findAccountByUsername, toAccountView, type AccountView } from './accounts';
import type { AccountActor, Actor } from './actor';
import { authorize } from './authorize';
import type { ServiceContext } from './context';
import { assertLoginAllowed, clearLoginFailures, recordLoginFailure } from './login-throttle';
import { hashPassword, needsRehash, verifyPassword } from './passwords';
import { generateToken, hashToken, looksLikeToken } from './tokens';

/** `last_used_at` is refreshed at most this often: a write per request would be wasteful. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface Credentials {
  username: string;
  password: string;
  /** Client address, for the login limit. */
  ip: string;
}

export interface IssuedToken {
  /** The bearer token itself: shown once, never stored. */
  token: string;
  tokenId: string;
  kind: TokenKind;
  expiresAt: string;
  account: AccountView;
}

export interface TokenView {
  id: string;
  kind: TokenKind;
  deviceName: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string;
  /** True for the token this request came with. */
  current: boolean;
}

function tokens(ctx: ServiceContext) {
  return ctx.manager.getRepository<AuthTokenRow>(E.AuthToken);
}

const WRONG_CREDENTIALS = () => new ServiceError(401, 'INVALID_CREDENTIALS', 'Tên đăng nhập hoặc mật khẩu không đúng.');

// A hash to check against when the username does not exist, so that answer takes as long as
// a wrong password and response times do not reveal which usernames exist.
const dummyHashes = new Map<string, Promise<string>>();
function dummyHash(ctx: ServiceContext): Promise<string> {
  const k = JSON.stringify(ctx.security.scrypt);
  let h = dummyHashes.get(k);
  if (!h) dummyHashes.set(k, (h = hashPassword('not-a-real-password', ctx.security.scrypt)));
  return h;
}

/** Checks a username and password, minding the login limit. Returns the account. */
async function checkCredentials(ctx: ServiceContext, c: Credentials): Promise<AccountRow> {
  await assertLoginAllowed(ctx, c.username, c.ip);
  const account = await findAccountByUsername(ctx, c.username);
  const ok = account
    ? await verifyPassword(c.password, account.passwordHash)
    : (await verifyPassword(c.password, await dummyHash(ctx)), false);
  if (!account || !ok) {
    await recordLoginFailure(ctx, c.username, c.ip);
    throw WRONG_CREDENTIALS();
  }
  if (account.disabled) {
    throw new ServiceError(403, 'ACCOUNT_DISABLED', 'Tài khoản này đã bị khoá. Hãy liên hệ quản trị viên của Sở.');
  }
  await clearLoginFailures(ctx, c.username, c.ip);
  if (needsRehash(account.passwordHash, ctx.security.scrypt)) {
    // The cost was raised since this hash was made: upgrade it now that we know the password.
    account.passwordHash = await hashPassword(c.password, ctx.security.scrypt);
    await ctx.manager.getRepository<AccountRow>(E.Account).update({ id: account.id }, { passwordHash: account.passwordHash });
  }
  return account;
}

async function issueToken(
  ctx: ServiceContext,
  account: AccountRow,
  kind: TokenKind,
  deviceName: string | null,
): Promise<IssuedToken> {
  const { token, hash } = generateToken();
  const now = ctx.now();
  const ttl = kind === 'device' ? ctx.security.deviceTokenTtlMs : ctx.security.sessionTtlMs;
  const row: AuthTokenRow = {
    id: uuidv7(),
    tokenHash: hash,
    kind,
    accountId: account.id,
    deviceName,
    createdAt: now,
    lastUsedAt: null,
    expiresAt: new Date(now.getTime() + ttl),
    revokedAt: null,
  };
  await tokens(ctx).insert(row);
  return { token, tokenId: row.id, kind, expiresAt: row.expiresAt.toISOString(), account: toAccountView(account) };
}

/** `POST /api/auth/login`: a short-lived session token. */
export async function login(ctx: ServiceContext, c: Credentials): Promise<IssuedToken> {
  const account = await checkCredentials(ctx, c);
  return issueToken(ctx, account, 'session', null);
}

/** `POST /api/devices/enrol`: a long-lived token for one named computer running the app. */
export async function enrolDevice(ctx: ServiceContext, c: Credentials & { deviceName: string }): Promise<IssuedToken> {
  const deviceName = c.deviceName.trim();
  if (deviceName.length === 0 || deviceName.length > 255) {
    throw invalid('INVALID_DEVICE_NAME', 'Tên máy không được để trống (tối đa 255 ký tự).');
  }
  const account = await checkCredentials(ctx, c);
  return issueToken(ctx, account, 'device', deviceName);
}

/**
 * Turns a bearer token into an actor, or throws 401. Revoked, expired, unknown tokens and
 * disabled accounts all get the same answer.
 */
export async function authenticate(ctx: ServiceContext, token: string): Promise<AccountActor> {
  const invalidToken = () => unauthenticated('Phiên đăng nhập không hợp lệ hoặc đã hết hạn. Vui lòng đăng nhập lại.');
  if (!looksLikeToken(token)) throw invalidToken();
  const now = ctx.now();
  const row = await tokens(ctx).findOneBy({ tokenHash: hashToken(token) });
  if (!row || row.revokedAt || row.expiresAt.getTime() <= now.getTime()) throw invalidToken();
  const account = await findAccountById(ctx, row.accountId);
  if (!account || account.disabled) throw invalidToken();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await tokens(ctx).update({ id: row.id }, { lastUsedAt: now });
  }
  return {
    kind: 'account',
    accountId: account.id,
    username: account.username,
    role: account.role,
    orgUnitId: account.orgUnitId,
    tokenId: row.id,
  };
}

function toTokenView(row: AuthTokenRow, currentId: string | null): TokenView {
  return {
    id: row.id,
    kind: row.kind,
    deviceName: row.deviceName,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt ? row.lastUsedAt.toISOString() : null,
    expiresAt: row.expiresAt.toISOString(),
    current: row.id === currentId,
  };
}

/** The caller's own tokens that still work, newest first. */
export async function listOwnTokens(ctx: ServiceContext, actor: AccountActor): Promise<TokenView[]> {
  const rows = await tokens(ctx).find({
    where: { accountId: actor.accountId, revokedAt: IsNull(), expiresAt: MoreThan(ctx.now()) },
    order: { createdAt: 'DESC' },
  });
  return rows.map((r) => toTokenView(r, actor.tokenId));
}

/**
 * Revokes a token at once. Anyone may revoke their own; an admin may revoke those of accounts
 * in units they manage (a lost laptop, a member of staff who left). Revoking twice is fine.
 */
export async function revokeToken(ctx: ServiceContext, actor: Actor, tokenId: string): Promise<void> {
  const row = await tokens(ctx).findOneBy({ id: tokenId });
  if (!row) throw notFound('TOKEN_NOT_FOUND', 'Không tìm thấy phiên đăng nhập hoặc thiết bị này.');
  if (actor.kind !== 'account' || row.accountId !== actor.accountId) {
    const owner = await findAccountById(ctx, row.accountId);
    if (!owner) throw forbidden();
    await authorize(ctx, actor, 'account.manage', { unitId: owner.orgUnitId });
  }
  if (!row.revokedAt) await tokens(ctx).update({ id: row.id }, { revokedAt: ctx.now() });
}
