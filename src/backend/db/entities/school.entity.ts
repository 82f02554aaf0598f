import { EntitySchema } from 'typeorm';
import { syncedColumns, type SyncedRow } from './base';

export interface SchoolRow extends SyncedRow {
  code: string;
  name: string;
  /** JSON array of education level codes (mam_non, tieu_hoc, thcs, thpt, gdtx). */
  levels: string;
  ownership: string;
  address: string;
  province: string;
  managingBody: string;
  principal: string;
  phone: string;
  email: string;
}

export const SchoolEntity = new EntitySchema<SchoolRow>({
  name: 'School',
  tableName: 'school',
  columns: {
    ...syncedColumns,
    code: { type: 'varchar', length: 30, default: '' },
    name: { type: 'varchar', length: 200 },
    levels: { type: 'text' },
    ownership: { type: 'varchar', length: 20 },
    address: { type: 'varchar', length: 300, default: '' },
    province: { type: 'varchar', length: 100, default: '' },
    managingBody: { type: 'varchar', length: 200, default: '' },
    principal: { type: 'varchar', length: 120, default: '' },
    phone: { type: 'varchar', length: 20, default: '' },
    email: { type: 'varchar', length: 120, default: '' },
  },
});
