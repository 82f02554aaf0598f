import { describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES } from '../../src/contract/methods';
import { createBridge } from './bridge';

describe('preload bridge (window.api)', () => {
  it('is an ipc transport exposing only invoke and transport', () => {
    const api = createBridge(vi.fn(), METHOD_NAMES);
    expect(api.transport).toBe('ipc');
    expect(Object.keys(api).sort()).toEqual(['invoke', 'transport']);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('forwards contract methods to the one IPC channel and returns the response envelope', async () => {
    const ipc = vi.fn(async () => ({ id: 1, ok: true, result: { version: '0.1.0' } }));
    const api = createBridge(ipc, METHOD_NAMES);
    expect(await api.invoke('app.info', {})).toEqual({ id: 1, ok: true, result: { version: '0.1.0' } });
    expect(ipc).toHaveBeenCalledWith('app.info', {});
  });

  it('refuses names outside METHOD_NAMES without any IPC', async () => {
    const ipc = vi.fn();
    const api = createBridge(ipc, METHOD_NAMES);
    for (const bad of ['users.dropAll', '__proto__', 'constructor', 42, undefined]) {
      expect(await api.invoke(bad as any, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    }
    expect(ipc).not.toHaveBeenCalled();
  });

  it('never rejects: an IPC failure becomes an INTERNAL response', async () => {
    const api = createBridge(async () => Promise.reject(new Error('gone')), METHOD_NAMES);
    expect(await api.invoke('app.info', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
