import type { MethodSpec } from '../rpc';

/** RPC methods of the assets module (filled in by its issue). */
export const assetsMethods = {} satisfies Record<string, MethodSpec>;
