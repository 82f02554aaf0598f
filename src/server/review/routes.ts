import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  assignmentSchema,
  assignRequestSchema,
  auditEntrySchema,
  conclusionRequestSchema,
  dashboardSchema,
  decisionRequestSchema,
  dossierDiffSchema,
  dossierInfoSchema,
  inboxItemSchema,
  inboxQuerySchema,
  pushJudgmentsRequestSchema,
  pushJudgmentsResponseSchema,
  recognitionSchema,
  replyRequestSchema,
  reviewAccountSchema,
  returnRequestSchema,
  schoolCommentSchema,
  teamViewSchema,
  unitViewSchema,
} from '../../contract/schemas/review';
import { submissionViewSchema } from '../../contract/sync-protocol';
import { actorOf } from '../http/auth-hook';
import { jsonSchema, replySchema } from '../http/json-schema';
import type { ReviewService } from './service';

const IdParams = z.object({ id: z.string().min(1).max(64) });
const BlobParams = z.object({ id: z.string().min(1).max(64), sha256: z.string().min(1).max(128) });
const InboxQuery = inboxQuerySchema.extend({ level: z.coerce.number().int().min(0).max(5).optional() });
const Snapshot = z.object({ manifest: z.record(z.string(), z.unknown()), manifestHash: z.string(), rows: z.array(z.unknown()) });

type Id = { Params: z.infer<typeof IdParams> };

/** `/api/review/*` (inside the authenticated scope). The service decides who may do what. */
export function reviewRoutes(app: FastifyInstance, review: ReviewService): void {
  const r = (schema: z.ZodType) => ({ 200: replySchema(schema) });
  const params = jsonSchema(IdParams);

  app.get<{ Querystring: z.infer<typeof InboxQuery> }>(
    '/api/review/inbox',
    { schema: { querystring: jsonSchema(InboxQuery), response: r(z.object({ items: z.array(inboxItemSchema) })) } },
    async (req) => ({ items: await review.inbox(actorOf(req), req.query) }),
  );
  app.get('/api/review/units', { schema: { response: r(z.object({ units: z.array(unitViewSchema) })) } }, async (req) => ({
    units: await review.unitsWithContext(actorOf(req)),
  }));
  app.get(
    '/api/review/accounts',
    { schema: { response: r(z.object({ accounts: z.array(reviewAccountSchema) })) } },
    async (req) => ({ accounts: await review.reviewers(actorOf(req)) }),
  );
  app.get('/api/review/dashboard', { schema: { response: r(dashboardSchema) } }, async (req) => review.dashboard(actorOf(req)));
  app.get(
    '/api/review/recognitions',
    { schema: { response: r(z.object({ recognitions: z.array(recognitionSchema) })) } },
    async (req) => ({
      recognitions: await review.recognitions(actorOf(req)),
    }),
  );
  app.get<Id>('/api/review/dossiers/:id', { schema: { params, response: r(dossierInfoSchema) } }, async (req) =>
    review.dossier(actorOf(req), req.params.id),
  );
  app.post<Id & { Body: z.infer<typeof assignRequestSchema> }>(
    '/api/review/dossiers/:id/assign',
    { schema: { params, body: jsonSchema(assignRequestSchema), response: r(assignmentSchema) } },
    async (req) => review.assign(actorOf(req), req.params.id, req.body),
  );
  app.get<Id>('/api/review/dossiers/:id/snapshot', { schema: { params, response: r(Snapshot) } }, async (req) =>
    review.snapshot(actorOf(req), req.params.id),
  );
  app.get<{ Params: z.infer<typeof BlobParams> }>(
    '/api/review/dossiers/:id/blobs/:sha256',
    { exposeHeadRoute: false, schema: { params: jsonSchema(BlobParams) } },
    async (req, reply) => {
      const { stream, sizeBytes } = await review.blob(actorOf(req), req.params.id, req.params.sha256);
      return reply.type('application/octet-stream').header('content-length', String(sizeBytes)).send(stream);
    },
  );
  app.post<Id & { Body: z.infer<typeof pushJudgmentsRequestSchema> }>(
    '/api/review/dossiers/:id/judgments',
    {
      bodyLimit: 8 * 1024 * 1024,
      schema: { params, body: jsonSchema(pushJudgmentsRequestSchema), response: r(pushJudgmentsResponseSchema) },
    },
    async (req) => review.push(actorOf(req), req.params.id, req.body),
  );
  app.get<Id>('/api/review/dossiers/:id/team', { schema: { params, response: r(teamViewSchema) } }, async (req) =>
    review.team(actorOf(req), req.params.id),
  );
  app.post<Id & { Body: z.infer<typeof conclusionRequestSchema> }>(
    '/api/review/dossiers/:id/conclusion',
    { schema: { params, body: jsonSchema(conclusionRequestSchema), response: r(teamViewSchema.shape.conclusion.unwrap()) } },
    async (req) => review.conclude(actorOf(req), req.params.id, req.body),
  );
  app.post<Id & { Body: z.infer<typeof returnRequestSchema> }>(
    '/api/review/dossiers/:id/return',
    { schema: { params, body: jsonSchema(returnRequestSchema), response: r(submissionViewSchema) } },
    async (req) => review.returnDossier(actorOf(req), req.params.id, req.body.message),
  );
  app.post<Id>('/api/review/dossiers/:id/accept', { schema: { params, response: r(submissionViewSchema) } }, async (req) =>
    review.accept(actorOf(req), req.params.id),
  );
  app.post<Id & { Body: z.infer<typeof decisionRequestSchema> }>(
    '/api/review/dossiers/:id/decision',
    { schema: { params, body: jsonSchema(decisionRequestSchema), response: r(recognitionSchema) } },
    async (req) => review.decide(actorOf(req), req.params.id, req.body),
  );
  app.get<Id>('/api/review/dossiers/:id/diff', { schema: { params, response: r(dossierDiffSchema) } }, async (req) =>
    review.diff(actorOf(req), req.params.id),
  );
  app.get<Id>(
    '/api/review/dossiers/:id/audit',
    { schema: { params, response: r(z.object({ entries: z.array(auditEntrySchema) })) } },
    async (req) => ({ entries: await review.auditLog(actorOf(req), req.params.id) }),
  );

  // The school's side: comments sent back with its dossiers, and its replies.
  app.get(
    '/api/review/school/comments',
    { schema: { response: r(z.object({ comments: z.array(schoolCommentSchema) })) } },
    async (req) => ({
      comments: await review.schoolComments(actorOf(req)),
    }),
  );
  app.post<Id & { Body: z.infer<typeof replyRequestSchema> }>(
    '/api/review/school/comments/:id/reply',
    { schema: { params, body: jsonSchema(replyRequestSchema), response: r(schoolCommentSchema) } },
    async (req) => review.reply(actorOf(req), req.params.id, req.body.reply),
  );
}
