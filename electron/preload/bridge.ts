import type { ApiBridge, MethodName } from '../../src/contract/methods';
import type { RpcResponse } from '../../src/contract/rpc';

/**
 * The object exposed as `window.api`. Pure: `invokeIpc` is `ipcRenderer.invoke` bound to
 * the one channel, so the checks are testable without Electron. The preload refuses unknown
 * names itself (no IPC round trip), and main checks everything again anyway.
 */
export function createBridge(
  invokeIpc: (method: string, params: unknown) => Promise<unknown>,
  methodNames: readonly string[],
): ApiBridge {
  const allowed = new Set(methodNames);
  const bridge: ApiBridge = {
    transport: 'ipc',
    invoke(method: MethodName, params: unknown): Promise<RpcResponse> {
      if (typeof method !== 'string' || !allowed.has(method)) {
        return Promise.resolve({
          id: 0,
          ok: false,
          error: { code: 'UNKNOWN_METHOD', message: `Chức năng không tồn tại: ${String(method).slice(0, 100)}.` },
        });
      }
      return invokeIpc(method, params).then(
        (res) => res as RpcResponse,
        () => ({ id: 0, ok: false, error: { code: 'INTERNAL', message: 'Không liên lạc được với tiến trình chính của ứng dụng.' } }),
      );
    },
  };
  return Object.freeze(bridge);
}
