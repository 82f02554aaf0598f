import { IsNull, MoreThan, type EntityManager } from 'typeorm';
import { findWearRow, yearlyWear, type EffectiveWearCatalog } from '../../../core/assets';
import { RpcError } from '../../../contract/rpc';
import { ACTIVE_STATES } from '../../../contract/schemas/assets';
import { newId, nowIso } from '../../db/clock';
import type { SyncTx } from '../../db/sync-tx';
import { bulkInsert, bulkUpdate } from './batch';
import { classLabel, type AssetCatalogs } from './catalogs';
import { eventData, hydrateAsset, settingsOf } from './common';
import { AssetEntity, AssetEventEntity, WearRunEntity, type AssetRow, type WearRunRow } from './entities';

type Settings = ReturnType<typeof settingsOf>;

export function wearRunDto(r: WearRunRow) {
  return {
    id: r.id,
    year: r.year,
    status: r.status as 'done' | 'reversed',
    assetCount: r.assetCount,
    totalVnd: r.totalVnd,
    runAt: r.runAt,
    actor: r.actor,
    reversedAt: r.reversedAt,
  };
}

interface WearPayload {
  year: number;
  annualVnd: number;
  before: { accumulatedWearVnd: number; remainingVnd: number; lastWearYear: number | null };
  after: { accumulatedWearVnd: number; remainingVnd: number; lastWearYear: number | null };
}

/** Reverses every wear event of a run: a `wear_reversal` event per asset, values restored. */
async function reverseRun(tx: SyncTx, run: WearRunRow): Promise<void> {
  const events = (await tx.manager.query(`SELECT id, assetId, payload FROM asset_event WHERE type = 'wear' AND refId = ?`, [
    run.id,
  ])) as {
    id: string;
    assetId: string;
    payload: string;
  }[];
  const assets = await loadAssets(
    tx.manager,
    events.map((e) => e.assetId),
  );
  const reversals = [];
  const updates: { current: AssetRow; patch: Partial<AssetRow> }[] = [];
  for (const e of events) {
    const p = JSON.parse(e.payload) as WearPayload;
    const a = assets.get(e.assetId);
    if (!a) continue;
    const acc = a.accumulatedWearVnd - p.annualVnd;
    const after = { accumulatedWearVnd: acc, remainingVnd: a.costVnd - acc, lastWearYear: p.before.lastWearYear };
    const before = { accumulatedWearVnd: a.accumulatedWearVnd, remainingVnd: a.remainingVnd, lastWearYear: a.lastWearYear };
    reversals.push({
      ...eventData(
        a.id,
        'wear_reversal',
        {
          date: `${run.year}-12-31`,
          refId: run.id,
          payload: { year: run.year, reversesEventId: e.id, annualVnd: -p.annualVnd, before, after },
          note: `Đảo bút toán hao mòn năm ${run.year} để tính lại`,
        },
        tx.actor,
      ),
    });
    updates.push({ current: a, patch: after });
  }
  await bulkInsert(tx, AssetEventEntity, reversals);
  await bulkUpdate(tx, AssetEntity, updates);
  await tx.update(WearRunEntity, run.id, { status: 'reversed', reversedAt: nowIso() });
}

async function loadAssets(m: EntityManager, ids: string[]): Promise<Map<string, AssetRow>> {
  const out = new Map<string, AssetRow>();
  for (let i = 0; i < ids.length; i += 900) {
    const chunk = ids.slice(i, i + 900);
    const rows = (await m.query(`SELECT * FROM asset WHERE id IN (${chunk.map(() => '?').join(',')})`, chunk)) as Record<
      string,
      unknown
    >[];
    for (const r of rows) out.set(r.id as string, hydrateAsset(r));
  }
  return out;
}

export async function runWear(
  tx: SyncTx,
  cats: AssetCatalogs,
  wear: EffectiveWearCatalog,
  settings: Settings,
  year: number,
  rerun: boolean,
) {
  const runs = tx.manager.getRepository(WearRunEntity);
  const later = await runs.findOne({
    where: { year: MoreThan(year), status: 'done', deletedAt: IsNull() },
    order: { year: 'DESC' },
  });
  if (later) throw new RpcError('CONFLICT', `Đã tính hao mòn năm ${later.year}; không thể tính (lại) năm ${year} trước đó.`);
  const existing = await runs.findOneBy({ year, status: 'done', deletedAt: IsNull() });
  if (existing && !rerun) {
    throw new RpcError(
      'CONFLICT',
      `Đã tính hao mòn năm ${year} (lúc ${existing.runAt}). Muốn tính lại, chọn "Tính lại": bút toán cũ sẽ được đảo trước.`,
    );
  }
  if (existing) await reverseRun(tx, existing);

  const rows = (
    (await tx.manager.query(
      `SELECT * FROM asset WHERE deletedAt IS NULL AND category = 'fixed' AND lifecycleState IN (${ACTIVE_STATES.map(() => '?').join(',')}) ORDER BY code`,
      [...ACTIVE_STATES],
    )) as Record<string, unknown>[]
  ).map(hydrateAsset);
  const exemptClasses = new Set(cats.classes.classes.filter((c) => c.wearExempt).map((c) => c.code));
  const runId = newId();
  const skipped: { assetId: string; code: string; reason: string }[] = [];
  const warnings: { assetId: string; code: string; message: string }[] = [];
  const events = [];
  const updates: { current: AssetRow; patch: Partial<AssetRow> }[] = [];
  let total = 0;
  const rounding = settings.roundingUnit;
  const method = wear.rounding.method;
  const firstYear = wear.firstYear.rule === 'months' ? 'monthsInUse' : 'fullYear';
  for (const a of rows) {
    const skip = (reason: string) => skipped.push({ assetId: a.id, code: a.code, reason });
    const start = a.putInUseDate ?? a.bookedDate;
    if (!start) {
      skip('Chưa có ngày đưa vào sử dụng');
      continue;
    }
    if (Number(start.slice(0, 4)) > year) continue;
    if (a.lastWearYear !== null && a.lastWearYear >= year) {
      skip(`Hao mòn đã tính đến năm ${a.lastWearYear} (theo sổ)`);
      continue;
    }
    const exempt = exemptClasses.has(a.assetClass)
      ? 'out_of_scope'
      : a.condition === 'khong_su_dung_duoc'
        ? 'broken_unusable'
        : null;
    const group = a.wearGroupKey ? findWearRow(wear, a.wearGroupKey) : undefined;
    const life = a.usefulLifeYears ?? group?.usefulLifeYears ?? null;
    const rate = a.wearRatePercent ?? (a.usefulLifeYears ? null : (group?.ratePercent ?? null));
    if (!exempt && life === null && rate === null) {
      skip(`Chưa có thời gian sử dụng / tỷ lệ hao mòn${a.wearGroupKey ? ` (nhóm ${a.wearGroupKey} không quy định số năm)` : ''}`);
      continue;
    }
    let w;
    try {
      w = yearlyWear({
        costVnd: a.costVnd,
        usefulLifeYears: life,
        ratePercent: a.usefulLifeYears ? null : rate,
        putInUseDate: start,
        exempt,
        rounding,
        roundingMethod: method,
        firstYear,
        year,
        accumulatedBeforeVnd: a.accumulatedWearVnd,
      });
    } catch (err) {
      skip((err as Error).message);
      continue;
    }
    for (const message of w.warnings) warnings.push({ assetId: a.id, code: a.code, message });
    if (w.annualVnd === 0) {
      skip(w.rule);
      continue;
    }
    const before = { accumulatedWearVnd: a.accumulatedWearVnd, remainingVnd: a.remainingVnd, lastWearYear: a.lastWearYear };
    const after = { accumulatedWearVnd: w.accumulatedVnd, remainingVnd: w.remainingVnd, lastWearYear: year };
    events.push(
      eventData(
        a.id,
        'wear',
        {
          date: `${year}-12-31`,
          refId: runId,
          payload: { year, annualVnd: w.annualVnd, rule: w.rule, status: w.status, finalYear: w.finalYear, before, after },
        },
        tx.actor,
      ),
    );
    updates.push({ current: a, patch: after });
    total += w.annualVnd;
  }
  await bulkInsert(tx, AssetEventEntity, events);
  await bulkUpdate(tx, AssetEntity, updates);
  const run = await tx.insert(WearRunEntity, {
    id: runId,
    year,
    status: 'done',
    assetCount: events.length,
    totalVnd: total,
    runAt: nowIso(),
    actor: tx.actor,
    reversedAt: null,
  });
  return { run: wearRunDto(run), reversedRunId: existing?.id ?? null, skipped, warnings };
}

export async function listRuns(m: EntityManager) {
  const rows = await m
    .getRepository(WearRunEntity)
    .find({ where: { deletedAt: IsNull() }, order: { year: 'DESC', runAt: 'DESC' } });
  return rows.map(wearRunDto);
}

/** Wear of a year per class and funding source, from the standing run's events. */
export async function wearReport(m: EntityManager, cats: AssetCatalogs, year: number) {
  const run = await m.getRepository(WearRunEntity).findOneBy({ year, status: 'done', deletedAt: IsNull() });
  const rows = run
    ? ((await m.query(
        `SELECT a.assetClass, a.fundingSource, a.costVnd, e.payload FROM asset_event e JOIN asset a ON a.id = e.assetId WHERE e.type = 'wear' AND e.refId = ?`,
        [run.id],
      )) as { assetClass: string; fundingSource: string | null; costVnd: number; payload: string }[])
    : [];
  const groups = new Map<
    string,
    {
      assetClass: string;
      fundingSource: string | null;
      assets: number;
      costVnd: number;
      annualVnd: number;
      accumulatedVnd: number;
      remainingVnd: number;
    }
  >();
  const total = { assets: 0, costVnd: 0, annualVnd: 0, accumulatedVnd: 0, remainingVnd: 0 };
  for (const r of rows) {
    const p = JSON.parse(r.payload) as WearPayload;
    const key = `${r.assetClass}|${r.fundingSource ?? ''}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        assetClass: r.assetClass,
        fundingSource: r.fundingSource,
        assets: 0,
        costVnd: 0,
        annualVnd: 0,
        accumulatedVnd: 0,
        remainingVnd: 0,
      };
      groups.set(key, g);
    }
    const cost = p.after.accumulatedWearVnd + p.after.remainingVnd;
    for (const t of [g, total]) {
      t.assets++;
      t.costVnd += cost;
      t.annualVnd += p.annualVnd;
      t.accumulatedVnd += p.after.accumulatedWearVnd;
      t.remainingVnd += p.after.remainingVnd;
    }
  }
  return {
    year,
    run: run ? wearRunDto(run) : null,
    rows: [...groups.values()]
      .sort((a, b) => a.assetClass.localeCompare(b.assetClass) || (a.fundingSource ?? '').localeCompare(b.fundingSource ?? ''))
      .map((g) => ({ ...g, assetClassLabel: classLabel(cats, g.assetClass) })),
    total,
  };
}

/** Wear events of one asset by year (standing runs only), for the asset card. */
export async function wearByYear(
  m: EntityManager,
  assetId: string,
): Promise<{ year: number; annualVnd: number; accumulatedVnd: number; remainingVnd: number }[]> {
  const rows = (await m.query(
    `SELECT e.payload FROM asset_event e JOIN asset_wear_run r ON r.id = e.refId WHERE e.assetId = ? AND e.type = 'wear' AND r.status = 'done' ORDER BY e.date`,
    [assetId],
  )) as { payload: string }[];
  return rows.map((r) => {
    const p = JSON.parse(r.payload) as WearPayload;
    return {
      year: p.year,
      annualVnd: p.annualVnd,
      accumulatedVnd: p.after.accumulatedWearVnd,
      remainingVnd: p.after.remainingVnd,
    };
  });
}
