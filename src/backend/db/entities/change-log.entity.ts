import { EntitySchema } from 'typeorm';

/**
 * One row per insert/update/delete of a synced row, written in the same transaction as the
 * change itself. `seq` orders changes on this device; `changeId` (UUIDv7) identifies the change
 * everywhere so the server can apply it exactly once. `data` holds the changed fields (all
 * fields for an insert) as JSON; `pushedAt` is set once the server has acknowledged it.
 */
export interface ChangeLogRow {
  seq: number;
  changeId: string;
  entity: string;
  rowId: string;
  op: 'insert' | 'update' | 'delete';
  rev: number;
  data: string;
  at: string;
  actor: string | null;
  pushedAt: string | null;
}

export const ChangeLogEntity = new EntitySchema<ChangeLogRow>({
  name: 'ChangeLog',
  tableName: 'change_log',
  columns: {
    seq: { type: 'integer', primary: true, generated: 'increment' },
    changeId: { type: 'varchar', length: 36 },
    entity: { type: 'varchar', length: 60 },
    rowId: { type: 'varchar', length: 36 },
    op: { type: 'varchar', length: 10 },
    rev: { type: 'integer' },
    data: { type: 'text' },
    at: { type: 'varchar', length: 30 },
    actor: { type: 'varchar', length: 36, nullable: true },
    pushedAt: { type: 'varchar', length: 30, nullable: true },
  },
  indices: [
    { name: 'idx_change_log_change_id', columns: ['changeId'], unique: true },
    { name: 'idx_change_log_pending', columns: ['pushedAt', 'seq'] },
    { name: 'idx_change_log_row', columns: ['entity', 'rowId'] },
  ],
});
