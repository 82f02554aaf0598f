import { describe, expect, it } from 'vitest';
import { i18next } from '../i18n';
import { ApiError } from './client';
import { errorText } from './error-text';

const t = i18next.getFixedT('vi');
const tEn = i18next.getFixedT('en');

describe('errorText', () => {
  it('shows the server sentence for business errors in Vietnamese', () => {
    expect(errorText(new ApiError('VALIDATION', 'Phải còn ít nhất một quản trị viên đang hoạt động.'), t, 'vi')).toBe(
      'Phải còn ít nhất một quản trị viên đang hoạt động.',
    );
  });

  it('never shows the details of an internal error', () => {
    expect(errorText(new ApiError('INTERNAL', 'SQLITE_BUSY at write-queue.ts:42'), t, 'vi')).toBe(
      'Đã xảy ra lỗi hệ thống. Vui lòng thử lại sau.',
    );
  });

  it('uses the generic text of the UI language in English', () => {
    expect(errorText(new ApiError('FORBIDDEN', 'Tài khoản của bạn không có quyền.'), tEn, 'en')).toBe(
      'Your account is not allowed to do this.',
    );
    expect(errorText(new Error('boom'), t, 'vi')).toBe('Đã xảy ra lỗi không xác định.');
  });
});
