import { z } from 'zod';
import { ERROR_CODES, rpcRequestSchema, type RpcRequest, type RpcResponse } from './rpc';

/**
 * Messages between Electron main and the backend utilityProcess (over `child.postMessage` /
 * `process.parentPort`). Only main can write to the backend's parentPort, so these messages
 * are trusted by construction; main has already checked sender, method and arguments of
 * every `rpc` it forwards, and the backend's router checks them again.
 *
 * One renderer = one connection: `connId` is the renderer's webContents id, so each window
 * keeps its own login; `disconnect` is sent when that webContents is destroyed.
 */

/** Main → backend. */
export type MainToBackend =
  | { type: 'rpc'; connId: number; req: RpcRequest }
  | { type: 'disconnect'; connId: number }
  /** How many writes are queued or running? Answered with `busy` carrying the same replyId. */
  | { type: 'busy?'; replyId: number }
  /**
   * Optional: finish queued writes, close the database and exit. Main also drains with
   * `busy?` and kills after a grace period, so a backend that ignores this still stops safely.
   */
  | { type: 'shutdown' }
  /**
   * A file the user chose in a native dialog shown by main (see electron/main/dialogs.ts).
   * The renderer never sees `path`: it only gets `handle`, which it passes to a later RPC
   * (e.g. an import); the backend resolves the handle for that same connection only, for
   * the given purpose and mode, and forgets it on `disconnect`.
   */
  | { type: 'file-grant'; connId: number; grant: FileGrant }
  /** The answer to a `seal` request (same replyId). */
  | SealReply;

/**
 * Secrets at rest (the device token, a department session token) are encrypted with
 * Electron's safeStorage, which only main can call. The backend asks main to encrypt or
 * decrypt one small string; it stores only the ciphertext (src/backend/platform/sealed-secret-store.ts).
 */
export interface SealRequest {
  type: 'seal';
  replyId: number;
  op: 'encrypt' | 'decrypt' | 'available?';
  /** encrypt: the plain text; decrypt: base64 ciphertext; available?: empty. */
  data: string;
}

export type SealReply =
  | {
      type: 'sealed';
      replyId: number;
      ok: true;
      /** encrypt: base64 ciphertext; decrypt: plain text; available?: 'yes' | 'no'. */
      data: string;
      /** decrypt: the key was rotated; encrypt the value again and store the new ciphertext. */
      reencrypt?: boolean;
    }
  | { type: 'sealed'; replyId: number; ok: false; message: string };

export interface FileGrant {
  handle: string;
  path: string;
  /** What the dialog was opened for, e.g. 'spreadsheet' or 'backup'. */
  kind: string;
  /** read: chosen with an open dialog; write: chosen with a save dialog. */
  mode: 'read' | 'write';
}

/** Backend → main. */
export type BackendToMain =
  | { type: 'rpc'; connId: number; res: RpcResponse }
  | { type: 'ready' }
  | { type: 'busy'; replyId: number; pendingWrites: number }
  /** The backend cannot run (e.g. DATA_TOO_NEW): main shows `message` and does not restart it. */
  | { type: 'fatal'; message: string; code?: string }
  | SealRequest;

const connId = z.number().int().nonnegative();

/** Secrets are tokens (tens of characters); anything near this is a bug, not a secret. */
export const SEAL_MAX_CHARS = 16_384;

const rpcErrorBodySchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  fields: z.record(z.string(), z.string()).optional(),
});

export const rpcResponseSchema = z.union([
  z.object({ id: z.number(), ok: z.literal(true), result: z.unknown() }),
  z.object({ id: z.number(), ok: z.literal(false), error: rpcErrorBodySchema }),
]);

export const fileGrantSchema = z.object({
  handle: z.string().min(1).max(200),
  path: z.string().min(1),
  kind: z.string().min(1).max(50),
  mode: z.enum(['read', 'write']),
});

export const mainToBackendSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('rpc'), connId, req: rpcRequestSchema }),
  z.object({ type: z.literal('disconnect'), connId }),
  z.object({ type: z.literal('busy?'), replyId: z.number().int() }),
  z.object({ type: z.literal('shutdown') }),
  z.object({ type: z.literal('file-grant'), connId, grant: fileGrantSchema }),
  // One object for both outcomes (a discriminated union needs one schema per `type`).
  z.object({
    type: z.literal('sealed'),
    replyId: z.number().int(),
    ok: z.boolean(),
    data: z.string().max(SEAL_MAX_CHARS).optional(),
    reencrypt: z.boolean().optional(),
    message: z.string().optional(),
  }),
]);

export const backendToMainSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('rpc'), connId, res: rpcResponseSchema }),
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('busy'), replyId: z.number().int(), pendingWrites: z.number().int().nonnegative() }),
  z.object({ type: z.literal('fatal'), message: z.string(), code: z.string().optional() }),
  z.object({
    type: z.literal('seal'),
    replyId: z.number().int(),
    op: z.enum(['encrypt', 'decrypt', 'available?']),
    data: z.string().max(SEAL_MAX_CHARS),
  }),
]);

/** Narrows an incoming parentPort message; anything malformed is dropped by the caller. */
export function parseBackendMessage(msg: unknown): BackendToMain | null {
  const r = backendToMainSchema.safeParse(msg);
  return r.success ? (r.data as BackendToMain) : null;
}

export function parseMainMessage(msg: unknown): MainToBackend | null {
  const r = mainToBackendSchema.safeParse(msg);
  return r.success ? (r.data as MainToBackend) : null;
}
