import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from './date';

describe('date formatting', () => {
  it('writes dates day first, dd/mm/yyyy', () => {
    expect(formatDate('2026-09-05T10:00:00')).toBe('05/09/2026');
    expect(formatDateTime('2026-09-05T07:04:00')).toBe('05/09/2026 07:04');
  });

  it('shows nothing for a missing or broken date', () => {
    expect(formatDate(null)).toBe('');
    expect(formatDate('không phải ngày')).toBe('');
  });
});
