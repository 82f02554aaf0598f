import { createHash } from 'node:crypto';
import { IsNull, type EntityManager } from 'typeorm';
import {
  ASSET_FIELDS,
  FIELD_LABELS,
  applyMapping,
  columnLetter,
  isBlankRow,
  mapHeaders,
  normalizeHeader,
  proportionVnd,
  validateRow,
  type AssetField,
  type EffectiveWearCatalog,
  type HeaderMapping,
  type RowIssue,
} from '../../../core/assets';
import { fold } from '../../../core/fold';
import type { ImportResult } from '../../../contract/schemas/assets';
import { newId, nowIso } from '../../db/clock';
import type { SyncTx } from '../../db/sync-tx';
import { bulkInsert, bulkUpdate } from './batch';
import type { AssetCatalogs } from './catalogs';
import { diff, eventData, hydrateAsset, mainSiteId, stateOf } from './common';
import { AssetEntity, AssetEventEntity, ImportMappingEntity, RoomEntity, type AssetRow, type RoomRow } from './entities';
import { buildAssetRow, categorize, nextCodes, recogniseDate, searchTextOf } from './register';
import type { SheetRows } from './xlsx';

/**
 * Excel import of an existing register: header detection (one or two header rows, merged
 * cells), column mapping (aliases from core/import-mapping, or a mapping saved for the same
 * header signature), values as schools write them (core parsers), a dry run that lists every
 * problem as { row, column, message } with Excel's row numbers, and an all-or-nothing write.
 */

export interface DetectedHeader {
  headerRows: number[];
  /** Index into SheetRows.rows of the first data row. */
  dataStart: number;
  mapping: HeaderMapping;
  signature: string;
}

const isNumberish = (v: unknown) =>
  typeof v === 'number' || v instanceof Date || (typeof v === 'string' && /^[\d.,\s]+$/.test(v.trim()) && /\d/.test(v));
const nonEmpty = (vals: unknown[]) => vals.filter((v) => v !== null && v !== undefined && String(v).trim() !== '');

/** A row of column numbers under the header ("1 2 3 …", "(1) (2)", "A B C"). */
function isNumberingRow(vals: unknown[]): boolean {
  const cells = nonEmpty(vals);
  return cells.length >= 3 && cells.every((v) => /^\(?([0-9]{1,2}|[A-Z])\)?$/.test(String(v).trim()));
}

export function headerSignature(headers: string[]): string {
  return createHash('sha256')
    .update(headers.map((h) => normalizeHeader(h)).join('\u0001'))
    .digest('hex');
}

/** Finds the header: the row (or pair of rows) among the first 20 whose headers map best. */
export function detectHeader(sheet: SheetRows): DetectedHeader | null {
  let best: DetectedHeader | null = null;
  let bestScore = -1;
  const limit = Math.min(sheet.rows.length, 20);
  for (let i = 0; i < limit; i++) {
    const r1 = sheet.rows[i]!;
    if (nonEmpty(r1.values).length < 2) continue;
    const one = mapHeaders(r1.values.map((v) => (v === null || v === undefined ? '' : v)) as unknown[]);
    const candidates: { rows: number[]; mapping: HeaderMapping; next: number }[] = [
      { rows: [r1.number], mapping: one, next: i + 1 },
    ];
    const r2 = sheet.rows[i + 1];
    if (r2 && r2.number === r1.number + 1 && nonEmpty(r2.values).length > 0 && !r2.values.some(isNumberish)) {
      candidates.push({ rows: [r1.number, r2.number], mapping: mapHeaders([r1.values, r2.values]), next: i + 2 });
    }
    for (const c of candidates) {
      const fields = Object.keys(c.mapping.mapping).length;
      // Two header rows win ties: their sub-headers (Số lượng / Thành tiền under one merged cell) matter.
      const score = c.mapping.confidence * 100 + fields + (c.rows.length - 1) * 0.5;
      if (c.mapping.missingRequired.length === 0 && score > bestScore) {
        bestScore = score;
        let dataStart = c.next;
        while (dataStart < sheet.rows.length && isNumberingRow(sheet.rows[dataStart]!.values)) dataStart++;
        best = {
          headerRows: c.rows,
          dataStart,
          mapping: c.mapping,
          signature: headerSignature(c.mapping.columns.map((x) => x.header)),
        };
      }
    }
  }
  return best;
}

const TOTAL_ROW = /^(tong cong|tong so|cong|tong)\b/;

/** Blank rows and total rows ("Tổng cộng" with no code) are not data. */
function skipRow(mapped: Partial<Record<AssetField, unknown>>): boolean {
  if (isBlankRow(mapped)) return true;
  const noCode = mapped.code === null || mapped.code === undefined || String(mapped.code).trim() === '';
  return noCode && TOTAL_ROW.test(fold(String(mapped.name ?? '')).trim());
}

export async function savedMapping(m: EntityManager, signature: string): Promise<Partial<Record<AssetField, number>> | null> {
  const row = await m.getRepository(ImportMappingEntity).findOneBy({ signature });
  return row ? (JSON.parse(row.mapping) as Partial<Record<AssetField, number>>) : null;
}

export async function preview(m: EntityManager, sheet: SheetRows) {
  const h = detectHeader(sheet);
  if (!h) {
    return {
      sheetName: sheet.sheetName,
      headerRows: [],
      headers: [],
      mapping: {},
      savedMapping: false,
      signature: '',
      missingRequired: ['name'],
      confidence: 0,
      dataRows: 0,
      sample: [],
      fields: ASSET_FIELDS.map((f) => ({ field: f, label: FIELD_LABELS[f] })),
    };
  }
  const saved = await savedMapping(m, h.signature);
  const mapping = saved ?? h.mapping.mapping;
  const data = sheet.rows.slice(h.dataStart).filter((r) => !skipRow(applyMapping(r.values, mapping)));
  return {
    sheetName: sheet.sheetName,
    headerRows: h.headerRows,
    headers: h.mapping.columns.map((c) => ({
      index: c.index,
      letter: c.letter,
      header: c.header,
      field: c.field,
      score: c.score,
    })),
    mapping: mapping as Record<string, number>,
    savedMapping: saved !== null,
    signature: h.signature,
    missingRequired: mapping.name === undefined ? ['name'] : [],
    confidence: h.mapping.confidence,
    dataRows: data.length,
    sample: data.slice(0, 5).map((r) => {
      const mapped = applyMapping(r.values, mapping);
      const out: Record<string, unknown> = { row: r.number };
      for (const [k, v] of Object.entries(mapped)) out[k] = v instanceof Date ? v.toISOString().slice(0, 10) : v;
      return out;
    }),
    fields: ASSET_FIELDS.map((f) => ({ field: f, label: FIELD_LABELS[f] })),
  };
}

interface Prepared {
  result: ImportResult;
  creates: { row: ReturnType<typeof buildAssetRow> }[];
  updates: { current: AssetRow; patch: Partial<AssetRow> }[];
  newRooms: Map<string, { code: string; name: string }>;
  signature: string;
  headers: string[];
  mapping: Partial<Record<AssetField, number>>;
  noCode: number;
}

/** Validates every row against the file and the database; writes nothing. */
export async function prepareImport(
  m: EntityManager,
  sheet: SheetRows,
  opts: {
    mapping?: Partial<Record<AssetField, number>> | undefined;
    firstDataRow?: number | undefined;
    updateExisting: boolean;
    dryRun: boolean;
    cats: AssetCatalogs;
    wear: EffectiveWearCatalog;
  },
): Promise<Prepared> {
  const errors: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  const result: ImportResult = {
    rows: 0,
    valid: 0,
    written: 0,
    created: 0,
    updated: 0,
    errors,
    warnings,
    newRooms: [],
    dryRun: opts.dryRun,
  };
  const h = detectHeader(sheet);
  const empty: Prepared = {
    result,
    creates: [],
    updates: [],
    newRooms: new Map(),
    signature: '',
    headers: [],
    mapping: {},
    noCode: 0,
  };
  if (!h && !opts.mapping) {
    errors.push({
      row: 1,
      column: 'Tiêu đề',
      message: 'Không nhận ra dòng tiêu đề: cần ít nhất cột "Tên tài sản" (hoặc tên tương tự) trong 20 dòng đầu.',
    });
    return empty;
  }
  const mapping = opts.mapping ?? (h ? ((await savedMapping(m, h.signature)) ?? h.mapping.mapping) : {});
  if (mapping.name === undefined) {
    errors.push({ row: h?.headerRows[0] ?? 1, column: 'Tiêu đề', message: 'Chưa chọn cột "Tên tài sản".' });
    return { ...empty, signature: h?.signature ?? '' };
  }
  const headerCols = h?.mapping.columns ?? [];
  const labels: Partial<Record<AssetField, string>> = {};
  for (const f of ASSET_FIELDS) {
    const i = mapping[f];
    if (i === undefined) continue;
    const header = headerCols[i]?.header;
    labels[f] = header ? `${columnLetter(i)} (${header})` : `${columnLetter(i)} (${FIELD_LABELS[f]})`;
  }

  const rooms = await m.getRepository(RoomEntity).find({ where: { deletedAt: IsNull() } });
  const roomByKey = new Map<string, RoomRow>();
  for (const r of rooms) {
    roomByKey.set(fold(r.code).trim(), r);
    if (!roomByKey.has(fold(r.name).trim())) roomByKey.set(fold(r.name).trim(), r);
  }
  const newRooms = new Map<string, { code: string; name: string }>();
  const usedRoomCodes = new Set(rooms.map((r) => r.code.toUpperCase()));
  const roomFor = (text: string): string => {
    const key = fold(text).replace(/\s+/g, ' ').trim();
    const existing = roomByKey.get(key);
    if (existing) return existing.id;
    let nr = newRooms.get(key);
    if (!nr) {
      let code = text.normalize('NFC').trim().slice(0, 40);
      let n = 2;
      while (usedRoomCodes.has(code.toUpperCase())) code = `${text.trim().slice(0, 36)}-${n++}`;
      usedRoomCodes.add(code.toUpperCase());
      nr = { code, name: text.trim().slice(0, 200) };
      newRooms.set(key, nr);
    }
    return `new:${key}`;
  };

  const seenCodes = new Map<string, number>();
  const creates: Prepared['creates'] = [];
  const updates: Prepared['updates'] = [];
  const existingCodes = new Map<string, AssetRow>();
  const firstAt = opts.firstDataRow !== undefined ? sheet.rows.findIndex((r) => r.number >= opts.firstDataRow!) : -2;
  const start = firstAt === -2 ? (h?.dataStart ?? 0) : firstAt === -1 ? sheet.rows.length : firstAt;
  const data = sheet.rows.slice(start);
  // Existing rows for the file's codes, in chunks.
  const fileCodes = [
    ...new Set(data.map((r) => (mapping.code !== undefined ? String(r.values[mapping.code] ?? '').trim() : '')).filter(Boolean)),
  ];
  for (let i = 0; i < fileCodes.length; i += 900) {
    const chunk = fileCodes.slice(i, i + 900);
    const rows = (await m.query(
      `SELECT * FROM asset WHERE deletedAt IS NULL AND code IN (${chunk.map(() => '?').join(',')})`,
      chunk,
    )) as Record<string, unknown>[];
    for (const r of rows) existingCodes.set(String(r.code), hydrateAsset(r));
  }
  const threshold = opts.wear.thresholds.minCostVnd;
  let noCode = 0;
  for (const r of data) {
    const mapped = applyMapping(r.values, mapping);
    if (skipRow(mapped)) continue;
    result.rows++;
    const v = validateRow(mapped, r.number, { columns: labels, classes: opts.cats.classes });
    warnings.push(...v.warnings);
    if (!v.ok) {
      errors.push(...v.errors);
      continue;
    }
    const d = v.draft;
    const rowErr = (f: AssetField, message: string) =>
      errors.push({ row: r.number, column: labels[f] ?? FIELD_LABELS[f], message });
    if (d.code) {
      const key = d.code.toUpperCase();
      const prev = seenCodes.get(key);
      if (prev !== undefined) {
        rowErr('code', `Mã "${d.code}" trùng với dòng ${prev}`);
        continue;
      }
      seenCodes.set(key, r.number);
    }
    const existing = d.code ? existingCodes.get(d.code) : undefined;
    if (existing && !opts.updateExisting) {
      rowErr('code', `Mã "${d.code}" đã có trong sổ (${existing.name}); chọn "cập nhật tài sản đã có" để ghi đè.`);
      continue;
    }
    const cost = d.costVnd ?? 0;
    const acc = d.accumulatedWearVnd ?? (d.remainingVnd !== null && d.costVnd !== null ? d.costVnd - d.remainingVnd : 0);
    if (acc < 0 || acc > cost) {
      rowErr('accumulatedWearVnd', 'Hao mòn lũy kế (hoặc giá trị còn lại) không khớp nguyên giá');
      continue;
    }
    const unitCost = d.quantity > 1 ? proportionVnd(cost, 1, d.quantity) : cost;
    const assetClass = d.assetClass ?? (unitCost >= threshold ? 'tangible.5' : 'tool');
    const roomId = d.room ? roomFor(d.room) : null;
    const input = {
      code: d.code ?? '',
      name: d.name,
      model: d.model ?? '',
      brand: d.brand ?? '',
      serial: d.serial ?? '',
      originCountry: d.origin ?? '',
      yearMade: d.yearMade,
      unit: d.unit ?? 'cái',
      assetClass,
      wearGroupKey: null,
      usefulLifeYears: d.usefulLifeYears,
      wearRatePercent: d.wearRatePercent,
      fundingSource: d.fundingSource,
      acquiredVia: d.acquiredVia ?? 'mua_sam',
      documentNo: d.documentNo ?? '',
      documentDate: d.documentDate,
      handoverDate: null,
      putInUseDate: d.putInUseDate,
      bookedDate: null,
      condition: d.condition ?? 'dang_hoat_dong',
      conditionCounts: null,
      warrantyUntil: null,
      it: null,
      equipmentItemCode: '',
      specs: d.specs ?? '',
      notes: d.notes ?? '',
      tracking: (d.quantity > 1 ? 'quantity' : 'unit') as 'quantity' | 'unit',
      quantity: d.quantity,
      costVnd: cost,
      costParts: null,
      accumulatedWearVnd: acc,
      lastWearYear: null,
      roomId: roomId && !roomId.startsWith('new:') ? roomId : null,
      custodian: d.custodian ?? '',
      lifecycleState: 'in_use' as const,
    };
    let row: ReturnType<typeof buildAssetRow>;
    try {
      row = buildAssetRow(input, { cats: opts.cats, wear: opts.wear, siteId: null, code: d.code ?? '' });
    } catch (err) {
      errors.push({ row: r.number, column: 'Dòng', message: (err as Error).message });
      continue;
    }
    if (roomId?.startsWith('new:')) (row as { roomId: string | null }).roomId = roomId;
    if (d.costVnd === null)
      warnings.push({ row: r.number, column: labels.costVnd ?? FIELD_LABELS.costVnd, message: 'Chưa có nguyên giá: ghi 0 đồng' });
    result.valid++;
    if (existing) {
      // Only what the file gives: empty cells and defaults do not erase what the register has.
      const given: Partial<Record<keyof AssetRow, boolean>> = {
        name: true,
        model: d.model !== null,
        brand: d.brand !== null,
        serial: d.serial !== null,
        originCountry: d.origin !== null,
        yearMade: d.yearMade !== null,
        unit: d.unit !== null,
        quantity: mapped.quantity !== null && mapped.quantity !== undefined && String(mapped.quantity).trim() !== '',
        assetClass: d.assetClass !== null,
        usefulLifeYears: d.usefulLifeYears !== null,
        wearRatePercent: d.wearRatePercent !== null,
        fundingSource: d.fundingSource !== null,
        acquiredVia: d.acquiredVia !== null,
        documentNo: d.documentNo !== null,
        documentDate: d.documentDate !== null,
        putInUseDate: d.putInUseDate !== null,
        roomId: d.room !== null,
        custodian: d.custodian !== null,
        condition: d.condition !== null,
        specs: d.specs !== null,
        notes: d.notes !== null,
        costVnd: d.costVnd !== null,
        accumulatedWearVnd: d.accumulatedWearVnd !== null || d.remainingVnd !== null,
      };
      if (given.quantity) given.tracking = true;
      if (given.condition && existing.conditionCounts) given.conditionCounts = true;
      const patch: Partial<AssetRow> = {};
      for (const k of Object.keys(given) as (keyof AssetRow)[])
        if (given[k]) (patch as Record<string, unknown>)[k] = row[k as keyof typeof row];
      const cost = (patch.costVnd ?? existing.costVnd) as number;
      const accNext = (patch.accumulatedWearVnd ?? existing.accumulatedWearVnd) as number;
      if (accNext > cost) {
        rowErr('costVnd', 'Nguyên giá mới nhỏ hơn hao mòn lũy kế của tài sản');
        result.valid--;
        continue;
      }
      updates.push({ current: existing, patch });
    } else {
      if (!d.code) noCode++;
      creates.push({ row });
    }
  }
  result.newRooms = [...newRooms.values()].map((r) => r.name);
  return {
    result,
    creates,
    updates,
    newRooms,
    signature: h?.signature ?? '',
    headers: headerCols.map((c) => c.header),
    mapping,
    noCode,
  };
}

/** Writes a prepared import in the caller's transaction (all rows or none). */
export async function writeImport(
  tx: SyncTx,
  p: Prepared,
  wear: EffectiveWearCatalog,
  saveMapping: boolean,
): Promise<ImportResult> {
  const m = tx.manager;
  const siteId = await mainSiteId(m);
  // Rooms named in the file that do not exist yet.
  const roomIds = new Map<string, string>();
  for (const [key, r] of p.newRooms) {
    const room = await tx.insert(RoomEntity, {
      siteId,
      buildingId: null,
      code: r.code,
      name: r.name,
      floor: null,
      block: 'phu_tro',
      roomType: 'phong_khac',
      areaM2: null,
      seats: null,
      constructionType: null,
      meetsTt14: null,
      personInCharge: '',
      internet: false,
      status: 'in_use',
      inUseFromYear: null,
      inUseToYear: null,
      note: 'Tạo khi nhập sổ tài sản từ Excel',
    });
    roomIds.set(`new:${key}`, room.id);
  }
  const roomSite = new Map(
    ((await m.query(`SELECT id, siteId FROM asset_room`)) as { id: string; siteId: string }[]).map((r) => [r.id, r.siteId]),
  );
  const taken = new Set(p.creates.map((c) => c.row.code.toUpperCase()).filter(Boolean));
  const codes = p.noCode ? await nextCodes(m, p.noCode, taken) : [];
  let ci = 0;
  let created = 0;
  // In chunks, so the rows, their events and their change-log JSON never all sit in memory at once.
  const CHUNK = 2000;
  for (let i = 0; i < p.creates.length; i += CHUNK) {
    const rows = p.creates.slice(i, i + CHUNK).map(({ row }) => {
      const r = { ...row, id: newId() };
      if (!r.code) {
        r.code = codes[ci++]!;
        r.searchText = searchTextOf(r);
      }
      if (r.roomId?.startsWith('new:')) r.roomId = roomIds.get(r.roomId)!;
      r.siteId = r.roomId ? (roomSite.get(r.roomId) ?? siteId) : siteId;
      return r;
    });
    const inserted = await bulkInsert(tx, AssetEntity, rows);
    await bulkInsert(
      tx,
      AssetEventEntity,
      inserted.map((a) =>
        eventData(
          a.id,
          'recognise',
          {
            date: recogniseDate(a),
            documentNo: a.documentNo,
            documentDate: a.documentDate,
            note: 'Nhập từ sổ tài sản (Excel)',
            payload: { origin: a.acquiredVia, imported: true, before: {}, after: stateOf(a) },
          },
          tx.actor,
        ),
      ),
    );
    created += inserted.length;
  }
  const events: ReturnType<typeof eventData>[] = [];
  const updates = p.updates.map(({ current, patch }) => {
    const next = { ...patch };
    if (typeof next.roomId === 'string' && next.roomId.startsWith('new:')) next.roomId = roomIds.get(next.roomId)!;
    if (next.roomId) next.siteId = roomSite.get(next.roomId) ?? current.siteId;
    const merged = { ...current, ...next };
    next.remainingVnd = merged.costVnd - merged.accumulatedWearVnd;
    next.category = categorize(wear, merged).category;
    next.searchText = searchTextOf(merged);
    return { current, patch: next };
  });
  for (const u of updates) {
    const { before, after } = diff(u.current, u.patch);
    if (Object.keys(after).length)
      events.push(
        eventData(
          u.current.id,
          'edit',
          { note: 'Cập nhật từ sổ tài sản (Excel)', payload: { imported: true, before, after } },
          tx.actor,
        ),
      );
  }
  await bulkUpdate(tx, AssetEntity, updates);
  await bulkInsert(tx, AssetEventEntity, events);
  if (saveMapping && p.signature) {
    await m
      .getRepository(ImportMappingEntity)
      .save({
        signature: p.signature,
        headers: JSON.stringify(p.headers),
        mapping: JSON.stringify(p.mapping),
        updatedAt: nowIso(),
      });
  }
  // After a big import, refresh the planner's statistics so the list filters pick the right index.
  if (created + updates.length >= 1000) await m.query('ANALYZE "asset"');
  return { ...p.result, written: created + updates.length, created, updated: updates.length };
}
