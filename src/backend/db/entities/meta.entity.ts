import { EntitySchema } from 'typeorm';

/** Small key/value facts about this database: installation id, the app version that last wrote it. */
export interface MetaRow {
  key: string;
  value: string;
}

export const MetaEntity = new EntitySchema<MetaRow>({
  name: 'Meta',
  tableName: 'meta',
  columns: {
    key: { type: 'varchar', length: 60, primary: true },
    value: { type: 'text' },
  },
});
