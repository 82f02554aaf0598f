import type { EntitySchema } from 'typeorm';

/** Entities of the sync module (local bookkeeping; none of them is synced itself). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const SYNC_ENTITIES: EntitySchema<any>[] = [];
