import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { actorOf } from '../http/auth-hook';
import { jsonSchema, replySchema } from '../http/json-schema';
import { EnrolBody, IssuedToken, LoginBody, TokenIdParams, TokenList } from '../http/schemas';
import type { RouteDeps } from './deps';

const NO_CONTENT = { type: 'null' } as const;

/** Sign-in routes: no token needed (they hand one out). */
export function publicAuthRoutes(app: FastifyInstance, { services }: RouteDeps): void {
  app.post<{ Body: z.infer<typeof LoginBody> }>(
    '/api/auth/login',
    { schema: { body: jsonSchema(LoginBody), response: { 200: replySchema(IssuedToken) } } },
    async (request) => services.auth.login({ ...request.body, ip: request.ip }),
  );

  app.post<{ Body: z.infer<typeof EnrolBody> }>(
    '/api/devices/enrol',
    { schema: { body: jsonSchema(EnrolBody), response: { 201: replySchema(IssuedToken) } } },
    async (request, reply) => reply.code(201).send(await services.auth.enrolDevice({ ...request.body, ip: request.ip })),
  );
}

/** Token management for the signed-in caller. */
export function tokenRoutes(app: FastifyInstance, { services }: RouteDeps): void {
  app.get('/api/auth/tokens', { schema: { response: { 200: replySchema(TokenList) } } }, async (request) => ({
    tokens: await services.auth.listOwnTokens(actorOf(request)),
  }));

  app.delete<{ Params: z.infer<typeof TokenIdParams> }>(
    '/api/auth/tokens/:id',
    { schema: { params: jsonSchema(TokenIdParams), response: { 204: NO_CONTENT } } },
    async (request, reply) => {
      await services.auth.revokeToken(actorOf(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.post('/api/auth/logout', { schema: { response: { 204: NO_CONTENT } } }, async (request, reply) => {
    const actor = actorOf(request);
    if (actor.tokenId) await services.auth.revokeToken(actor, actor.tokenId);
    return reply.code(204).send();
  });
}
