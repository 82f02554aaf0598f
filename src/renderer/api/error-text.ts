import type { TFunction } from 'i18next';
import { isApiError, type ClientErrorCode } from './client';

/**
 * Codes whose server message is meant for the user (a business rule, a field problem, a
 * conflict): it names the actual problem, so it is shown. Others get a generic text; an
 * INTERNAL message may hold technical details and is never shown.
 */
const USER_FACING: ReadonlySet<ClientErrorCode> = new Set([
  'VALIDATION',
  'INVALID_ARGS',
  'CONFLICT',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'NETWORK',
]);

/** One sentence for a toast or an inline Alert, in the UI language where we can. */
export function errorText(err: unknown, t: TFunction, language = 'vi'): string {
  if (!isApiError(err)) return t('errors.UNKNOWN');
  // Server messages are written in Vietnamese; in English mode the generic text reads better.
  if (language === 'vi' && USER_FACING.has(err.code) && err.message.trim()) return err.message;
  return t(`errors.${err.code}`);
}
