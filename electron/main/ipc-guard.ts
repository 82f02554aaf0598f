import type { z } from 'zod';
import type { RpcErrorBody } from '../../src/contract/rpc';
import { isTrustedUrl } from './origins';

/**
 * Checks for every `rpc:invoke` call, in this order (the first failure answers):
 *  (a) sender: the IPC came from the main frame of one of our windows, currently showing a
 *      page of our own origin (app://truong-chuan, or the dev server in dev);
 *  (b) method: a known name (the contract's METHOD_NAMES, or a main-handled dialog method);
 *  (c) arguments: at most (method, params), params small enough, and valid for the method's
 *      zod input schema. The backend router validates again (defence in depth).
 * Failures become RpcErrorBody values, never exceptions: nothing is thrown across IPC.
 * No Electron import: index.ts turns the IpcMainInvokeEvent into a SenderInfo.
 */

export interface SenderInfo {
  /** URL of event.senderFrame; null when the frame is gone (e.g. navigated away). */
  frameUrl: string | null;
  /** senderFrame is the top frame of its page (not an iframe). */
  isMainFrame: boolean;
  /** The sender webContents belongs to one of our BrowserWindows. */
  isOwnWindow: boolean;
}

export interface GuardOptions {
  trustedOrigins: readonly string[];
  /** The input schema for a method name, or undefined for an unknown name. */
  schemaFor: (method: string) => z.ZodType | undefined;
  maxParamBytes: number;
}

export type GuardResult = { ok: true; method: string; params: unknown } | { ok: false; error: RpcErrorBody };

const deny = (code: RpcErrorBody['code'], message: string, fields?: Record<string, string>): GuardResult => ({
  ok: false,
  error: fields ? { code, message, fields } : { code, message },
});

export function checkSender(sender: SenderInfo, trustedOrigins: readonly string[]): boolean {
  return sender.isOwnWindow && sender.isMainFrame && sender.frameUrl !== null && isTrustedUrl(sender.frameUrl, trustedOrigins);
}

const METHOD_NAME = /^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/;

/**
 * Approximate serialized size of a structured-clone value, stopping as soon as it exceeds
 * `max` (so a huge payload is not walked in full). Returns Infinity for over-limit, cyclic
 * or too-deep values.
 */
export function boundedSize(value: unknown, max: number, maxDepth = 64): number {
  let total = 0;
  const seen = new Set<object>();
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 0 }];
  while (stack.length > 0) {
    const { v, depth } = stack.pop()!;
    if (depth > maxDepth) return Infinity;
    switch (typeof v) {
      case 'string':
        total += Buffer.byteLength(v, 'utf8') + 2;
        break;
      case 'number':
      case 'bigint':
        total += 8;
        break;
      case 'boolean':
      case 'undefined':
        total += 4;
        break;
      case 'object': {
        if (v === null) {
          total += 4;
          break;
        }
        if (seen.has(v)) return Infinity;
        seen.add(v);
        if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) {
          total += v.byteLength;
        } else if (Array.isArray(v)) {
          total += 2 + v.length;
          for (const item of v) stack.push({ v: item, depth: depth + 1 });
        } else if (v instanceof Map) {
          total += 2;
          for (const [k, item] of v) stack.push({ v: k, depth: depth + 1 }, { v: item, depth: depth + 1 });
        } else if (v instanceof Set) {
          total += 2;
          for (const item of v) stack.push({ v: item, depth: depth + 1 });
        } else if (v instanceof Date || v instanceof RegExp) {
          total += 16;
        } else {
          total += 2;
          for (const [k, item] of Object.entries(v)) {
            total += Buffer.byteLength(k, 'utf8') + 4;
            stack.push({ v: item, depth: depth + 1 });
          }
        }
        break;
      }
      default:
        total += 8; // functions/symbols cannot cross IPC; counted, then zod rejects them
    }
    if (total > max) return Infinity;
  }
  return total;
}

/** zod issues → `{ 'school.name': 'Vui lòng nhập tên trường' }`, first message per field. */
export function issuesToFields(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

/**
 * Runs all three checks. `args` is everything the renderer passed after the event, i.e.
 * `(method, params)` from the preload; anything else is malformed.
 */
export function guardRpcCall(sender: SenderInfo, args: readonly unknown[], opts: GuardOptions): GuardResult {
  if (!checkSender(sender, opts.trustedOrigins)) {
    return deny('UNTRUSTED_SENDER', 'Yêu cầu không đến từ cửa sổ của ứng dụng nên đã bị từ chối.');
  }
  const [method, rawParams] = args;
  if (typeof method !== 'string' || !METHOD_NAME.test(method) || method.length > 100) {
    return deny('UNKNOWN_METHOD', 'Chức năng không tồn tại.');
  }
  const schema = opts.schemaFor(method);
  if (!schema) return deny('UNKNOWN_METHOD', `Chức năng không tồn tại: ${method}.`);
  if (args.length > 2) return deny('INVALID_ARGS', 'Dữ liệu gửi lên không hợp lệ.');

  // The preload sends `undefined` for methods without input; their schema is an empty object.
  const params = rawParams === undefined ? {} : rawParams;
  if (boundedSize(params, opts.maxParamBytes) > opts.maxParamBytes) {
    return deny('INVALID_ARGS', 'Dữ liệu gửi lên quá lớn hoặc có cấu trúc không hợp lệ.');
  }
  const parsed = schema.safeParse(params);
  if (!parsed.success) {
    return deny('INVALID_ARGS', 'Dữ liệu gửi lên không hợp lệ.', issuesToFields(parsed.error));
  }
  return { ok: true, method, params };
}
