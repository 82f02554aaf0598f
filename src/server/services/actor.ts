import type { Role } from '../db/entities/index';

/** A signed-in person, as established from a bearer token (or a login in tests). */
export interface AccountActor {
  kind: 'account';
  accountId: string;
  username: string;
  role: Role;
  orgUnitId: string;
  /** The token the request came with; null when acting outside HTTP. */
  tokenId: string | null;
}

/**
 * The operator at the server's console (the `server` CLI commands). Whoever can run them can
 * already read and write the database files, so there is nothing for authorisation to protect.
 * Never built from a network request.
 */
export interface SystemActor {
  kind: 'system';
}

export type Actor = AccountActor | SystemActor;

export const SYSTEM_ACTOR: SystemActor = Object.freeze({ kind: 'system' });
