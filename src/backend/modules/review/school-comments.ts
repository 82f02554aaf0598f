import type { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { RpcError } from '../../../contract/rpc';
import {
  schoolCommentSchema,
  type LocalSchoolComment,
  type SchoolComment,
  type SchoolCommentsView,
} from '../../../contract/schemas/review';
import { nowIso } from '../../db/clock';
import type { WriteQueue } from '../../db/write-queue';
import { SyncHttpError, type SyncHttp } from '../sync/http';

/** The two calls of the department server's school side (`/api/review/school/comments`). */
export interface SchoolCommentsApi {
  list(): Promise<SchoolComment[]>;
  reply(commentId: string, reply: string): Promise<SchoolComment>;
}

/** The same calls over the sync run's connection (device token, proxy, timeouts of SyncHttp). */
export function schoolCommentsOverSync(http: SyncHttp): SchoolCommentsApi {
  const listSchema = z.object({ comments: z.array(schoolCommentSchema) });
  return {
    list: async () => listSchema.parse(await (await http.request('GET', '/api/review/school/comments')).json()).comments,
    reply: async (commentId, reply) =>
      schoolCommentSchema.parse(
        await (
          await http.request('POST', `/api/review/school/comments/${encodeURIComponent(commentId)}/reply`, { json: { reply } })
        ).json(),
      ),
  };
}

/*
 * Storage: two keys of the `meta` key/value table, each a JSON document, rather than a table of
 * their own. Both are small (the comments returned to one school, a few replies), always read
 * and written whole, never queried by field, never synced (meta does not travel) and thrown away
 * without loss (the cache is refetched, the server keeps every comment); a migration and an
 * entity would add schema to keep in step for no query that needs it. Every change of the queue
 * is a read-modify-write inside one write-queue transaction, so two writers never lose each
 * other's reply.
 */
const CACHE_KEY = 'review.schoolComments';
const QUEUE_KEY = 'review.pendingReplies';

interface Cache {
  cachedAt: string;
  comments: SchoolComment[];
}

interface PendingReply {
  reply: string;
  /** The answer the server held when this one was written ('' = unanswered): if another computer answers meanwhile, ours does not overwrite it. */
  baseReply: string;
  at: string;
  /** Local user who wrote it. */
  by: string | null;
}
type Queue = Record<string, PendingReply>;

const NOT_FOUND_TEXT = 'Không tìm thấy ý kiến này của đoàn đánh giá (có thể Sở đã rút lại).';

/**
 * One sender per database at a time (the sync run and an online reply may overlap): two senders
 * would both post a queued reply. Keyed by the backend's write queue, which is one per database.
 */
const senders = new WeakMap<WriteQueue, Promise<unknown>>();
function exclusive<T>(key: WriteQueue, work: () => Promise<T>): Promise<T> {
  const run = (senders.get(key) ?? Promise.resolve()).then(work, work);
  senders.set(
    key,
    run.catch(() => undefined),
  );
  return run;
}

const clip = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const same = (a: string, b: string) => a.trim() === b.trim();

/** The server answered that the comment is not this school's (or no longer returned): retrying cannot help. */
function isGone(err: unknown): boolean {
  return (err instanceof SyncHttpError && err.status === 404) || (err instanceof RpcError && err.code === 'NOT_FOUND');
}

/**
 * The department's comments returned to this school (issue 8, docs/review.md), offline first.
 * The list is cached locally (refreshed at every successful sync run and whenever it is asked for
 * while the server answers); replies are queued locally first and then sent, by the same call
 * when online or by the next sync run or online call otherwise.
 *
 * Exactly once from the school's side: the server's reply endpoint overwrites the answer and
 * audits every call, so a reply is never posted blindly twice. Each send first fetches the list:
 * a queued reply the server already holds (an earlier post whose answer was lost, or a crash
 * before the queue was cleared) is only dropped from the queue; one whose comment another
 * computer answered meanwhile is kept off the server (reported, not silently overwritten).
 */
export class SchoolComments {
  constructor(private readonly deps: { ds: DataSource; writes: WriteQueue }) {}

  // --- storage --------------------------------------------------------------------------------

  private async get<T>(m: EntityManager, key: string, fallback: T): Promise<T> {
    const rows: { value: string }[] = await m.query('select value from meta where key = ?', [key]);
    if (!rows[0]) return fallback;
    try {
      return JSON.parse(rows[0].value) as T;
    } catch {
      return fallback;
    }
  }

  private async put(m: EntityManager, key: string, value: unknown): Promise<void> {
    await m.query('insert into meta (key, value) values (?, ?) on conflict (key) do update set value = excluded.value', [
      key,
      JSON.stringify(value),
    ]);
  }

  private cache(): Promise<Cache | null> {
    return this.get<Cache | null>(this.deps.ds.manager, CACHE_KEY, null);
  }

  /** Replies written here that the server has not confirmed yet. */
  queue(): Promise<Queue> {
    return this.get<Queue>(this.deps.ds.manager, QUEUE_KEY, {});
  }

  // --- the exchange with the server -----------------------------------------------------------

  /**
   * Sends the queued replies and refreshes the local copy. Throws when the list cannot be fetched
   * (offline, not enrolled…) or a reply fails for a reason that may pass (the reply stays queued;
   * the copy fetched before it is kept). Returns what the school should be told about replies the
   * server will never take.
   */
  sync(api: SchoolCommentsApi): Promise<{ sent: number; errors: string[] }> {
    return exclusive(this.deps.writes, async () => {
      const server = await api.list();
      const queue = await this.queue();
      const byId = new Map(server.map((c) => [c.id, c]));
      // commentId → the reply text that is settled (sent, found on the server, or given up).
      const settled = new Map<string, string>();
      const errors: string[] = [];
      let sent = 0;
      let failure: unknown = null;
      for (const [id, p] of Object.entries(queue)) {
        const c = byId.get(id);
        if (!c) {
          settled.set(id, p.reply);
          errors.push(`${NOT_FOUND_TEXT} Câu trả lời chưa gửi: "${clip(p.reply)}".`);
        } else if (same(c.reply, p.reply)) {
          settled.set(id, p.reply);
        } else if (!same(c.reply, p.baseReply)) {
          settled.set(id, p.reply);
          errors.push(
            `Ý kiến của đoàn đánh giá ở tiêu chí ${c.criterionCode} đã được trả lời từ máy khác ("${clip(c.reply)}"); câu trả lời viết trên máy này ("${clip(p.reply)}") không gửi để không ghi đè.`,
          );
        } else {
          try {
            byId.set(id, await api.reply(id, p.reply));
            settled.set(id, p.reply);
            sent++;
          } catch (err) {
            if (!isGone(err)) {
              failure = err;
              break;
            }
            byId.delete(id);
            settled.set(id, p.reply);
            errors.push(`${NOT_FOUND_TEXT} Câu trả lời chưa gửi: "${clip(p.reply)}".`);
          }
        }
      }
      await this.deps.writes.run(null, async (tx) => {
        await this.put(tx.manager, CACHE_KEY, { cachedAt: nowIso(), comments: [...byId.values()] } satisfies Cache);
        const fresh = await this.get<Queue>(tx.manager, QUEUE_KEY, {});
        // Only what was settled: a newer reply written meanwhile stays queued.
        for (const [id, text] of settled) if (fresh[id]?.reply === text) delete fresh[id];
        await this.put(tx.manager, QUEUE_KEY, fresh);
      });
      if (failure) throw failure;
      return { sent, errors };
    });
  }

  // --- the RPC --------------------------------------------------------------------------------

  /** `sync.reviewComments`: fresh from the server when it answers, else the local copy. */
  async list(api: SchoolCommentsApi): Promise<SchoolCommentsView> {
    const before = nowIso();
    let error: string | null = null;
    try {
      await this.sync(api);
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    const view = await this.view();
    return { ...view, refreshed: view.cachedAt !== null && view.cachedAt >= before, error };
  }

  /** `sync.replyReviewComment`: queued first, then sent at once if the server answers. */
  async reply(api: SchoolCommentsApi, commentId: string, reply: string, actor: string | null): Promise<LocalSchoolComment> {
    const text = reply.trim();
    let known = (await this.cache())?.comments.find((c) => c.id === commentId);
    if (!known) {
      // Not in the local copy (never fetched, or new): ask the server once.
      await this.sync(api).catch(() => undefined);
      known = (await this.cache())?.comments.find((c) => c.id === commentId);
      if (!known) throw new RpcError('NOT_FOUND', NOT_FOUND_TEXT);
    }
    const base = known.reply;
    await this.deps.writes.run(actor, async (tx) => {
      const q = await this.get<Queue>(tx.manager, QUEUE_KEY, {});
      q[commentId] = { reply: text, baseReply: q[commentId]?.baseReply ?? base, at: nowIso(), by: actor };
      await this.put(tx.manager, QUEUE_KEY, q);
    });
    // Offline (or the server failing): the reply stays queued and shows as "chờ gửi".
    await this.sync(api).catch(() => undefined);
    const out = (await this.view()).comments.find((c) => c.id === commentId);
    if (!out) throw new RpcError('NOT_FOUND', NOT_FOUND_TEXT);
    if (out.pendingReply === null && !same(out.reply, text)) {
      throw new RpcError(
        'CONFLICT',
        `Ý kiến này vừa được trả lời từ máy khác ("${clip(out.reply)}"); câu trả lời của bạn chưa gửi để không ghi đè.`,
      );
    }
    return out;
  }

  /** The local copy with the queued replies and the codes of the evidence items comments point to. */
  async view(): Promise<Omit<SchoolCommentsView, 'refreshed' | 'error'>> {
    const cache = await this.cache();
    const queue = await this.queue();
    const comments = cache?.comments ?? [];
    const ids = [...new Set(comments.map((c) => c.evidenceId).filter(Boolean))];
    const codes = new Map<string, string>();
    for (let i = 0; i < ids.length; i += 500) {
      const part = ids.slice(i, i + 500);
      const rows: { id: string; code: string }[] = await this.deps.ds.query(
        `select id, code from evidence where id in (${part.map(() => '?').join(', ')})`,
        part,
      );
      for (const r of rows) codes.set(r.id.toLowerCase(), r.code);
    }
    return {
      cachedAt: cache?.cachedAt ?? null,
      comments: comments.map((c) => ({
        ...c,
        evidenceCode: c.evidenceId ? (codes.get(c.evidenceId.toLowerCase()) ?? '') : '',
        pendingReply: queue[c.id]?.reply ?? null,
      })),
    };
  }
}
