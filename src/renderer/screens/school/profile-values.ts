import type { School, SchoolProfileInput } from '../../../contract/schemas/school';
import type { EducationLevel, Ownership } from '../../../contract/schemas/common';
import { sitesForApi, type SiteFormValue } from './SitesEditor';

/** The profile as the form holds it: everything optional while the user types. */
export interface ProfileFormValues {
  code?: string;
  name?: string;
  levels?: EducationLevel[];
  ownership?: Ownership;
  address?: string;
  province?: string;
  managingBody?: string;
  principal?: string;
  phone?: string;
  email?: string;
  sites?: SiteFormValue[];
}

export const EMPTY_PROFILE: ProfileFormValues = { levels: [], ownership: 'cong_lap', sites: [] };

export function profileForApi(v: ProfileFormValues): SchoolProfileInput {
  return {
    code: v.code ?? '',
    name: v.name ?? '',
    levels: v.levels ?? [],
    ownership: v.ownership ?? 'cong_lap',
    address: v.address ?? '',
    province: v.province ?? '',
    managingBody: v.managingBody ?? '',
    principal: v.principal ?? '',
    phone: v.phone ?? '',
    email: v.email ?? '',
    sites: sitesForApi(v.sites),
  };
}

export function profileFromSchool(s: School): ProfileFormValues {
  return {
    code: s.code,
    name: s.name,
    levels: [...s.levels],
    ownership: s.ownership,
    address: s.address,
    province: s.province,
    managingBody: s.managingBody,
    principal: s.principal,
    phone: s.phone,
    email: s.email,
    sites: s.sites.map((x) => ({ id: x.id, name: x.name, address: x.address, isMain: x.isMain })),
  };
}
