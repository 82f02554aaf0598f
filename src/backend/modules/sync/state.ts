import type { EntityManager } from 'typeorm';

/** Keys of `sync_state`. */
export type SyncStateKey =
  | 'serverUrl'
  | 'deviceName'
  | 'deviceId'
  | 'username'
  /** JSON { id, code, name } of the school unit on the server. */
  | 'unit'
  | 'streamId'
  /** Last server sequence applied (the pull cursor). */
  | 'cursor'
  | 'serverSeq'
  /** JSON of the server's limits from hello. */
  | 'limits'
  | 'lastSuccessAt'
  | 'lastAttemptAt'
  | 'lastError'
  | 'lastErrorKind'
  | 'failures'
  | 'nextRetryAt'
  /** upgrade_required | unenrolled | server_reset | bulk_delete */
  | 'blocked'
  /** JSON BulkDeleteVerdict waiting for the user's confirmation. */
  | 'bulkDelete'
  /** Change-log seq at enrolment: at the first pull, this setup-only school gives way to the server's. */
  | 'adopt'
  /** JSON CodeRenumbering[]: evidence this computer renumbered after a pull (ADR 0013), newest last, capped. */
  | 'renumbered';

export type SyncState = Partial<Record<SyncStateKey, string>>;

export async function readState(m: EntityManager): Promise<SyncState> {
  const rows: { key: string; value: string }[] = await m.query('select key, value from sync_state');
  return Object.fromEntries(rows.map((r) => [r.key, r.value])) as SyncState;
}

/** Writes keys; `null` removes one. */
export async function writeState(m: EntityManager, values: Partial<Record<SyncStateKey, string | null>>): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (value === null) await m.query('delete from sync_state where key = ?', [key]);
    else
      await m.query('insert into sync_state (key, value) values (?, ?) on conflict (key) do update set value = excluded.value', [
        key,
        value,
      ]);
  }
}

export function parseJson<T>(s: string | undefined, fallback: T): T {
  if (!s) return fallback;
  try {
    return JSON.parse(s) as T;
  } catch {
    return fallback;
  }
}
