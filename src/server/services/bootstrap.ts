import type { AccountRow, OrgUnitRow } from '../db/entities/index';
import { conflict, notFound } from '../errors';
import { insertAccount, prepareAccount } from './accounts';
import type { ServiceContext } from './context';
import { findRoot, findUnitByCode, insertUnit, KIND_DEPARTMENT, KIND_SCHOOL } from './units';

export const DEFAULT_DEPARTMENT_NAME = 'Sở Giáo dục và Đào tạo';
export const DEFAULT_DEPARTMENT_CODE = 'SO-GDDT';

export interface InitInput {
  adminUsername: string;
  adminPassword: string;
  adminDisplayName?: string;
  name?: string;
  code?: string;
}

/**
 * `server init`: the department unit at the root of the tree and its first admin, together
 * or not at all. Refuses to run twice: there is one root per server.
 */
export async function initDepartment(ctx: ServiceContext, input: InitInput): Promise<{ unit: OrgUnitRow; account: AccountRow }> {
  const existing = await findRoot(ctx);
  if (existing) {
    throw conflict('ALREADY_INITIALISED', `Máy chủ đã được khởi tạo trước đó (đơn vị gốc: ${existing.name}).`);
  }
  const name = input.name?.trim() || DEFAULT_DEPARTMENT_NAME;
  // Hash before the transaction: scrypt is slow and SQLite has a single writer.
  const prepared = await prepareAccount(ctx, {
    username: input.adminUsername,
    displayName: input.adminDisplayName?.trim() || `Quản trị ${name}`,
    role: 'dept_admin',
    orgUnitId: '',
    password: input.adminPassword,
  });
  return ctx.manager.transaction(async (manager) => {
    const tx = { ...ctx, manager };
    if (await findRoot(tx)) throw conflict('ALREADY_INITIALISED', 'Máy chủ đã được khởi tạo trước đó.');
    const unit = await insertUnit(tx, {
      parentId: null,
      kind: KIND_DEPARTMENT,
      code: input.code?.trim() || DEFAULT_DEPARTMENT_CODE,
      name,
    });
    const account = await insertAccount(tx, { ...prepared, orgUnitId: unit.id });
    return { unit, account };
  });
}

export interface AddSchoolInput {
  code: string;
  name: string;
  username: string;
  password: string;
  displayName?: string;
  /** Code of the unit to put the school under; the root when absent. */
  parentCode?: string;
}

/** `server school add`: a school unit and its first school user, together or not at all. */
export async function addSchool(ctx: ServiceContext, input: AddSchoolInput): Promise<{ unit: OrgUnitRow; account: AccountRow }> {
  const parent = input.parentCode ? await findUnitByCode(ctx, input.parentCode) : await findRoot(ctx);
  if (!parent) {
    throw input.parentCode
      ? notFound('UNIT_NOT_FOUND', `Không tìm thấy đơn vị cấp trên có mã "${input.parentCode}".`)
      : notFound('NOT_INITIALISED', 'Máy chủ chưa được khởi tạo. Hãy chạy "truong-chuan server init" trước.');
  }
  const prepared = await prepareAccount(ctx, {
    username: input.username,
    displayName: input.displayName?.trim() || input.name.trim(),
    role: 'school_user',
    orgUnitId: '',
    password: input.password,
  });
  return ctx.manager.transaction(async (manager) => {
    const tx = { ...ctx, manager };
    const unit = await insertUnit(tx, { parentId: parent.id, kind: KIND_SCHOOL, code: input.code, name: input.name });
    const account = await insertAccount(tx, { ...prepared, orgUnitId: unit.id });
    return { unit, account };
  });
}
