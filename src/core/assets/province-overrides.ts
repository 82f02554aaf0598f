/**
 * Provincial override layers over the central wear catalog. TT 141/2025 art. 13(1a): where the
 * weather or environment affects wear, the provincial People's Committee chairman may set other
 * lives and rates, "bảo đảm tăng, giảm không vượt quá 20% tỷ lệ hao mòn … quy định tại Phụ lục I".
 * The bound (20) is read from the catalog (`provinceOverride.maxDeviationPercent`).
 */
import type { ProvinceOverrideLayer, WearCatalog, WearRow } from './catalog.schema';
import { CatalogValidationError, type CatalogIssue } from './catalog-loader';

/** Tolerance (percentage points) for rates printed with two decimals, e.g. 14,29 for 7 years. */
const RATE_EPSILON = 0.005;

/** Rate implied by a life: 100 / years, two decimals as printed in the Appendix (7 → 14.29). */
export function rateFromLife(years: number): number {
  return Math.round((100 / years) * 100) / 100;
}

/**
 * Whole years needed to wear an asset down at `ratePercent` (the final year takes the rest):
 * 14.29 % → 7, 12.5 % → 8, 12 % → 9 (8 × 12 % + a final 4 %).
 */
export function lifeFromRate(ratePercent: number): number {
  return Math.max(1, Math.ceil(100 / ratePercent - 0.01));
}

export interface EffectiveWearRow extends WearRow {
  /** Present when a province changed the row. */
  overriddenBy?: {
    province: string;
    layerId: string;
    document: string;
    centralLifeYears: number | null;
    centralRatePercent: number | null;
  };
}

export interface EffectiveWearCatalog extends Omit<WearCatalog, 'rows'> {
  rows: EffectiveWearRow[];
  province: string | null;
}

/** Problems of a layer against its central catalog; empty when it may be merged. */
export function validateOverrideLayer(layer: ProvinceOverrideLayer, catalog: WearCatalog): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  if (layer.catalogId !== catalog.id) {
    issues.push({
      path: 'catalogId',
      message: `Lớp điều chỉnh dành cho danh mục "${layer.catalogId}", không phải "${catalog.id}"`,
    });
  }
  const maxDev = catalog.provinceOverride.maxDeviationPercent;
  const rows = new Map(catalog.rows.map((r) => [r.key, r]));
  layer.overrides.forEach((o, i) => {
    const row = rows.get(o.key);
    if (!row) {
      issues.push({ path: `overrides[${i}].key`, message: `Không có nhóm "${o.key}" trong danh mục ${catalog.id}` });
      return;
    }
    if (row.ratePercent === null) {
      issues.push({
        path: `overrides[${i}]`,
        message: `Nhóm "${o.key}" không có tỷ lệ hao mòn trung ương (${row.determinedBy ?? 'theo quy định khác'}) nên không điều chỉnh được`,
      });
      return;
    }
    const central = row.ratePercent;
    const lo = central * (1 - maxDev / 100) - RATE_EPSILON;
    const hi = central * (1 + maxDev / 100) + RATE_EPSILON;
    const check = (rate: number, field: string, what: string) => {
      if (rate < lo || rate > hi) {
        issues.push({
          path: `overrides[${i}].${field}`,
          message:
            `${what} cho nhóm "${o.key}" lệch quá ${maxDev}% so với tỷ lệ trung ương ${central}%/năm ` +
            `(cho phép ${(central * (1 - maxDev / 100)).toFixed(2)}–${(central * (1 + maxDev / 100)).toFixed(2)}%/năm; ${catalog.provinceOverride.source.document} ${catalog.provinceOverride.source.article})`,
        });
      }
    };
    if (o.ratePercent !== undefined) check(o.ratePercent, 'ratePercent', `Tỷ lệ ${o.ratePercent}%/năm`);
    if (o.usefulLifeYears !== undefined)
      check(
        100 / o.usefulLifeYears,
        'usefulLifeYears',
        `Thời gian ${o.usefulLifeYears} năm (${rateFromLife(o.usefulLifeYears)}%/năm)`,
      );
    if (
      o.ratePercent !== undefined &&
      o.usefulLifeYears !== undefined &&
      Math.abs(100 / o.usefulLifeYears - o.ratePercent) > 0.01
    ) {
      issues.push({ path: `overrides[${i}]`, message: `Tỷ lệ ${o.ratePercent}% không khớp ${o.usefulLifeYears} năm` });
    }
  });
  return issues;
}

/**
 * The catalog a school in `layer.province` uses: central rows with the province's lives/rates
 * substituted. Throws CatalogValidationError (naming the layer's id) if any override is out of
 * bounds. Without a layer, returns the central catalog as is.
 */
export function mergeWearOverrides(catalog: WearCatalog, layer?: ProvinceOverrideLayer | null): EffectiveWearCatalog {
  if (!layer) return { ...catalog, rows: catalog.rows.map((r) => ({ ...r })), province: null };
  const issues = validateOverrideLayer(layer, catalog);
  if (issues.length) throw new CatalogValidationError(`${layer.id}.json`, issues);
  const byKey = new Map(layer.overrides.map((o) => [o.key, o]));
  const rows = catalog.rows.map((row): EffectiveWearRow => {
    const o = byKey.get(row.key);
    if (!o) return { ...row };
    const rate = o.ratePercent ?? rateFromLife(o.usefulLifeYears!);
    const life = o.usefulLifeYears ?? lifeFromRate(o.ratePercent!);
    return {
      ...row,
      usefulLifeYears: life,
      ratePercent: rate,
      grade: layer.source.grade,
      verified: o.verified,
      note: `Điều chỉnh của tỉnh ${layer.province} (${layer.source.document})${o.note ? `: ${o.note}` : ''}`,
      overriddenBy: {
        province: layer.province,
        layerId: layer.id,
        document: layer.source.document,
        centralLifeYears: row.usefulLifeYears,
        centralRatePercent: row.ratePercent,
      },
    };
  });
  return { ...catalog, rows, province: layer.province };
}

/** Looks a wear group up by key; undefined when the catalog has no such row. */
export function findWearRow<T extends WearRow>(catalog: { rows: readonly T[] }, key: string): T | undefined {
  return catalog.rows.find((r) => r.key === key);
}
