import { EntitySchema } from 'typeorm';
import type { Dialect } from '../dialect';
import { idColumn, timeColumn, type WithRelations } from './columns';

/**
 * One node of the administrative tree: the department (Sở GDĐT) at the root, managing units
 * (phòng, or whatever the 2025 reorganisation calls them) and schools below. `kind` is data,
 * not an enum in code: the administrative map changed in 2025 and may change again.
 */
export interface OrgUnitRow {
  id: string;
  parentId: string | null;
  kind: string;
  code: string;
  name: string;
  createdAt: Date;
}

export function orgUnitEntity(dialect: Dialect): EntitySchema {
  return new EntitySchema<WithRelations<OrgUnitRow, 'parent'>>({
    name: 'OrgUnit',
    tableName: 'org_unit',
    columns: {
      id: idColumn(dialect, { primary: true, primaryKeyConstraintName: 'pk_org_unit' }),
      parentId: idColumn(dialect, { name: 'parent_id', nullable: true }),
      kind: { type: 'varchar', length: 32 },
      code: { type: 'varchar', length: 64 },
      name: { type: 'varchar', length: 255 },
      createdAt: timeColumn(dialect, { name: 'created_at' }),
    },
    relations: {
      // Declared only so the schema-drift check knows the foreign key; code uses parentId.
      parent: {
        type: 'many-to-one',
        target: 'OrgUnit',
        joinColumn: { name: 'parent_id', foreignKeyConstraintName: 'fk_org_unit_parent' },
        onDelete: 'RESTRICT',
        onUpdate: 'NO ACTION',
        nullable: true,
      },
    },
    indices: [
      { name: 'ux_org_unit_code', columns: ['code'], unique: true },
      { name: 'ix_org_unit_parent', columns: ['parentId'] },
    ],
  });
}
