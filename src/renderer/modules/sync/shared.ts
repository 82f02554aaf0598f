import type { TFunction } from 'i18next';
import type { Role } from '../../../contract/schemas/common';
import { useApiQuery } from '../../api/hooks';

/** Who may do what, as the contract says (src/contract/methods/sync.ts). */
export const canEnrol = (role: Role) => role === 'admin';
export const canExport = (role: Role) => role === 'admin';
export const canSubmit = (role: Role) => role === 'admin' || role === 'secretary';
export const canResolve = (role: Role) => role !== 'viewer';

/** Status refreshes every 10 s while a sync screen is open (react-query stops when it unmounts). */
export const STATUS_REFRESH_MS = 10_000;

export function useSyncStatus() {
  return useApiQuery('sync.status', {}, { refetchInterval: STATUS_REFRESH_MS, refetchIntervalInBackground: false });
}

/** "Minh chứng", "Hồ sơ nhà trường"… for the entities we know; the raw name otherwise. */
export function entityLabel(t: TFunction, entity: string): string {
  return t(`sy.entity.${entity}`, { defaultValue: entity });
}
