import { LessThan, MoreThan } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { E, type LoginFailureRow } from '../db/entities/index';
import { tooManyRequests } from '../errors';
import type { ServiceContext } from './context';

/**
 * Slows password guessing: after `loginMaxFailures` failed sign-ins for one username from one
 * address within `loginWindowMs`, further attempts get 429 until the oldest failure leaves
 * the window, whether or not the password is right. Keyed on username + address so that one
 * attacker cannot lock a school out from elsewhere, and one NAT'd school shares no budget
 * across its staff. Unknown usernames count too, so probing costs the same.
 */
function repo(ctx: ServiceContext) {
  return ctx.manager.getRepository<LoginFailureRow>(E.LoginFailure);
}

function key(username: string): string {
  return username.trim().toLowerCase().slice(0, 64);
}

/** Throws 429 (with seconds to wait) when the budget for this username + address is spent. */
export async function assertLoginAllowed(ctx: ServiceContext, username: string, ip: string): Promise<void> {
  const { loginMaxFailures, loginWindowMs } = ctx.security;
  const now = ctx.now();
  const recent = await repo(ctx).find({
    where: { username: key(username), ip: ip.slice(0, 64), failedAt: MoreThan(new Date(now.getTime() - loginWindowMs)) },
    order: { failedAt: 'DESC' },
    take: loginMaxFailures,
  });
  if (recent.length < loginMaxFailures) return;
  // The attempt frees up when the oldest of the last N failures leaves the window.
  const oldest = recent[recent.length - 1]!.failedAt.getTime();
  const retryAfter = Math.max(1, Math.ceil((oldest + loginWindowMs - now.getTime()) / 1000));
  const minutes = Math.ceil(retryAfter / 60);
  throw tooManyRequests(`Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau khoảng ${minutes} phút.`, retryAfter);
}

export async function recordLoginFailure(ctx: ServiceContext, username: string, ip: string): Promise<void> {
  const now = ctx.now();
  await repo(ctx).insert({ id: uuidv7(), username: key(username), ip: ip.slice(0, 64), failedAt: now });
  // Housekeeping on the write path keeps the table small without a scheduler.
  await repo(ctx).delete({ failedAt: LessThan(new Date(now.getTime() - ctx.security.loginWindowMs)) });
}

/** A successful sign-in clears the slate for that username + address. */
export async function clearLoginFailures(ctx: ServiceContext, username: string, ip: string): Promise<void> {
  await repo(ctx).delete({ username: key(username), ip: ip.slice(0, 64) });
}
