import type { FastifyReply, FastifyRequest } from 'fastify';
import { unauthenticated } from '../errors';
import type { AccountActor } from '../services/actor';
import type { Services } from '../services/index';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `requireActor` on authenticated routes. */
    actor: AccountActor | null;
  }
}

/** Reads `Authorization: Bearer <token>`; anything else is 401. */
function bearer(request: FastifyRequest): string | null {
  const h = request.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m ? m[1]! : null;
}

/** An `onRequest` hook for the authenticated part of the API: establishes `request.actor`. */
export function requireActor(services: Services) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const token = bearer(request);
    if (!token) throw unauthenticated();
    request.actor = await services.auth.authenticate(token);
  };
}

/** The actor of an authenticated route (the hook guarantees it). */
export function actorOf(request: FastifyRequest): AccountActor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}
