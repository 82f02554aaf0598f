import { describe, expect, it } from 'vitest';
import { parseBackendMessage, parseMainMessage } from '../../src/contract/process-protocol';

describe('main ⇄ backend protocol', () => {
  it('accepts the backend messages', () => {
    expect(parseBackendMessage({ type: 'ready' })).toEqual({ type: 'ready' });
    expect(parseBackendMessage({ type: 'busy', replyId: 3, pendingWrites: 0 })).toEqual({ type: 'busy', replyId: 3, pendingWrites: 0 });
    expect(parseBackendMessage({ type: 'fatal', message: 'x', code: 'DATA_TOO_NEW' })).toMatchObject({ type: 'fatal' });
    const ok = { type: 'rpc', connId: 1, res: { id: 5, ok: true, result: { a: 1 } } };
    expect(parseBackendMessage(ok)).toEqual(ok);
    const err = { type: 'rpc', connId: 1, res: { id: 5, ok: false, error: { code: 'FORBIDDEN', message: 'Không có quyền' } } };
    expect(parseBackendMessage(err)).toEqual(err);
  });

  it('rejects malformed backend messages', () => {
    for (const bad of [null, 'ready', {}, { type: 'rpc', connId: 1, res: { id: 1, ok: false, error: { code: 'NOPE', message: '' } } }, { type: 'busy', replyId: 1 }, { type: 'rpc', connId: -1, res: { id: 1, ok: true } }]) {
      expect(parseBackendMessage(bad)).toBeNull();
    }
  });

  it('accepts the main messages the backend must handle', () => {
    expect(parseMainMessage({ type: 'rpc', connId: 2, req: { id: 1, method: 'app.info', params: {} } })).toMatchObject({ type: 'rpc' });
    expect(parseMainMessage({ type: 'disconnect', connId: 2 })).toEqual({ type: 'disconnect', connId: 2 });
    expect(parseMainMessage({ type: 'busy?', replyId: 9 })).toEqual({ type: 'busy?', replyId: 9 });
    expect(parseMainMessage({ type: 'shutdown' })).toEqual({ type: 'shutdown' });
    expect(parseMainMessage({ type: 'file-grant', connId: 2, grant: { handle: 'h', path: '/x', kind: 'pdf', mode: 'write' } })).toMatchObject({ type: 'file-grant' });
    expect(parseMainMessage({ type: 'file-grant', connId: 2, grant: { handle: 'h', path: '/x', kind: 'pdf', mode: 'exec' } })).toBeNull();
  });
});
