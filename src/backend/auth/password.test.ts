import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';

describe('password hashing (scrypt)', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const stored = await hashPassword('mật-khẩu-đúng');
    expect(stored.startsWith('scrypt$16384$8$1$')).toBe(true);
    expect(await verifyPassword('mật-khẩu-đúng', stored)).toBe(true);
    expect(await verifyPassword('mat-khau-sai', stored)).toBe(false);
  });
  it('salts every hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });
  it('treats NFC and NFD spellings of a Vietnamese password as the same', async () => {
    const stored = await hashPassword('Hiệu trưởng'.normalize('NFD'));
    expect(await verifyPassword('Hiệu trưởng'.normalize('NFC'), stored)).toBe(true);
  });
  it('rejects a malformed stored hash instead of throwing', async () => {
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });
});
