import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { databaseStatus } from '../db/data-source';
import { replySchema } from '../http/json-schema';
import { Health, Ready } from '../http/schemas';
import type { RouteDeps } from './deps';

/**
 * `/health`: the process is up (for a supervisor's liveness check; no DB call, so a slow
 * database does not get the process restarted). `/ready`: the database answers and has every
 * migration this build expects (for a load balancer or an install script).
 */
export function healthRoutes(app: FastifyInstance, { db, version }: RouteDeps): void {
  app.get('/health', { schema: { response: { 200: replySchema(Health) } } }, async () => {
    const body: z.infer<typeof Health> = { status: 'ok', db: db.dialect, version };
    return body;
  });

  app.get('/ready', { schema: { response: { 200: replySchema(Ready), 503: replySchema(Ready) } } }, async (_req, reply) => {
    const s = await databaseStatus(db);
    const ok = s.reachable && s.pendingMigrations.length === 0;
    const body: z.infer<typeof Ready> = {
      status: ok ? 'ready' : 'unavailable',
      db: s.reachable ? 'up' : 'down',
      pendingMigrations: s.pendingMigrations,
    };
    return reply.code(ok ? 200 : 503).send(body);
  });
}
