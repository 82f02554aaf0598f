/**
 * Is it a fixed asset? TT 141/2025/TT-BTC art. 3(2):
 * a) land-use rights, buildings, structures and other works attached to land: fixed assets at
 *    any value and life;
 * b) anything else: useful life ≥ 1 year AND historical cost ≥ 10,000,000 VND.
 * Special fixed assets (art. 4(1c)) are booked at a conventional 10,000,000 VND (art. 8) and not
 * worn down (art. 11(3b)). What fails the test is tracked under the accounting rules as a tool
 * (CCDC) or consumable (art. 1(2đ)).
 * The thresholds come from the wear catalog (`thresholds`); DEFAULT_THRESHOLDS mirrors
 * wear-tt141-2025.json and a test keeps the two equal.
 */
import type { WearCatalog } from './catalog.schema';
import { formatVnd } from './money';

export type FixedAssetThresholds = Pick<
  WearCatalog['thresholds'],
  'minCostVnd' | 'minUsefulLifeYears' | 'landAndBuildingsAnyValue'
>;

export const DEFAULT_THRESHOLDS: FixedAssetThresholds = {
  minCostVnd: 10_000_000,
  minUsefulLifeYears: 1,
  landAndBuildingsAnyValue: true,
};

/** 'consumable' only for the consumable class; everything else that fails the test is a 'tool' (CCDC). */
export type AssetCategoryResult = 'fixed' | 'tool' | 'special' | 'land' | 'consumable';

export interface ClassifyInput {
  /** Asset class code from asset-classes.json, e.g. "tangible.5", "intangible.1", "special.1", "tool". */
  kind: string;
  costVnd: number;
  /** Useful life in years (null/undefined when unknown). */
  usefulLifeYears?: number | null;
  /** Building, structure or other work attached to land (overrides `kind`). */
  isLandOrBuilding?: boolean;
  /** On the ministry/province list of special fixed assets (art. 4(1c)). */
  isSpecial?: boolean;
}

export interface Classification {
  category: AssetCategoryResult;
  /** Vietnamese explanation with the article, for the register and the import preview. */
  reason: string;
  article: string;
}

const fmt = formatVnd;

export function classifyAsset(input: ClassifyInput, thresholds: FixedAssetThresholds = DEFAULT_THRESHOLDS): Classification {
  const kind = input.kind.trim();
  if (input.isSpecial || kind.startsWith('special')) {
    return {
      category: 'special',
      reason: 'Tài sản cố định đặc thù: ghi sổ theo giá quy ước 10.000.000 đồng, không tính hao mòn',
      article: 'TT 141/2025 Điều 4 khoản 1 điểm c; Điều 8; Điều 11 khoản 3 điểm b',
    };
  }
  if (kind === 'intangible.1') {
    return {
      category: 'land',
      reason: 'Quyền sử dụng đất: là tài sản cố định không phân biệt giá trị và thời gian sử dụng',
      article: 'TT 141/2025 Điều 3 khoản 1 điểm e; khoản 2 điểm a',
    };
  }
  if (thresholds.landAndBuildingsAnyValue && (input.isLandOrBuilding || kind === 'tangible.1' || kind === 'tangible.2')) {
    return {
      category: 'fixed',
      reason:
        'Nhà, công trình xây dựng, vật kiến trúc gắn liền với đất: là tài sản cố định không phân biệt giá trị và thời gian sử dụng',
      article: 'TT 141/2025 Điều 3 khoản 2 điểm a',
    };
  }
  const article = 'TT 141/2025 Điều 3 khoản 2 điểm b';
  if (kind === 'consumable') {
    return {
      category: 'consumable',
      reason: 'Vật tư tiêu hao: không phải tài sản cố định, theo dõi theo pháp luật kế toán',
      article: 'TT 141/2025 Điều 1 khoản 2 điểm đ',
    };
  }
  const failures: string[] = [];
  const life = input.usefulLifeYears ?? null;
  if (life === null) failures.push('chưa có thời gian sử dụng');
  else if (life < thresholds.minUsefulLifeYears)
    failures.push(`thời gian sử dụng ${life} năm < ${thresholds.minUsefulLifeYears} năm`);
  if (!(input.costVnd >= thresholds.minCostVnd))
    failures.push(`nguyên giá ${fmt(input.costVnd)} đồng < ${fmt(thresholds.minCostVnd)} đồng`);
  if (failures.length === 0) {
    return {
      category: 'fixed',
      reason: `Đủ tiêu chuẩn tài sản cố định: thời gian sử dụng từ ${thresholds.minUsefulLifeYears} năm và nguyên giá từ ${fmt(thresholds.minCostVnd)} đồng trở lên`,
      article,
    };
  }
  return {
    category: 'tool',
    reason: `Không đủ tiêu chuẩn tài sản cố định (${failures.join('; ')}): theo dõi là công cụ, dụng cụ theo pháp luật kế toán`,
    article: `${article}; Điều 1 khoản 2 điểm đ`,
  };
}
