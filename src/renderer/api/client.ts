import type { ApiBridge, MethodInput, MethodName, MethodOutput } from '../../contract/methods';
import type { ErrorCode } from '../../contract/rpc';
import { ConnectionError } from './ws-client';

/** The server's codes plus NETWORK, for a call that never got an answer. */
export type ClientErrorCode = ErrorCode | 'NETWORK';

export class ApiError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    readonly method?: MethodName,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isApiError(err: unknown, code?: ClientErrorCode): err is ApiError {
  return err instanceof ApiError && (code === undefined || err.code === code);
}

export interface ApiClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
}

export interface ApiClientOptions {
  /** Told when the server says the session is gone, so the app can show the login screen. */
  onUnauthenticated?: (err: ApiError) => void;
}

/** Methods whose UNAUTHENTICATED answer is about the typed password, not an expired session. */
const CREDENTIAL_METHODS: ReadonlySet<MethodName> = new Set([
  'auth.login',
  'auth.changePassword',
  'setup.initialize',
  // These check a password on the department server: a wrong one is not the local session ending.
  'sync.enrol',
  'review.setup',
]);

export function createApiClient(bridge: ApiBridge, options: ApiClientOptions = {}): ApiClient {
  return {
    async call(method, input) {
      let res;
      try {
        res = await bridge.invoke(method, input);
      } catch (err) {
        const message = err instanceof ConnectionError || err instanceof Error ? err.message : String(err);
        throw new ApiError('NETWORK', message, undefined, method);
      }
      if (res.ok) return res.result as MethodOutput<typeof method>;
      const error = new ApiError(res.error.code, res.error.message, res.error.fields, method);
      if (error.code === 'UNAUTHENTICATED' && !CREDENTIAL_METHODS.has(method)) options.onUnauthenticated?.(error);
      throw error;
    },
  };
}
