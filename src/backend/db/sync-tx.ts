import type { EntityManager, EntitySchema, ObjectLiteral } from 'typeorm';
import { RpcError } from '../../contract/rpc';
import { newId, nowIso } from './clock';
import { ChangeLogEntity, type SyncedRow } from './entities';
import { SYNCED_BASE_KEYS } from './entities/base';

type Data<T extends SyncedRow> = Omit<T, (typeof SYNCED_BASE_KEYS)[number]> & { id?: string };

/**
 * A write transaction. Synced rows are written only through insert/update/remove here, which
 * stamp the base columns and append the change-log row inside the same transaction: a change
 * is either in both the table and the log, or in neither.
 */
export class SyncTx {
  constructor(
    readonly manager: EntityManager,
    readonly actor: string | null,
  ) {}

  async insert<T extends SyncedRow>(schema: EntitySchema<T>, data: Data<T>): Promise<T> {
    const now = nowIso();
    const row = { ...data, id: data.id ?? newId(), createdAt: now, updatedAt: now, deletedAt: null, rev: 1 } as unknown as T;
    await this.manager.getRepository(schema).insert(row as never);
    await this.log(schema, row.id, 'insert', 1, row);
    return row;
  }

  /** Updates the given fields; logs only the fields whose value really changed. */
  async update<T extends SyncedRow>(schema: EntitySchema<T>, id: string, patch: Partial<Data<T>>, expectedRev?: number): Promise<T> {
    const repo = this.manager.getRepository(schema);
    const current = (await repo.findOneBy({ id } as never)) as T | null;
    if (!current || current.deletedAt) throw new RpcError('NOT_FOUND', 'Không tìm thấy bản ghi cần sửa.');
    if (expectedRev !== undefined && current.rev !== expectedRev) {
      throw new RpcError('CONFLICT', 'Dữ liệu vừa được người khác sửa. Hãy tải lại rồi sửa tiếp.');
    }
    const changed: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined || (SYNCED_BASE_KEYS as readonly string[]).includes(key)) continue;
      if ((current as ObjectLiteral)[key] !== value) changed[key] = value;
    }
    if (Object.keys(changed).length === 0) return current;
    const stamp = { updatedAt: nowIso(), rev: current.rev + 1 };
    await repo.update({ id } as never, { ...changed, ...stamp } as never);
    await this.log(schema, id, 'update', stamp.rev, { ...changed, updatedAt: stamp.updatedAt });
    return { ...current, ...changed, ...stamp };
  }

  /**
   * Marks a row changed without changing its fields: a parent whose children changed (the
   * school when only its sites did) gets a new rev, so `expectedRev` catches the conflict.
   */
  async touch<T extends SyncedRow>(schema: EntitySchema<T>, id: string, expectedRev?: number): Promise<T> {
    const repo = this.manager.getRepository(schema);
    const current = (await repo.findOneBy({ id } as never)) as T | null;
    if (!current || current.deletedAt) throw new RpcError('NOT_FOUND', 'Không tìm thấy bản ghi cần sửa.');
    if (expectedRev !== undefined && current.rev !== expectedRev) {
      throw new RpcError('CONFLICT', 'Dữ liệu vừa được người khác sửa. Hãy tải lại rồi sửa tiếp.');
    }
    const stamp = { updatedAt: nowIso(), rev: current.rev + 1 };
    await repo.update({ id } as never, stamp as never);
    await this.log(schema, id, 'update', stamp.rev, { updatedAt: stamp.updatedAt });
    return { ...current, ...stamp };
  }

  /** Tombstones the row: it stays, marked deleted, so the delete can be synced. */
  async remove<T extends SyncedRow>(schema: EntitySchema<T>, id: string): Promise<void> {
    const repo = this.manager.getRepository(schema);
    const current = (await repo.findOneBy({ id } as never)) as T | null;
    if (!current || current.deletedAt) return;
    const now = nowIso();
    const stamp = { deletedAt: now, updatedAt: now, rev: current.rev + 1 };
    await repo.update({ id } as never, stamp as never);
    await this.log(schema, id, 'delete', stamp.rev, { deletedAt: stamp.deletedAt });
  }

  private async log<T extends SyncedRow>(
    schema: EntitySchema<T>,
    rowId: string,
    op: 'insert' | 'update' | 'delete',
    rev: number,
    data: unknown,
  ): Promise<void> {
    await this.manager.getRepository(ChangeLogEntity).insert({
      changeId: newId(),
      entity: schema.options.name,
      rowId,
      op,
      rev,
      data: JSON.stringify(data),
      at: nowIso(),
      actor: this.actor,
      pushedAt: null,
    });
  }
}
