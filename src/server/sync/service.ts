import type { EntityManager } from 'typeorm';
import { v4 as uuidv4 } from 'uuid';
import {
  BULK_DELETE,
  bulkDeleteMessage,
  bulkDeleteVerdict,
  checkChange,
  CONFLICT_ENTITY,
  isDeleteChange,
  SYNC_ERROR_CODES,
  SYNC_LIMITS,
  SYNC_PROTOCOL_VERSION,
  type HelloResponse,
  type PushRequest,
  type PushResponse,
  type PushResult,
  type WireChange,
} from '../../contract/sync-protocol';
import type { ServerConfig } from '../config';
import type { ServerDatabase } from '../db/data-source';
import { E, type OrgUnitRow } from '../db/entities/index';
import { forbidden, isUniqueViolation, notFound, ServiceError } from '../errors';
import type { AccountActor } from '../services/actor';
import type { Services } from '../services/index';
import { SERVER_VERSION } from '../version';
import { BlobService, FolderBlobStorage, type BlobStorage } from './blobs';
import type { SyncChangeRow } from './entities';
import { mergeChange, travellingData, type RowState } from './merge';
import type { SyncServerOptions } from './options';
import { chunks, SyncStore } from './store';
import { SubmissionService } from './submissions';

export interface SyncServiceDeps {
  db: ServerDatabase;
  services: Services;
  config: ServerConfig;
  options: SyncServerOptions;
  now?: () => Date;
  /** Defaults to a folder under `config.blobDir`. */
  storage?: BlobStorage;
}

/** Who a batch of changes comes from, once authenticated (or trusted, for a package import). */
export interface ChangeSource {
  unitId: string;
  deviceId: string;
  accountId: string | null;
  source: 'push' | 'package';
}

const ROW_CHUNK = 400;

/**
 * Sync of one school's rows with the department server: hello, push (exactly once per change
 * id, numbered per school, merged per field), pull by cursor. Blobs and submissions hang off
 * it. Authorisation: every call acts for a school account on its own school
 * (`dossier.submit` on the account's unit).
 */
export class SyncService {
  readonly store: SyncStore;
  readonly blobs: BlobService;
  readonly submissions: SubmissionService;
  readonly now: () => Date;

  constructor(readonly deps: SyncServiceDeps) {
    this.store = new SyncStore(deps.db);
    this.now = deps.now ?? (() => new Date());
    const storage = deps.storage ?? new FolderBlobStorage(deps.config.blobDir);
    this.blobs = new BlobService(this, storage);
    this.submissions = new SubmissionService(this);
  }

  get maxBlobBytes(): number {
    return this.deps.config.maxBlobBytes;
  }

  /** The school the actor syncs for; 403 unless it is a school account on its own unit. */
  async schoolOf(actor: AccountActor): Promise<OrgUnitRow> {
    if (!(await this.deps.services.can(actor, 'dossier.submit', { unitId: actor.orgUnitId }))) {
      throw forbidden('Chỉ tài khoản của trường mới được đồng bộ dữ liệu của trường.');
    }
    const unit = await this.deps.db.ds.manager.getRepository<OrgUnitRow>(E.OrgUnit).findOneBy({ id: actor.orgUnitId });
    if (!unit) throw notFound('UNIT_NOT_FOUND', 'Không tìm thấy trường của tài khoản này.');
    return unit;
  }

  async hello(actor: AccountActor): Promise<HelloResponse> {
    const unit = await this.schoolOf(actor);
    const state = await this.store.tx((m) => this.lockUnit(m, unit.id, false));
    return {
      protocol: SYNC_PROTOCOL_VERSION,
      serverVersion: SERVER_VERSION,
      streamId: state.streamId,
      serverSeq: state.lastSeq,
      unit: { id: unit.id, code: unit.code, name: unit.name, kind: unit.kind },
      account: { username: actor.username, role: actor.role },
      limits: {
        maxPushChanges: SYNC_LIMITS.maxPushChanges,
        maxPushBytes: SYNC_LIMITS.maxPushBytes,
        maxPullLimit: SYNC_LIMITS.maxPullLimit,
        maxBlobBytes: this.maxBlobBytes,
        blobChunkBytes: SYNC_LIMITS.blobChunkBytes,
      },
    };
  }

  /** Creates the school's sync state on first use; locks it (PostgreSQL) for the transaction. */
  async lockUnit(m: EntityManager, unitId: string, forUpdate = true): Promise<{ lastSeq: number; streamId: string }> {
    const s = this.store;
    await m.query(
      `INSERT INTO sync_unit_state (unit_id, stream_id, last_seq, updated_at) VALUES (${s.list(1, 3)}, ${s.p(4)})
       ON CONFLICT (unit_id) DO NOTHING`,
      [unitId, uuidv4(), 0, this.sqlTime(this.now())],
    );
    const lock = forUpdate && s.dialect === 'postgres' ? ' FOR UPDATE' : '';
    const rows: { last_seq: number | string; stream_id: string }[] = await m.query(
      `SELECT last_seq, stream_id FROM sync_unit_state WHERE unit_id = ${s.p(1)}${lock}`,
      [unitId],
    );
    return { lastSeq: Number(rows[0]!.last_seq), streamId: rows[0]!.stream_id };
  }

  /** `(…), (…)` placeholders for a multi-row VALUES. */
  private valuesList(rows: number, cols: number): string {
    const out: string[] = [];
    for (let r = 0; r < rows; r++) out.push(`(${this.store.list(r * cols + 1, cols)})`);
    return out.join(', ');
  }

  /** A time for raw SQL: a Date for pg; TypeORM's UTC datetime text for SQLite. */
  sqlTime(d: Date): Date | string {
    return this.store.dialect === 'postgres' ? d : d.toISOString().replace('T', ' ').replace('Z', '');
  }

  async push(actor: AccountActor, deviceId: string, req: PushRequest): Promise<PushResponse> {
    const unit = await this.schoolOf(actor);
    return this.applyChanges({ unitId: unit.id, deviceId, accountId: actor.accountId, source: 'push' }, req);
  }

  /**
   * Applies a batch exactly once per change id, in one transaction: duplicates return the
   * sequence they got the first time; each new change gets the next sequence of the school,
   * is merged into its row, and may raise conflict records (numbered right after it).
   * A bulk delete without confirmation refuses the whole batch (409) and changes nothing.
   */
  async applyChanges(src: ChangeSource, req: PushRequest): Promise<PushResponse> {
    try {
      return await this.applyOnce(src, req);
    } catch (err) {
      // Two requests raced past the duplicate check with the same change id: the loser
      // retries once and now sees the winner's row as a duplicate.
      if (isUniqueViolation(err)) return this.applyOnce(src, req);
      throw err;
    }
  }

  private async applyOnce(src: ChangeSource, req: PushRequest): Promise<PushResponse> {
    const results: PushResult[] = new Array(req.changes.length);
    const candidates: { i: number; c: WireChange }[] = [];
    req.changes.forEach((c, i) => {
      const reason = checkChange(c);
      if (reason) results[i] = { changeId: c.changeId, status: 'rejected', code: 'INVALID_CHANGE', message: reason };
      else candidates.push({ i, c });
    });
    const nowDate = this.now();
    const nowIso = nowDate.toISOString();
    const s = this.store;

    return s.tx(async (m) => {
      const state = await this.lockUnit(m, src.unitId);
      // Duplicates: known change ids (from any earlier push or package).
      const known = new Map<string, { unitId: string; seq: number }>();
      for (const part of chunks(
        candidates.map((x) => x.c.changeId),
        ROW_CHUNK,
      )) {
        if (part.length === 0) continue;
        const rows: { unit_id: string; seq: number; change_id: string }[] = await m.query(
          `SELECT unit_id, seq, change_id FROM sync_change WHERE change_id IN (${s.list(1, part.length)})`,
          part,
        );
        for (const r of rows) known.set(String(r.change_id).toLowerCase(), { unitId: r.unit_id, seq: Number(r.seq) });
      }
      const fresh: { i: number; c: WireChange }[] = [];
      const firstInBatch = new Map<string, number>();
      for (const x of candidates) {
        const key = x.c.changeId.toLowerCase();
        const k = known.get(key);
        if (k) {
          results[x.i] =
            k.unitId === src.unitId
              ? { changeId: x.c.changeId, status: 'duplicate', seq: k.seq }
              : { changeId: x.c.changeId, status: 'rejected', code: 'CHANGE_ID_TAKEN', message: 'Mã thay đổi đã được dùng.' };
        } else if (firstInBatch.has(key)) {
          results[x.i] = { changeId: x.c.changeId, status: 'duplicate' };
        } else {
          firstInBatch.set(key, x.i);
          fresh.push(x);
        }
      }

      // Current state of every row the batch touches.
      const rows = new Map<string, RowState>();
      const byEntity = new Map<string, Set<string>>();
      for (const { c } of fresh) {
        if (!byEntity.has(c.entity)) byEntity.set(c.entity, new Set());
        byEntity.get(c.entity)!.add(c.rowId);
      }
      for (const [entity, ids] of byEntity) {
        for (const part of chunks([...ids], ROW_CHUNK)) {
          const found: {
            row_id: string;
            data: string;
            field_meta: string;
            deleted: boolean | number;
            created_seq: number;
            updated_seq: number;
          }[] = await m.query(
            `SELECT row_id, data, field_meta, deleted, created_seq, updated_seq FROM sync_row
               WHERE unit_id = ${s.p(1)} AND entity = ${s.p(2)} AND row_id IN (${s.list(3, part.length)})`,
            [src.unitId, entity, ...part],
          );
          for (const r of found) {
            rows.set(`${entity}\u0000${r.row_id}`, {
              data: JSON.parse(r.data),
              meta: JSON.parse(r.field_meta),
              deleted: Boolean(r.deleted),
              createdSeq: Number(r.created_seq),
              updatedSeq: Number(r.updated_seq),
              isNew: false,
            });
          }
        }
      }

      // The bulk-delete breaker: deletes of rows the server holds (not ones born in this batch).
      const deletes: Record<string, number> = {};
      const inserted = new Set<string>();
      for (const { c } of fresh) {
        const key = `${c.entity}\u0000${c.rowId}`;
        if (c.op === 'insert' && !rows.has(key)) inserted.add(key);
        if (isDeleteChange(c) && !inserted.has(key) && rows.has(key) && !rows.get(key)!.deleted) {
          deletes[c.entity] = (deletes[c.entity] ?? 0) + 1;
        }
      }
      if (Object.keys(deletes).length > 0 && !req.confirmBulkDelete) {
        const entities = Object.keys(deletes);
        const counts: { entity: string; n: number | string }[] = await m.query(
          `SELECT entity, COUNT(*) AS n FROM sync_row WHERE unit_id = ${s.p(1)} AND deleted = ${s.dialect === 'postgres' ? 'false' : '0'}
           AND entity IN (${s.list(2, entities.length)}) GROUP BY entity`,
          [src.unitId, ...entities],
        );
        const live: Record<string, number> = {};
        for (const r of counts) live[r.entity] = Number(r.n);
        const verdict = bulkDeleteVerdict(deletes, live);
        if (verdict.needsConfirmation) {
          throw new ServiceError(409, SYNC_ERROR_CODES.bulkDelete, bulkDeleteMessage(verdict));
        }
      }

      // Number, merge, record.
      let seq = state.lastSeq;
      const changeRows: SyncChangeRow[] = [];
      const dirty = new Map<string, { entity: string; rowId: string; state: RowState }>();
      let conflicts = 0;
      for (const { i, c } of fresh) {
        seq++;
        const data = travellingData(c);
        const key = `${c.entity}\u0000${c.rowId}`;
        const merged = mergeChange(rows.get(key), c, data, seq, src.deviceId, nowIso);
        rows.set(key, merged.row);
        dirty.set(key, { entity: c.entity, rowId: c.rowId, state: merged.row });
        changeRows.push({
          unitId: src.unitId,
          seq,
          changeId: c.changeId,
          deviceId: src.deviceId,
          accountId: src.accountId,
          entity: c.entity,
          rowId: c.rowId,
          op: c.op,
          data: JSON.stringify(data),
          base: c.base && Object.keys(c.base).length > 0 ? JSON.stringify(c.base) : null,
          clientRev: c.rev,
          clientAt: c.at.slice(0, 40),
          actor: c.actor?.slice(0, 64) ?? null,
          source: src.source,
          receivedAt: nowDate,
        });
        results[i] = { changeId: c.changeId, status: 'applied', seq };
        for (const raised of merged.conflicts) {
          seq++;
          conflicts++;
          const conflictKey = `${CONFLICT_ENTITY}\u0000${raised.rowId}`;
          const conflictRow: RowState = {
            data: { ...raised.data },
            meta: {},
            deleted: false,
            createdSeq: seq,
            updatedSeq: seq,
            isNew: true,
          };
          rows.set(conflictKey, conflictRow);
          dirty.set(conflictKey, { entity: CONFLICT_ENTITY, rowId: raised.rowId, state: conflictRow });
          changeRows.push({
            unitId: src.unitId,
            seq,
            changeId: raised.changeId,
            deviceId: null,
            accountId: null,
            entity: CONFLICT_ENTITY,
            rowId: raised.rowId,
            op: 'insert',
            data: JSON.stringify(raised.data),
            base: null,
            clientRev: 1,
            clientAt: nowIso,
            actor: null,
            source: 'server',
            receivedAt: nowDate,
          });
        }
      }

      // Plain multi-row SQL: TypeORM's query builder spends more time on 7,000 parameters than
      // the database does on the insert (measured with bench/sync.bench.ts).
      const at = this.sqlTime(nowDate);
      for (const part of chunks(changeRows, ROW_CHUNK)) {
        await m.query(
          `INSERT INTO sync_change (unit_id, seq, change_id, device_id, account_id, entity, row_id, op, data, base, client_rev, client_at, actor, source, received_at)
           VALUES ${this.valuesList(part.length, 15)}`,
          part.flatMap((r) => [
            r.unitId,
            r.seq,
            r.changeId,
            r.deviceId,
            r.accountId,
            r.entity,
            r.rowId,
            r.op,
            r.data,
            r.base,
            r.clientRev,
            r.clientAt,
            r.actor,
            r.source,
            at,
          ]),
        );
      }
      const upserts = [...dirty.values()];
      for (const part of chunks(upserts, ROW_CHUNK)) {
        await m.query(
          `INSERT INTO sync_row (unit_id, entity, row_id, data, field_meta, deleted, created_seq, updated_seq, updated_at)
           VALUES ${this.valuesList(part.length, 9)}
           ON CONFLICT (unit_id, entity, row_id) DO UPDATE SET data = excluded.data, field_meta = excluded.field_meta,
             deleted = excluded.deleted, updated_seq = excluded.updated_seq, updated_at = excluded.updated_at`,
          part.flatMap(({ entity, rowId, state: st }) => [
            src.unitId,
            entity,
            rowId,
            JSON.stringify(st.data),
            JSON.stringify(st.meta),
            s.dialect === 'postgres' ? st.deleted : st.deleted ? 1 : 0,
            st.createdSeq,
            st.updatedSeq,
            at,
          ]),
        );
      }
      if (seq !== state.lastSeq) {
        await m.query(`UPDATE sync_unit_state SET last_seq = ${s.p(1)}, updated_at = ${s.p(2)} WHERE unit_id = ${s.p(3)}`, [
          seq,
          this.sqlTime(nowDate),
          src.unitId,
        ]);
      }
      return { results, conflicts, serverSeq: seq };
    });
  }

  /**
   * One page of the school's changes after `after`, as a ready JSON string: each change's
   * data is spliced in as stored (no parse and re-serialise of 500 rows per page).
   */
  async pull(actor: AccountActor, after: number, limit: number): Promise<string> {
    const unit = await this.schoolOf(actor);
    return this.pullUnit(unit.id, after, limit);
  }

  async pullUnit(unitId: string, after: number, limit: number): Promise<string> {
    const s = this.store;
    const { rows, state } = await this.store.read(async (m) => {
      const st: { last_seq: number | string; stream_id: string }[] = await m.query(
        `SELECT last_seq, stream_id FROM sync_unit_state WHERE unit_id = ${s.p(1)}`,
        [unitId],
      );
      const rows: {
        seq: number;
        change_id: string;
        entity: string;
        row_id: string;
        op: string;
        data: string;
        client_at: string;
        actor: string | null;
      }[] = await m.query(
        `SELECT seq, change_id, entity, row_id, op, data, client_at, actor FROM sync_change
         WHERE unit_id = ${s.p(1)} AND seq > ${s.p(2)} ORDER BY seq LIMIT ${s.p(3)}`,
        [unitId, after, limit + 1],
      );
      return {
        rows,
        state: st[0] ? { lastSeq: Number(st[0].last_seq), streamId: st[0].stream_id } : { lastSeq: 0, streamId: '' },
      };
    });
    const hasMore = rows.length > limit;
    const page = hasMore ? rows.slice(0, limit) : rows;
    const parts = page.map(
      (r) =>
        `{"seq":${Number(r.seq)},"changeId":${JSON.stringify(String(r.change_id))},"entity":${JSON.stringify(r.entity)},` +
        `"rowId":${JSON.stringify(r.row_id)},"op":${JSON.stringify(r.op)},"data":${r.data},` +
        `"at":${JSON.stringify(r.client_at)},"actor":${JSON.stringify(r.actor ?? null)}}`,
    );
    const lastSeq = page.length > 0 ? Number(page[page.length - 1]!.seq) : after;
    return (
      `{"changes":[${parts.join(',')}],"lastSeq":${lastSeq},"serverSeq":${state.lastSeq},` +
      `"hasMore":${hasMore},"streamId":${JSON.stringify(state.streamId)}}`
    );
  }

  /** Current merged rows of a school (tests, the department's views, the bench's checks). */
  async rowsOf(
    unitId: string,
    entity?: string,
  ): Promise<{ entity: string; rowId: string; data: Record<string, unknown>; deleted: boolean }[]> {
    const s = this.store;
    const rows: { entity: string; row_id: string; data: string; deleted: boolean | number }[] = await this.store.read((m) =>
      m.query(
        `SELECT entity, row_id, data, deleted FROM sync_row WHERE unit_id = ${s.p(1)}${entity ? ` AND entity = ${s.p(2)}` : ''}
         ORDER BY entity, row_id`,
        entity ? [unitId, entity] : [unitId],
      ),
    );
    return rows.map((r) => ({ entity: r.entity, rowId: r.row_id, data: JSON.parse(r.data), deleted: Boolean(r.deleted) }));
  }

  async changeCount(unitId: string): Promise<number> {
    const s = this.store;
    const [r]: { n: number | string }[] = await this.store.read((m) =>
      m.query(`SELECT COUNT(*) AS n FROM sync_change WHERE unit_id = ${s.p(1)}`, [unitId]),
    );
    return Number(r!.n);
  }
}

export { BULK_DELETE };
