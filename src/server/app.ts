import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { ServerConfig } from './config';
import { openDatabase, type ServerDatabase } from './db/data-source';
import { requireActor } from './http/auth-hook';
import { installErrorHandling } from './http/error-handler';
import { accountRoutes } from './routes/accounts';
import { publicAuthRoutes, tokenRoutes } from './routes/auth';
import type { RouteDeps } from './routes/deps';
import { healthRoutes } from './routes/health';
import { meRoutes } from './routes/me';
import { unitRoutes } from './routes/units';
import { contextFor, createServices, type Services } from './services/index';
import { syncOptionsFromEnv, type SyncServerOptions } from './sync/options';
import { reviewRoutes } from './review/routes';
import { ReviewService } from './review/service';
import { syncRoutes } from './sync/routes';
import { SyncService } from './sync/service';
import { SERVER_VERSION } from './version';

export interface BuildServerOptions {
  config: ServerConfig;
  /** Fastify's pino logger: `false` in tests; defaults to JSON lines at `config.logLevel`. */
  logger?: FastifyServerOptions['logger'];
  /** Clock for the service layer (tests move it). */
  now?: () => Date;
  /** Sync settings (issue 7); default from the environment (SYNC_MIN_APP_VERSION). */
  sync?: Partial<SyncServerOptions>;
}

export interface BuiltServer {
  app: FastifyInstance;
  services: Services;
  db: ServerDatabase;
  /** Sync, blobs and submissions (src/server/sync). */
  sync: SyncService;
  /** Dossier review by the department (src/server/review, issue 8). */
  review: ReviewService;
  /** Stops taking requests, lets in-flight ones finish, then closes the database. */
  close(): Promise<void>;
}

/**
 * The department server as a Fastify instance, not yet listening: tests use `app.inject()`,
 * `startServer` calls `listen`. Opens the database and applies pending migrations first, so a
 * server that starts is a server whose schema is current.
 */
export async function buildServer(opts: BuildServerOptions): Promise<BuiltServer> {
  const { config } = opts;
  const db = await openDatabase(config.database);
  const app = Fastify({
    logger: opts.logger ?? { level: config.logLevel },
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    // Requests arriving once close() has begun get 503; in-flight ones complete (the default,
    // stated because graceful shutdown depends on it).
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });
  app.decorateRequest('actor', null);
  // Once shutdown begins, responses to requests still in flight ask the client to close the
  // connection; otherwise a keep-alive socket would hold server.close() until it times out.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) void reply.header('connection', 'close');
    return payload;
  });
  // The database closes last, after every in-flight request has finished with it.
  app.addHook('onClose', async () => db.close());
  installErrorHandling(app);

  const services = createServices(contextFor(db, config.security, opts.now));
  const deps: RouteDeps = { services, db, version: SERVER_VERSION };
  const sync = new SyncService({
    db,
    services,
    config,
    options: { ...syncOptionsFromEnv(), ...opts.sync },
    now: opts.now,
  });

  const review = new ReviewService(sync);

  healthRoutes(app, deps);
  publicAuthRoutes(app, deps);
  // Everything else under /api needs a bearer token; the hook is scoped to this plugin.
  await app.register(async (authed) => {
    authed.addHook('onRequest', requireActor(services));
    tokenRoutes(authed, deps);
    meRoutes(authed, deps);
    unitRoutes(authed, deps);
    accountRoutes(authed, deps);
    await syncRoutes(authed, sync);
    reviewRoutes(authed, review);
  });

  return { app, services, db, sync, review, close: () => app.close() };
}
