/**
 * Recognising the columns of a school's Excel asset register and checking its rows.
 *
 * Headers are compared after folding (no diacritics, đ → d, lower case), with parenthesised
 * units dropped ("Nguyên giá (đồng)" = "Nguyên giá") and punctuation turned into spaces.
 * Two-row headers are flattened as "Top / Sub" (`flattenHeaderRows`); a part of a flattened
 * header may match on its own ("Nguyên giá / Tổng" → costVnd). Scores: whole header equals an
 * alias 1.0; the sub-header equals an alias 0.95; another part equals an alias 0.9; the header
 * contains a multi-word alias 0.6–0.9 (longer aliases score higher). Columns and fields are
 * paired greedily by score (ties: a "Tổng/Cộng" sub-header, then the leftmost column), so
 * "Giá trị còn lại" goes to remainingVnd before "giá trị" can pull it into costVnd.
 */
import type { AssetClassesCatalog, ConditionCode, FundingSourceCode, OriginCode } from './catalog.schema';
import { parseVnDate } from './dates';
import { fold } from '../fold';
import { parseVnd } from './money';

export const ASSET_FIELDS = [
  'code',
  'name',
  'model',
  'brand',
  'serial',
  'origin',
  'yearMade',
  'unit',
  'quantity',
  'costVnd',
  'unitPriceVnd',
  'remainingVnd',
  'accumulatedWearVnd',
  'wearRatePercent',
  'usefulLifeYears',
  'fundingSource',
  'acquiredVia',
  'documentNo',
  'documentDate',
  'putInUseDate',
  'room',
  'custodian',
  'condition',
  'assetClass',
  'specs',
  'notes',
] as const;
export type AssetField = (typeof ASSET_FIELDS)[number];

/** Vietnamese label of each field (column names in error messages and the mapping UI). */
export const FIELD_LABELS: Readonly<Record<AssetField, string>> = {
  code: 'Mã tài sản',
  name: 'Tên tài sản',
  model: 'Model / ký hiệu',
  brand: 'Hãng sản xuất',
  serial: 'Số serial',
  origin: 'Nước sản xuất',
  yearMade: 'Năm sản xuất',
  unit: 'Đơn vị tính',
  quantity: 'Số lượng',
  costVnd: 'Nguyên giá',
  unitPriceVnd: 'Đơn giá',
  remainingVnd: 'Giá trị còn lại',
  accumulatedWearVnd: 'Hao mòn lũy kế',
  wearRatePercent: 'Tỷ lệ hao mòn',
  usefulLifeYears: 'Thời gian sử dụng (năm)',
  fundingSource: 'Nguồn kinh phí',
  acquiredVia: 'Nguồn gốc hình thành',
  documentNo: 'Số chứng từ',
  documentDate: 'Ngày chứng từ',
  putInUseDate: 'Ngày đưa vào sử dụng',
  room: 'Phòng / vị trí',
  custodian: 'Người quản lý, sử dụng',
  condition: 'Tình trạng',
  assetClass: 'Loại tài sản',
  specs: 'Thông số kỹ thuật',
  notes: 'Ghi chú',
};

/** Aliases as schools write them; folded when compared. Order does not matter. */
export const FIELD_ALIASES: Readonly<Record<AssetField, readonly string[]>> = {
  code: [
    'Mã tài sản',
    'Mã TS',
    'Mã số',
    'Mã',
    'Số hiệu',
    'Số hiệu tài sản',
    'Mã số tài sản',
    'Mã thiết bị',
    'Mã TB',
    'Mã TSCĐ',
    'Mã vạch',
    'Mã QR',
    'Mã hàng',
  ],
  name: [
    'Tên tài sản',
    'Tên TS',
    'Tên thiết bị',
    'Tên',
    'Tên TSCĐ',
    'Tên tài sản cố định',
    'Tên thiết bị đồ dùng',
    'Tên đồ dùng',
    'Tên thiết bị đồ chơi',
    'Tên công cụ dụng cụ',
    'Tên hàng hóa',
    'Tên vật tư',
    'Danh mục',
    'Danh mục thiết bị',
    'Tên tài sản thiết bị',
  ],
  model: ['Model', 'Kiểu', 'Kiểu máy', 'Ký hiệu', 'Ký mã hiệu', 'Mã hiệu', 'Model ký hiệu', 'Chủng loại'],
  brand: ['Hãng sản xuất', 'Hãng SX', 'Hãng', 'Nhãn hiệu', 'Thương hiệu', 'Nhà sản xuất'],
  serial: ['Số serial', 'Serial', 'Số seri', 'Số sê ri', 'Seri', 'S N', 'SN', 'Số máy', 'Số khung'],
  origin: ['Nước sản xuất', 'Nước SX', 'Xuất xứ', 'Nơi sản xuất', 'Quốc gia sản xuất'],
  yearMade: ['Năm sản xuất', 'Năm SX'],
  unit: ['Đơn vị tính', 'ĐVT', 'Đơn vị'],
  quantity: ['Số lượng', 'SL'],
  costVnd: ['Nguyên giá', 'Thành tiền', 'Giá trị', 'Tổng giá trị', 'Giá trị tài sản', 'Tổng tiền', 'Nguyên giá tài sản'],
  unitPriceVnd: ['Đơn giá', 'Giá mua', 'Giá'],
  remainingVnd: ['Giá trị còn lại', 'GTCL', 'Còn lại', 'Giá trị còn lại cuối năm'],
  accumulatedWearVnd: [
    'Hao mòn lũy kế',
    'Đã hao mòn',
    'Số hao mòn lũy kế',
    'Giá trị hao mòn',
    'Hao mòn',
    'Lũy kế hao mòn',
    'Giá trị đã hao mòn',
  ],
  wearRatePercent: ['Tỷ lệ hao mòn', 'Tỷ lệ HM', 'Tỷ lệ', 'Tỉ lệ hao mòn'],
  usefulLifeYears: [
    'Số năm sử dụng',
    'Thời gian sử dụng',
    'Thời gian tính hao mòn',
    'Số năm khấu hao',
    'Niên hạn sử dụng',
    'Số năm tính hao mòn',
  ],
  fundingSource: ['Nguồn vốn', 'Nguồn kinh phí', 'Nguồn', 'Nguồn kinh phí mua sắm', 'Nguồn vốn đầu tư'],
  acquiredVia: [
    'Nguồn gốc',
    'Nguồn gốc hình thành',
    'Hình thức',
    'Hình thức tăng',
    'Lý do tăng',
    'Nguồn gốc tài sản',
    'Hình thức hình thành',
  ],
  documentNo: ['Số chứng từ', 'Số hóa đơn', 'Số CT', 'Chứng từ số'],
  documentDate: [
    'Ngày chứng từ',
    'Ngày hóa đơn',
    'Ngày ghi tăng',
    'Ngày mua',
    'Ngày nhập',
    'Ngày tăng',
    'Ngày ghi sổ',
    'Ngày CT',
  ],
  putInUseDate: [
    'Năm sử dụng',
    'Ngày đưa vào sử dụng',
    'Năm đưa vào sử dụng',
    'Ngày sử dụng',
    'Ngày bắt đầu sử dụng',
    'Thời điểm đưa vào sử dụng',
    'Năm SD',
    'Năm bắt đầu sử dụng',
  ],
  room: [
    'Phòng',
    'Vị trí',
    'Nơi đặt',
    'Nơi sử dụng',
    'Địa điểm',
    'Phòng sử dụng',
    'Vị trí đặt',
    'Nơi để',
    'Phòng học',
    'Lớp',
    'Phòng ban',
  ],
  custodian: [
    'Người quản lý',
    'Người sử dụng',
    'Người phụ trách',
    'Người giữ',
    'Bộ phận sử dụng',
    'Cán bộ quản lý',
    'Giáo viên phụ trách',
    'Đơn vị sử dụng',
    'Người chịu trách nhiệm',
  ],
  condition: ['Tình trạng', 'Hiện trạng', 'Tình trạng sử dụng', 'Chất lượng', 'Tình trạng kỹ thuật', 'Tình trạng thiết bị'],
  assetClass: ['Loại tài sản', 'Nhóm tài sản', 'Phân loại', 'Loại TS', 'Loại', 'Nhóm', 'Loại tài sản cố định', 'Nhóm TSCĐ'],
  specs: ['Thông số kỹ thuật', 'Cấu hình', 'Mô tả', 'Đặc điểm kỹ thuật', 'Thông số'],
  notes: ['Ghi chú', 'Diễn giải', 'Ghi chú khác'],
};

/** Headers recognised as not data (row numbers). */
const IGNORED = ['STT', 'TT', 'Số TT', 'Số thứ tự'];

/** "Nguyên giá (đồng)" → "nguyen gia"; "Mã TS:" → "ma ts". */
export function normalizeHeader(text: string): string {
  return fold(text.normalize('NFC'))
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^a-z0-9/]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function cellString(v: unknown): string {
  const s = cellValue(v);
  if (s === null || s === undefined) return '';
  if (s instanceof Date) return s.toISOString().slice(0, 10);
  return String(s).trim();
}

/**
 * Unwraps what spreadsheet readers put in a cell: rich text ({ richText: [{ text }] }), formulas
 * ({ result }), hyperlinks ({ text }), errors ({ error }) → the plain value.
 */
export function cellValue(v: unknown): string | number | boolean | Date | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: unknown }[]).map((r) => String(r.text ?? '')).join('');
    if ('result' in o) return cellValue(o.result);
    if ('text' in o) return cellValue(o.text);
    if ('error' in o) return null;
  }
  return String(v);
}

/**
 * Two (or more) header rows → one header per column, "Top / Sub". A top cell left empty by a
 * horizontal merge takes the text of the group it belongs to, as long as the row below has a
 * sub-header there.
 */
export function flattenHeaderRows(rows: readonly (readonly unknown[])[]): string[] {
  if (rows.length === 0) return [];
  const width = Math.max(...rows.map((r) => r.length));
  const grid = rows.map((r) => Array.from({ length: width }, (_, i) => cellString(r[i])));
  for (let r = 0; r < grid.length - 1; r++) {
    const top = grid[r]!;
    const below = grid[r + 1]!;
    let carry: string | null = null;
    for (let c = 0; c < width; c++) {
      if (top[c] !== '') carry = below[c] !== '' ? top[c]! : null;
      else if (carry !== null && below[c] !== '') top[c] = carry;
      else carry = null;
    }
  }
  return Array.from({ length: width }, (_, c) => {
    const parts: string[] = [];
    for (const row of grid) {
      const t = row[c]!.replace(/\s+/g, ' ');
      if (t !== '' && parts[parts.length - 1] !== t) parts.push(t);
    }
    return parts.join(' / ');
  });
}

export interface ColumnMatch {
  index: number;
  /** Column letter as Excel shows it (A, B, …, AA). */
  letter: string;
  header: string;
  field: AssetField | null;
  /** The alias that matched (as written in FIELD_ALIASES). */
  alias: string | null;
  score: number;
  /** A row-number column (STT). */
  ignored: boolean;
}

export interface HeaderMapping {
  /** field → 0-based column index. */
  mapping: Partial<Record<AssetField, number>>;
  columns: ColumnMatch[];
  /** Non-empty headers that matched no field (and are not STT). */
  unmapped: { index: number; letter: string; header: string }[];
  /** Required fields with no column (only `name`). */
  missingRequired: AssetField[];
  /**
   * 0–1: weighted match quality of the key fields (name 3, code 2, cost or unit price 2,
   * quantity 1, date put in use 1, room 1). Below ~0.5 the UI should ask the user to confirm.
   */
  confidence: number;
}

export const REQUIRED_FIELDS: readonly AssetField[] = ['name'];

export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

interface FoldedAlias {
  field: AssetField;
  alias: string;
  folded: string;
  words: number;
}

const FOLDED_ALIASES: FoldedAlias[] = ASSET_FIELDS.flatMap((field) =>
  FIELD_ALIASES[field].map((alias) => {
    const folded = normalizeHeader(alias);
    return { field, alias, folded, words: folded.split(' ').length };
  }),
);
const FOLDED_IGNORED = new Set(IGNORED.map(normalizeHeader));
const TOTAL_PARTS = new Set(['tong', 'tong cong', 'cong', 'tong so']);

function scoreColumn(header: string): { field: AssetField; alias: string; score: number; total: boolean }[] {
  const parts = header
    .split('/')
    .map((p) => normalizeHeader(p))
    .filter((p) => p !== '');
  const whole = parts.join(' ');
  if (whole === '') return [];
  const last = parts[parts.length - 1]!;
  const total = parts.length > 1 && TOTAL_PARTS.has(last);
  const best = new Map<AssetField, { alias: string; score: number }>();
  for (const a of FOLDED_ALIASES) {
    let score = 0;
    if (whole === a.folded) score = 1;
    else if (parts.length > 1 && last === a.folded) score = 0.95;
    else if (parts.some((p) => p === a.folded)) score = 0.9;
    else if (a.words >= 2 && ` ${whole} `.includes(` ${a.folded} `)) score = 0.6 + 0.29 * (a.folded.length / whole.length);
    if (score > (best.get(a.field)?.score ?? 0)) best.set(a.field, { alias: a.alias, score });
  }
  return [...best.entries()].map(([field, b]) => ({ field, alias: b.alias, score: b.score, total }));
}

const KEY_WEIGHTS: readonly [AssetField | AssetField[], number][] = [
  ['name', 3],
  ['code', 2],
  [['costVnd', 'unitPriceVnd'], 2],
  ['quantity', 1],
  ['putInUseDate', 1],
  ['room', 1],
];

/**
 * Maps a register's header row(s) to asset fields. Pass one row (`string[]`) or several header
 * rows (`unknown[][]`, flattened with flattenHeaderRows).
 */
export function mapHeaders(headerRows: readonly unknown[] | readonly (readonly unknown[])[]): HeaderMapping {
  const headers =
    headerRows.length > 0 && Array.isArray(headerRows[0])
      ? flattenHeaderRows(headerRows as readonly (readonly unknown[])[])
      : (headerRows as readonly unknown[]).map(cellString);
  const columns: ColumnMatch[] = headers.map((header, index) => ({
    index,
    letter: columnLetter(index),
    header,
    field: null,
    alias: null,
    score: 0,
    ignored: FOLDED_IGNORED.has(normalizeHeader(header)),
  }));
  const candidates: { index: number; field: AssetField; alias: string; score: number; total: boolean }[] = [];
  for (const col of columns) {
    if (col.ignored) continue;
    for (const c of scoreColumn(col.header)) if (c.score >= 0.6) candidates.push({ index: col.index, ...c });
  }
  candidates.sort((a, b) => b.score - a.score || Number(b.total) - Number(a.total) || a.index - b.index);
  const mapping: Partial<Record<AssetField, number>> = {};
  for (const c of candidates) {
    const col = columns[c.index]!;
    if (col.field !== null || mapping[c.field] !== undefined) continue;
    mapping[c.field] = c.index;
    col.field = c.field;
    col.alias = c.alias;
    col.score = Math.round(c.score * 100) / 100;
  }
  const unmapped = columns
    .filter((c) => c.field === null && !c.ignored && c.header !== '')
    .map((c) => ({ index: c.index, letter: c.letter, header: c.header }));
  const missingRequired = REQUIRED_FIELDS.filter((f) => mapping[f] === undefined);
  let got = 0;
  let max = 0;
  for (const [fields, w] of KEY_WEIGHTS) {
    max += w;
    const list = Array.isArray(fields) ? fields : [fields];
    const s = Math.max(0, ...list.map((f) => (mapping[f] === undefined ? 0 : columns[mapping[f]!]!.score)));
    got += w * s;
  }
  return { mapping, columns, unmapped, missingRequired, confidence: Math.round((got / max) * 100) / 100 };
}

/** One data row → field values, using a mapping. */
export function applyMapping(
  row: readonly unknown[],
  mapping: Partial<Record<AssetField, number>>,
): Partial<Record<AssetField, unknown>> {
  const out: Partial<Record<AssetField, unknown>> = {};
  for (const field of ASSET_FIELDS) {
    const i = mapping[field];
    if (i !== undefined) out[field] = cellValue(row[i]);
  }
  return out;
}

/** "Cột E (Nguyên giá)" for every mapped field, for error messages. */
export function columnLabels(m: HeaderMapping): Partial<Record<AssetField, string>> {
  const out: Partial<Record<AssetField, string>> = {};
  for (const c of m.columns) if (c.field) out[c.field] = `${c.letter} (${c.header})`;
  return out;
}

// ───────────────────────────── rows ─────────────────────────────

export interface RowIssue {
  /** Row number as Excel shows it. */
  row: number;
  /** Column as shown to the user, e.g. "E (Nguyên giá)", or the field's label. */
  column: string;
  message: string;
}

export interface AssetDraft {
  rowNumber: number;
  code: string | null;
  name: string;
  model: string | null;
  brand: string | null;
  serial: string | null;
  origin: string | null;
  yearMade: number | null;
  unit: string | null;
  quantity: number;
  /** Historical cost of the row (for a set: of the whole row); derived from unit price × quantity when only the unit price is given. */
  costVnd: number | null;
  unitPriceVnd: number | null;
  remainingVnd: number | null;
  accumulatedWearVnd: number | null;
  wearRatePercent: number | null;
  usefulLifeYears: number | null;
  fundingSource: FundingSourceCode | null;
  fundingSourceText: string | null;
  acquiredVia: OriginCode | null;
  acquiredViaText: string | null;
  documentNo: string | null;
  documentDate: string | null;
  putInUseDate: string | null;
  /** 'year' when the register gave only a year (stored as 1 January). */
  putInUseDatePrecision: 'day' | 'year' | null;
  room: string | null;
  custodian: string | null;
  condition: ConditionCode | null;
  conditionText: string | null;
  /** Class code from asset-classes.json, when recognised. */
  assetClass: string | null;
  assetClassText: string | null;
  specs: string | null;
  notes: string | null;
}

export type RowValidation =
  { ok: true; draft: AssetDraft; warnings: RowIssue[] } | { ok: false; errors: RowIssue[]; warnings: RowIssue[] };

export interface ValidateRowOptions {
  /** Column labels for messages (see columnLabels); default: the field's label. */
  columns?: Partial<Record<AssetField, string>>;
  /** Used to recognise condition, origin, funding source and class texts. */
  classes?: AssetClassesCatalog | null;
}

const isBlank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/** A row with no value in any mapped column (skip it rather than report it). */
export function isBlankRow(mapped: Partial<Record<AssetField, unknown>>): boolean {
  return ASSET_FIELDS.every((f) => isBlank(cellValue(mapped[f])));
}

interface Coded<C extends string> {
  code: C;
  label: string;
  aliases: readonly string[];
}

/** Matches free text to a code list by code, label or alias (folded; exact, then longest contained multi-word alias). */
export function matchCode<C extends string>(text: string, entries: readonly Coded<C>[]): C | null {
  const t = normalizeHeader(text);
  if (t === '') return null;
  let best: { code: C; len: number } | null = null;
  for (const e of entries) {
    const names = [e.code.replace(/[._]/g, ' '), e.label, ...e.aliases].map(normalizeHeader);
    for (const n of names) {
      if (n === t) return e.code;
      if (n.includes(' ') && ` ${t} `.includes(` ${n} `) && (!best || n.length > best.len))
        best = { code: e.code, len: n.length };
    }
  }
  return best?.code ?? null;
}

const YEAR_MIN = 1900;
const YEAR_MAX = 2100;

function parseIntLoose(v: unknown): { ok: true; value: number } | { ok: false } {
  if (typeof v === 'number') return Number.isInteger(v) ? { ok: true, value: v } : { ok: false };
  const m = /^\s*([+-]?[\d.,\s]+?)\s*\p{L}*\.?\s*$/u.exec(String(v));
  if (!m) return { ok: false };
  const p = parseVnd(m[1]!);
  return p.ok ? { ok: true, value: p.value } : { ok: false };
}

function parseDecimal(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  const s = String(v)
    .trim()
    .replace(/%$/, '')
    .replace(/\s*(năm|nam)$/iu, '')
    .trim()
    .replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

export function validateRow(
  mapped: Partial<Record<AssetField, unknown>>,
  rowNumber: number,
  options: ValidateRowOptions = {},
): RowValidation {
  const errors: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  const col = (f: AssetField) => options.columns?.[f] ?? FIELD_LABELS[f];
  const err = (f: AssetField, message: string) => errors.push({ row: rowNumber, column: col(f), message });
  const warn = (f: AssetField, message: string) => warnings.push({ row: rowNumber, column: col(f), message });
  const raw = (f: AssetField) => cellValue(mapped[f]);
  const text = (f: AssetField): string | null => {
    const v = raw(f);
    if (isBlank(v)) return null;
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    return String(v).replace(/\s+/g, ' ').trim();
  };
  const money = (f: AssetField): number | null => {
    const v = raw(f);
    if (isBlank(v)) return null;
    if (v instanceof Date || typeof v === 'boolean') {
      err(f, 'Không phải số tiền');
      return null;
    }
    const p = parseVnd(v as string | number);
    if (!p.ok) {
      err(f, p.error);
      return null;
    }
    if (p.value < 0) {
      err(f, 'Số tiền không được âm');
      return null;
    }
    return p.value;
  };
  const date = (f: AssetField): { iso: string; precision: 'day' | 'year' } | null => {
    const v = raw(f);
    if (isBlank(v)) return null;
    // A bare year (2019 or "2019") in "Năm sử dụng": a number this small as an Excel serial would be 1905.
    const yearOnly = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d{4}\s*$/.test(v) ? Number(v) : null;
    if (yearOnly !== null && Number.isInteger(yearOnly) && yearOnly >= YEAR_MIN && yearOnly <= YEAR_MAX) {
      return { iso: `${yearOnly}-01-01`, precision: 'year' };
    }
    const p = parseVnDate(typeof v === 'boolean' ? String(v) : v);
    if (!p.ok) {
      err(f, p.error);
      return null;
    }
    return { iso: p.value, precision: 'day' };
  };

  const name = text('name');
  if (name === null) err('name', 'Thiếu tên tài sản');

  let quantity = 1;
  const qRaw = raw('quantity');
  if (!isBlank(qRaw)) {
    const q = parseIntLoose(qRaw);
    if (!q.ok) err('quantity', `Số lượng phải là số nguyên (nhận "${String(qRaw)}")`);
    else if (q.value < 1) err('quantity', 'Số lượng phải từ 1 trở lên');
    else quantity = q.value;
  }

  let costVnd = money('costVnd');
  const unitPriceVnd = money('unitPriceVnd');
  if (costVnd === null && unitPriceVnd !== null) {
    const product = unitPriceVnd * quantity;
    if (Number.isSafeInteger(product)) costVnd = product;
  } else if (costVnd !== null && unitPriceVnd !== null && unitPriceVnd * quantity !== costVnd && unitPriceVnd !== costVnd) {
    warn('costVnd', `Nguyên giá ${costVnd} khác đơn giá × số lượng (${unitPriceVnd} × ${quantity})`);
  }
  const remainingVnd = money('remainingVnd');
  const accumulatedWearVnd = money('accumulatedWearVnd');
  if (costVnd !== null && remainingVnd !== null && remainingVnd > costVnd)
    err('remainingVnd', 'Giá trị còn lại lớn hơn nguyên giá');
  if (costVnd !== null && accumulatedWearVnd !== null && accumulatedWearVnd > costVnd)
    err('accumulatedWearVnd', 'Hao mòn lũy kế lớn hơn nguyên giá');
  if (costVnd !== null && remainingVnd !== null && accumulatedWearVnd !== null && remainingVnd + accumulatedWearVnd !== costVnd) {
    warn('remainingVnd', 'Giá trị còn lại + hao mòn lũy kế khác nguyên giá');
  }

  let wearRatePercent: number | null = null;
  const rRaw = raw('wearRatePercent');
  if (!isBlank(rRaw)) {
    const r = parseDecimal(rRaw);
    // A percent-formatted Excel cell holds 0.1429 for 14,29 %; no legal rate is 1 %/yr or less.
    const pct = r !== null && typeof rRaw === 'number' && r > 0 && r <= 1 ? Math.round(r * 1_000_000) / 10_000 : r;
    if (pct === null || !(pct > 0 && pct <= 100))
      err('wearRatePercent', `Tỷ lệ hao mòn phải trong khoảng (0; 100] %/năm (nhận "${String(rRaw)}")`);
    else wearRatePercent = pct;
  }
  let usefulLifeYears: number | null = null;
  const lRaw = raw('usefulLifeYears');
  if (!isBlank(lRaw)) {
    const l = parseDecimal(lRaw);
    if (l === null || !Number.isInteger(l) || l < 1 || l > 100)
      err('usefulLifeYears', `Thời gian sử dụng phải là số năm nguyên từ 1 đến 100 (nhận "${String(lRaw)}")`);
    else usefulLifeYears = l;
  }

  let yearMade: number | null = null;
  const yRaw = raw('yearMade');
  if (!isBlank(yRaw)) {
    let y: number | null = null;
    if (yRaw instanceof Date) y = yRaw.getUTCFullYear();
    else if (typeof yRaw === 'number') y = yRaw;
    else if (/^\s*\d{4}\s*$/.test(String(yRaw))) y = Number(yRaw);
    else {
      const d = parseVnDate(String(yRaw));
      if (d.ok) y = Number(d.value.slice(0, 4));
    }
    if (y === null || !Number.isInteger(y) || y < YEAR_MIN || y > YEAR_MAX)
      err('yearMade', `Năm sản xuất không hợp lệ (nhận "${String(yRaw)}")`);
    else yearMade = y;
  }

  const documentDate = date('documentDate');
  const putInUse = date('putInUseDate');
  if (documentDate && putInUse && putInUse.precision === 'day' && putInUse.iso < documentDate.iso) {
    warn('putInUseDate', 'Ngày đưa vào sử dụng trước ngày chứng từ');
  }

  const classes = options.classes ?? null;
  const coded = <C extends string>(
    f: AssetField,
    entries: readonly Coded<C>[] | null,
    what: string,
  ): { code: C | null; text: string | null } => {
    const t = text(f);
    if (t === null) return { code: null, text: null };
    if (!entries) return { code: null, text: t };
    const code = matchCode(t, entries);
    if (code === null) warn(f, `Không nhận ra ${what} "${t}"; giữ nguyên văn bản để chọn lại`);
    return { code, text: t };
  };
  const condition = coded('condition', classes?.conditions ?? null, 'tình trạng');
  if (condition.text !== null && !classes) {
    // Without the catalog only the codes themselves are recognised.
    const c = normalizeHeader(condition.text).replace(/ /g, '_');
    const codes: readonly string[] = ['dang_hoat_dong', 'hu_hong', 'chua_su_dung', 'con_tot', 'khong_su_dung_duoc'];
    if (codes.includes(c)) condition.code = c as ConditionCode;
  }
  const acquired = coded('acquiredVia', classes?.origins ?? null, 'nguồn gốc hình thành');
  const funding = coded('fundingSource', classes?.fundingSources ?? null, 'nguồn kinh phí');
  const cls = coded('assetClass', classes?.classes ?? null, 'loại tài sản');

  const code = text('code');
  if (code !== null && code.length > 64) err('code', 'Mã tài sản dài quá 64 ký tự');

  if (errors.length > 0) return { ok: false, errors, warnings };
  return {
    ok: true,
    warnings,
    draft: {
      rowNumber,
      code,
      name: name!,
      model: text('model'),
      brand: text('brand'),
      serial: text('serial'),
      origin: text('origin'),
      yearMade,
      unit: text('unit'),
      quantity,
      costVnd,
      unitPriceVnd,
      remainingVnd,
      accumulatedWearVnd,
      wearRatePercent,
      usefulLifeYears,
      fundingSource: funding.code,
      fundingSourceText: funding.text,
      acquiredVia: acquired.code,
      acquiredViaText: acquired.text,
      documentNo: text('documentNo'),
      documentDate: documentDate?.iso ?? null,
      putInUseDate: putInUse?.iso ?? null,
      putInUseDatePrecision: putInUse?.precision ?? null,
      room: text('room'),
      custodian: text('custodian'),
      condition: condition.code,
      conditionText: condition.text,
      assetClass: cls.code,
      assetClassText: cls.text,
      specs: text('specs'),
      notes: text('notes'),
    },
  };
}
