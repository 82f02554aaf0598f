import { v7 as uuidv7 } from 'uuid';

/** Ids and timestamps in one place, so tests and sync agree on their format. */
export const newId = (): string => uuidv7();
export const nowIso = (): string => new Date().toISOString();
