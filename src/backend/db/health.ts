import { IsNull, type DataSource } from 'typeorm';
import { SCHEMA_VERSION } from '../../../migrations';
import { ChangeLogEntity } from './entities';

/** quick_check, journal mode, applied migrations and the sync backlog, for `db check` and Settings. */
export async function checkDatabase(ds: DataSource) {
  const [qc] = (await ds.query('PRAGMA quick_check')) as { quick_check: string }[];
  const [jm] = (await ds.query('PRAGMA journal_mode')) as { journal_mode: string }[];
  const applied = ((await ds.query('select name from migrations order by id')) as { name: string }[]).map((r) => r.name);
  const pendingChanges = await ds.getRepository(ChangeLogEntity).count({ where: { pushedAt: IsNull() } });
  const quickCheck = qc?.quick_check ?? 'unknown';
  return {
    ok: quickCheck === 'ok',
    quickCheck,
    journalMode: jm?.journal_mode ?? 'unknown',
    schemaVersion: SCHEMA_VERSION,
    appliedMigrations: applied,
    pendingChanges,
  };
}

