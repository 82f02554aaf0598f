import {
  AlignmentType,
  Document,
  HeightRule,
  ImageRun,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  BorderStyle,
  convertMillimetersToTwip,
  type FileChild,
} from 'docx';
import QRCode from 'qrcode';
import { toBuffer as barcodeToBuffer } from 'bwip-js/node';
import type ExcelJS from 'exceljs';
import { formatVnd } from '../../../core/assets';
import type { Stocktake } from '../../../contract/schemas/assets';
import type { CardModel, RegisterModel, SchoolHeader } from './reports';
import { vnDate } from './reports';
import type { ReportGroup, ReportLine } from './stocktake';
import { BOLD, BORDER, FONT, VND_FORMAT, addRow, writeXlsx } from './xlsx';

/**
 * Word (.docx: A4, Times New Roman) and Excel renderers: the fixed-asset register (sổ TSCĐ),
 * the asset card (thẻ TSCĐ), the stocktake report (biên bản kiểm kê, C53-HD layout) and QR /
 * Code 128 label sheets. Layouts follow the TT 107-era forms the digest describes; the forms
 * under TT 24/2024 were not found (shared/research/assets.md §7.2).
 */

const FONT_NAME = 'Times New Roman';
const A4 = { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) };
const money = (n: number) => (n === 0 ? '0' : formatVnd(n));

interface RunOpts {
  bold?: boolean;
  italics?: boolean;
  size?: number;
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
  spacingAfter?: number;
}

function p(text: string, o: RunOpts = {}): Paragraph {
  return new Paragraph({
    alignment: o.align,
    spacing: { after: o.spacingAfter ?? 0 },
    children: [new TextRun({ text, bold: o.bold, italics: o.italics, size: o.size, font: FONT_NAME })],
  });
}

function cell(
  text: string | Paragraph[],
  o: RunOpts & { span?: number; rowSpan?: number; width?: number; noBorder?: boolean } = {},
): TableCell {
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  return new TableCell({
    children:
      typeof text === 'string' ? [p(text, { size: o.size ?? 20, bold: o.bold, italics: o.italics, align: o.align })] : text,
    columnSpan: o.span,
    rowSpan: o.rowSpan,
    verticalAlign: VerticalAlign.CENTER,
    width: o.width ? { size: o.width, type: WidthType.DXA } : undefined,
    margins: { left: 60, right: 60, top: 20, bottom: 20 },
    borders: o.noBorder ? { top: none, bottom: none, left: none, right: none } : undefined,
  });
}

function document(
  children: FileChild[],
  landscape: boolean,
  margins = { top: 1134, bottom: 1134, left: 1134, right: 850 },
): Document {
  return new Document({
    creator: 'Trường Chuẩn',
    styles: { default: { document: { run: { font: FONT_NAME, size: 26 } } } },
    sections: [
      {
        properties: {
          page: {
            size: {
              width: A4.width,
              height: A4.height,
              orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
            },
            margin: margins,
          },
        },
        children,
      },
    ],
  });
}

function header(school: SchoolHeader, form: string): FileChild[] {
  return [
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({
          children: [
            cell(
              [
                p(school.managingBody.toUpperCase(), { size: 22 }),
                p(school.name.toUpperCase(), { bold: true, size: 22 }),
                p(school.code ? `Mã đơn vị: ${school.code}` : '', { size: 20 }),
              ],
              { noBorder: true },
            ),
            cell([p(form, { bold: true, size: 22, align: AlignmentType.RIGHT })], { noBorder: true }),
          ],
        }),
      ],
    }),
    p(''),
  ];
}

function signatures(cols: { title: string; hint: string; name: string }[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        children: cols.map((c) =>
          cell(
            [
              p(c.title, { bold: true, align: AlignmentType.CENTER, size: 24 }),
              p(c.hint, { italics: true, align: AlignmentType.CENTER, size: 22 }),
              p(''),
              p(''),
              p(''),
              p(c.name, { bold: true, align: AlignmentType.CENTER, size: 24 }),
            ],
            { noBorder: true },
          ),
        ),
      }),
    ],
  });
}

async function pack(doc: Document): Promise<Buffer> {
  return Packer.toBuffer(doc);
}

// ───────────────────────────── sổ tài sản cố định ─────────────────────────────

const REGISTER_HEAD = [
  'STT',
  'Mã tài sản',
  'Tên, đặc điểm, ký hiệu TSCĐ',
  'Số chứng từ',
  'Ngày chứng từ',
  'Nước sản xuất',
  'Ngày đưa vào sử dụng',
  'Nơi sử dụng',
  'Nguyên giá',
  'Tỷ lệ hao mòn (%)',
  'Hao mòn năm',
  'Hao mòn lũy kế',
  'Giá trị còn lại',
  'Ghi giảm (chứng từ, lý do)',
];

export async function registerDocx(model: RegisterModel): Promise<Buffer> {
  const w = [500, 1100, 2600, 900, 1000, 800, 1000, 800, 1300, 700, 1200, 1300, 1300, 1500];
  const rows: TableRow[] = [
    new TableRow({
      tableHeader: true,
      children: REGISTER_HEAD.map((h, i) => cell(h, { bold: true, align: AlignmentType.CENTER, width: w[i], size: 18 })),
    }),
  ];
  let n = 0;
  for (const g of model.groups) {
    rows.push(new TableRow({ children: [cell(g.label, { bold: true, span: REGISTER_HEAD.length, size: 20 })] }));
    for (const l of g.lines) {
      n++;
      rows.push(
        new TableRow({
          cantSplit: true,
          children: [
            String(n),
            l.code,
            l.name,
            l.documentNo,
            l.documentDate,
            l.originCountry,
            l.putInUse,
            l.room,
            money(l.costVnd),
            l.ratePercent === null ? '' : String(l.ratePercent).replace('.', ','),
            money(l.wearYearVnd),
            money(l.accumulatedVnd),
            money(l.remainingVnd),
            l.removal,
          ].map((t, i) => cell(t, { size: 18, align: i >= 8 && i <= 12 ? AlignmentType.RIGHT : undefined })),
        }),
      );
    }
    rows.push(
      new TableRow({
        children: [
          cell(`Cộng ${g.label.toLowerCase()}`, { bold: true, span: 8, size: 18 }),
          cell(money(g.total.costVnd), { bold: true, size: 18, align: AlignmentType.RIGHT }),
          cell('', {}),
          cell(money(g.total.wearYearVnd), { bold: true, size: 18, align: AlignmentType.RIGHT }),
          cell(money(g.total.accumulatedVnd), { bold: true, size: 18, align: AlignmentType.RIGHT }),
          cell(money(g.total.remainingVnd), { bold: true, size: 18, align: AlignmentType.RIGHT }),
          cell('', {}),
        ],
      }),
    );
  }
  rows.push(
    new TableRow({
      children: [
        cell('TỔNG CỘNG', { bold: true, span: 8, size: 18 }),
        cell(money(model.total.costVnd), { bold: true, size: 18, align: AlignmentType.RIGHT }),
        cell('', {}),
        cell(money(model.total.wearYearVnd), { bold: true, size: 18, align: AlignmentType.RIGHT }),
        cell(money(model.total.accumulatedVnd), { bold: true, size: 18, align: AlignmentType.RIGHT }),
        cell(money(model.total.remainingVnd), { bold: true, size: 18, align: AlignmentType.RIGHT }),
        cell('', {}),
      ],
    }),
  );
  const children: FileChild[] = [
    ...header(model.school, 'Sổ tài sản cố định'),
    p('SỔ TÀI SẢN CỐ ĐỊNH', { bold: true, size: 32, align: AlignmentType.CENTER }),
    p(`Năm ${model.year}`, { italics: true, align: AlignmentType.CENTER, spacingAfter: 200 }),
    new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, layout: TableLayoutType.FIXED, columnWidths: w, rows }),
    p(''),
    signatures([
      { title: 'NGƯỜI GHI SỔ', hint: '(Ký, họ tên)', name: '' },
      { title: 'KẾ TOÁN TRƯỞNG', hint: '(Ký, họ tên)', name: '' },
      { title: 'THỦ TRƯỞNG ĐƠN VỊ', hint: '(Ký, họ tên, đóng dấu)', name: model.school.principal },
    ]),
  ];
  return pack(document(children, true, { top: 850, bottom: 850, left: 850, right: 850 }));
}

export async function registerXlsx(model: RegisterModel, file?: string): Promise<Buffer | null> {
  return writeXlsx(
    [
      {
        name: `So TSCD ${model.year}`,
        widths: [6, 14, 40, 12, 12, 12, 12, 10, 16, 10, 14, 16, 16, 28],
        async write(ws) {
          addRow(ws, [model.school.name.toUpperCase()], { bold: true });
          addRow(ws, [`SỔ TÀI SẢN CỐ ĐỊNH — NĂM ${model.year}`], { bold: true });
          ws.mergeCells(2, 1, 2, REGISTER_HEAD.length);
          addRow(ws, []);
          addRow(ws, REGISTER_HEAD, { bold: true, border: true, center: true });
          const m = (i: number) => (i >= 8 && i <= 12 && i !== 9 ? VND_FORMAT : undefined);
          let n = 0;
          for (const g of model.groups) {
            addRow(ws, [g.label], { bold: true });
            for (const l of g.lines) {
              n++;
              addRow(
                ws,
                [
                  n,
                  l.code,
                  l.name,
                  l.documentNo,
                  l.documentDate,
                  l.originCountry,
                  l.putInUse,
                  l.room,
                  l.costVnd,
                  l.ratePercent,
                  l.wearYearVnd,
                  l.accumulatedVnd,
                  l.remainingVnd,
                  l.removal,
                ],
                { border: true, numFmt: m },
              );
            }
            addRow(
              ws,
              [
                '',
                '',
                `Cộng ${g.label.toLowerCase()}`,
                '',
                '',
                '',
                '',
                '',
                g.total.costVnd,
                '',
                g.total.wearYearVnd,
                g.total.accumulatedVnd,
                g.total.remainingVnd,
                '',
              ],
              { bold: true, border: true, numFmt: m },
            );
          }
          addRow(
            ws,
            [
              '',
              '',
              'TỔNG CỘNG',
              '',
              '',
              '',
              '',
              '',
              model.total.costVnd,
              '',
              model.total.wearYearVnd,
              model.total.accumulatedVnd,
              model.total.remainingVnd,
              '',
            ],
            { bold: true, border: true, numFmt: m },
          );
        },
      },
    ],
    file,
  );
}

// ───────────────────────────── thẻ tài sản cố định ─────────────────────────────

function cardFacts(c: CardModel): [string, string][] {
  const a = c.asset;
  return [
    ['Tên, ký mã hiệu, quy cách (cấp hạng) TSCĐ', [a.name, a.model, a.brand].filter(Boolean).join(' — ')],
    ['Số hiệu TSCĐ (mã tài sản)', a.code],
    ['Loại tài sản', c.classLabel],
    ['Nước sản xuất (xây dựng)', a.originCountry],
    ['Năm sản xuất', a.yearMade ? String(a.yearMade) : ''],
    ['Bộ phận quản lý, sử dụng', [c.room, a.custodian].filter(Boolean).join('; ')],
    ['Ngày đưa vào sử dụng', vnDate(a.putInUseDate)],
    ['Nguồn kinh phí', c.funding],
    ['Số lượng', `${a.quantity} ${a.unit}`],
    [
      'Thời gian sử dụng / tỷ lệ hao mòn',
      a.usefulLifeYears ? `${a.usefulLifeYears} năm` : a.wearRatePercent ? `${a.wearRatePercent}%/năm` : (a.wearGroupKey ?? ''),
    ],
    ['Số serial', a.serial],
  ];
}

export async function cardDocx(c: CardModel): Promise<Buffer> {
  const a = c.asset;
  const facts = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: cardFacts(c).map(
      ([k, v]) =>
        new TableRow({
          children: [cell(k, { size: 22, width: 4000, noBorder: true }), cell(v, { size: 22, bold: true, noBorder: true })],
        }),
    ),
  });
  const costRows = [
    new TableRow({
      tableHeader: true,
      children: ['Số hiệu chứng từ', 'Ngày, tháng, năm', 'Diễn giải', 'Nguyên giá'].map((h) =>
        cell(h, { bold: true, align: AlignmentType.CENTER, size: 20 }),
      ),
    }),
    ...c.costLines.map(
      (l) =>
        new TableRow({
          children: [
            cell(l.documentNo, { size: 20 }),
            cell(l.date, { size: 20 }),
            cell(l.description, { size: 20 }),
            cell(money(l.costVnd), { size: 20, align: AlignmentType.RIGHT }),
          ],
        }),
    ),
  ];
  const wearRows = [
    new TableRow({
      tableHeader: true,
      children: ['Năm', 'Giá trị hao mòn', 'Cộng dồn', 'Giá trị còn lại'].map((h) =>
        cell(h, { bold: true, align: AlignmentType.CENTER, size: 20 }),
      ),
    }),
    ...c.wear.map(
      (w) =>
        new TableRow({
          children: [
            cell(String(w.year), { size: 20, align: AlignmentType.CENTER }),
            cell(money(w.annualVnd), { size: 20, align: AlignmentType.RIGHT }),
            cell(money(w.accumulatedVnd), { size: 20, align: AlignmentType.RIGHT }),
            cell(money(w.remainingVnd), { size: 20, align: AlignmentType.RIGHT }),
          ],
        }),
    ),
  ];
  const children: FileChild[] = [
    ...header(c.school, 'Thẻ tài sản cố định'),
    p('THẺ TÀI SẢN CỐ ĐỊNH', { bold: true, size: 32, align: AlignmentType.CENTER }),
    p(`Số: ${a.code}`, { align: AlignmentType.CENTER }),
    p(`Ngày lập thẻ: ${vnDate(new Date().toISOString())}`, { italics: true, align: AlignmentType.CENTER, spacingAfter: 200 }),
    facts,
    p(''),
    p('Nguyên giá tài sản cố định', { bold: true }),
    new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: costRows }),
    p(
      `Nguyên giá hiện tại: ${money(a.costVnd)} đồng; hao mòn lũy kế: ${money(a.accumulatedWearVnd)} đồng; giá trị còn lại: ${money(a.remainingVnd)} đồng.`,
      { size: 22 },
    ),
    p(''),
    p('Giá trị hao mòn tài sản cố định', { bold: true }),
    new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: wearRows }),
    p(''),
    p(
      c.removal
        ? `Ghi giảm TSCĐ: chứng từ số ${c.removal.documentNo} ngày ${c.removal.date}. Lý do: ${c.removal.reason}`
        : 'Ghi giảm TSCĐ: chứng từ số ........ ngày ........ Lý do: ........',
      { size: 22 },
    ),
    p(''),
    signatures([
      { title: 'NGƯỜI LẬP THẺ', hint: '(Ký, họ tên)', name: '' },
      { title: 'KẾ TOÁN TRƯỞNG', hint: '(Ký, họ tên)', name: '' },
    ]),
  ];
  return pack(document(children, false));
}

export async function cardXlsx(c: CardModel, file?: string): Promise<Buffer | null> {
  return writeXlsx(
    [
      {
        name: 'The TSCD',
        widths: [40, 22, 40, 18],
        async write(ws) {
          addRow(ws, [c.school.name.toUpperCase()], { bold: true });
          addRow(ws, [`THẺ TÀI SẢN CỐ ĐỊNH — Số: ${c.asset.code}`], { bold: true });
          addRow(ws, []);
          for (const [k, v] of cardFacts(c)) addRow(ws, [k, v]);
          addRow(ws, []);
          addRow(ws, ['Số hiệu chứng từ', 'Ngày, tháng, năm', 'Diễn giải', 'Nguyên giá'], {
            bold: true,
            border: true,
            center: true,
          });
          for (const l of c.costLines)
            addRow(ws, [l.documentNo, l.date, l.description, l.costVnd], {
              border: true,
              numFmt: (i) => (i === 3 ? VND_FORMAT : undefined),
            });
          addRow(ws, []);
          addRow(ws, ['Năm', 'Giá trị hao mòn', 'Cộng dồn', 'Giá trị còn lại'], { bold: true, border: true, center: true });
          for (const w of c.wear)
            addRow(ws, [w.year, w.annualVnd, w.accumulatedVnd, w.remainingVnd], {
              border: true,
              numFmt: (i) => (i > 0 ? VND_FORMAT : undefined),
            });
          addRow(ws, []);
          addRow(ws, [
            c.removal ? `Ghi giảm: chứng từ ${c.removal.documentNo} ngày ${c.removal.date} — ${c.removal.reason}` : 'Ghi giảm: —',
          ]);
        },
      },
    ],
    file,
  );
}

// ───────────────────────────── biên bản kiểm kê ─────────────────────────────

export interface StocktakeReportModel {
  school: SchoolHeader;
  session: Stocktake;
  draft: boolean;
  groups: ReportGroup[];
  total: ReportGroup['total'];
}

const ROMAN = [
  'I',
  'II',
  'III',
  'IV',
  'V',
  'VI',
  'VII',
  'VIII',
  'IX',
  'X',
  'XI',
  'XII',
  'XIII',
  'XIV',
  'XV',
  'XVI',
  'XVII',
  'XVIII',
  'XIX',
  'XX',
];
const roman = (i: number) => ROMAN[i] ?? String(i + 1);
/** A Word table stays usable up to a few thousand rows; beyond that only differing lines go in (all are in the .xlsx). */
export const DOCX_MAX_LINES = 3000;

function cutoffText(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getHours())} giờ ${pad(d.getMinutes())} ngày ${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
}

const signed = (n: number) => (n > 0 ? `+${money(n)}` : money(n));

function lineCells(l: ReportLine, n: string): string[] {
  return [
    n,
    l.name,
    l.code,
    l.room,
    money(l.book.quantity),
    money(l.book.costVnd),
    money(l.book.remainingVnd),
    money(l.actual.quantity),
    money(l.actual.costVnd),
    money(l.actual.remainingVnd),
    signed(l.difference.quantity),
    signed(l.difference.costVnd),
    signed(l.difference.remainingVnd),
    l.note,
  ];
}

function totalCells(label: string, t: ReportGroup['total']): string[] {
  return [
    '',
    label,
    '',
    '',
    money(t.quantity),
    money(t.costVnd),
    money(t.remainingVnd),
    money(t.actual.quantity),
    money(t.actual.costVnd),
    money(t.actual.remainingVnd),
    signed(t.difference.quantity),
    signed(t.difference.costVnd),
    signed(t.difference.remainingVnd),
    '',
  ];
}

function boardLines(s: Stocktake): Paragraph[] {
  const role = { chair: 'Trưởng ban', secretary: 'Thư ký', member: 'Ủy viên' } as const;
  return s.members.map((m) =>
    p(
      `- Ông/Bà: ${m.name}${m.title ? `; chức vụ: ${m.title}` : ''}${m.representing ? `; đại diện: ${m.representing}` : ''} — ${role[m.role]}`,
      { size: 24 },
    ),
  );
}

export async function stocktakeDocx(model: StocktakeReportModel): Promise<Buffer> {
  const s = model.session;
  const w = [450, 2600, 1100, 800, 500, 1150, 1150, 500, 1150, 1150, 550, 1150, 1150, 1100];
  const c = (t: string, o: Parameters<typeof cell>[1] = {}) => cell(t, { size: 18, ...o });
  const rows: TableRow[] = [
    new TableRow({
      tableHeader: true,
      children: [
        c('STT', { bold: true, rowSpan: 2, align: AlignmentType.CENTER }),
        c('Tên tài sản', { bold: true, rowSpan: 2, align: AlignmentType.CENTER }),
        c('Mã số', { bold: true, rowSpan: 2, align: AlignmentType.CENTER }),
        c('Nơi sử dụng', { bold: true, rowSpan: 2, align: AlignmentType.CENTER }),
        c('Theo sổ kế toán', { bold: true, span: 3, align: AlignmentType.CENTER }),
        c('Thực tế kiểm kê', { bold: true, span: 3, align: AlignmentType.CENTER }),
        c('Chênh lệch', { bold: true, span: 3, align: AlignmentType.CENTER }),
        c('Ghi chú', { bold: true, rowSpan: 2, align: AlignmentType.CENTER }),
      ],
    }),
    new TableRow({
      tableHeader: true,
      children: [
        'SL',
        'Nguyên giá',
        'Giá trị còn lại',
        'SL',
        'Nguyên giá',
        'Giá trị còn lại',
        'SL',
        'Nguyên giá',
        'Giá trị còn lại',
      ].map((h) => c(h, { bold: true, align: AlignmentType.CENTER })),
    }),
  ];
  const lineCount = model.groups.reduce((n, g) => n + g.lines.length, 0);
  const onlyDiff = lineCount > DOCX_MAX_LINES;
  let omitted = 0;
  const right = (i: number) => (i >= 4 && i <= 12 ? AlignmentType.RIGHT : undefined);
  model.groups.forEach((g, gi) => {
    rows.push(new TableRow({ children: [c(roman(gi), { bold: true }), c(g.label, { bold: true, span: 13 })] }));
    g.lines.forEach((l, li) => {
      const same = l.difference.quantity === 0 && l.difference.costVnd === 0 && l.difference.remainingVnd === 0 && !l.note;
      if (onlyDiff && same) {
        omitted++;
        return;
      }
      rows.push(
        new TableRow({ cantSplit: true, children: lineCells(l, String(li + 1)).map((t, i) => c(t, { align: right(i) })) }),
      );
    });
    rows.push(
      new TableRow({
        children: totalCells(`Cộng nhóm ${roman(gi)}`, g.total).map((t, i) => c(t, { bold: true, align: right(i) })),
      }),
    );
  });
  rows.push(
    new TableRow({ children: totalCells('TỔNG CỘNG', model.total).map((t, i) => c(t, { bold: true, align: right(i) })) }),
  );
  const chair = s.members.find((m) => m.role === 'chair');
  const accountant = s.members.find((m) => /kế toán/i.test(m.title));
  const children: FileChild[] = [
    ...header(model.school, 'Mẫu số C53-HD'),
    ...(model.draft
      ? [p('DỰ THẢO — đợt kiểm kê chưa kết thúc', { bold: true, italics: true, align: AlignmentType.CENTER })]
      : []),
    p('BIÊN BẢN KIỂM KÊ TÀI SẢN', { bold: true, size: 32, align: AlignmentType.CENTER }),
    p(`Thời điểm kiểm kê: ${cutoffText(s.cutoffAt)}`, { italics: true, align: AlignmentType.CENTER }),
    p(s.name, { align: AlignmentType.CENTER, spacingAfter: 120 }),
    p(
      `Căn cứ Quyết định số ${s.decisionNo || '........'} ngày ${vnDate(s.decisionDate) || '........'} về việc thành lập Ban kiểm kê tài sản.`,
      { size: 24 },
    ),
    p('Ban kiểm kê gồm:', { size: 24 }),
    ...boardLines(s),
    p('Đã kiểm kê tài sản, kết quả như sau:', { size: 24, spacingAfter: 120 }),
    new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, layout: TableLayoutType.FIXED, columnWidths: w, rows }),
    ...(omitted
      ? [p(`(${omitted} tài sản khớp sổ không liệt kê trong bản Word; xem đủ trong bản Excel.)`, { italics: true, size: 20 })]
      : []),
    p(''),
    p(
      `Ý kiến giải quyết số chênh lệch: ${s.principalDecision || '................................................................'}`,
      { size: 24 },
    ),
    p(''),
    signatures([
      {
        title: 'THỦ TRƯỞNG ĐƠN VỊ',
        hint: '(Ý kiến giải quyết số chênh lệch) (Ký, họ tên, đóng dấu)',
        name: model.school.principal,
      },
      { title: 'KẾ TOÁN TRƯỞNG', hint: '(Ký, họ tên)', name: accountant?.name ?? '' },
      { title: 'TRƯỞNG BAN KIỂM KÊ', hint: '(Ký, họ tên)', name: chair?.name ?? '' },
    ]),
  ];
  return pack(document(children, true, { top: 850, bottom: 850, left: 850, right: 850 }));
}

export async function stocktakeXlsx(model: StocktakeReportModel, file?: string): Promise<Buffer | null> {
  const s = model.session;
  return writeXlsx(
    [
      {
        name: 'Bien ban kiem ke',
        widths: [6, 40, 14, 12, 7, 16, 16, 7, 16, 16, 7, 16, 16, 22],
        async write(ws: ExcelJS.Worksheet) {
          addRow(ws, [model.school.name.toUpperCase(), '', '', '', '', '', '', '', '', '', '', '', '', 'Mẫu số C53-HD'], {
            bold: true,
          });
          if (model.draft) addRow(ws, ['DỰ THẢO — đợt kiểm kê chưa kết thúc'], { bold: true });
          addRow(ws, ['BIÊN BẢN KIỂM KÊ TÀI SẢN'], { bold: true });
          addRow(ws, [`Thời điểm kiểm kê: ${cutoffText(s.cutoffAt)} — ${s.name}`]);
          addRow(ws, [`Quyết định số ${s.decisionNo} ngày ${vnDate(s.decisionDate)}`]);
          for (const m of s.members)
            addRow(ws, [
              `- ${m.name}${m.title ? `, ${m.title}` : ''}${m.representing ? `, đại diện ${m.representing}` : ''} (${m.role === 'chair' ? 'Trưởng ban' : m.role === 'secretary' ? 'Thư ký' : 'Ủy viên'})`,
            ]);
          addRow(ws, []);
          const h1 = addRow(
            ws,
            [
              'STT',
              'Tên tài sản',
              'Mã số',
              'Nơi sử dụng',
              'Theo sổ kế toán',
              '',
              '',
              'Thực tế kiểm kê',
              '',
              '',
              'Chênh lệch',
              '',
              '',
              'Ghi chú',
            ],
            { bold: true, border: true, center: true },
          );
          addRow(
            ws,
            [
              '',
              '',
              '',
              '',
              'SL',
              'Nguyên giá',
              'Giá trị còn lại',
              'SL',
              'Nguyên giá',
              'Giá trị còn lại',
              'SL',
              'Nguyên giá',
              'Giá trị còn lại',
              '',
            ],
            { bold: true, border: true, center: true },
          );
          const r = h1.number;
          for (const col of [1, 2, 3, 4, 14]) ws.mergeCells(r, col, r + 1, col);
          ws.mergeCells(r, 5, r, 7);
          ws.mergeCells(r, 8, r, 10);
          ws.mergeCells(r, 11, r, 13);
          const fmt = (i: number) => (i >= 4 && i <= 12 ? VND_FORMAT : undefined);
          model.groups.forEach((g, gi) => {
            addRow(ws, [roman(gi), g.label], { bold: true, border: true });
            g.lines.forEach((l, li) => {
              addRow(
                ws,
                [
                  li + 1,
                  l.name,
                  l.code,
                  l.room,
                  l.book.quantity,
                  l.book.costVnd,
                  l.book.remainingVnd,
                  l.actual.quantity,
                  l.actual.costVnd,
                  l.actual.remainingVnd,
                  l.difference.quantity,
                  l.difference.costVnd,
                  l.difference.remainingVnd,
                  l.note,
                ],
                { border: true, numFmt: fmt },
              );
            });
            const t = g.total;
            addRow(
              ws,
              [
                '',
                `Cộng nhóm ${roman(gi)}`,
                '',
                '',
                t.quantity,
                t.costVnd,
                t.remainingVnd,
                t.actual.quantity,
                t.actual.costVnd,
                t.actual.remainingVnd,
                t.difference.quantity,
                t.difference.costVnd,
                t.difference.remainingVnd,
                '',
              ],
              { bold: true, border: true, numFmt: fmt },
            );
          });
          const t = model.total;
          addRow(
            ws,
            [
              '',
              'TỔNG CỘNG',
              '',
              '',
              t.quantity,
              t.costVnd,
              t.remainingVnd,
              t.actual.quantity,
              t.actual.costVnd,
              t.actual.remainingVnd,
              t.difference.quantity,
              t.difference.costVnd,
              t.difference.remainingVnd,
              '',
            ],
            { bold: true, border: true, numFmt: fmt },
          );
          addRow(ws, []);
          addRow(ws, [`Ý kiến giải quyết số chênh lệch: ${s.principalDecision}`]);
          addRow(ws, []);
          addRow(ws, ['', 'THỦ TRƯỞNG ĐƠN VỊ', '', '', '', 'KẾ TOÁN TRƯỞNG', '', '', '', 'TRƯỞNG BAN KIỂM KÊ'], { bold: true });
          addRow(ws, ['', '(Ký, họ tên, đóng dấu)', '', '', '', '(Ký, họ tên)', '', '', '', '(Ký, họ tên)']);
          addRow(ws, []);
          addRow(ws, []);
          addRow(
            ws,
            [
              '',
              model.school.principal,
              '',
              '',
              '',
              s.members.find((m) => /kế toán/i.test(m.title))?.name ?? '',
              '',
              '',
              '',
              s.members.find((m) => m.role === 'chair')?.name ?? '',
            ],
            { bold: true },
          );
        },
      },
    ],
    file,
  );
}

// ───────────────────────────── labels ─────────────────────────────

export interface LabelItem {
  code: string;
  name: string;
  room: string;
}

const LAYOUTS = {
  '3x8': { cols: 3, rows: 8, widthMm: 70, heightMm: 37.1, codeMm: 24, textSize: 20 },
  '4x10': { cols: 4, rows: 10, widthMm: 52.5, heightMm: 29.7, codeMm: 18, textSize: 16 },
} as const;

const mmToPx = (mm: number) => Math.round((mm / 25.4) * 96);

async function symbol(
  code: string,
  symbology: 'qr' | 'code128',
  mm: number,
): Promise<{ data: Buffer; width: number; height: number }> {
  if (symbology === 'qr') {
    const data = await QRCode.toBuffer(code, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 240 });
    return { data, width: mmToPx(mm), height: mmToPx(mm) };
  }
  const data = await barcodeToBuffer({ bcid: 'code128', text: code, scale: 3, height: 10, includetext: false });
  return { data, width: mmToPx(mm * 1.9), height: mmToPx(mm * 0.5) };
}

/** A4 label sheets: each label has the symbol, the code in text and the (shortened) name. */
export async function labelsDocx(
  items: LabelItem[],
  layout: keyof typeof LAYOUTS,
  symbology: 'qr' | 'code128',
  school: string,
): Promise<Buffer> {
  const L = LAYOUTS[layout];
  const perPage = L.cols * L.rows;
  const colW = convertMillimetersToTwip(L.widthMm);
  const rowH = convertMillimetersToTwip(L.heightMm);
  const pages: Table[] = [];
  const labelCell = async (it: LabelItem | undefined) => {
    if (!it) return cell([p('')], { width: colW, noBorder: true });
    const s = await symbol(it.code, symbology, L.codeMm);
    const name = it.name.length > 40 ? `${it.name.slice(0, 39)}…` : it.name;
    return cell(
      [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new ImageRun({ type: 'png', data: s.data, transformation: { width: s.width, height: s.height } })],
        }),
        p(it.code, { bold: true, size: L.textSize + 4, align: AlignmentType.CENTER }),
        p(name, { size: L.textSize - 2, align: AlignmentType.CENTER }),
        p([school, it.room].filter(Boolean).join(' · '), { size: L.textSize - 4, align: AlignmentType.CENTER }),
      ],
      { width: colW, noBorder: true },
    );
  };
  for (let start = 0; start < Math.max(items.length, 1); start += perPage) {
    const page = items.slice(start, start + perPage);
    const rows: TableRow[] = [];
    for (let r = 0; r < L.rows; r++) {
      const cells: TableCell[] = [];
      for (let c = 0; c < L.cols; c++) cells.push(await labelCell(page[r * L.cols + c]));
      rows.push(new TableRow({ height: { value: rowH, rule: HeightRule.EXACT }, cantSplit: true, children: cells }));
    }
    pages.push(
      new Table({
        layout: TableLayoutType.FIXED,
        columnWidths: Array.from({ length: L.cols }, () => colW),
        width: { size: colW * L.cols, type: WidthType.DXA },
        rows,
      }),
    );
  }
  const side = Math.max(0, Math.floor((A4.width - colW * L.cols) / 2));
  const top = Math.max(0, Math.floor((A4.height - rowH * L.rows) / 2) - 20);
  // One section per sheet: each starts on a new page without an extra paragraph pushing the grid down.
  return pack(
    new Document({
      creator: 'Trường Chuẩn',
      styles: { default: { document: { run: { font: FONT_NAME, size: 20 } } } },
      sections: pages.map((t) => ({
        properties: {
          page: {
            size: { width: A4.width, height: A4.height, orientation: PageOrientation.PORTRAIT },
            margin: { top, bottom: 0, left: side, right: side, header: 0, footer: 0 },
          },
        },
        children: [t],
      })),
    }),
  );
}

export { BOLD, BORDER, FONT };
