import { placeholder } from '../db/dialect';
import type { ServiceContext } from './context';

/**
 * Tree walks with recursive CTEs (same SQL on SQLite and PostgreSQL). The tree is a few
 * levels deep (Sở → managing unit → school), so no materialised path is kept: a unit can
 * move when the administrative map changes again without rewriting its descendants.
 */

/** The unit and all its ancestors up to the root; empty if the unit does not exist. */
export async function ancestorIds(ctx: ServiceContext, unitId: string): Promise<string[]> {
  const rows: { id: string }[] = await ctx.manager.query(
    `WITH RECURSIVE up(id, parent_id, depth) AS (
       SELECT id, parent_id, 0 FROM org_unit WHERE id = ${placeholder(ctx.dialect, 1)}
       UNION ALL
       SELECT u.id, u.parent_id, up.depth + 1 FROM org_unit u JOIN up ON u.id = up.parent_id WHERE up.depth < 64
     ) SELECT id FROM up ORDER BY depth`,
    [unitId],
  );
  return rows.map((r) => r.id);
}

/** The unit and all its descendants; empty if the unit does not exist. */
export async function subtreeIds(ctx: ServiceContext, unitId: string): Promise<string[]> {
  const rows: { id: string }[] = await ctx.manager.query(
    `WITH RECURSIVE down(id, depth) AS (
       SELECT id, 0 FROM org_unit WHERE id = ${placeholder(ctx.dialect, 1)}
       UNION ALL
       SELECT u.id, down.depth + 1 FROM org_unit u JOIN down ON u.parent_id = down.id WHERE down.depth < 64
     ) SELECT id FROM down`,
    [unitId],
  );
  return rows.map((r) => r.id);
}

/** True when `unitId` is `rootId` or below it. */
export async function isWithin(ctx: ServiceContext, unitId: string, rootId: string): Promise<boolean> {
  return (await ancestorIds(ctx, unitId)).includes(rootId);
}
