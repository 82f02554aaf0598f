import type { EntitySchema } from 'typeorm';

/** Entities of the evidence module; all of them, and the synced subset. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const EVIDENCE_ENTITIES: EntitySchema<any>[] = [];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const EVIDENCE_SYNCED: EntitySchema<any>[] = [];
