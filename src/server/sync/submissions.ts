import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import {
  canonicalJson,
  SUBMISSION_STATE_LABELS,
  SYNC_ERROR_CODES,
  type DossierManifest,
  type SubmissionDiff,
  type SubmissionState,
  type SubmissionView,
  type SubmitRequest,
} from '../../contract/sync-protocol';
import { conflict, invalid, notFound, ServiceError } from '../errors';
import type { AccountActor, Actor } from '../services/actor';
import { scopeOf } from '../services/authorize';
import { subtreeIds } from '../services/org-tree';
import { SYNC_E, type SyncSubmissionEventRow, type SyncSubmissionRow } from './entities';
import type { SyncService } from './service';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** SHA-256 of a snapshot row, as the manifest lists it. */
export function rowHash(entity: string, id: string, data: Record<string, unknown>): string {
  return sha256(canonicalJson({ entity, id, data }));
}

export function manifestHash(manifest: DossierManifest): string {
  return sha256(canonicalJson(manifest));
}

/** Added / changed / removed rows and blobs between two manifests of the same dossier. */
export function diffManifests(prev: DossierManifest, next: DossierManifest, previousVersion: number): SubmissionDiff {
  const key = (r: { entity: string; id: string }) => `${r.entity}\u0000${r.id}`;
  const before = new Map(prev.rows.map((r) => [key(r), r]));
  const after = new Map(next.rows.map((r) => [key(r), r]));
  const added: { entity: string; id: string }[] = [];
  const changed: { entity: string; id: string }[] = [];
  const removed: { entity: string; id: string }[] = [];
  for (const [k, r] of after) {
    const old = before.get(k);
    if (!old) added.push({ entity: r.entity, id: r.id });
    else if (old.sha256 !== r.sha256) changed.push({ entity: r.entity, id: r.id });
  }
  for (const [k, r] of before) if (!after.has(k)) removed.push({ entity: r.entity, id: r.id });
  const blobsBefore = new Set(prev.blobs.map((b) => b.sha256));
  const blobsAfter = new Set(next.blobs.map((b) => b.sha256));
  return {
    previousVersion,
    added,
    changed,
    removed,
    blobsAdded: [...blobsAfter].filter((b) => !blobsBefore.has(b)).sort(),
    blobsRemoved: [...blobsBefore].filter((b) => !blobsAfter.has(b)).sort(),
  };
}

/** Allowed moves of the department's review. */
const TRANSITIONS: Record<'start_review' | 'return' | 'accept', { from: SubmissionState[]; to: SubmissionState }> = {
  start_review: { from: ['submitted', 'received'], to: 'under_review' },
  return: { from: ['received', 'under_review'], to: 'returned' },
  accept: { from: ['received', 'under_review'], to: 'accepted' },
};

/**
 * Dossier submissions: a frozen, versioned snapshot (every row with its hash, every file by
 * SHA-256, a manifest hash over all of it), checked on arrival, then reviewed by the
 * department. A resubmission of the same dossier gets the next version and a diff from the
 * previous one. Snapshots are never modified; only the state moves, with an event per move.
 */
export class SubmissionService {
  constructor(private readonly sync: SyncService) {}

  private repo() {
    return this.sync.deps.db.ds.manager.getRepository<SyncSubmissionRow>(SYNC_E.Submission);
  }

  private events() {
    return this.sync.deps.db.ds.manager.getRepository<SyncSubmissionEventRow>(SYNC_E.SubmissionEvent);
  }

  async submit(actor: AccountActor, deviceId: string | null, req: SubmitRequest): Promise<SubmissionView> {
    const unit = await this.sync.schoolOf(actor);
    const { manifest } = req;
    if (manifestHash(manifest) !== req.manifestHash) {
      throw invalid('MANIFEST_HASH_MISMATCH', 'Mã băm của bản kê hồ sơ không khớp; hồ sơ có thể đã bị sửa trên đường truyền.');
    }
    const listed = new Map(manifest.rows.map((r) => [`${r.entity}\u0000${r.id}`, r.sha256]));
    if (listed.size !== manifest.rows.length || req.rows.length !== manifest.rows.length) {
      throw invalid('SNAPSHOT_MISMATCH', 'Số bản ghi trong hồ sơ không khớp với bản kê.');
    }
    for (const row of req.rows) {
      if (listed.get(`${row.entity}\u0000${row.id}`) !== rowHash(row.entity, row.id, row.data)) {
        throw invalid('SNAPSHOT_MISMATCH', `Bản ghi ${row.entity} ${row.id} không khớp với mã băm trong bản kê.`);
      }
    }
    const have = await this.sync.blobs.refsOf(
      unit.id,
      manifest.blobs.map((b) => b.sha256),
    );
    const missing = manifest.blobs.filter((b) => have.get(b.sha256) !== b.sizeBytes);
    if (missing.length > 0) {
      throw new ServiceError(
        409,
        SYNC_ERROR_CODES.blobsMissing,
        `Máy chủ chưa nhận đủ ${missing.length} tệp minh chứng của hồ sơ ` +
          `(${missing
            .slice(0, 3)
            .map((b) => `${b.sha256.slice(0, 12)}…`)
            .join(', ')}${missing.length > 3 ? ', …' : ''}). Hãy đồng bộ rồi nộp lại.`,
      );
    }

    const existing = await this.repo().findOneBy({ id: manifest.submissionId });
    if (existing) {
      if (existing.unitId !== unit.id || existing.manifestHash !== req.manifestHash) {
        throw conflict('SUBMISSION_ID_TAKEN', 'Mã lần nộp này đã được dùng cho một hồ sơ khác.');
      }
      return this.view(existing);
    }

    const now = this.sync.now();
    const row = await this.sync.store.tx(async (m) => {
      await this.sync.lockUnit(m, unit.id);
      const again = await m.getRepository<SyncSubmissionRow>(SYNC_E.Submission).findOneBy({ id: manifest.submissionId });
      if (again) return again;
      const previous = await m.getRepository<SyncSubmissionRow>(SYNC_E.Submission).findOne({
        where: { unitId: unit.id, kind: manifest.kind, subjectId: manifest.subjectId },
        order: { version: 'DESC' },
      });
      const version = (previous?.version ?? 0) + 1;
      const diff = previous ? diffManifests(JSON.parse(previous.manifest), manifest, previous.version) : null;
      const sub: SyncSubmissionRow = {
        id: manifest.submissionId,
        unitId: unit.id,
        kind: manifest.kind,
        subjectId: manifest.subjectId,
        version,
        state: 'received',
        manifestHash: req.manifestHash,
        manifest: JSON.stringify(manifest),
        snapshot: JSON.stringify(req.rows),
        diff: diff ? JSON.stringify(diff) : null,
        previousId: previous?.id ?? null,
        submittedBy: actor.accountId,
        deviceId,
        submittedAt: now,
        updatedAt: now,
      };
      await m.getRepository<SyncSubmissionRow>(SYNC_E.Submission).insert(sub);
      const ev = m.getRepository<SyncSubmissionEventRow>(SYNC_E.SubmissionEvent);
      await ev.insert({
        id: uuidv7(),
        submissionId: sub.id,
        state: 'submitted',
        comment: '',
        actorId: actor.accountId,
        actorName: actor.username,
        at: now,
      });
      await ev.insert({
        id: uuidv7(),
        submissionId: sub.id,
        state: 'received',
        comment: `Máy chủ đã kiểm tra ${manifest.rows.length} bản ghi và ${manifest.blobs.length} tệp: khớp mã băm.`,
        actorId: null,
        actorName: 'Máy chủ của Sở',
        at: now,
      });
      return sub;
    });
    return this.view(row);
  }

  async view(row: SyncSubmissionRow): Promise<SubmissionView> {
    const manifest = JSON.parse(row.manifest) as DossierManifest;
    const events = await this.events().find({ where: { submissionId: row.id }, order: { at: 'ASC', id: 'ASC' } });
    return {
      id: row.id,
      unitId: row.unitId,
      kind: row.kind as SubmissionView['kind'],
      subjectId: row.subjectId,
      version: row.version,
      state: row.state as SubmissionState,
      manifestHash: row.manifestHash,
      rowCount: manifest.rows.length,
      blobCount: manifest.blobs.length,
      submittedAt: row.submittedAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      previousId: row.previousId,
      diff: row.diff ? JSON.parse(row.diff) : null,
      events: events.map((e) => ({
        state: e.state as SubmissionState,
        comment: e.comment,
        at: e.at.toISOString(),
        by: e.actorName,
      })),
    };
  }

  /** Submissions the actor may read: a school its own; an admin its subtree (optionally one unit). */
  async list(actor: Actor, opts: { unitId?: string } = {}): Promise<SubmissionView[]> {
    let units: string[];
    if (actor.kind === 'system') {
      units = opts.unitId ? [opts.unitId] : [];
    } else {
      const scope = scopeOf(actor.role, 'dossier.read');
      if (!scope) return [];
      units = scope === 'own-unit' ? [actor.orgUnitId] : await subtreeIds(this.sync.deps.services.ctx, actor.orgUnitId);
      if (opts.unitId) units = units.filter((u) => u === opts.unitId);
    }
    if (units.length === 0 && actor.kind !== 'system') return [];
    const qb = this.repo().createQueryBuilder('s').orderBy('s.submittedAt', 'DESC').addOrderBy('s.version', 'DESC');
    if (units.length > 0) qb.where('s.unitId IN (:...units)', { units });
    const rows = await qb.getMany();
    return Promise.all(rows.map((r) => this.view(r)));
  }

  private async readable(actor: Actor, id: string): Promise<SyncSubmissionRow> {
    const row = /^[0-9a-f-]{36}$/i.test(id) ? await this.repo().findOneBy({ id }) : null;
    // Someone else's dossier looks exactly like a missing one.
    if (!row || !(await this.sync.deps.services.can(actor, 'dossier.read', { unitId: row.unitId }))) {
      throw notFound('SUBMISSION_NOT_FOUND', 'Không tìm thấy hồ sơ đã nộp này.');
    }
    return row;
  }

  async get(actor: Actor, id: string): Promise<SubmissionView> {
    return this.view(await this.readable(actor, id));
  }

  async snapshot(actor: Actor, id: string): Promise<{ manifest: DossierManifest; manifestHash: string; rows: unknown[] }> {
    const row = await this.readable(actor, id);
    return { manifest: JSON.parse(row.manifest), manifestHash: row.manifestHash, rows: JSON.parse(row.snapshot) };
  }

  /** The department moves a dossier: start review, return with comments, or accept. */
  async review(actor: Actor, id: string, action: keyof typeof TRANSITIONS, comment = ''): Promise<SubmissionView> {
    const row = await this.readable(actor, id);
    await this.sync.deps.services.authorize(actor, 'dossier.review', { unitId: row.unitId });
    const t = TRANSITIONS[action];
    const text = comment.trim();
    if (action === 'return' && text.length === 0) {
      throw invalid('COMMENT_REQUIRED', 'Khi trả lại hồ sơ, hãy ghi rõ nội dung cần bổ sung.');
    }
    const now = this.sync.now();
    const updated = await this.sync.store.tx(async (m) => {
      const repo = m.getRepository<SyncSubmissionRow>(SYNC_E.Submission);
      const current = await repo.findOneByOrFail({ id });
      if (!t.from.includes(current.state as SubmissionState)) {
        throw conflict(
          'INVALID_TRANSITION',
          `Hồ sơ đang ở trạng thái "${SUBMISSION_STATE_LABELS[current.state as SubmissionState]}", không thể chuyển sang "${SUBMISSION_STATE_LABELS[t.to]}".`,
        );
      }
      await repo.update({ id }, { state: t.to, updatedAt: now });
      await m.getRepository<SyncSubmissionEventRow>(SYNC_E.SubmissionEvent).insert({
        id: uuidv7(),
        submissionId: id,
        state: t.to,
        comment: text,
        actorId: actor.kind === 'account' ? actor.accountId : null,
        actorName: actor.kind === 'account' ? actor.username : 'Quản trị máy chủ',
        at: now,
      });
      return { ...current, state: t.to, updatedAt: now };
    });
    return this.view(updated);
  }
}
