import fs from 'node:fs';
import path from 'node:path';
import {
  mergeWearOverrides,
  parseCatalogJson,
  type AssetClassesCatalog,
  type Catalog,
  type DisposalRules,
  type EffectiveWearCatalog,
  type EquipmentMinListsCatalog,
  type ProvinceOverrideLayer,
  type RoomNormsCatalog,
  type RoomTypesCatalog,
  type WearCatalog,
} from '../../../core/assets';
import { RpcError } from '../../../contract/rpc';

/**
 * The asset catalogs of `<resourcesDir>/catalogs/*.json`, read and validated once per
 * resources folder (a broken file stops the call with its name and JSON path).
 */
export interface AssetCatalogs {
  wear: WearCatalog;
  classes: AssetClassesCatalog;
  roomTypes: RoomTypesCatalog;
  norms: RoomNormsCatalog;
  equipment: EquipmentMinListsCatalog;
  disposal: DisposalRules;
  provinceLayers: ProvinceOverrideLayer[];
}

const cache = new Map<string, AssetCatalogs>();

export function loadAssetCatalogs(resourcesDir: string): AssetCatalogs {
  const hit = cache.get(resourcesDir);
  if (hit) return hit;
  const dir = path.join(resourcesDir, 'catalogs');
  const files = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];
  const all: Catalog[] = files.map((f) => parseCatalogJson(fs.readFileSync(path.join(dir, f), 'utf8'), f));
  const one = <K extends Catalog['kind']>(kind: K): Extract<Catalog, { kind: K }> => {
    const found = all.filter((c) => c.kind === kind);
    if (found.length === 0) throw new Error(`Thiếu danh mục loại "${kind}" trong ${dir}`);
    return found[0] as Extract<Catalog, { kind: K }>;
  };
  const cats: AssetCatalogs = {
    wear: one('wear'),
    classes: one('asset-classes'),
    roomTypes: one('room-types'),
    norms: one('room-norms'),
    equipment: one('equipment-min-lists'),
    disposal: one('disposal-rules'),
    provinceLayers: all.filter((c): c is ProvinceOverrideLayer => c.kind === 'province-override'),
  };
  cache.set(resourcesDir, cats);
  return cats;
}

/** The wear catalog in force: central rows, with the configured province layer merged in. */
export function effectiveWear(cats: AssetCatalogs, provinceOverrideId: string | null): EffectiveWearCatalog {
  if (!provinceOverrideId) return mergeWearOverrides(cats.wear, null);
  const layer = cats.provinceLayers.find((l) => l.id === provinceOverrideId);
  if (!layer)
    throw new RpcError('VALIDATION', `Không có lớp điều chỉnh tỷ lệ hao mòn "${provinceOverrideId}" trong thư mục danh mục.`);
  return mergeWearOverrides(cats.wear, layer);
}

export function classLabel(cats: AssetCatalogs, code: string): string {
  return cats.classes.classes.find((c) => c.code === code)?.label ?? code;
}

export function labelOf(
  list: readonly { code: string; label: string }[],
  code: string | null | undefined,
  fallback = '—',
): string {
  if (code === null || code === undefined || code === '') return fallback;
  return list.find((x) => x.code === code)?.label ?? code;
}

/** Default wear group for a class when the asset has none (TT 141 Appendix I rows). */
export function defaultWearGroup(assetClass: string, buildingGrade?: string | null): string | null {
  switch (assetClass) {
    case 'tangible.1':
      return buildingGrade === 'dac_biet'
        ? '1.1'
        : buildingGrade === 'I'
          ? '1.2'
          : buildingGrade === 'II'
            ? '1.3'
            : buildingGrade === 'III'
              ? '1.4'
              : '1.5';
    case 'tangible.2':
      return '2.2';
    case 'tangible.3':
      return '3.1';
    case 'tangible.4':
      return '4.1';
    case 'tangible.5':
      return '5.2.2';
    case 'tangible.7':
      return '7.1';
    default:
      return null;
  }
}
