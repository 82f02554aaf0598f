import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { actorOf } from '../http/auth-hook';
import { jsonSchema, replySchema } from '../http/json-schema';
import { CreateUnitBody, UnitList, UnitView } from '../http/schemas';
import { toUnitView } from '../services/units';
import type { RouteDeps } from './deps';

export function unitRoutes(app: FastifyInstance, { services }: RouteDeps): void {
  /** A flat list, parents before children; the client builds the tree from `parentId`. */
  app.get('/api/units', { schema: { response: { 200: replySchema(UnitList) } } }, async (request) => ({
    units: (await services.units.listVisible(actorOf(request))).map(toUnitView),
  }));

  app.post<{ Body: z.infer<typeof CreateUnitBody> }>(
    '/api/units',
    { schema: { body: jsonSchema(CreateUnitBody), response: { 201: replySchema(UnitView) } } },
    async (request, reply) => reply.code(201).send(toUnitView(await services.units.create(actorOf(request), request.body))),
  );
}
