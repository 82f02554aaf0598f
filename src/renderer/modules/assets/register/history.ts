import type { TFunction } from 'i18next';
import type { AssetEvent, Room } from '../../../../contract/schemas/assets';
import { dateVn, labelIn, money, type Catalogs } from '../shared';

const MONEY_KEYS = new Set([
  'costVnd',
  'accumulatedWearVnd',
  'remainingVnd',
  'annualVnd',
  'proceedsVnd',
  'repairEstimateVnd',
  'revaluedVnd',
  'oldCostVnd',
  'newCostVnd',
]);
const DATE_KEYS = new Set(['documentDate', 'handoverDate', 'putInUseDate', 'bookedDate', 'warrantyUntil']);
/** State fields that say nothing to a reader of the history (derived or technical). */
const HIDDEN_KEYS = new Set([
  'searchText',
  'category',
  'siteId',
  'rev',
  'updatedAt',
  'tracking',
  'lastWearYear',
  'conditionCounts',
  'costParts',
  'attachments',
]);

export interface HistoryContext {
  t: TFunction;
  catalogs: Catalogs | undefined;
  roomById: Map<string, Room>;
}

/** One field value as a reader expects it: rooms by code, money with "đ", dates dd/mm/yyyy, codes by label. */
export function fieldValue(key: string, value: unknown, ctx: HistoryContext): string {
  const { t, catalogs, roomById } = ctx;
  if (value === null || value === undefined || value === '') return t('as.history.empty');
  if (key === 'roomId') {
    const r = roomById.get(String(value));
    return r ? r.code : t('as.history.otherRoom');
  }
  if (MONEY_KEYS.has(key) && typeof value === 'number') return money(value);
  if (DATE_KEYS.has(key)) return dateVn(String(value));
  if (key === 'condition') return labelIn(catalogs?.conditions, String(value));
  if (key === 'lifecycleState') return labelIn(catalogs?.lifecycleStates, String(value));
  if (key === 'fundingSource') return labelIn(catalogs?.fundingSources, String(value));
  if (key === 'acquiredVia' || key === 'origin') return labelIn(catalogs?.origins, String(value));
  if (key === 'assetClass') return labelIn(catalogs?.classes, String(value));
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function fieldName(key: string, t: TFunction): string {
  const k = key === 'roomId' ? 'room' : key;
  return t(`as.fields.${k}`, { defaultValue: k });
}

/** Lines that explain one ledger event ("Phòng: P102 → P101", "Nguyên giá: …"). */
export function eventLines(e: AssetEvent, ctx: HistoryContext): string[] {
  const { t } = ctx;
  const p = e.payload as Record<string, unknown>;
  const before = (p.before ?? {}) as Record<string, unknown>;
  const after = (p.after ?? {}) as Record<string, unknown>;
  const lines: string[] = [];
  const add = (label: string, value: unknown, key = '') => {
    if (value !== undefined && value !== null && value !== '') lines.push(`${label}: ${fieldValue(key, value, ctx)}`);
  };
  switch (e.type) {
    case 'recognise':
      add(t('as.fields.costVnd'), after.costVnd, 'costVnd');
      add(t('as.fields.quantity'), after.quantity);
      add(t('as.fields.room'), after.roomId, 'roomId');
      add(t('as.fields.acquiredVia'), p.origin, 'origin');
      if (p.imported && !e.note) lines.push(t('as.history.imported'));
      return lines;
    case 'repair':
      add(t('as.events.repairDescription'), p.description);
      add(t('as.events.repairCost'), p.costVnd, 'costVnd');
      break;
    case 'cost_change':
      add(t('as.events.costReason'), p.reason ? t(`as.costReasons.${String(p.reason)}`) : null);
      break;
    case 'wear':
    case 'wear_reversal':
      add(t('as.history.year'), p.year);
      add(t('as.history.annual'), p.annualVnd, 'annualVnd');
      break;
    case 'disposal_request':
      add(t('as.events.disposalMethod'), p.method ? t(`as.disposalMethods.${String(p.method)}`) : null);
      add(t('as.events.reason'), p.reason);
      if (p.authority && typeof p.authority === 'object')
        add(t('as.history.authority'), (p.authority as { label?: string }).label);
      break;
    case 'disposal_decision':
      lines.push(p.approved ? t('as.events.approve') : t('as.events.refuse'));
      add(t('as.events.decidedBy'), p.decidedBy);
      break;
    case 'disposal_execution':
      add(t('as.events.disposalMethod'), p.method ? t(`as.disposalMethods.${String(p.method)}`) : null);
      add(t('as.events.proceeds'), p.proceedsVnd, 'proceedsVnd');
      add(t('as.events.recipient'), p.recipient);
      break;
    case 'write_off':
      add(t('as.fields.quantity'), p.quantity);
      add(t('as.events.reason'), p.reason);
      break;
    case 'stocktake_result':
      if (p.kind) lines.push(t(`as.history.stocktake.${String(p.kind)}`, { n: p.quantity ?? '' }));
      break;
    case 'declaration':
      lines.push(t('as.history.declared'));
      break;
    case 'attachment':
      if (p.file && typeof p.file === 'object') add(t('as.history.file'), (p.file as { fileName?: string }).fileName);
      break;
    default:
      break;
  }
  for (const k of Object.keys(after)) {
    if (HIDDEN_KEYS.has(k)) continue;
    if (JSON.stringify(before[k] ?? null) === JSON.stringify(after[k] ?? null)) continue;
    lines.push(`${fieldName(k, t)}: ${fieldValue(k, before[k], ctx)} → ${fieldValue(k, after[k], ctx)}`);
  }
  return lines;
}

/** Where the asset stands in the disposal procedure (request → decision → execution), from its ledger. */
export function disposalStage(events: AssetEvent[]): { stage: 'none' | 'requested' | 'approved'; method: string | null } {
  const sorted = [...events].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  let stage: 'none' | 'requested' | 'approved' = 'none';
  let method: string | null = null;
  for (const e of sorted) {
    const p = e.payload as { method?: string; approved?: boolean };
    if (e.type === 'disposal_request') {
      stage = 'requested';
      method = p.method ?? null;
    } else if (e.type === 'disposal_decision') stage = p.approved ? 'approved' : 'none';
    else if (e.type === 'disposal_execution') stage = 'none';
  }
  return { stage, method };
}
