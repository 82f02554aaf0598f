import type { Role } from '../db/entities/index';
import { forbidden } from '../errors';
import type { Actor } from './actor';
import type { ServiceContext } from './context';
import { isWithin } from './org-tree';

/** Everything a caller may ask to do; the sync issue adds more (and assignment scopes). */
export const ACTIONS = [
  'unit.read',
  'unit.create',
  'account.read',
  'account.create',
  'account.manage',
  'dossier.read',
  'dossier.submit',
  /** Move a submitted dossier through review (start, return with comments, accept). */
  'dossier.review',
  /** Assign a review team (lead, members, deadline) to a dossier (issue 8). Inspectors get
   * per-dossier access from the assignment itself (src/server/review/service.ts), not from here. */
  'dossier.assign',
] as const;
export type Action = (typeof ACTIONS)[number];

/** What an action is done to, located in the tree. For `unit.create` it is the new unit's parent. */
export interface Target {
  unitId: string;
}

/**
 * `own-unit`: only the unit the account belongs to. `subtree`: that unit and everything below.
 * Inspectors get more (assigned dossiers) in a later issue; until then only their own unit.
 */
type Scope = 'own-unit' | 'subtree';

const RULES: Record<Role, Partial<Record<Action, Scope>>> = {
  dept_admin: {
    'unit.read': 'subtree',
    'unit.create': 'subtree',
    'account.read': 'subtree',
    'account.create': 'subtree',
    'account.manage': 'subtree',
    'dossier.read': 'subtree',
    'dossier.review': 'subtree',
    'dossier.assign': 'subtree',
  },
  inspector: {
    'unit.read': 'own-unit',
  },
  school_user: {
    'unit.read': 'own-unit',
    'dossier.read': 'own-unit',
    'dossier.submit': 'own-unit',
  },
};

/**
 * The one place that decides who may do what. Services call it before they touch data, so a
 * route that forgets a check cannot leak; routes never decide on their own.
 */
export async function can(ctx: ServiceContext, actor: Actor, action: Action, target: Target): Promise<boolean> {
  if (actor.kind === 'system') return true;
  const scope = RULES[actor.role]?.[action];
  if (!scope) return false;
  if (scope === 'own-unit') return target.unitId === actor.orgUnitId;
  return isWithin(ctx, target.unitId, actor.orgUnitId);
}

/** Throws 403 unless `can`. */
export async function authorize(ctx: ServiceContext, actor: Actor, action: Action, target: Target): Promise<void> {
  if (!(await can(ctx, actor, action, target))) throw forbidden();
}

/** The widest scope a role has for an action, for list queries (null: none). */
export function scopeOf(role: Role, action: Action): Scope | null {
  return RULES[role]?.[action] ?? null;
}
