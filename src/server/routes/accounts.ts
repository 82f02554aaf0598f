import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { actorOf } from '../http/auth-hook';
import { jsonSchema, replySchema } from '../http/json-schema';
import { AccountList, AccountView, CreateAccountBody } from '../http/schemas';
import { toAccountView } from '../services/accounts';
import type { RouteDeps } from './deps';

export function accountRoutes(app: FastifyInstance, { services }: RouteDeps): void {
  app.get('/api/accounts', { schema: { response: { 200: replySchema(AccountList) } } }, async (request) => ({
    accounts: (await services.accounts.listVisible(actorOf(request))).map(toAccountView),
  }));

  app.post<{ Body: z.infer<typeof CreateAccountBody> }>(
    '/api/accounts',
    { schema: { body: jsonSchema(CreateAccountBody), response: { 201: replySchema(AccountView) } } },
    async (request, reply) => reply.code(201).send(toAccountView(await services.accounts.create(actorOf(request), request.body))),
  );
}
