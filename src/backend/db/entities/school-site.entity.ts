import { EntitySchema } from 'typeorm';
import { syncedColumns, type SyncedRow } from './base';

/** Điểm trường: a school may teach on several sites; rooms and assets hang off a site. */
export interface SchoolSiteRow extends SyncedRow {
  schoolId: string;
  name: string;
  address: string;
  isMain: boolean;
  sortOrder: number;
}

export const SchoolSiteEntity = new EntitySchema<SchoolSiteRow>({
  name: 'SchoolSite',
  tableName: 'school_site',
  columns: {
    ...syncedColumns,
    schoolId: { type: 'varchar', length: 36 },
    name: { type: 'varchar', length: 200 },
    address: { type: 'varchar', length: 300, default: '' },
    isMain: { type: 'boolean', default: false },
    sortOrder: { type: 'integer', default: 0 },
  },
  indices: [{ name: 'idx_school_site_school', columns: ['schoolId'] }],
  foreignKeys: [{ name: 'fk_school_site_school', columnNames: ['schoolId'], target: 'School', referencedColumnNames: ['id'] }],
});
