import { IsNull, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { RpcError } from '../../contract/rpc';
import { schoolProfileInputSchema, type School } from '../../contract/schemas/school';
import { SchoolEntity, SchoolSiteEntity, type SchoolRow, type SchoolSiteRow } from '../db/entities';
import type { SyncTx } from '../db/sync-tx';

type Profile = z.output<typeof schoolProfileInputSchema>;

function toDto(row: SchoolRow, sites: SchoolSiteRow[]): School {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    levels: JSON.parse(row.levels),
    ownership: row.ownership as School['ownership'],
    address: row.address,
    province: row.province,
    managingBody: row.managingBody,
    principal: row.principal,
    phone: row.phone,
    email: row.email,
    sites: sites.map((s) => ({ id: s.id, name: s.name, address: s.address, isMain: Boolean(s.isMain) })),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    rev: row.rev,
  };
}

function columns(p: Profile) {
  return {
    code: p.code,
    name: p.name,
    levels: JSON.stringify([...new Set(p.levels)]),
    ownership: p.ownership,
    address: p.address,
    province: p.province,
    managingBody: p.managingBody,
    principal: p.principal,
    phone: p.phone,
    email: p.email,
  };
}

/** One installation holds one school; the first live row is it. */
export async function findSchool(m: EntityManager): Promise<School | null> {
  const row = await m.getRepository(SchoolEntity).findOne({ where: { deletedAt: IsNull() }, order: { createdAt: 'ASC' } });
  if (!row) return null;
  const sites = await m
    .getRepository(SchoolSiteEntity)
    .find({ where: { schoolId: row.id, deletedAt: IsNull() }, order: { sortOrder: 'ASC', createdAt: 'ASC' } });
  return toDto(row, sites);
}

export async function getSchool(m: EntityManager): Promise<School> {
  const school = await findSchool(m);
  if (!school) throw new RpcError('NOT_FOUND', 'Chưa khai báo thông tin nhà trường.');
  return school;
}

/** Sites: keep the first flagged main site as the only main one, and at least one site. */
function normaliseSites(p: Profile): NonNullable<Profile['sites']> {
  const sites = p.sites && p.sites.length > 0 ? p.sites : [{ name: p.name, address: p.address, isMain: true }];
  const mainIndex = Math.max(0, sites.findIndex((s) => s.isMain));
  return sites.map((s, i) => ({ ...s, isMain: i === mainIndex }));
}

export async function createSchool(tx: SyncTx, profile: Profile): Promise<School> {
  if (await findSchool(tx.manager)) throw new RpcError('CONFLICT', 'Nhà trường đã được khai báo trên máy này.');
  const school = await tx.insert(SchoolEntity, columns(profile));
  let order = 0;
  for (const site of normaliseSites(profile)) {
    await tx.insert(SchoolSiteEntity, { schoolId: school.id, name: site.name, address: site.address, isMain: site.isMain, sortOrder: order++ });
  }
  return getSchool(tx.manager);
}

export async function updateSchool(tx: SyncTx, profile: Profile, expectedRev: number): Promise<School> {
  const current = await getSchool(tx.manager);
  // The school's rev guards the whole profile, sites included: check it first, bump it once.
  if (current.rev !== expectedRev) throw new RpcError('CONFLICT', 'Hồ sơ nhà trường vừa được người khác sửa. Hãy tải lại rồi sửa tiếp.');
  const before = await tx.update(SchoolEntity, current.id, columns(profile));
  let sitesChanged = false;
  if (profile.sites !== undefined) {
    const keep = new Set<string>();
    let order = 0;
    for (const site of normaliseSites(profile)) {
      const fields = { name: site.name, address: site.address, isMain: site.isMain, sortOrder: order++ };
      const existing = site.id ? current.sites.find((s) => s.id === site.id) : undefined;
      if (existing) {
        const old = await tx.manager.getRepository(SchoolSiteEntity).findOneBy({ id: existing.id });
        const updated = await tx.update(SchoolSiteEntity, existing.id, fields);
        if (old && updated.rev !== old.rev) sitesChanged = true;
        keep.add(existing.id);
      } else {
        const created = await tx.insert(SchoolSiteEntity, { schoolId: current.id, ...fields });
        keep.add(created.id);
        sitesChanged = true;
      }
    }
    for (const site of current.sites) {
      if (!keep.has(site.id)) {
        await tx.remove(SchoolSiteEntity, site.id);
        sitesChanged = true;
      }
    }
  }
  if (sitesChanged && before.rev === current.rev) await tx.touch(SchoolEntity, current.id);
  return getSchool(tx.manager);
}
