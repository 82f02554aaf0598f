/**
 * An error the service layer means to show to the caller. Routes turn it into
 * `{ error: { code, message } }` with `status`; the CLI prints `message`. Messages are
 * Vietnamese: they reach school staff as they are.
 */
export class ServiceError extends Error {
  override name = 'ServiceError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** For 429: seconds until another attempt may succeed (sent as Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export const invalid = (code: string, message: string) => new ServiceError(400, code, message);
export const unauthenticated = (message = 'Bạn cần đăng nhập để tiếp tục.') => new ServiceError(401, 'UNAUTHENTICATED', message);
export const forbidden = (message = 'Bạn không có quyền thực hiện thao tác này.') => new ServiceError(403, 'FORBIDDEN', message);
export const notFound = (code: string, message: string) => new ServiceError(404, code, message);
export const conflict = (code: string, message: string) => new ServiceError(409, code, message);
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new ServiceError(429, 'TOO_MANY_ATTEMPTS', message, retryAfterSeconds);

/** A unique index refused a row (two requests racing past the same existence check). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
