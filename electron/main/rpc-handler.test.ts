import { describe, expect, it, vi } from 'vitest';
import type { DialogDeps } from './dialogs';
import type { SenderInfo } from './ipc-guard';
import { createRpcHandler, schemaFor } from './rpc-handler';

const good: SenderInfo = { frameUrl: 'app://truong-chuan/index.html', isMainFrame: true, isOwnWindow: true };

function fakeDialogs(over: Partial<DialogDeps> = {}): DialogDeps {
  return {
    showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: ['/home/gv/Tài liệu/thiet-bi.xlsx'] })),
    showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: '/home/gv/Tài liệu/bao-cao.pdf' })),
    defaultDir: () => '/home/gv/Tài liệu',
    grant: vi.fn(),
    newHandle: () => 'handle-1',
    ...over,
  };
}

describe('createRpcHandler', () => {
  it('forwards a valid call to the backend with the connection id', async () => {
    const forward = vi.fn(async () => ({ id: 3, ok: true as const, result: { version: '0.1.0' } }));
    const rpc = createRpcHandler({ trustedOrigins: ['app://truong-chuan'], forward, dialogs: () => fakeDialogs() });
    expect(await rpc(good, 12, ['app.info', {}])).toEqual({ id: 3, ok: true, result: { version: '0.1.0' } });
    expect(forward).toHaveBeenCalledWith(12, 'app.info', {});
  });

  it('never forwards a refused call, and answers with an RpcResponse error instead of throwing', async () => {
    const forward = vi.fn();
    const rpc = createRpcHandler({ trustedOrigins: ['app://truong-chuan'], forward, dialogs: () => fakeDialogs() });
    expect(await rpc({ ...good, isMainFrame: false }, 1, ['app.info', {}])).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    expect(await rpc(good, 1, ['nope.nope', {}])).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await rpc(good, 1, ['auth.login', { username: 1 }])).toMatchObject({ ok: false, error: { code: 'INVALID_ARGS' } });
    expect(forward).not.toHaveBeenCalled();
  });

  it('turns a throwing transport into INTERNAL', async () => {
    const rpc = createRpcHandler({
      trustedOrigins: ['app://truong-chuan'],
      forward: async () => {
        throw new Error('boom');
      },
      dialogs: () => fakeDialogs(),
    });
    expect(await rpc(good, 1, ['app.info', {}])).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('handles dialog methods in main: the path goes to the backend, the renderer gets a handle', async () => {
    const forward = vi.fn();
    const deps = fakeDialogs();
    const rpc = createRpcHandler({ trustedOrigins: ['app://truong-chuan'], forward, dialogs: () => deps });
    const res = await rpc(good, 9, ['files.pickForImport', { kind: 'spreadsheet' }]);
    expect(res).toEqual({ id: 0, ok: true, result: { handle: 'handle-1', fileName: 'thiet-bi.xlsx' } });
    expect(JSON.stringify(res)).not.toContain('/home/gv');
    expect(deps.grant).toHaveBeenCalledWith(9, { handle: 'handle-1', path: '/home/gv/Tài liệu/thiet-bi.xlsx', kind: 'spreadsheet', mode: 'read' });
    expect(forward).not.toHaveBeenCalled();
  });

  it('dialog methods are still sender- and argument-checked', async () => {
    const deps = fakeDialogs();
    const rpc = createRpcHandler({ trustedOrigins: ['app://truong-chuan'], forward: vi.fn(), dialogs: () => deps });
    expect(await rpc({ ...good, frameUrl: 'https://evil/' }, 1, ['files.pickForImport', { kind: 'spreadsheet' }])).toMatchObject({
      error: { code: 'UNTRUSTED_SENDER' },
    });
    expect(await rpc(good, 1, ['files.pickForImport', { kind: 'exe' }])).toMatchObject({ error: { code: 'INVALID_ARGS' } });
    expect(await rpc(good, 1, ['files.pickForImport', { kind: 'spreadsheet', path: '/etc/passwd' }])).toMatchObject({
      error: { code: 'INVALID_ARGS' },
    });
    expect(deps.showOpenDialog).not.toHaveBeenCalled();
  });

  it('a failing dialog becomes INTERNAL', async () => {
    const deps = fakeDialogs({
      showOpenDialog: async () => {
        throw new Error('no display');
      },
    });
    const rpc = createRpcHandler({ trustedOrigins: ['app://truong-chuan'], forward: vi.fn(), dialogs: () => deps });
    expect(await rpc(good, 1, ['files.pickForImport', { kind: 'document' }])).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('schemaFor knows contract and dialog methods, nothing else', () => {
    expect(schemaFor('auth.login')).toBeDefined();
    expect(schemaFor('files.pickForExport')).toBeDefined();
    expect(schemaFor('hasOwnProperty')).toBeUndefined();
    expect(schemaFor('__proto__')).toBeUndefined();
  });
});
