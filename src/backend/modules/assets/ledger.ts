import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import {
  canLiquidate,
  decisionAuthority,
  disposalDeadline,
  findWearRow,
  liquidationSaleMethod,
  proportionVnd,
  type EffectiveWearCatalog,
} from '../../../core/assets';
import { RpcError } from '../../../contract/rpc';
import type {
  AssetEvent,
  AssetTask,
  disposalCheckSchema,
  disposalDecisionInputSchema,
  disposalExecutionInputSchema,
  disposalRequestInputSchema,
  writeOffInputSchema,
} from '../../../contract/schemas/assets';
import type { SyncTx } from '../../db/sync-tx';
import type { AssetCatalogs } from './catalogs';
import { appendEvent, assertActive, changeAsset, eventDto, liveAsset, settingsOf, todayIso } from './common';
import { AssetEntity, AssetEventEntity, type AssetEventRow, type AssetRow } from './entities';
import { repairsBooked } from './register';

type DisposalCheck = z.infer<typeof disposalCheckSchema>;
type Settings = ReturnType<typeof settingsOf>;

// ───────────────────────────── state at a date ─────────────────────────────

/**
 * The asset as of the end of `date`, from the ledger alone: the `recognise` event's `after`
 * is the starting state; every later event (by date, then creation order) applies its `after`.
 */
export async function stateAt(m: EntityManager, id: string, date: string) {
  const exists = await m.getRepository(AssetEntity).findOneBy({ id });
  if (!exists) throw new RpcError('NOT_FOUND', 'Không tìm thấy tài sản.');
  const rows = (await m.query(`SELECT id, type, payload FROM asset_event WHERE assetId = ? AND date <= ? ORDER BY date, id`, [
    id,
    date,
  ])) as {
    id: string;
    type: string;
    payload: string;
  }[];
  let fields: Record<string, unknown> = {};
  let recognised = false;
  for (const r of rows) {
    const p = JSON.parse(r.payload) as { after?: Record<string, unknown> };
    if (r.type === 'recognise') {
      fields = { ...(p.after ?? {}) };
      recognised = true;
    } else if (p.after) Object.assign(fields, p.after);
  }
  const f = (k: string) => (k in fields ? (fields[k] as never) : null);
  return {
    exists: recognised,
    code: f('code'),
    name: f('name'),
    roomId: f('roomId'),
    custodian: f('custodian'),
    quantity: f('quantity'),
    costVnd: f('costVnd'),
    accumulatedWearVnd: f('accumulatedWearVnd'),
    remainingVnd: f('remainingVnd'),
    condition: f('condition'),
    lifecycleState: f('lifecycleState'),
    fields,
    eventCount: rows.length,
    lastEventId: rows.length ? rows[rows.length - 1]!.id : null,
  };
}

// ───────────────────────────── disposal (NĐ 186/2025) ─────────────────────────────

const LIQUIDATION = new Set(['sale', 'scrap']);
const STATE_AFTER: Record<string, string> = {
  transfer: 'transferred_out',
  sale: 'liquidated',
  scrap: 'liquidated',
  destroy: 'destroyed',
  loss: 'lost',
};

function lifeOf(a: AssetRow, wear: EffectiveWearCatalog): number | null {
  if (a.usefulLifeYears) return a.usefulLifeYears;
  if (a.wearRatePercent) return Math.ceil(100 / a.wearRatePercent - 0.01);
  const row = a.wearGroupKey ? findWearRow(wear, a.wearGroupKey) : undefined;
  return row?.usefulLifeYears ?? null;
}

export async function disposalCheck(
  m: EntityManager,
  cats: AssetCatalogs,
  wear: EffectiveWearCatalog,
  settings: Settings,
  a: AssetRow,
  opts: { asOf?: string | undefined; repairEstimateVnd?: number | null | undefined; revaluedVnd?: number | null | undefined },
): Promise<DisposalCheck> {
  const rules = cats.disposal;
  const putInUse = a.putInUseDate ?? a.bookedDate ?? a.documentDate ?? a.createdAt.slice(0, 10);
  const unitCost = a.quantity > 1 ? proportionVnd(a.costVnd, 1, a.quantity) : a.costVnd;
  const liquidation = canLiquidate(
    {
      putInUseDate: putInUse,
      usefulLifeYears: lifeOf(a, wear),
      costVnd: a.costVnd > 0 ? unitCost : null,
      repairEstimateVnd: opts.repairEstimateVnd ?? null,
      asOf: opts.asOf ?? todayIso(),
    },
    rules,
  );
  const authority = decisionAuthority(a.costVnd > 0 ? unitCost : null, rules, {
    action: 'liquidation',
    revaluedVnd: opts.revaluedVnd ?? null,
    selfFunded: settings.selfFunded,
    delegated: settings.disposalDelegated,
  });
  const saleMethod =
    opts.revaluedVnd !== null && opts.revaluedVnd !== undefined
      ? liquidationSaleMethod(
          {
            costVnd: unitCost,
            revaluedVnd: opts.revaluedVnd,
            isFixedAsset: a.category === 'fixed',
            isCar: a.assetClass === 'tangible.3',
          },
          rules,
        )
      : null;
  return { liquidation, authority, saleMethod, repairsBookedVnd: await repairsBooked(m, a.id) };
}

interface Stage {
  request: AssetEventRow | null;
  decision: AssetEventRow | null;
}

/** The disposal in progress: the last request and, if any, the decision on it (none once executed). */
async function disposalStage(m: EntityManager, assetId: string): Promise<Stage> {
  const rows = await m.getRepository(AssetEventEntity).find({
    where: [
      { assetId, type: 'disposal_request' },
      { assetId, type: 'disposal_decision' },
      { assetId, type: 'disposal_execution' },
    ],
    order: { date: 'ASC', id: 'ASC' },
  });
  let request: AssetEventRow | null = null;
  let decision: AssetEventRow | null = null;
  for (const r of rows) {
    if (r.type === 'disposal_request') {
      request = r;
      decision = null;
    } else if (r.type === 'disposal_decision') {
      const approved = (JSON.parse(r.payload) as { approved?: boolean }).approved;
      if (approved) decision = r;
      else {
        request = null;
        decision = null;
      }
    } else {
      request = null;
      decision = null;
    }
  }
  return { request, decision };
}

export async function requestDisposal(
  tx: SyncTx,
  cats: AssetCatalogs,
  wear: EffectiveWearCatalog,
  settings: Settings,
  input: z.output<typeof disposalRequestInputSchema>,
): Promise<{ row: AssetRow; check: DisposalCheck }> {
  const a = await liveAsset(tx.manager, input.id);
  assertActive(a, 'đề nghị xử lý');
  if ((await disposalStage(tx.manager, a.id)).request) {
    throw new RpcError('CONFLICT', `Tài sản ${a.code} đang có đề nghị xử lý chưa hoàn tất.`);
  }
  const check = await disposalCheck(tx.manager, cats, wear, settings, a, {
    asOf: input.date,
    repairEstimateVnd: input.repairEstimateVnd,
    revaluedVnd: input.revaluedVnd,
  });
  if (LIQUIDATION.has(input.method) && !check.liquidation.allowed) {
    const why = [...check.liquidation.notes, 'Chưa hết hạn sử dụng và chi phí sửa chữa dự kiến không vượt 30% nguyên giá'].join(
      ' ',
    );
    throw new RpcError('VALIDATION', `Chưa đủ điều kiện thanh lý tài sản ${a.code} (NĐ 186/2025 Điều 29 khoản 1). ${why}`, {
      method: 'Chưa đủ điều kiện thanh lý',
    });
  }
  // Transfers are decided above the school (NĐ 186/2025 Điều 20–21, 57).
  const authority =
    input.method === 'transfer'
      ? {
          decider: 'superior' as const,
          label: 'Chủ tịch UBND cấp tỉnh hoặc cơ quan được phân cấp quyết định điều chuyển',
          reason: 'Nhà trường không tự quyết định điều chuyển tài sản',
          article: 'NĐ 186/2025 Điều 20, 21, 57',
          verified: false,
        }
      : check.authority;
  const { row } = await changeAsset(
    tx,
    a,
    'disposal_request',
    { lifecycleState: 'pending_disposal' },
    {
      ...input,
      always: true,
      payload: {
        method: input.method,
        reason: input.reason,
        repairEstimateVnd: input.repairEstimateVnd,
        revaluedVnd: input.revaluedVnd,
        reasons: check.liquidation.reasons,
        authority,
      },
    },
  );
  return { row, check: { ...check, authority } };
}

export async function decideDisposal(tx: SyncTx, input: z.output<typeof disposalDecisionInputSchema>): Promise<AssetRow> {
  const a = await liveAsset(tx.manager, input.id);
  const stage = await disposalStage(tx.manager, a.id);
  if (!stage.request || stage.decision)
    throw new RpcError('CONFLICT', `Tài sản ${a.code} không có đề nghị xử lý đang chờ quyết định.`);
  const req = JSON.parse(stage.request.payload) as { method: string; before?: { lifecycleState?: string } };
  const patch: Partial<AssetRow> = input.approved ? {} : { lifecycleState: req.before?.lifecycleState ?? 'in_use' };
  const { row } = await changeAsset(tx, a, 'disposal_decision', patch, {
    ...input,
    always: true,
    refId: stage.request.id,
    payload: { approved: input.approved, decidedBy: input.decidedBy, method: req.method, requestId: stage.request.id },
  });
  return row;
}

export async function executeDisposal(tx: SyncTx, input: z.output<typeof disposalExecutionInputSchema>): Promise<AssetRow> {
  const a = await liveAsset(tx.manager, input.id);
  const stage = await disposalStage(tx.manager, a.id);
  if (!stage.decision || !stage.request) throw new RpcError('CONFLICT', `Tài sản ${a.code} chưa có quyết định xử lý được duyệt.`);
  const method = (JSON.parse(stage.request.payload) as { method: string }).method;
  const sameFamily = method === input.method || (LIQUIDATION.has(method) && LIQUIDATION.has(input.method));
  if (!sameFamily)
    throw new RpcError('VALIDATION', `Hình thức thực hiện (${input.method}) khác hình thức đã được quyết định (${method}).`, {
      method: 'Khác quyết định',
    });
  const { row } = await changeAsset(
    tx,
    a,
    'disposal_execution',
    { lifecycleState: STATE_AFTER[input.method]!, disposalCandidate: false },
    {
      ...input,
      refId: stage.decision.id,
      payload: {
        method: input.method,
        proceedsVnd: input.proceedsVnd,
        recipient: input.recipient,
        decisionId: stage.decision.id,
      },
    },
  );
  return row;
}

function reduceCounts(counts: string | null, by: number): string | null {
  if (!counts) return null;
  const c = JSON.parse(counts) as Record<string, number>;
  // Take broken units first, then the rest, largest first.
  const order = Object.keys(c).sort(
    (x, y) => Number(/hu_hong|khong_su_dung/.test(y)) - Number(/hu_hong|khong_su_dung/.test(x)) || c[y]! - c[x]!,
  );
  let left = by;
  for (const k of order) {
    const take = Math.min(left, c[k]!);
    c[k]! -= take;
    left -= take;
    if (c[k] === 0) delete c[k];
  }
  return Object.keys(c).length ? JSON.stringify(c) : null;
}

/** Patch that removes `q` units of a set pro rata (cost, accumulated wear). */
export function partialRemoval(a: AssetRow, q: number): Partial<AssetRow> {
  const costOut = proportionVnd(a.costVnd, q, a.quantity);
  const accOut = proportionVnd(a.accumulatedWearVnd, q, a.quantity);
  return {
    quantity: a.quantity - q,
    costVnd: a.costVnd - costOut,
    accumulatedWearVnd: a.accumulatedWearVnd - accOut,
    conditionCounts: reduceCounts(a.conditionCounts, q),
  };
}

export async function writeOff(
  tx: SyncTx,
  input: z.output<typeof writeOffInputSchema> & { refId?: string | null; kind?: string },
): Promise<AssetRow> {
  const a = await liveAsset(tx.manager, input.id);
  assertActive(a, 'ghi giảm');
  const q = Math.min(input.quantity ?? a.quantity, a.quantity);
  const whole = q >= a.quantity;
  const patch: Partial<AssetRow> = whole ? { lifecycleState: 'lost', disposalCandidate: false } : partialRemoval(a, q);
  const { row } = await changeAsset(tx, a, 'write_off', patch, {
    ...input,
    always: true,
    payload: {
      quantity: q,
      whole,
      reason: input.reason,
      costVnd: whole ? a.costVnd : a.costVnd - (patch.costVnd as number),
      article: 'NĐ 186/2025 Điều 61',
    },
  });
  return row;
}

// ───────────────────────────── tasks and declarations ─────────────────────────────

/** Recognitions that must be declared to the public-asset database: land, buildings, cars. */
const DECLARED_CLASSES = new Set(['intangible.1', 'tangible.1', 'tangible.2', 'tangible.3']);

export async function tasks(m: EntityManager, cats: AssetCatalogs, asOf: string, includeDone: boolean): Promise<AssetTask[]> {
  const rows = (await m.query(
    `SELECT e.id, e.assetId, e.type, e.date, e.payload, e.refId, a.code, a.name, a.assetClass FROM asset_event e JOIN asset a ON a.id = e.assetId
     WHERE e.type IN ('disposal_request','disposal_decision','disposal_execution','write_off','declaration','recognise') ORDER BY e.date, e.id`,
  )) as {
    id: string;
    assetId: string;
    type: string;
    date: string;
    payload: string;
    refId: string | null;
    code: string;
    name: string;
    assetClass: string;
  }[];
  const rules = cats.disposal;
  const declared = new Set<string>();
  for (const r of rows) if (r.type === 'declaration') declared.add((JSON.parse(r.payload) as { forEventId: string }).forEventId);
  const decided = new Set(rows.filter((r) => r.type === 'disposal_decision').map((r) => r.refId));
  const executed = new Set(rows.filter((r) => r.type === 'disposal_execution').map((r) => r.refId));
  const out: AssetTask[] = [];
  const push = (kind: AssetTask['kind'], key: string, r: (typeof rows)[number], done: boolean) => {
    if (done && !includeDone) return;
    const d = disposalDeadline(key, r.date, rules);
    const daysLeft = Math.round((Date.parse(d.dueDate) - Date.parse(asOf)) / 86_400_000);
    out.push({
      kind,
      label: d.label,
      assetId: r.assetId,
      code: r.code,
      name: r.name,
      eventId: r.id,
      eventDate: r.date,
      dueDate: d.dueDate,
      daysLeft,
      overdue: !done && daysLeft < 0,
      article: d.article,
    });
  };
  for (const r of rows) {
    const p = JSON.parse(r.payload) as { method?: string; approved?: boolean; origin?: string };
    if (r.type === 'disposal_request') {
      push(
        p.method === 'transfer' ? 'transfer_decision' : 'liquidation_decision',
        p.method === 'transfer' ? 'transfer_decision' : 'liquidation_decision',
        r,
        decided.has(r.id),
      );
    } else if (r.type === 'disposal_decision' && p.approved) {
      const building = r.assetClass === 'tangible.1' || r.assetClass === 'tangible.2';
      if (p.method === 'transfer') push('transfer_handover', 'transfer_handover', r, executed.has(r.id));
      else
        push(
          'liquidation_execution',
          building ? 'liquidation_execution_building' : 'liquidation_execution',
          r,
          executed.has(r.id),
        );
    } else if (
      r.type === 'disposal_execution' ||
      r.type === 'write_off' ||
      (r.type === 'recognise' && DECLARED_CLASSES.has(r.assetClass))
    ) {
      push('declaration', 'declaration', r, declared.has(r.id));
    }
  }
  return out.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
}

export async function markDeclared(
  tx: SyncTx,
  eventId: string,
  documentNo: string,
  date: string | undefined,
): Promise<AssetEvent> {
  const ev = await tx.manager.getRepository(AssetEventEntity).findOneBy({ id: eventId });
  if (!ev || !['disposal_execution', 'write_off', 'recognise'].includes(ev.type)) {
    throw new RpcError('NOT_FOUND', 'Không tìm thấy nghiệp vụ cần kê khai (ghi tăng, ghi giảm).');
  }
  const done = (await tx.manager.query(`SELECT id FROM asset_event WHERE type = 'declaration' AND refId = ?`, [
    eventId,
  ])) as unknown[];
  if (done.length) throw new RpcError('CONFLICT', 'Nghiệp vụ này đã được kê khai.');
  const row = await appendEvent(tx, ev.assetId, 'declaration', {
    date,
    documentNo,
    refId: eventId,
    payload: { forEventId: eventId, forType: ev.type, article: 'NĐ 186/2025 Điều 21 khoản 4, Điều 29 khoản 4' },
  });
  return eventDto(row);
}
