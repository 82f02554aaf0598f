import type { MethodSpec } from '../rpc';

/** RPC methods of the sync module (filled in by its issue). */
export const syncMethods = {} satisfies Record<string, MethodSpec>;
