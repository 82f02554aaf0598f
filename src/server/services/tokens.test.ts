import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateToken, hashToken, looksLikeToken } from './tokens';

describe('tokens', () => {
  it('are 32 random bytes in base64url, stored as their SHA-256', () => {
    const { token, hash } = generateToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(looksLikeToken(token)).toBe(true);
    expect(hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hashToken(token)).toBe(hash);
    expect(generateToken().token).not.toBe(token);
  });

  it('rejects strings that cannot be a token before any lookup', () => {
    expect(looksLikeToken('')).toBe(false);
    expect(looksLikeToken('abc')).toBe(false);
    expect(looksLikeToken('a'.repeat(42) + '=')).toBe(false);
  });
});
