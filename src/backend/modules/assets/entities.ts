import type { EntitySchema } from 'typeorm';

/** Entities of the assets module; all of them, and the synced subset. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const ASSETS_ENTITIES: EntitySchema<any>[] = [];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const ASSETS_SYNCED: EntitySchema<any>[] = [];
