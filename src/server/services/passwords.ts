import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { ScryptParams } from '../config';
import { invalid } from '../errors';

const KEY_LEN = 32;
const SALT_LEN = 16;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

function scryptAsync(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  // The async form runs on libuv's pool: a 2^17 hash takes a few hundred ms and must not
  // stall every other request on the event loop.
  return new Promise((resolve, reject) => scrypt(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

function options({ logN, r, p }: ScryptParams): ScryptOptions {
  const N = 2 ** logN;
  // Node refuses anything above 32 MiB by default; scrypt needs 128·N·r bytes, so allow twice that.
  return { N, r, p, maxmem: 2 * 128 * N * r * p + 1024 * 1024 };
}

/** Refuses passwords too short to be worth hashing or long enough to be a denial of service. */
export function checkPasswordStrength(password: string): void {
  if (password.length < PASSWORD_MIN) {
    throw invalid('WEAK_PASSWORD', `Mật khẩu phải có ít nhất ${PASSWORD_MIN} ký tự.`);
  }
  if (password.length > PASSWORD_MAX) {
    throw invalid('PASSWORD_TOO_LONG', `Mật khẩu không được dài quá ${PASSWORD_MAX} ký tự.`);
  }
}

/**
 * `scrypt$<log2 N>$<r>$<p>$<salt>$<key>` (base64url). The parameters are stored with each hash
 * so the cost can be raised later without locking anyone out (see `needsRehash`).
 */
export async function hashPassword(password: string, params: ScryptParams): Promise<string> {
  const salt = randomBytes(SALT_LEN);
  const key = await scryptAsync(password.normalize('NFC'), salt, KEY_LEN, options(params));
  return ['scrypt', params.logN, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

function parse(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [logN, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  // Bounds keep a tampered row from making one login allocate gigabytes.
  if (![logN, r, p].every(Number.isInteger) || logN < 10 || logN > 22 || r < 1 || r > 32 || p < 1 || p > 4) return null;
  return { params: { logN, r, p }, salt: Buffer.from(parts[4]!, 'base64url'), key: Buffer.from(parts[5]!, 'base64url') };
}

/** Constant-time comparison against a stored hash; false for malformed hashes. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed || parsed.key.length === 0) return false;
  const key = await scryptAsync(password.normalize('NFC'), parsed.salt, parsed.key.length, options(parsed.params));
  return timingSafeEqual(key, parsed.key);
}

/** True when the stored hash was made with other parameters than the current ones. */
export function needsRehash(stored: string, params: ScryptParams): boolean {
  const parsed = parse(stored);
  return !parsed || parsed.params.logN !== params.logN || parsed.params.r !== params.r || parsed.params.p !== params.p;
}
