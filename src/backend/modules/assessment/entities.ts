import type { EntitySchema } from 'typeorm';

/** Entities of the assessment module; all of them, and the synced subset. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const ASSESSMENT_ENTITIES: EntitySchema<any>[] = [];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const ASSESSMENT_SYNCED: EntitySchema<any>[] = [];
