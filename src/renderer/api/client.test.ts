import { describe, expect, it } from 'vitest';
import { ApiError, createApiClient } from './client';
import { FakeBridge, seededBridge } from '../test/fake-bridge';
import { ConnectionError } from './ws-client';
import type { ApiBridge } from '../../contract/methods';

describe('createApiClient', () => {
  it('unwraps a successful envelope into the typed result', async () => {
    const client = createApiClient(seededBridge());
    const status = await client.call('setup.status', {});
    expect(status).toEqual({ initialized: true, schoolName: 'Trường THCS Nguyễn Du' });
  });

  it('throws ApiError with the code and field messages of an error envelope', async () => {
    const client = createApiClient(new FakeBridge());
    const err = await client
      .call('setup.initialize', {
        school: { name: 'Trường A', levels: [] },
        admin: { username: 'ad', displayName: 'A', password: 'x' },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('INVALID_ARGS');
    expect((err as ApiError).fields).toMatchObject({
      'school.levels': 'Chọn ít nhất một cấp học',
      'admin.username': 'Tên đăng nhập cần ít nhất 3 ký tự',
      'admin.password': 'Mật khẩu cần ít nhất 8 ký tự',
    });
  });

  it('reports an expired session, but not a wrong password at login', async () => {
    const expired: ApiError[] = [];
    const client = createApiClient(seededBridge(), { onUnauthenticated: (e) => expired.push(e) });
    await expect(client.call('auth.login', { username: 'admin', password: 'sai' })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    expect(expired).toHaveLength(0);
    await expect(client.call('school.get', {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(expired.map((e) => e.method)).toEqual(['school.get']);
  });

  it('turns a transport failure into a NETWORK ApiError', async () => {
    const down: ApiBridge = {
      transport: 'ws',
      invoke: () => Promise.reject(new ConnectionError('timeout', 'Không kết nối được tới máy chủ sau 15 giây.')),
    };
    const err = await createApiClient(down)
      .call('auth.me', {})
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'NETWORK', message: 'Không kết nối được tới máy chủ sau 15 giây.' });
  });
});
