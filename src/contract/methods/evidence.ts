import type { MethodSpec } from '../rpc';

/** RPC methods of the evidence module (filled in by its issue). */
export const evidenceMethods = {} satisfies Record<string, MethodSpec>;
