import fs from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { cellValue } from '../../../core/assets';

/**
 * Thin wrappers over exceljs's STREAMING reader and writer: a 50,000-row register is read and
 * written without building the whole workbook in memory (the in-memory writer peaks near
 * 1 GiB at that size; streaming stays near 200 MB).
 */

export type XlsxInput = { path: string } | { bytes: Buffer };

export interface SheetRows {
  sheetName: string;
  /** Rows as Excel numbers them (1-based), values 0-based (column A = index 0), unwrapped. */
  rows: { number: number; values: unknown[] }[];
}

/** Reads the first worksheet. Formulas give their result, rich text its text, dates stay Date. */
export async function readFirstSheet(input: XlsxInput): Promise<SheetRows> {
  let source: string | Readable;
  if ('path' in input) source = input.path;
  else {
    const pass = new PassThrough();
    pass.end(input.bytes);
    source = pass;
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(
    source as never,
    {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'emit',
    } as never,
  );
  const out: SheetRows = { sheetName: '', rows: [] };
  try {
    for await (const sheet of reader as unknown as AsyncIterable<ExcelJS.Worksheet & AsyncIterable<ExcelJS.Row>>) {
      out.sheetName = (sheet as unknown as { name?: string }).name ?? 'Sheet1';
      for await (const row of sheet) {
        const raw = row.values as unknown[];
        const values: unknown[] = [];
        for (let i = 1; i < raw.length; i++) values.push(cellValue(raw[i]));
        out.rows.push({ number: row.number, values });
      }
      break; // first worksheet only
    }
  } catch (err) {
    throw new Error(`Không đọc được tệp Excel (.xlsx): ${(err as Error).message}`);
  }
  return out;
}

export interface SheetSpec {
  name: string;
  /** Column widths in characters. */
  widths?: number[];
  write(ws: ExcelJS.Worksheet): Promise<void>;
}

/** Writes sheets with the streaming writer to a file, or to a Buffer when no path is given. */
export async function writeXlsx(sheets: SheetSpec[], file?: string): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  const stream = file ? fs.createWriteStream(file) : new PassThrough();
  if (!file) stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    stream.on(file ? 'finish' : 'end', () => resolve());
    stream.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false } as never);
  wb.creator = 'Trường Chuẩn';
  for (const spec of sheets) {
    const ws = wb.addWorksheet(spec.name, {
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    if (spec.widths) ws.columns = spec.widths.map((w) => ({ width: w }));
    await spec.write(ws);
    ws.commit();
  }
  await wb.commit();
  if (!file) (stream as PassThrough).resume();
  await done;
  return file ? null : Buffer.concat(chunks);
}

export const FONT: Partial<ExcelJS.Font> = { name: 'Times New Roman', size: 12 };
export const BOLD: Partial<ExcelJS.Font> = { ...FONT, bold: true };
const thin: Partial<ExcelJS.Border> = { style: 'thin' };
export const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
export const VND_FORMAT = '#,##0';

/** Adds a row with the given font/border on every cell, and commits it. */
export function addRow(
  ws: ExcelJS.Worksheet,
  values: unknown[],
  opts: { bold?: boolean; border?: boolean; center?: boolean; wrap?: boolean; numFmt?: (i: number) => string | undefined } = {},
): ExcelJS.Row {
  const row = ws.addRow(values);
  values.forEach((v, i) => {
    const cell = row.getCell(i + 1);
    cell.font = opts.bold ? BOLD : FONT;
    if (opts.border) cell.border = BORDER;
    if (opts.center || opts.wrap)
      cell.alignment = {
        vertical: 'middle',
        horizontal: opts.center ? 'center' : undefined,
        wrapText: Boolean(opts.wrap || opts.center),
      };
    const fmt = typeof v === 'number' ? opts.numFmt?.(i) : undefined;
    if (fmt) cell.numFmt = fmt;
  });
  return row;
}
