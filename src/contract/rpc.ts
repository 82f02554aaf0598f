import { z } from 'zod';

/**
 * The RPC envelope shared by every transport (Electron IPC via the preload, the WebSocket
 * dev bridge, tests). Transports move these objects; only the router interprets them.
 */
export const rpcRequestSchema = z.object({
  id: z.number().int().nonnegative(),
  method: z.string().min(1).max(100),
  params: z.unknown().optional(),
});
export type RpcRequest = z.infer<typeof rpcRequestSchema>;

/** Typed error codes: the renderer maps each to a Vietnamese message and a reaction. */
export const ERROR_CODES = [
  'BAD_REQUEST', // envelope malformed
  'UNKNOWN_METHOD', // not in the contract's allow-list
  'INVALID_ARGS', // params failed the method's zod schema
  'UNTRUSTED_SENDER', // the transport could not vouch for the caller
  'UNAUTHENTICATED', // the method needs a logged-in user
  'FORBIDDEN', // logged in, but the role may not do this
  'NOT_FOUND',
  'CONFLICT', // state forbids the action (e.g. school already set up)
  'VALIDATION', // a business rule rejected the data
  'DATA_TOO_NEW', // database written by a newer app version
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface RpcErrorBody {
  code: ErrorCode;
  message: string;
  /** Field-level problems, keyed by dotted path, for forms. */
  fields?: Record<string, string>;
}

export type RpcResponse =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: RpcErrorBody };

/** Thrown by services and the router; carries a code the client can act on. */
export class RpcError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'RpcError';
  }
  toBody(): RpcErrorBody {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message };
  }
}

/** Who may call a method: anyone (before login), any logged-in user, or listed roles. */
export type Access = 'public' | 'user' | readonly string[];

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
  /** Writes go through the single write queue; reads run beside it. */
  write: boolean;
}

export function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}
