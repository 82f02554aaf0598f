/**
 * Validation of catalog files. Pure: the backend reads `resources/catalogs/*.json` from disk and
 * hands the parsed JSON (or the text) here; a broken file is reported with its name and the JSON
 * path of every problem, because whoever fixes a data file needs the line, not a stack trace.
 */
import { z } from 'zod';
import {
  catalogSchema,
  type AssetClassesCatalog,
  type Catalog,
  type CatalogKind,
  type DisposalRules,
  type EquipmentMinListsCatalog,
  type ProvinceOverrideLayer,
  type RoomNormsCatalog,
  type RoomTypesCatalog,
  type WearCatalog,
} from './catalog.schema';

export interface CatalogIssue {
  /** e.g. "rows[3].ratePercent" ("" for the root). */
  path: string;
  message: string;
}

export class CatalogValidationError extends Error {
  readonly fileName: string;
  readonly issues: readonly CatalogIssue[];

  constructor(fileName: string, issues: readonly CatalogIssue[]) {
    super(
      `Tệp danh mục không hợp lệ — ${fileName}:\n` +
        issues.map((i) => `${fileName}: ${i.path || '(gốc)'}: ${i.message}`).join('\n'),
    );
    this.name = 'CatalogValidationError';
    this.fileName = fileName;
    this.issues = issues;
  }
}

/** JSON path in the form people type into jq: `a.b[0].c`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const k of path) {
    if (typeof k === 'number') out += `[${k}]`;
    else if (typeof k === 'string' && /^[A-Za-z_$][\w$]*$/.test(k)) out += out ? `.${k}` : k;
    else out += `[${JSON.stringify(String(k))}]`;
  }
  return out;
}

const viErrors = z.locales.vi().localeError;

function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() ?? fileName;
}

/**
 * Validates parsed JSON as one of the catalog kinds (chosen by its `kind` field). The file must
 * be named `<id>.json`. Throws CatalogValidationError naming the file and the JSON path.
 */
export function validateCatalog(json: unknown, fileName: string): Catalog {
  const result = catalogSchema.safeParse(json, { error: viErrors });
  if (!result.success) {
    throw new CatalogValidationError(
      fileName,
      result.error.issues.map((issue) => ({ path: jsonPath(issue.path), message: issue.message })),
    );
  }
  const expected = `${result.data.id}.json`;
  if (baseName(fileName) !== expected) {
    throw new CatalogValidationError(fileName, [
      { path: 'id', message: `id "${result.data.id}" phải trùng tên tệp (${expected})` },
    ]);
  }
  return result.data;
}

/** Parses JSON text first, reporting a syntax error against the file name too. */
export function parseCatalogJson(text: string, fileName: string): Catalog {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new CatalogValidationError(fileName, [{ path: '', message: `JSON không hợp lệ: ${(e as Error).message}` }]);
  }
  return validateCatalog(data, fileName);
}

interface CatalogByKind {
  wear: WearCatalog;
  'province-override': ProvinceOverrideLayer;
  'room-types': RoomTypesCatalog;
  'room-norms': RoomNormsCatalog;
  'equipment-min-lists': EquipmentMinListsCatalog;
  'disposal-rules': DisposalRules;
  'asset-classes': AssetClassesCatalog;
}

/** Like validateCatalog, but also insists on the kind (e.g. the wear catalog the backend needs). */
export function validateCatalogOfKind<K extends CatalogKind>(json: unknown, fileName: string, kind: K): CatalogByKind[K] {
  const cat = validateCatalog(json, fileName);
  if (cat.kind !== kind) {
    throw new CatalogValidationError(fileName, [{ path: 'kind', message: `Cần danh mục loại "${kind}", tệp là "${cat.kind}"` }]);
  }
  return cat as CatalogByKind[K];
}
