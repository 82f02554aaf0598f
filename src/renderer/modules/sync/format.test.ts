import { describe, expect, it } from 'vitest';
import { formatBytes, formatTimeDate, shortHash } from './format';

describe('sync formats', () => {
  it('writes sizes with a decimal comma', () => {
    expect(formatBytes(12)).toBe('12 byte');
    expect(formatBytes(1536)).toBe('1,5 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5 MB');
    expect(formatBytes(250 * 1024 * 1024)).toBe('250 MB');
  });
  it('writes the time before the date', () => {
    expect(formatTimeDate('2026-11-28T14:03:00')).toBe('14:03 28/11/2026');
    expect(formatTimeDate(null)).toBe('');
    expect(shortHash('abcdef0123456789')).toBe('abcdef012345');
  });
});
