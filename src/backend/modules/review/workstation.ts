import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { MethodOutput } from '../../../contract/methods';
import { RpcError } from '../../../contract/rpc';
import { EDUCATION_LEVELS } from '../../../contract/schemas/common';
import type { reviewWorkstationInputSchema } from '../../../contract/schemas/review';
import { schoolProfileInputSchema } from '../../../contract/schemas/school';
import { usernameSchema } from '../../../contract/schemas/user';
import type { Connection } from '../../rpc/router';
import { createSchool, findSchool } from '../../services/school.service';
import { addUser, countUsers } from '../../services/user.service';
import type { ModuleDeps } from '../module';
import type { ReviewClient } from './client';

const ALREADY = 'Ứng dụng đã được thiết lập trên máy này.';

async function initialized(m: EntityManager): Promise<boolean> {
  return (await findSchool(m)) !== null || (await countUsers(m)) > 0;
}

/**
 * First run as a department workstation (issue 8): instead of a school, this computer belongs to
 * a Phòng/Sở. The server login comes first, so a wrong address or password leaves the computer
 * untouched. Then one transaction writes the unit's profile (the app's "school" row, so the
 * header and `setup.status` work as for a school) and a local admin with the server username and
 * the local password, and the connection is logged in as it, as `setup.initialize` does.
 */
export async function initWorkstation(
  deps: Pick<ModuleDeps, 'ds' | 'writes'>,
  client: ReviewClient,
  input: z.output<typeof reviewWorkstationInputSchema>,
  conn: Connection,
): Promise<MethodOutput<'review.initWorkstation'>> {
  if (await initialized(deps.ds.manager)) throw new RpcError('CONFLICT', ALREADY);
  // The local account takes the server username: check it fits this computer's rules first.
  const username = usernameSchema.safeParse(input.username);
  if (!username.success) {
    const text = `Tên đăng nhập này không dùng được trên máy: ${username.error.issues[0]?.message ?? ''}`.trim();
    throw new RpcError('VALIDATION', text, { username: text });
  }
  const status = await client.setup(
    { serverUrl: input.serverUrl, username: input.username, password: input.password },
    { workstation: true },
  );
  const account = status.account!;
  let result;
  try {
    result = await deps.writes.run(null, async (tx) => {
      if (await initialized(tx.manager)) throw new RpcError('CONFLICT', ALREADY);
      const school = await createSchool(
        tx,
        // A department oversees schools of every level; the profile only names the unit.
        schoolProfileInputSchema.parse({ code: account.unit.code, name: account.unit.name, levels: [...EDUCATION_LEVELS] }),
      );
      const user = await addUser(tx.manager, {
        username: username.data,
        displayName: account.displayName || account.username,
        role: 'admin',
        password: input.localPassword,
      });
      return { school, user };
    });
  } catch (err) {
    // Not set up after all: do not keep a server session for an installation that has no user.
    await client.forget();
    throw err;
  }
  conn.session = { userId: result.user.id, username: result.user.username, role: result.user.role };
  return { ...result, status };
}
