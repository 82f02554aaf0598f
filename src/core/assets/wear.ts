/**
 * Hao mòn (wear) of fixed assets at state-funded schools, TT 141/2025/TT-BTC.
 *
 * - Computed once a year, in December, before the books close (art. 12(1a)).
 * - Annual amount = historical cost × rate (%/yr) (art. 14(1)); with only a life given the rate
 *   is 100 / life, computed exactly (cost / life) rather than through a two-decimal rate.
 * - Accumulated(n) = accumulated(n−1) + annual(n) (art. 14(10)); remaining = cost − accumulated
 *   (art. 16(1)).
 * - The final year of the useful life takes exactly cost − accumulated, so the asset lands on
 *   zero (art. 14(11)).
 * - The year an asset is put in use counts as a full year: the text has no monthly rule, the run
 *   is yearly and the formula has no time factor (art. 12(1a), 14(1)). This is our reading,
 *   kept as the catalog's `firstYear` rule (grade "?"); `firstYear: 'monthsInUse'` pro-rates the
 *   first year by months instead, should an accountant rule so.
 * - No wear for exempt kinds (art. 11(3)): land-use rights, special assets, fully worn assets,
 *   broken-and-unusable assets, animals/plants/antiquities.
 * - 2026 transition (art. 18(1)) for assets booked before 2026 whose life changed from TT 23/2023:
 *   annual = (cost − accumulated at 31/12/2025) / (new life − years already used); the last year
 *   takes the remainder; an asset already past its new life takes its whole remaining value in 2026.
 * - Integers only (art. 5(1)); arithmetic is done on BigInt rationals and rounded once, to the
 *   đồng or the thousand, half-up (TT 141 "theo pháp luật về kế toán", our reading) or up
 *   (TT 23's "+1 vào phần số nguyên").
 */
import type { ExemptKind } from './catalog.schema';
import { lifeFromRate } from './province-overrides';

export type RoundingUnit = 'vnd' | 'thousand';
export type RoundingMethod = 'halfUp' | 'up';
export type FirstYearRule = 'fullYear' | 'monthsInUse';

export interface WearBasis {
  /** Historical cost (nguyên giá), integer VND. */
  costVnd: number;
  /** Useful life in years (catalog row, province override, or art. 13(1h) for second-hand). */
  usefulLifeYears?: number | null;
  /** Rate %/yr; when given it drives the annual amount (art. 14(1)). */
  ratePercent?: number | null;
  /** ISO date the asset was put in use (or, for surplus/transfer-in, first booked at the school). */
  putInUseDate: string;
  /** true or the exemption kind: no wear at all (art. 11(3)). */
  exempt?: boolean | ExemptKind | null;
  rounding?: RoundingUnit;
  roundingMethod?: RoundingMethod;
  firstYear?: FirstYearRule;
  /** Apply TT 141 art. 18(1): the asset was booked before `fromYear` and its life changed. */
  transition?: { accumulatedAt2025Vnd: number; fromYear?: number } | null;
}

export interface YearlyWearInput extends WearBasis {
  /** Fiscal year of the December run. */
  year: number;
  /** Accumulated wear at 31/12 of year − 1 (integer VND). */
  accumulatedBeforeVnd: number;
}

export type WearStatus = 'notStarted' | 'wearing' | 'final' | 'fullyWorn' | 'exempt';

export interface YearlyWear {
  year: number;
  annualVnd: number;
  /** Accumulated at 31/12 of `year`. */
  accumulatedVnd: number;
  /** Remaining value (giá trị còn lại) at 31/12 of `year`. */
  remainingVnd: number;
  /** This year's amount brings the remaining value to zero. */
  finalYear: boolean;
  status: WearStatus;
  /** The rule applied, with its article, in Vietnamese (for the wear report). */
  rule: string;
  warnings: string[];
}

const RATE_SCALE = 1_000_000n; // rate in millionths of 1: 14.29 % → 142_900

function assertVnd(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} phải là số nguyên VNĐ không âm (nhận ${n})`);
}

function yearOf(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`Ngày đưa vào sử dụng phải có dạng yyyy-mm-dd (nhận "${iso}")`);
  return Number(m[1]);
}

function monthOf(iso: string): number {
  return Number(iso.slice(5, 7));
}

/** value = num / den rounded to a multiple of `unit` (num, den ≥ 0). */
function roundRational(num: bigint, den: bigint, unit: RoundingUnit, method: RoundingMethod): bigint {
  const u = unit === 'thousand' ? 1000n : 1n;
  const d = den * u;
  let q = num / d;
  const r = num % d;
  if (method === 'up' ? r > 0n : 2n * r >= d) q += 1n;
  return q * u;
}

/** Rounds a non-negative amount the way the wear run does (exported for reports and tests). */
export function roundVnd(value: number, unit: RoundingUnit = 'vnd', method: RoundingMethod = 'halfUp'): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`Số tiền không hợp lệ: ${value}`);
  // Scale decimals to an exact rational: up to 6 decimals are kept.
  const scaled = BigInt(Math.round(value * 1_000_000));
  return Number(roundRational(scaled, 1_000_000n, unit, method));
}

interface Resolved {
  cost: bigint;
  life: number;
  /** annual = cost × num / den */
  num: bigint;
  den: bigint;
  rateLabel: string;
}

function resolve(input: WearBasis): Resolved {
  assertVnd(input.costVnd, 'Nguyên giá');
  const life = input.usefulLifeYears ?? null;
  const rate = input.ratePercent ?? null;
  if (life !== null && (!Number.isInteger(life) || life < 1))
    throw new RangeError(`Thời gian sử dụng phải là số năm nguyên ≥ 1 (nhận ${life})`);
  if (rate !== null && !(rate > 0 && rate <= 100))
    throw new RangeError(`Tỷ lệ hao mòn phải trong khoảng (0; 100] %/năm (nhận ${rate})`);
  if (life === null && rate === null) throw new RangeError('Cần thời gian sử dụng (năm) hoặc tỷ lệ hao mòn (%/năm)');
  const cost = BigInt(input.costVnd);
  if (rate !== null) {
    return {
      cost,
      life: life ?? lifeFromRate(rate),
      num: BigInt(Math.round(rate * 10_000)),
      den: RATE_SCALE,
      rateLabel: `${rate}%/năm`,
    };
  }
  return { cost, life: life!, num: 1n, den: BigInt(life!), rateLabel: `${life} năm (100/${life} %/năm)` };
}

function result(
  year: number,
  annual: bigint,
  accBefore: bigint,
  cost: bigint,
  status: WearStatus,
  rule: string,
  warnings: string[] = [],
): YearlyWear {
  const acc = accBefore + annual;
  const remaining = cost - acc;
  const finalYear = annual > 0n && remaining === 0n;
  return {
    year,
    annualVnd: Number(annual),
    accumulatedVnd: Number(acc),
    remainingVnd: Number(remaining),
    finalYear,
    status: finalYear ? 'final' : status,
    rule,
    warnings,
  };
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);

/** The December run for one asset and one fiscal year. */
export function yearlyWear(input: YearlyWearInput): YearlyWear {
  const r = resolve(input);
  assertVnd(input.accumulatedBeforeVnd, 'Hao mòn lũy kế đầu năm');
  const accBefore = BigInt(input.accumulatedBeforeVnd);
  if (accBefore > r.cost)
    throw new RangeError(`Hao mòn lũy kế (${input.accumulatedBeforeVnd}) lớn hơn nguyên giá (${input.costVnd})`);
  const unit = input.rounding ?? 'vnd';
  const method = input.roundingMethod ?? 'halfUp';
  const year = input.year;
  const startYear = yearOf(input.putInUseDate);
  const remainingBefore = r.cost - accBefore;

  if (input.exempt) {
    const kind = typeof input.exempt === 'string' ? ` (${input.exempt})` : '';
    return result(year, 0n, accBefore, r.cost, 'exempt', `Không tính hao mòn${kind} — TT 141/2025 Điều 11 khoản 3`);
  }
  if (year < startYear) return result(year, 0n, accBefore, r.cost, 'notStarted', 'Chưa đưa vào sử dụng');
  if (remainingBefore === 0n) {
    return result(
      year,
      0n,
      accBefore,
      r.cost,
      'fullyWorn',
      'Đã tính đủ hao mòn, tiếp tục theo dõi — TT 141/2025 Điều 11 khoản 3 điểm c',
    );
  }

  const t = input.transition;
  const fromYear = t?.fromYear ?? 2026;
  if (t && year >= fromYear && startYear < fromYear) {
    assertVnd(t.accumulatedAt2025Vnd, 'Hao mòn lũy kế 31/12/2025');
    const acc2025 = BigInt(t.accumulatedAt2025Vnd);
    if (acc2025 > r.cost) throw new RangeError('Hao mòn lũy kế 31/12/2025 lớn hơn nguyên giá');
    const yearsUsed = fromYear - startYear;
    const remLife = r.life - yearsUsed;
    const base = r.cost - acc2025;
    if (remLife <= 0) {
      if (year === fromYear) {
        return result(
          year,
          remainingBefore,
          accBefore,
          r.cost,
          'final',
          `Chuyển tiếp: đã hết thời gian sử dụng, năm ${fromYear} tính bằng giá trị còn lại — TT 141/2025 Điều 18 khoản 1`,
        );
      }
      return result(year, 0n, accBefore, r.cost, 'fullyWorn', 'Đã hết thời gian tính hao mòn — TT 141/2025 Điều 18 khoản 1', [
        `Tài sản còn giá trị ${Number(remainingBefore)} đồng sau năm ${fromYear}: kiểm tra số hao mòn lũy kế.`,
      ]);
    }
    const lastYear = fromYear + remLife - 1;
    const rule = `Chuyển tiếp: (nguyên giá − hao mòn lũy kế 31/12/${fromYear - 1}) / ${remLife} năm còn lại (${r.life} − ${yearsUsed}) — TT 141/2025 Điều 18 khoản 1`;
    if (year > lastYear) {
      return result(year, 0n, accBefore, r.cost, 'fullyWorn', rule, [
        `Đã qua năm cuối (${lastYear}) nhưng còn giá trị ${Number(remainingBefore)} đồng: kiểm tra số hao mòn lũy kế.`,
      ]);
    }
    if (year === lastYear)
      return result(year, remainingBefore, accBefore, r.cost, 'final', `${rule}; năm cuối lấy phần còn lại (Điều 18 khoản 1)`);
    const annual = roundRational(base, BigInt(remLife), unit, method);
    return result(year, min(annual, remainingBefore), accBefore, r.cost, 'wearing', rule);
  }

  const prorate = input.firstYear === 'monthsInUse' && monthOf(input.putInUseDate) > 1;
  const lastIndex = r.life - 1 + (prorate ? 1 : 0);
  const index = year - startYear;
  const formula = `Nguyên giá × ${r.rateLabel} — TT 141/2025 Điều 14 khoản 1`;
  if (index > lastIndex) {
    return result(
      year,
      0n,
      accBefore,
      r.cost,
      'fullyWorn',
      'Đã hết thời gian tính hao mòn — TT 141/2025 Điều 11 khoản 3 điểm c',
      [
        `Đã hết ${r.life} năm sử dụng nhưng còn giá trị ${Number(remainingBefore)} đồng: kiểm tra số hao mòn lũy kế (có thể cần chuyển tiếp theo Điều 18).`,
      ],
    );
  }
  if (index === lastIndex) {
    return result(
      year,
      remainingBefore,
      accBefore,
      r.cost,
      'final',
      `Năm cuối: nguyên giá − hao mòn lũy kế — TT 141/2025 Điều 14 khoản 11`,
    );
  }
  let num = r.cost * r.num;
  let den = r.den;
  let rule = formula;
  if (prorate && index === 0) {
    const months = BigInt(13 - monthOf(input.putInUseDate));
    num *= months;
    den *= 12n;
    rule = `${formula}, năm đầu tính ${months} tháng`;
  }
  const annual = roundRational(num, den, unit, method);
  return result(year, min(annual, remainingBefore), accBefore, r.cost, 'wearing', rule);
}

export interface WearScheduleInput extends WearBasis {
  /** First year to list; defaults to the year put in use (or the transition year). */
  fromYear?: number;
  /** Accumulated at 31/12 of fromYear − 1 (defaults to 0, or to the 2025 figure in a transition). */
  accumulatedBeforeVnd?: number;
}

/**
 * Every December run from `fromYear` until the asset is fully worn. For an exempt asset the list
 * is empty. Invariant (tested): accumulatedBefore + Σ annual = cost.
 */
export function wearSchedule(input: WearScheduleInput): YearlyWear[] {
  if (input.exempt) return [];
  const startYear = yearOf(input.putInUseDate);
  const t = input.transition;
  let year = input.fromYear ?? (t ? Math.max(t.fromYear ?? 2026, startYear) : startYear);
  let acc = input.accumulatedBeforeVnd ?? (t && year === (t.fromYear ?? 2026) ? t.accumulatedAt2025Vnd : 0);
  const rows: YearlyWear[] = [];
  const limit = year + 1000;
  while (year < limit) {
    const row = yearlyWear({ ...input, year, accumulatedBeforeVnd: acc });
    if (row.status === 'fullyWorn' && row.annualVnd === 0) {
      if (row.warnings.length) rows.push(row);
      break;
    }
    rows.push(row);
    acc = row.accumulatedVnd;
    if (row.remainingVnd === 0) break;
    year += 1;
  }
  return rows;
}

/** Years already used at 31/12 of `year`, counting the year put in use as a full year. */
export function yearsUsedAtEndOf(putInUseDate: string, year: number): number {
  return Math.max(0, year - yearOf(putInUseDate) + 1);
}

/**
 * Whether TT 141 art. 18(1) applies: booked before 2026 and the life (or rate) of its group
 * changed from the previous regime.
 */
export function needsTransition(input: {
  putInUseDate: string;
  previousLifeYears: number | null;
  newLifeYears: number | null;
  fromYear?: number;
}): boolean {
  const fromYear = input.fromYear ?? 2026;
  if (yearOf(input.putInUseDate) >= fromYear) return false;
  if (input.previousLifeYears === null || input.newLifeYears === null) return false;
  return input.previousLifeYears !== input.newLifeYears;
}

/**
 * Useful life of a second-hand purchase: catalog life − years already used per the purchase
 * file (TT 141 art. 13(1h)); at least 1.
 */
export function secondHandLifeYears(catalogLifeYears: number, yearsUsed: number): number {
  return Math.max(1, catalogLifeYears - yearsUsed);
}

/**
 * First-year wear of a fixed asset found in surplus at a stocktake (TT 141 art. 14(3)):
 * cost − annual × remaining life counted from after the stocktake year, never below 0, so that
 * the remaining life at the normal annual amount ends on zero. The formula is broken in the
 * stored text; this is our reconstruction (grade "?").
 */
export function surplusFirstYearWear(input: { costVnd: number; annualVnd: number; remainingLifeAfterYears: number }): number {
  assertVnd(input.costVnd, 'Nguyên giá');
  assertVnd(input.annualVnd, 'Mức hao mòn hằng năm');
  if (!Number.isInteger(input.remainingLifeAfterYears) || input.remainingLifeAfterYears < 0) {
    throw new RangeError('Thời gian sử dụng còn lại phải là số năm nguyên không âm');
  }
  return Math.max(0, input.costVnd - input.annualVnd * input.remainingLifeAfterYears);
}
