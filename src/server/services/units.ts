import { In, IsNull } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { E, type OrgUnitRow } from '../db/entities/index';
import { conflict, invalid, isUniqueViolation, notFound } from '../errors';
import type { Actor } from './actor';
import { authorize, scopeOf } from './authorize';
import type { ServiceContext } from './context';
import { subtreeIds } from './org-tree';

/** Unit kinds are data; these are just the ones the CLI and docs use. */
export const KIND_DEPARTMENT = 'so';
export const KIND_MANAGING_UNIT = 'phong';
export const KIND_SCHOOL = 'school';

const KIND_PATTERN = /^[a-z][a-z0-9_]{1,31}$/;
const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export interface NewUnit {
  parentId: string;
  kind: string;
  code: string;
  name: string;
}

/** A unit as callers see it (dates as ISO strings). */
export interface UnitView {
  id: string;
  parentId: string | null;
  kind: string;
  code: string;
  name: string;
  createdAt: string;
}

export function toUnitView(u: OrgUnitRow): UnitView {
  return { id: u.id, parentId: u.parentId, kind: u.kind, code: u.code, name: u.name, createdAt: u.createdAt.toISOString() };
}

function repo(ctx: ServiceContext) {
  return ctx.manager.getRepository<OrgUnitRow>(E.OrgUnit);
}

function checkFields(kind: string, code: string, name: string): { kind: string; code: string; name: string } {
  const k = kind.trim().toLowerCase();
  const c = code.trim();
  const n = name.trim();
  if (!KIND_PATTERN.test(k)) {
    throw invalid('INVALID_KIND', 'Loại đơn vị chỉ gồm chữ thường không dấu, số và dấu gạch dưới (2–32 ký tự).');
  }
  if (!CODE_PATTERN.test(c)) throw invalid('INVALID_CODE', 'Mã đơn vị chỉ gồm chữ, số, dấu chấm, gạch ngang (tối đa 64 ký tự).');
  if (n.length === 0 || n.length > 255) throw invalid('INVALID_NAME', 'Tên đơn vị không được để trống (tối đa 255 ký tự).');
  return { kind: k, code: c, name: n };
}

/** Inserts a unit without an authorisation check: callers have done it (or are bootstrap). */
export async function insertUnit(
  ctx: ServiceContext,
  input: { parentId: string | null; kind: string; code: string; name: string },
): Promise<OrgUnitRow> {
  const fields = checkFields(input.kind, input.code, input.name);
  if (await repo(ctx).existsBy({ code: fields.code })) {
    throw conflict('UNIT_CODE_TAKEN', `Mã đơn vị "${fields.code}" đã được dùng.`);
  }
  const row: OrgUnitRow = { id: uuidv7(), parentId: input.parentId, ...fields, createdAt: ctx.now() };
  try {
    await repo(ctx).insert(row);
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('UNIT_CODE_TAKEN', `Mã đơn vị "${fields.code}" đã được dùng.`);
    throw err;
  }
  return row;
}

/** Creates a unit under `parentId`, which the actor must manage. */
export async function createUnit(ctx: ServiceContext, actor: Actor, input: NewUnit): Promise<OrgUnitRow> {
  const parent = await repo(ctx).findOneBy({ id: input.parentId });
  if (!parent) throw notFound('UNIT_NOT_FOUND', 'Không tìm thấy đơn vị cấp trên.');
  await authorize(ctx, actor, 'unit.create', { unitId: parent.id });
  return insertUnit(ctx, { ...input, parentId: parent.id });
}

/** One unit, if the actor may see it. */
export async function getUnit(ctx: ServiceContext, actor: Actor, id: string): Promise<OrgUnitRow> {
  const unit = await repo(ctx).findOneBy({ id });
  if (!unit) throw notFound('UNIT_NOT_FOUND', 'Không tìm thấy đơn vị.');
  await authorize(ctx, actor, 'unit.read', { unitId: unit.id });
  return unit;
}

/**
 * The part of the tree the actor may see, parents before children: everything for the
 * console, the subtree for an admin, the own unit for school users and inspectors.
 */
export async function listVisibleUnits(ctx: ServiceContext, actor: Actor): Promise<OrgUnitRow[]> {
  let units: OrgUnitRow[];
  if (actor.kind === 'system') {
    units = await repo(ctx).find();
  } else {
    const scope = scopeOf(actor.role, 'unit.read');
    if (!scope) return [];
    const ids = scope === 'subtree' ? await subtreeIds(ctx, actor.orgUnitId) : [actor.orgUnitId];
    units = ids.length ? await repo(ctx).findBy({ id: In(ids) }) : [];
  }
  return sortTree(units);
}

/** Parents first, siblings by code: the order a tree view wants to build in one pass. */
export function sortTree(units: OrgUnitRow[]): OrgUnitRow[] {
  const ids = new Set(units.map((u) => u.id));
  const children = new Map<string | null, OrgUnitRow[]>();
  for (const u of units) {
    const key = u.parentId && ids.has(u.parentId) ? u.parentId : null;
    children.set(key, [...(children.get(key) ?? []), u]);
  }
  const out: OrgUnitRow[] = [];
  const visit = (key: string | null) => {
    for (const u of (children.get(key) ?? []).sort((a, b) => a.code.localeCompare(b.code))) {
      out.push(u);
      visit(u.id);
    }
  };
  visit(null);
  return out;
}

export async function findUnitByCode(ctx: ServiceContext, code: string): Promise<OrgUnitRow | null> {
  return repo(ctx).findOneBy({ code: code.trim() });
}

/** The department unit at the top of the tree, once `server init` has run. */
export async function findRoot(ctx: ServiceContext): Promise<OrgUnitRow | null> {
  return repo(ctx).findOne({ where: { parentId: IsNull() }, order: { createdAt: 'ASC' } });
}
