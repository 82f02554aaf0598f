import { SCHEMA_VERSION } from '../../../migrations';
import { foundationMethods } from '../../contract/methods/foundation';
import { RpcError } from '../../contract/rpc';
import { checkDatabase } from '../db/health';
import { createSchool, findSchool, getSchool, updateSchool } from '../services/school.service';
import {
  addUser,
  authenticate,
  changeOwnPassword,
  countUsers,
  listUsers,
  setPassword,
  updateUser,
} from '../services/user.service';
import { APP_VERSION, actorOf, type HandlersFor, type ModuleDeps } from './module';

/** Handlers for first-run setup, login, accounts, the school profile and database health. */
export function foundationHandlers({ ds, writes }: ModuleDeps): HandlersFor<typeof foundationMethods> {
  const m = ds.manager;
  const actor = actorOf;
  return {
    'app.info': async (_i, { conn }) => ({ version: APP_VERSION, schemaVersion: SCHEMA_VERSION, transport: conn.transport }),
    'setup.status': async () => {
      const school = await findSchool(m);
      return { initialized: school !== null, schoolName: school?.name ?? null };
    },
    'setup.initialize': async (input, { conn }) => {
      const result = await writes.run(null, async (tx) => {
        if ((await findSchool(tx.manager)) || (await countUsers(tx.manager)) > 0) {
          throw new RpcError('CONFLICT', 'Ứng dụng đã được thiết lập trên máy này.');
        }
        const school = await createSchool(tx, input.school);
        const user = await addUser(tx.manager, { ...input.admin, role: 'admin' });
        return { school, user };
      });
      conn.session = { userId: result.user.id, username: result.user.username, role: result.user.role };
      return result;
    },
    'auth.login': async ({ username, password }, { conn }) => {
      const user = await authenticate(m, username, password);
      conn.session = { userId: user.id, username: user.username, role: user.role };
      return { user };
    },
    'auth.logout': async (_i, { conn }) => {
      conn.session = null;
      return { ok: true as const };
    },
    'auth.me': async (_i, { conn }) => {
      if (!conn.session) return { user: null };
      const user = (await listUsers(m)).find((u) => u.id === conn.session!.userId && !u.disabled) ?? null;
      if (!user) conn.session = null;
      return { user };
    },
    'auth.changePassword': async ({ currentPassword, newPassword }, { conn }) => {
      await writes.run(actor(conn), (tx) => changeOwnPassword(tx.manager, conn.session!.userId, currentPassword, newPassword));
      return { ok: true as const };
    },
    'school.get': async () => getSchool(m),
    'school.update': async ({ expectedRev, profile }, { conn }) =>
      writes.run(actor(conn), (tx) => updateSchool(tx, profile, expectedRev)),
    'users.list': async () => listUsers(m),
    'users.add': async (input, { conn }) => writes.run(actor(conn), (tx) => addUser(tx.manager, input)),
    'users.update': async (input, { conn }) => writes.run(actor(conn), (tx) => updateUser(tx.manager, input)),
    'users.resetPassword': async ({ id, password }, { conn }) => {
      await writes.run(actor(conn), (tx) => setPassword(tx.manager, id, password));
      return { ok: true as const };
    },
    'db.check': async () => checkDatabase(ds),
  };
}
