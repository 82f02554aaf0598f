import { describe, expect, it } from 'vitest';
import { fold } from './fold';

describe('fold', () => {
  it.each([
    ['Trường Đại học', 'truong dai hoc'],
    ['ĐẮK LẮK', 'dak lak'],
    ['Tiêu chí 1.1', 'tieu chi 1.1'],
    ['Hồ sơ minh chứng', 'ho so minh chung'],
  ])('folds %s to %s', (input, expected) => {
    expect(fold(input)).toBe(expected);
  });
  it('treats NFC and NFD inputs the same', () => {
    expect(fold('Lê Lợi'.normalize('NFD'))).toBe(fold('Lê Lợi'.normalize('NFC')));
  });
});
