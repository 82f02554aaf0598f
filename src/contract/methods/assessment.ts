import type { MethodSpec } from '../rpc';

/** RPC methods of the assessment module (filled in by its issue). */
export const assessmentMethods = {} satisfies Record<string, MethodSpec>;
