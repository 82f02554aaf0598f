import type { z } from 'zod';
import { contract, type MethodName } from '../../src/contract/methods';
import type { RpcResponse } from '../../src/contract/rpc';
import { MAX_RPC_PARAM_BYTES } from './constants';
import { DIALOG_METHODS, isDialogMethod, type DialogDeps } from './dialogs';
import { guardRpcCall, type SenderInfo } from './ipc-guard';

/**
 * What `ipcMain.handle('rpc:invoke', …)` runs, minus the Electron event: guard the call,
 * then either run a main-side dialog method or forward to the backend. Always resolves with
 * an RpcResponse; nothing is thrown across IPC.
 */

/** Input schema for a callable name: main's dialog methods first, then the contract. */
export function schemaFor(method: string): z.ZodType | undefined {
  if (isDialogMethod(method)) return DIALOG_METHODS[method]!.input;
  return Object.hasOwn(contract, method) ? contract[method as MethodName].input : undefined;
}

export interface RpcHandlerDeps {
  trustedOrigins: readonly string[];
  /** Forward to the backend (BackendSupervisor.call). */
  forward(connId: number, method: string, params: unknown): Promise<RpcResponse>;
  /** Dialog plumbing for the window that asked (parent window for modality). */
  dialogs(connId: number): DialogDeps;
  maxParamBytes?: number;
  log?: (message: string) => void;
}

export type RpcHandler = (sender: SenderInfo, connId: number, args: readonly unknown[]) => Promise<RpcResponse>;

export function createRpcHandler(deps: RpcHandlerDeps): RpcHandler {
  const opts = { trustedOrigins: deps.trustedOrigins, schemaFor, maxParamBytes: deps.maxParamBytes ?? MAX_RPC_PARAM_BYTES };
  return async (sender, connId, args) => {
    const checked = guardRpcCall(sender, args, opts);
    if (!checked.ok) {
      deps.log?.(`rpc refused: ${checked.error.code} ${typeof args[0] === 'string' ? args[0].slice(0, 100) : ''}`);
      return { id: 0, ok: false, error: checked.error };
    }
    if (isDialogMethod(checked.method)) {
      try {
        const result = await DIALOG_METHODS[checked.method]!.run(connId, checked.params, deps.dialogs(connId));
        return { id: 0, ok: true, result };
      } catch (err) {
        deps.log?.(`dialog failed: ${(err as Error).message}`);
        return { id: 0, ok: false, error: { code: 'INTERNAL', message: 'Không mở được hộp thoại chọn tệp.' } };
      }
    }
    try {
      return await deps.forward(connId, checked.method, checked.params);
    } catch (err) {
      deps.log?.(`forward failed: ${(err as Error).message}`);
      return { id: 0, ok: false, error: { code: 'INTERNAL', message: 'Lỗi nội bộ khi gửi yêu cầu.' } };
    }
  };
}
