/**
 * Disposal rules of NĐ 186/2025/NĐ-CP as functions over the `disposal-rules` catalog:
 * when liquidation is allowed (art. 29(1)), who decides (art. 58–59), how a liquidated asset is
 * sold (art. 31) and the deadlines (art. 21, 29). Every threshold comes from the catalog.
 */
import type { DisposalRules } from './catalog.schema';
import { addDays, addYears } from './dates';
import { formatVnd, proportionVnd } from './money';

export interface LiquidationInput {
  /** ISO date put in use. */
  putInUseDate: string;
  /** Useful life (the asset's "hạn sử dụng", TT 141 art. 13(3)); null when unknown. */
  usefulLifeYears: number | null;
  /** Historical cost; null when not known (then `replacementValueVnd` is the base). */
  costVnd: number | null;
  /** Estimated cost of repair, if the asset is broken. */
  repairEstimateVnd?: number | null;
  /** Price of a new equivalent asset, used when the historical cost is unknown. */
  replacementValueVnd?: number | null;
  /** A building or work attached to land that must be demolished by decision. */
  demolitionOrdered?: boolean;
  /** ISO date the check is made for. */
  asOf: string;
}

export type LiquidationReasonCode = 'pastUsefulLife' | 'repairNotEconomic' | 'demolitionOrdered';

export interface LiquidationReason {
  code: LiquidationReasonCode;
  message: string;
  article: string;
}

export interface LiquidationCheck {
  allowed: boolean;
  reasons: LiquidationReason[];
  /** First day the asset counts as past its service life (null without a life). */
  lifeEndDate: string | null;
  /** Repair above this amount (strictly) is not economic; null without a base value. */
  repairThresholdVnd: number | null;
  notes: string[];
}

function cite(s: { document: string; article: string }): string {
  return `${s.document} ${s.article}`;
}

export function canLiquidate(input: LiquidationInput, rules: DisposalRules): LiquidationCheck {
  const reasons: LiquidationReason[] = [];
  const notes: string[] = [];
  const liq = rules.liquidation;

  let lifeEndDate: string | null = null;
  if (input.usefulLifeYears !== null && input.usefulLifeYears > 0) {
    lifeEndDate =
      liq.pastUsefulLife.basis === 'anniversary'
        ? addYears(input.putInUseDate, input.usefulLifeYears)
        : `${String(Number(input.putInUseDate.slice(0, 4)) + input.usefulLifeYears).padStart(4, '0')}-01-01`;
    if (input.asOf >= lifeEndDate) {
      reasons.push({
        code: 'pastUsefulLife',
        message: `Đã hết hạn sử dụng (${input.usefulLifeYears} năm kể từ ${input.putInUseDate}, hết hạn từ ${lifeEndDate})`,
        article: cite(liq.pastUsefulLife.source),
      });
    }
  } else {
    notes.push('Chưa có thời gian sử dụng nên chưa xét được điều kiện hết hạn sử dụng.');
  }

  let repairThresholdVnd: number | null = null;
  const pct = liq.repairCostAbovePercentOfCost.percent;
  const base = input.costVnd !== null && input.costVnd > 0 ? input.costVnd : (input.replacementValueVnd ?? null);
  const baseLabel = input.costVnd !== null && input.costVnd > 0 ? 'nguyên giá' : 'giá mua mới tài sản tương đương';
  if (base !== null && base > 0) {
    repairThresholdVnd = proportionVnd(base, pct, 100);
    const repair = input.repairEstimateVnd ?? null;
    // repair > pct % of base, compared exactly on integers.
    if (repair !== null && BigInt(repair) * 100_000n > BigInt(base) * BigInt(Math.round(pct * 1000))) {
      reasons.push({
        code: 'repairNotEconomic',
        message: `Dự kiến chi phí sửa chữa ${formatVnd(repair)} đồng lớn hơn ${pct}% ${baseLabel} (${formatVnd(repairThresholdVnd)} đồng)`,
        article: cite(liq.repairCostAbovePercentOfCost.source),
      });
    }
  } else if (input.repairEstimateVnd != null) {
    notes.push('Chưa có nguyên giá hoặc giá mua mới tài sản tương đương nên chưa so được chi phí sửa chữa.');
  }

  if (input.demolitionOrdered) {
    reasons.push({
      code: 'demolitionOrdered',
      message: 'Nhà, công trình phải phá dỡ theo quyết định của cấp có thẩm quyền',
      article: cite(liq.demolitionOrdered.source),
    });
  }
  return { allowed: reasons.length > 0, reasons, lifeEndDate, repairThresholdVnd, notes };
}

export interface AuthorityOptions {
  action?: 'liquidation' | 'sale';
  /** Revalued amount (giá trị đánh giá lại), when known. */
  revaluedVnd?: number | null;
  /** The school is a public service unit that self-funds recurrent and investment spending. */
  selfFunded?: boolean;
  /** The ministry / province has delegated the decision to the school. */
  delegated?: boolean;
}

export interface Authority {
  decider: 'school' | 'superior';
  label: string;
  reason: string;
  article: string;
  verified: boolean;
}

/** Who decides the liquidation (or sale) of one unit of asset. */
export function decisionAuthority(costVnd: number | null, rules: DisposalRules, options: AuthorityOptions = {}): Authority {
  const action = options.action ?? 'liquidation';
  const rule = rules.authority.find((a) => a.action === action);
  if (!rule) throw new RangeError(`Danh mục ${rules.id} không có thẩm quyền cho "${action}"`);
  const article = cite(rule.source);
  const school = (reason: string): Authority => ({
    decider: 'school',
    label: 'Nhà trường (thủ trưởng đơn vị) quyết định',
    reason,
    article,
    verified: rule.verified,
  });
  const superior = (reason: string): Authority => ({
    decider: 'superior',
    label: rule.aboveLabel,
    reason,
    article,
    verified: rule.verified,
  });
  const what = action === 'liquidation' ? 'thanh lý' : 'bán';

  if (options.selfFunded && rule.selfFundedDecidesAll)
    return school(`Đơn vị tự bảo đảm chi thường xuyên và chi đầu tư tự quyết định ${what}`);
  if (options.delegated) return school(`Quyết định ${what} theo phân cấp của Bộ/UBND cấp tỉnh`);

  const revalued = options.revaluedVnd ?? null;
  const cost = costVnd;
  if (cost === null && revalued === null) return superior('Chưa có nguyên giá hoặc giá trị đánh giá lại để xác định thẩm quyền');
  const costBelow = cost === null ? null : cost < rule.schoolBelowCostVnd;
  const revBelow = revalued === null ? null : revalued < rule.schoolBelowRevaluedVnd;
  const limits = `nguyên giá dưới ${formatVnd(rule.schoolBelowCostVnd)} đồng, giá trị đánh giá lại dưới ${formatVnd(rule.schoolBelowRevaluedVnd)} đồng/01 đơn vị tài sản`;
  let below: boolean;
  if (rule.combine === 'costOnly') below = costBelow ?? revBelow!;
  else below = (costBelow ?? true) && (revBelow ?? true);
  return below
    ? school(`Tài sản trong ngưỡng nhà trường tự quyết định ${what} (${limits})`)
    : superior(`Vượt ngưỡng nhà trường tự quyết định ${what} (${limits})`);
}

export interface SaleMethodChoice {
  method: 'auction' | 'listedPrice' | 'direct';
  label: string;
  article: string;
}

/** How a liquidated asset is sold (art. 31): the cheapest procedure the thresholds allow. */
export function liquidationSaleMethod(
  input: { costVnd: number | null; revaluedVnd: number; isFixedAsset?: boolean; isCar?: boolean },
  rules: DisposalRules,
): SaleMethodChoice {
  const order: SaleMethodChoice['method'][] = ['direct', 'listedPrice', 'auction'];
  for (const method of order) {
    const m = rules.saleMethods.find((x) => x.method === method);
    if (!m) continue;
    const choice = { method, label: m.label, article: cite(m.source) };
    if (method === 'auction') return choice;
    if (m.notForCars && input.isCar) continue;
    if (m.alsoNonFixedAssets && input.isFixedAsset === false) return choice;
    const costOk = m.costBelowVnd === null || input.costVnd === null || input.costVnd < m.costBelowVnd;
    const fromOk = m.revaluedFromVnd === null || input.revaluedVnd >= m.revaluedFromVnd;
    const belowOk = m.revaluedBelowVnd === null || input.revaluedVnd < m.revaluedBelowVnd;
    if (costOk && fromOk && belowOk) return choice;
  }
  const auction = rules.saleMethods.find((x) => x.method === 'auction');
  return { method: 'auction', label: auction?.label ?? 'Đấu giá', article: auction ? cite(auction.source) : '' };
}

/** Deadline `key` of the catalog, counted in calendar days from `eventDate` (ISO). */
export function disposalDeadline(
  key: string,
  eventDate: string,
  rules: DisposalRules,
): { dueDate: string; days: number; label: string; article: string } {
  const d = rules.deadlines.find((x) => x.key === key);
  if (!d) throw new RangeError(`Danh mục ${rules.id} không có thời hạn "${key}"`);
  return { dueDate: addDays(eventDate, d.days), days: d.days, label: d.label, article: cite(d.source) };
}

/**
 * Last day to book the change and file the change declaration (báo cáo kê khai biến động):
 * eventDate + 30 days (NĐ 186/2025 art. 29(4), 21(4)); the number of days is read from the
 * rules when given.
 */
export function declarationDeadline(eventDate: string, rules?: DisposalRules): string {
  if (rules) return disposalDeadline('declaration', eventDate, rules).dueDate;
  return addDays(eventDate, DEFAULT_DECLARATION_DAYS);
}

/** Mirrors `deadlines[key=declaration].days` of disposal-rules-nd186-2025.json (a test keeps them equal). */
export const DEFAULT_DECLARATION_DAYS = 30;
