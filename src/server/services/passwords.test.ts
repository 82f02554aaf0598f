import { describe, expect, it } from 'vitest';
import { ServiceError } from '../errors';
import { checkPasswordStrength, hashPassword, needsRehash, verifyPassword } from './passwords';

const cheap = { logN: 12, r: 8, p: 1 };

describe('passwords', () => {
  it('hashes with a per-user salt and stored parameters, and verifies', async () => {
    const a = await hashPassword('mật khẩu dài', cheap);
    const b = await hashPassword('mật khẩu dài', cheap);
    expect(a).toMatch(/^scrypt\$12\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b); // different salts
    expect(await verifyPassword('mật khẩu dài', a)).toBe(true);
    expect(await verifyPassword('mật khẩu dàI', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('treats composed and decomposed Vietnamese the same (NFC)', async () => {
    const h = await hashPassword('Trường'.normalize('NFC'), cheap);
    expect(await verifyPassword('Trường'.normalize('NFD'), h)).toBe(true);
  });

  it('verifies with the parameters stored in the hash, not the current ones', async () => {
    const old = await hashPassword('secret-123', { logN: 11, r: 8, p: 1 });
    expect(await verifyPassword('secret-123', old)).toBe(true);
    expect(needsRehash(old, cheap)).toBe(true);
    expect(needsRehash(await hashPassword('x-secret-1', cheap), cheap)).toBe(false);
  });

  it('supports the production cost (2^17) within Node memory limits', async () => {
    const h = await hashPassword('production-cost', { logN: 17, r: 8, p: 1 });
    expect(h.startsWith('scrypt$17$8$1$')).toBe(true);
    expect(await verifyPassword('production-cost', h)).toBe(true);
  });

  it('rejects malformed or absurd stored hashes without throwing', async () => {
    for (const bad of [
      '',
      'plain',
      'scrypt$12$8$1$salt',
      'bcrypt$12$8$1$a$b',
      'scrypt$30$8$1$AAAA$AAAA',
      'scrypt$12$8$1$AAAA$',
    ]) {
      expect(await verifyPassword('anything', bad)).toBe(false);
    }
  });

  it('enforces length limits with Vietnamese messages', () => {
    expect(() => checkPasswordStrength('short')).toThrow(/ít nhất 8 ký tự/);
    expect(() => checkPasswordStrength('x'.repeat(300))).toThrow(ServiceError);
    expect(() => checkPasswordStrength('đủ-dài-rồi')).not.toThrow();
  });
});
