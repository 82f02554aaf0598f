import '../test/dom-env';
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { Form, Input, type FormInstance } from 'antd';
import { ApiError } from './client';
import { applyFieldErrors, toNamePath } from './form-errors';

afterEach(cleanup);

describe('toNamePath', () => {
  it('turns array indexes into numbers', () => {
    expect(toNamePath('profile.sites.0.name')).toEqual(['profile', 'sites', 0, 'name']);
    expect(toNamePath('phone')).toEqual(['phone']);
  });
});

describe('applyFieldErrors', () => {
  it('puts server messages on the matching fields and returns the rest', async () => {
    let form!: FormInstance;
    function Host() {
      const [f] = Form.useForm();
      form = f;
      return (
        <Form form={f} initialValues={{ sites: [{ name: 'A' }] }}>
          <Form.Item name="phone" label="Điện thoại">
            <Input />
          </Form.Item>
          <Form.Item name={['sites', 0, 'name']} label="Tên điểm trường">
            <Input />
          </Form.Item>
        </Form>
      );
    }
    render(<Host />);
    const err = new ApiError('INVALID_ARGS', 'Dữ liệu gửi lên không hợp lệ.', {
      'profile.phone': 'Số điện thoại không hợp lệ',
      'profile.sites.0.name': 'Vui lòng nhập tên điểm trường',
      'profile.levels': 'Chọn ít nhất một cấp học',
    });
    let result!: ReturnType<typeof applyFieldErrors>;
    act(() => {
      result = applyFieldErrors(form, err, ['profile']);
    });
    expect(result.applied).toEqual([['phone'], ['sites', 0, 'name']]);
    expect(result.unmatched).toEqual(['Chọn ít nhất một cấp học']);
    expect(await screen.findByText('Số điện thoại không hợp lệ')).toBeTruthy();
    expect(screen.getByText('Vui lòng nhập tên điểm trường')).toBeTruthy();
  });
});
