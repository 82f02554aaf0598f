import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  BLOB_HEADERS,
  blobPutResponseSchema,
  compareVersions,
  helloResponseSchema,
  isUuid,
  pushRequestSchema,
  pushResponseSchema,
  reviewRequestSchema,
  submissionViewSchema,
  submitRequestSchema,
  SYNC_ERROR_CODES,
  SYNC_HEADERS,
  SYNC_LIMITS,
  SYNC_PROTOCOL_VERSION,
  upgradeRequiredMessage,
  type PushRequest,
  type SubmitRequest,
} from '../../contract/sync-protocol';
import { actorOf } from '../http/auth-hook';
import { jsonSchema, replySchema } from '../http/json-schema';
import type { AccountActor } from '../services/actor';
import type { SyncService } from './service';

const ShaParams = z.object({ sha256: z.string().min(1).max(128) });
const IdParams = z.object({ id: z.string().min(1).max(64) });
const PullQuery = z.object({
  after: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(SYNC_LIMITS.maxPullLimit).default(SYNC_LIMITS.defaultPullLimit),
});
const UnitQuery = z.object({ unitId: z.string().max(64).optional() });
const SubmissionList = z.object({ submissions: z.array(submissionViewSchema) });
const SnapshotReply = z.object({
  manifest: z.record(z.string(), z.unknown()),
  manifestHash: z.string(),
  rows: z.array(z.unknown()),
});

function header(request: FastifyRequest, name: string): string {
  const v = request.headers[name];
  return (Array.isArray(v) ? v[0] : v)?.trim() ?? '';
}

/** The device id the client sends (a UUID it made once), else the token's id. */
function deviceOf(request: FastifyRequest, actor: AccountActor): string {
  const d = header(request, SYNC_HEADERS.deviceId);
  return isUuid(d) ? d.toLowerCase() : (actor.tokenId ?? actor.accountId);
}

/**
 * 426 for a client this server cannot sync with: another protocol, or an app older than the
 * configured minimum. The client stops syncing and shows the message; its data is untouched.
 */
function versionGate(options: { minAppVersion: string }) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const minAppVersion = options.minAppVersion;
    const protocol = header(request, SYNC_HEADERS.protocol);
    const version = header(request, SYNC_HEADERS.appVersion);
    const tooOld = !version || compareVersions(version, minAppVersion) < 0;
    if (protocol !== String(SYNC_PROTOCOL_VERSION) || tooOld) {
      return reply.code(426).send({
        error: { code: SYNC_ERROR_CODES.upgradeRequired, message: upgradeRequiredMessage(version, minAppVersion) },
      });
    }
  };
}

/**
 * Sync, blob and submission routes. Called inside the authenticated scope of buildServer, so
 * every route here already has `request.actor`; the service layer decides what it may do.
 */
export async function syncRoutes(app: FastifyInstance, sync: SyncService): Promise<void> {
  // What the desktop app calls: gated on its version.
  await app.register(async (s) => {
    s.addHook('onRequest', versionGate(sync.deps.options));
    s.addContentTypeParser(
      'application/octet-stream',
      { parseAs: 'buffer', bodyLimit: SYNC_LIMITS.maxBlobChunkBytes },
      (_req, body, done) => done(null, body),
    );

    s.get('/api/sync/hello', { schema: { response: { 200: replySchema(helloResponseSchema) } } }, async (request) =>
      sync.hello(actorOf(request)),
    );

    s.post<{ Body: PushRequest }>(
      '/api/sync/push',
      {
        bodyLimit: SYNC_LIMITS.maxPushBytes,
        schema: { body: jsonSchema(pushRequestSchema), response: { 200: replySchema(pushResponseSchema) } },
      },
      async (request) => {
        const actor = actorOf(request);
        return sync.push(actor, deviceOf(request, actor), request.body);
      },
    );

    // The page is built as a string (stored change data is spliced in as is), so no reply schema.
    s.get<{ Querystring: z.infer<typeof PullQuery> }>(
      '/api/sync/pull',
      { schema: { querystring: jsonSchema(PullQuery) } },
      async (request, reply) => {
        const body = await sync.pull(actorOf(request), request.query.after, request.query.limit);
        return reply.type('application/json; charset=utf-8').send(body);
      },
    );

    s.head<{ Params: z.infer<typeof ShaParams> }>(
      '/api/blobs/:sha256',
      { schema: { params: jsonSchema(ShaParams) } },
      async (request, reply) => {
        const st = await sync.blobs.status(actorOf(request), request.params.sha256);
        void reply.header('cache-control', 'no-store');
        if (st.complete) {
          return reply
            .code(200)
            .header(BLOB_HEADERS.offset, String(st.sizeBytes))
            .header(BLOB_HEADERS.length, String(st.sizeBytes))
            .send();
        }
        return reply.code(404).header(BLOB_HEADERS.offset, String(st.offset)).send();
      },
    );

    s.put<{ Params: z.infer<typeof ShaParams>; Body: Buffer | undefined }>(
      '/api/blobs/:sha256',
      { schema: { params: jsonSchema(ShaParams), response: { 200: replySchema(blobPutResponseSchema) } } },
      async (request, reply) => {
        const offset = Number(header(request, BLOB_HEADERS.offset) || NaN);
        const total = Number(header(request, BLOB_HEADERS.length) || NaN);
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const r = await sync.blobs.putChunk(actorOf(request), request.params.sha256, offset, total, body);
        if (r.kind === 'offset-mismatch') {
          return reply
            .code(409)
            .header(BLOB_HEADERS.offset, String(r.offset))
            .send({
              error: {
                code: SYNC_ERROR_CODES.blobOffset,
                message: `Máy chủ đang có ${r.offset} byte của tệp này; hãy gửi tiếp từ vị trí đó.`,
              },
            });
        }
        return reply.header(BLOB_HEADERS.offset, String(r.offset)).send({ offset: r.offset, complete: r.complete });
      },
    );

    s.get<{ Params: z.infer<typeof ShaParams> }>(
      '/api/blobs/:sha256',
      { exposeHeadRoute: false, schema: { params: jsonSchema(ShaParams) } },
      async (request, reply) => {
        const { stream, sizeBytes } = await sync.blobs.open(actorOf(request), request.params.sha256);
        return reply.type('application/octet-stream').header('content-length', String(sizeBytes)).send(stream);
      },
    );

    s.post<{ Body: SubmitRequest }>(
      '/api/sync/submissions',
      {
        bodyLimit: SYNC_LIMITS.maxSubmissionBytes,
        schema: { body: jsonSchema(submitRequestSchema), response: { 201: replySchema(submissionViewSchema) } },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        return reply.code(201).send(await sync.submissions.submit(actor, deviceOf(request, actor), request.body));
      },
    );

    s.get('/api/sync/submissions', { schema: { response: { 200: replySchema(SubmissionList) } } }, async (request) => {
      const actor = actorOf(request);
      const unit = await sync.schoolOf(actor);
      return { submissions: await sync.submissions.list(actor, { unitId: unit.id }) };
    });
  });

  // What the department uses (review): no desktop version gate.
  app.get<{ Querystring: z.infer<typeof UnitQuery> }>(
    '/api/submissions',
    { schema: { querystring: jsonSchema(UnitQuery), response: { 200: replySchema(SubmissionList) } } },
    async (request) => ({ submissions: await sync.submissions.list(actorOf(request), { unitId: request.query.unitId }) }),
  );

  app.get<{ Params: z.infer<typeof IdParams> }>(
    '/api/submissions/:id',
    { schema: { params: jsonSchema(IdParams), response: { 200: replySchema(submissionViewSchema) } } },
    async (request) => sync.submissions.get(actorOf(request), request.params.id),
  );

  app.get<{ Params: z.infer<typeof IdParams> }>(
    '/api/submissions/:id/snapshot',
    { schema: { params: jsonSchema(IdParams), response: { 200: replySchema(SnapshotReply) } } },
    async (request) => sync.submissions.snapshot(actorOf(request), request.params.id),
  );

  app.post<{ Params: z.infer<typeof IdParams>; Body: z.infer<typeof reviewRequestSchema> }>(
    '/api/submissions/:id/review',
    {
      schema: {
        params: jsonSchema(IdParams),
        body: jsonSchema(reviewRequestSchema),
        response: { 200: replySchema(submissionViewSchema) },
      },
    },
    async (request) => sync.submissions.review(actorOf(request), request.params.id, request.body.action, request.body.comment),
  );
}
