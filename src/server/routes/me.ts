import type { FastifyInstance } from 'fastify';
import { unauthenticated } from '../errors';
import { actorOf } from '../http/auth-hook';
import { replySchema } from '../http/json-schema';
import { Me } from '../http/schemas';
import { toAccountView } from '../services/accounts';
import { toUnitView } from '../services/units';
import type { RouteDeps } from './deps';

/** Who the caller is and which unit they belong to: the desktop app's first call after sign-in. */
export function meRoutes(app: FastifyInstance, { services }: RouteDeps): void {
  app.get('/api/me', { schema: { response: { 200: replySchema(Me) } } }, async (request) => {
    const actor = actorOf(request);
    const account = await services.accounts.findById(actor.accountId);
    if (!account) throw unauthenticated();
    const unit = await services.units.get(actor, account.orgUnitId);
    return { account: toAccountView(account), unit: toUnitView(unit) };
  });
}
