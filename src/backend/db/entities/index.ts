import type { EntitySchema } from 'typeorm';
import { ChangeLogEntity } from './change-log.entity';
import { MetaEntity } from './meta.entity';
import { SchoolSiteEntity } from './school-site.entity';
import { SchoolEntity } from './school.entity';
import { UserEntity } from './user.entity';
import { ASSESSMENT_ENTITIES, ASSESSMENT_SYNCED } from '../../modules/assessment/entities';
import { ASSETS_ENTITIES, ASSETS_SYNCED } from '../../modules/assets/entities';
import { EVIDENCE_ENTITIES, EVIDENCE_SYNCED } from '../../modules/evidence/entities';
import { SYNC_ENTITIES } from '../../modules/sync/entities';

export { ChangeLogEntity, MetaEntity, SchoolEntity, SchoolSiteEntity, UserEntity };
export type { ChangeLogRow } from './change-log.entity';
export type { MetaRow } from './meta.entity';
export type { SchoolRow } from './school.entity';
export type { SchoolSiteRow } from './school-site.entity';
export type { UserRow } from './user.entity';
export type { SyncedRow } from './base';

/** Every entity, listed explicitly: no globs, so bundlers see them and nothing loads by accident. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const ENTITIES: EntitySchema<any>[] = [
  MetaEntity,
  ChangeLogEntity,
  UserEntity,
  SchoolEntity,
  SchoolSiteEntity,
  ...ASSESSMENT_ENTITIES,
  ...EVIDENCE_ENTITIES,
  ...ASSETS_ENTITIES,
  ...SYNC_ENTITIES,
];

/** Entities whose rows travel to the department server; each write to them is change-logged. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const SYNCED_ENTITIES: EntitySchema<any>[] = [SchoolEntity, SchoolSiteEntity, ...ASSESSMENT_SYNCED, ...EVIDENCE_SYNCED, ...ASSETS_SYNCED];
