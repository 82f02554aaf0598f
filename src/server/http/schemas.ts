import { z } from 'zod';
import { PASSWORD_MAX, PASSWORD_MIN } from '../services/passwords';

/**
 * Wire shapes of the department server API. Kept in the server for now; the sync issue may
 * move the ones the desktop app needs to src/contract.
 */
export const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export const Role = z.enum(['dept_admin', 'inspector', 'school_user']);
const Id = z.uuid();
const Time = z.string();

export const AccountView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  orgUnitId: z.string(),
  disabled: z.boolean(),
  createdAt: Time,
});

export const UnitView = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  kind: z.string(),
  code: z.string(),
  name: z.string(),
  createdAt: Time,
});

export const TokenView = z.object({
  id: z.string(),
  kind: z.enum(['session', 'device']),
  deviceName: z.string().nullable(),
  createdAt: Time,
  lastUsedAt: Time.nullable(),
  expiresAt: Time,
  current: z.boolean(),
});

const Username = z.string().min(1).max(64);
const Password = z.string().min(1).max(PASSWORD_MAX);

export const LoginBody = z.object({ username: Username, password: Password });
export const EnrolBody = z.object({ username: Username, password: Password, deviceName: z.string().min(1).max(255) });
export const IssuedToken = z.object({
  token: z.string(),
  tokenId: z.string(),
  kind: z.enum(['session', 'device']),
  expiresAt: Time,
  account: AccountView,
});

export const TokenIdParams = z.object({ id: Id });
export const TokenList = z.object({ tokens: z.array(TokenView) });

export const Me = z.object({ account: AccountView, unit: UnitView });

export const CreateUnitBody = z.object({
  parentId: Id,
  kind: z.string().min(2).max(32),
  code: z.string().min(1).max(64),
  name: z.string().min(1).max(255),
});
export const UnitList = z.object({ units: z.array(UnitView) });

export const CreateAccountBody = z.object({
  username: z.string().min(3).max(64),
  displayName: z.string().min(1).max(255),
  role: Role,
  orgUnitId: Id,
  password: z.string().min(PASSWORD_MIN).max(PASSWORD_MAX),
});
export const AccountList = z.object({ accounts: z.array(AccountView) });

export const Health = z.object({ status: z.literal('ok'), db: z.enum(['sqlite', 'postgres']), version: z.string() });
export const Ready = z.object({
  status: z.enum(['ready', 'unavailable']),
  db: z.enum(['up', 'down']),
  pendingMigrations: z.array(z.string()),
});
