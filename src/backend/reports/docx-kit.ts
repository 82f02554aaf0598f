/**
 * The document kit: Vietnamese administrative format (Nghị định 30/2020/NĐ-CP, Phụ lục I) on
 * top of the `docx` library, shared by every official document of the app.
 *
 * - A4 (11906 × 16838 twips), margins top/bottom 20 mm, left 30 mm, right 15 mm; landscape
 *   sections keep the same margins on the turned page.
 * - Times New Roman; body 14 pt, tables 13 pt (12 pt in wide tables); justified paragraphs
 *   with a 1 cm first-line indent; page numbers at the top centre, none on cover pages.
 * - The two-column header block: managing body and issuer on the left (issuer bold, a short
 *   rule under it, "Số: …"), Quốc hiệu and the underlined Tiêu ngữ on the right, then the
 *   italic place-and-date line "…, ngày … tháng … năm …".
 * - Signature blocks with "Nơi nhận"; tables whose rows never split across pages and whose
 *   header rows repeat; headings as Word heading styles (outline levels, so the navigation
 *   pane and the table of contents work); a TOC field Word refreshes when it opens the file.
 * - Every string goes through `clean()` (NFC, XML-safe). Missing data is never invented: the
 *   generators call `gap()`, which prints a highlighted "[Chưa có dữ liệu: …]" and records the
 *   gap, so `reports.preview` can list every one before anything is written.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Header,
  HeadingLevel,
  HighlightColor,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type FileChild,
  type IBorderOptions,
  type ISectionOptions,
  type ParagraphChild,
} from 'docx';
import { estimatePageNumbers } from 'docx/layout';
import { clean, paragraphsOf } from './text';

// ---------------------------------------------------------------------------------------------
// Page setup (twips: 1 mm = 56.7 twips)

export const A4 = { width: 11906, height: 16838 } as const;
export const MARGINS = { top: 1134, bottom: 1134, left: 1701, right: 850, header: 567, footer: 567 } as const;
/** Width of the text on a portrait / landscape page. */
export const TEXT_WIDTH = {
  portrait: A4.width - MARGINS.left - MARGINS.right,
  landscape: A4.height - MARGINS.left - MARGINS.right,
} as const;

export const FONT = 'Times New Roman';
/** Half-points. */
export const SIZE = { body: 28, table: 26, small: 24, tiny: 22, title: 32, cover: 36 } as const;

const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const GRID = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };

// ---------------------------------------------------------------------------------------------
// Gaps and outline

export type GapSeverity = 'required' | 'optional';

/** Where the user fixes a gap, for the UI's "Sửa" link. */
export interface GapFix {
  screen: 'school' | 'council' | 'plan' | 'criterion' | 'summary' | 'improvement' | 'schoolData' | 'evidence' | 'reportTexts';
  criterionCode?: string;
  scopeCode?: string;
  field?: string;
}

export interface Gap {
  /** Stable key: the same missing fact gives the same key in preview and build. */
  key: string;
  /** The heading the placeholder stands under. */
  section: string;
  message: string;
  severity: GapSeverity;
  fix: GapFix | null;
}

export interface GapSpec {
  key: string;
  message: string;
  severity?: GapSeverity;
  fix?: GapFix;
}

export interface OutlineEntry {
  level: number;
  text: string;
}

/** Placeholder printed for one missing fact. */
export const gapText = (message: string): string => `[Chưa có dữ liệu: ${clean(message)}]`;
/** Short placeholder for table cells (explained under the table). */
export const CELL_GAP = '[Chưa có]';

// ---------------------------------------------------------------------------------------------
// Inline content

export type Inline = string | TextRun | ExternalHyperlink;

export interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
  size?: number;
  allCaps?: boolean;
}

const runProps = (style: RunStyle) => ({
  bold: style.bold,
  italics: style.italics,
  underline: style.underline ? {} : undefined,
  size: style.size,
  allCaps: style.allCaps,
  font: FONT,
});

/** One run of NFC text on one line (line breaks become spaces). */
export function run(text: string, style: RunStyle = {}): TextRun {
  return new TextRun({ text: clean(text).replace(/\n+/g, ' '), ...runProps(style) });
}

/** Runs of NFC text; each line break of the text becomes a break in the paragraph. */
export function runs(text: string, style: RunStyle = {}): TextRun[] {
  return clean(text)
    .split('\n')
    .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, ...runProps(style) }));
}

export interface ParaOptions {
  align?: 'left' | 'center' | 'right' | 'justify';
  /** First-line indent (body text); default true for justified text. */
  indent?: boolean;
  size?: number;
  bold?: boolean;
  italics?: boolean;
  spaceBefore?: number;
  spaceAfter?: number;
  keepNext?: boolean;
  pageBreakBefore?: boolean;
  /** Left indent in twips (lists). */
  left?: number;
}

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const;

function toChildren(content: Inline | readonly Inline[], style: RunStyle): ParagraphChild[] {
  const list = Array.isArray(content) ? (content as readonly Inline[]) : [content as Inline];
  return list.flatMap((c) => (typeof c === 'string' ? runs(c, style) : [c]));
}

export function para(content: Inline | readonly Inline[], o: ParaOptions = {}): Paragraph {
  const align = o.align ?? 'justify';
  const indent = o.indent ?? align === 'justify';
  return new Paragraph({
    children: toChildren(content, { bold: o.bold, italics: o.italics, size: o.size }),
    alignment: ALIGN[align],
    indent: indent || o.left ? { firstLine: indent ? 567 : undefined, left: o.left } : undefined,
    spacing: { before: o.spaceBefore ?? 60, after: o.spaceAfter ?? 60, line: 288 },
    keepNext: o.keepNext,
    pageBreakBefore: o.pageBreakBefore,
  });
}

export const emptyLine = (size: number = SIZE.body): Paragraph =>
  new Paragraph({ children: [run('', { size })], spacing: { before: 0, after: 0 } });

export const pageBreak = (): Paragraph => new Paragraph({ children: [new PageBreak()] });

// ---------------------------------------------------------------------------------------------
// Tables

export interface CellSpec {
  content: Inline | readonly Inline[] | readonly Paragraph[];
  colSpan?: number;
  rowSpan?: number;
  bold?: boolean;
  italics?: boolean;
  align?: 'left' | 'center' | 'right' | 'justify';
}
export type Cell = string | CellSpec;

export interface TableSpec {
  /** Relative column widths. */
  widths: readonly number[];
  /** Header rows (repeat on every page); cells may span. */
  head: readonly (readonly Cell[])[];
  body: readonly (readonly Cell[])[];
  /** Column alignment of body cells (default: left, "center" for short columns). */
  align?: readonly ('left' | 'center' | 'right' | 'justify')[];
  size?: number;
  orientation?: 'portrait' | 'landscape';
  /** false: no borders (layout tables). */
  borders?: boolean;
  /** Keep the last row on the page of the paragraph that follows (a table and its conclusion). */
  keepWithNext?: boolean;
}

function isParagraphs(c: unknown): c is readonly Paragraph[] {
  return Array.isArray(c) && c.length > 0 && c.every((x) => x instanceof Paragraph);
}

function cellParagraphs(
  content: CellSpec['content'],
  align: ParaOptions['align'],
  size: number,
  bold?: boolean,
  italics?: boolean,
): Paragraph[] {
  if (isParagraphs(content)) return [...content];
  if (typeof content === 'string') {
    const lines = paragraphsOf(content);
    if (lines.length === 0) return [para('', { align: align ?? 'left', indent: false, size, spaceBefore: 20, spaceAfter: 20 })];
    return lines.map((l) =>
      para(l, { align: align ?? 'left', indent: false, size, bold, italics, spaceBefore: 20, spaceAfter: 20 }),
    );
  }
  return [
    para(content as Inline | readonly Inline[], {
      align: align ?? 'left',
      indent: false,
      size,
      bold,
      italics,
      spaceBefore: 20,
      spaceAfter: 20,
    }),
  ];
}

/** A bordered table; every row has cantSplit, header rows repeat on each page. */
export function table(spec: TableSpec): Table {
  const size = spec.size ?? SIZE.table;
  const total = TEXT_WIDTH[spec.orientation ?? 'portrait'];
  const sum = spec.widths.reduce((a, b) => a + b, 0);
  const widths = spec.widths.map((w) => Math.floor((w / sum) * total));
  const makeRow = (cells: readonly Cell[], header: boolean, last = false): TableRow => {
    let col = 0;
    return new TableRow({
      cantSplit: true,
      tableHeader: header || undefined,
      keepNext: last && spec.keepWithNext ? true : undefined,
      children: cells.map((c) => {
        const s: CellSpec = typeof c === 'string' ? { content: c } : c;
        const span = s.colSpan ?? 1;
        const width = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
        const align = s.align ?? (header ? 'center' : (spec.align?.[col] ?? 'left'));
        col += span;
        return new TableCell({
          children: cellParagraphs(s.content, align, size, header || s.bold, s.italics),
          columnSpan: span > 1 ? span : undefined,
          rowSpan: s.rowSpan && s.rowSpan > 1 ? s.rowSpan : undefined,
          width: { size: width, type: WidthType.DXA },
          verticalAlign: header ? VerticalAlign.CENTER : VerticalAlign.TOP,
          margins: { left: 80, right: 80, top: 20, bottom: 20 },
        });
      }),
    });
  };
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: spec.borders === false ? NO_BORDERS : GRID,
    rows: [...spec.head.map((r) => makeRow(r, true)), ...spec.body.map((r, i) => makeRow(r, false, i === spec.body.length - 1))],
  });
}

/** A borderless two-column layout table (header blocks, signatures). */
function layout(
  widths: readonly [number, number],
  left: Paragraph[],
  right: Paragraph[],
  orientation: 'portrait' | 'landscape' = 'portrait',
): Table {
  const total = TEXT_WIDTH[orientation];
  const w = [Math.floor(total * widths[0]), Math.floor(total * widths[1])];
  return new Table({
    width: { size: w[0]! + w[1]!, type: WidthType.DXA },
    columnWidths: w,
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({
            children: left.length ? left : [emptyLine()],
            width: { size: w[0]!, type: WidthType.DXA },
            borders: NO_BORDERS,
          }),
          new TableCell({
            children: right.length ? right : [emptyLine()],
            width: { size: w[1]!, type: WidthType.DXA },
            borders: NO_BORDERS,
          }),
        ],
      }),
    ],
  });
}

const centered = (content: Inline | readonly Inline[], style: RunStyle = {}, spacing = 0): Paragraph =>
  new Paragraph({
    children: toChildren(content, style),
    alignment: AlignmentType.CENTER,
    spacing: { before: spacing, after: 0, line: 264 },
  });

/** A short centred rule under the issuer's name (about a third of the column). */
function shortRule(columnWidth: number): Paragraph {
  const side = Math.floor(columnWidth * 0.33);
  return new Paragraph({
    children: [],
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    indent: { left: side, right: side },
    spacing: { before: 0, after: 120, line: 120, lineRule: 'exact' as never },
  });
}

// ---------------------------------------------------------------------------------------------
// The builder

export interface SectionSpec {
  children: FileChild[];
  orientation?: 'portrait' | 'landscape';
  /** none: no page numbers (covers); restart: from 1; continue: go on; hide-first: from 1, not on page 1. */
  numbering?: 'none' | 'restart' | 'continue' | 'hide-first';
  /** A double frame around the pages (outer cover). */
  framed?: boolean;
}

export interface AdminHeaderSpec {
  managingBody: Inline | readonly Inline[];
  issuer: Inline | readonly Inline[];
  /** "Số: …/QĐ-…" (decisions, plans); omitted for reports. */
  number?: Inline | readonly Inline[];
  /** Place-and-date line, e.g. "Buôn Ma Thuột, ngày 15 tháng 5 năm 2027". */
  placeDate?: Inline | readonly Inline[];
  orientation?: 'portrait' | 'landscape';
}

export interface SignatureSpec {
  /** "TM. HỘI ĐỒNG", "KT. HIỆU TRƯỞNG"… (above the title). */
  on?: string;
  title: string;
  name: Inline | readonly Inline[];
  note?: string;
  recipients?: readonly string[];
  /** A second signer on the left instead of "Nơi nhận" (e.g. "Xác nhận của trưởng nhóm công tác"). */
  leftTitle?: string;
  /** Place-and-date line above the signature (reports; decisions carry it in the header). */
  placeDate?: Inline | readonly Inline[];
  orientation?: 'portrait' | 'landscape';
}

export interface DocumentMeta {
  subject?: string;
  creator?: string;
  /**
   * Lay the pages out (docx/layout) to write the page numbers of the table of contents into
   * the file, for viewers that do not refresh fields (LibreOffice, previews). Word refreshes
   * the TOC field on open either way. Costs seconds on long reports.
   */
  estimatePageNumbers?: boolean;
}

/**
 * Builds one document: paragraphs and tables in sections, the gaps met while building, and
 * the outline of its headings.
 */
export class DocBuilder {
  readonly gaps: Gap[] = [];
  readonly outline: OutlineEntry[] = [];
  private readonly gapKeys = new Set<string>();
  private readonly sections: SectionSpec[] = [];
  private current: FileChild[] = [];
  private currentSpec: Omit<SectionSpec, 'children'> = { numbering: 'none' };
  private heading = '';
  hasToc = false;

  constructor(readonly title: string) {}

  /** Records a missing fact and returns its highlighted placeholder. */
  gap(spec: GapSpec): TextRun {
    if (!this.gapKeys.has(spec.key)) {
      this.gapKeys.add(spec.key);
      this.gaps.push({
        key: spec.key,
        section: this.heading || this.title,
        message: clean(spec.message),
        severity: spec.severity ?? 'required',
        fix: spec.fix ?? null,
      });
    }
    return new TextRun({ text: gapText(spec.message), highlight: HighlightColor.YELLOW, font: FONT });
  }

  /** A short highlighted placeholder for a table cell; the gap is recorded once per key. */
  cellGap(spec: GapSpec): TextRun {
    this.gap(spec);
    return new TextRun({ text: CELL_GAP, highlight: HighlightColor.YELLOW, font: FONT, size: SIZE.small });
  }

  /** The text, or the placeholder when it is empty. */
  textOr(value: string | null | undefined, spec: GapSpec): Inline {
    const v = clean(value).trim();
    return v !== '' ? v : this.gap(spec);
  }

  add(...children: FileChild[]): this {
    this.current.push(...children);
    return this;
  }

  p(content: Inline | readonly Inline[], o: ParaOptions = {}): this {
    return this.add(para(content, o));
  }

  /** Body paragraphs of a stored multi-line text, or one placeholder paragraph. */
  text(value: string | null | undefined, spec: GapSpec, o: ParaOptions = {}): this {
    const lines = paragraphsOf(value ?? '');
    if (lines.length === 0) return this.p([this.gap(spec)], o);
    for (const l of lines) this.p(l, o);
    return this;
  }

  /** A heading paragraph (Word heading style, in the outline and the table of contents). */
  h(level: 1 | 2 | 3 | 4, text: string, o: { pageBreakBefore?: boolean } = {}): this {
    const t = clean(text).trim();
    this.heading = t;
    this.outline.push({ level, text: t });
    const styles = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4] as const;
    return this.add(new Paragraph({ children: [run(t)], heading: styles[level - 1], pageBreakBefore: o.pageBreakBefore }));
  }

  /** A centred bold title that is not a heading (cover, document name). */
  title1(text: string, o: { size?: number; spaceBefore?: number } = {}): this {
    return this.add(centered(text, { bold: true, size: o.size ?? SIZE.title }, o.spaceBefore ?? 120));
  }

  centered(content: Inline | readonly Inline[], style: RunStyle = {}, spaceBefore = 0): this {
    return this.add(centered(content, style, spaceBefore));
  }

  table(spec: TableSpec): this {
    return this.add(table({ orientation: this.currentSpec.orientation, ...spec }));
  }

  /** Word's table of contents (a TOC field over heading levels 1–3, refreshed when Word opens the file). */
  toc(title = 'MỤC LỤC'): this {
    this.hasToc = true;
    this.add(centered(title, { bold: true, size: SIZE.body }, 0));
    return this.add(new TableOfContents('Mục lục', { hyperlink: true, headingStyleRange: '1-3', beginDirty: true }));
  }

  /** The header block of an administrative document (NĐ 30/2020, ô số 1–4). */
  adminHeader(h: AdminHeaderSpec): this {
    const orientation = h.orientation ?? this.currentSpec.orientation ?? 'portrait';
    const leftWidth = TEXT_WIDTH[orientation] * 0.42;
    const left = [
      centered(h.managingBody, { size: SIZE.table, allCaps: true }),
      centered(h.issuer, { size: SIZE.table, bold: true, allCaps: true }),
      shortRule(leftWidth),
      ...(h.number ? [centered(h.number, { size: SIZE.table })] : []),
    ];
    const right = [
      centered('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: SIZE.table, bold: true }),
      centered([run('Độc lập - Tự do - Hạnh phúc', { size: SIZE.body, bold: true, underline: true })]),
      ...(h.placeDate ? [centered(h.placeDate, { size: SIZE.body, italics: true }, 160)] : []),
    ];
    return this.add(layout([0.42, 0.58], left, right, orientation));
  }

  /** "Nơi nhận" on the left, the signature on the right. */
  signature(s: SignatureSpec): this {
    const orientation = s.orientation ?? this.currentSpec.orientation ?? 'portrait';
    const left = s.leftTitle
      ? [
          centered(s.leftTitle, { bold: true, size: SIZE.body }, s.placeDate ? 400 : 120),
          centered('(Ký, ghi rõ họ tên)', { italics: true, size: SIZE.small }),
        ]
      : s.recipients?.length
        ? [
            new Paragraph({
              children: [run('Nơi nhận:', { bold: true, italics: true, size: SIZE.small })],
              spacing: { before: 120 },
            }),
            ...s.recipients.map(
              (r) => new Paragraph({ children: [run(`- ${r}`, { size: SIZE.tiny })], spacing: { before: 0, after: 0 } }),
            ),
          ]
        : [];
    const right = [
      ...(s.placeDate ? [centered(s.placeDate, { italics: true, size: SIZE.body }, 120)] : []),
      ...(s.on ? [centered(s.on, { bold: true, size: SIZE.body }, s.placeDate ? 0 : 120)] : []),
      centered(s.title, { bold: true, size: SIZE.body }, s.on || s.placeDate ? 0 : 120),
      centered(s.note ?? '(Ký, ghi rõ họ tên và đóng dấu)', { italics: true, size: SIZE.small }),
      emptyLine(),
      emptyLine(),
      emptyLine(),
      centered(s.name, { bold: true, size: SIZE.body }),
    ];
    return this.add(layout([0.45, 0.55], left, right, orientation));
  }

  /** Ends the section being built and starts a new one. */
  section(next: Omit<SectionSpec, 'children'>): this {
    if (this.current.length > 0) this.sections.push({ ...this.currentSpec, children: this.current });
    this.current = [];
    this.currentSpec = next;
    return this;
  }

  /** The docx Document (sections closed, styles, settings). */
  document(meta: DocumentMeta = {}): Document {
    this.section({});
    const sections: ISectionOptions[] = this.sections.map((s) => sectionOptions(s));
    return new Document({
      creator: meta.creator ?? 'Trường Chuẩn',
      title: clean(this.title),
      subject: meta.subject ? clean(meta.subject) : undefined,
      description: 'Tạo bởi phần mềm Trường Chuẩn',
      features: this.hasToc ? { updateFields: true } : undefined,
      pageNumbers: this.hasToc && meta.estimatePageNumbers ? estimatePageNumbers : undefined,
      styles: STYLES,
      sections,
    });
  }

  async toBuffer(meta: DocumentMeta = {}): Promise<Buffer> {
    return Packer.toBuffer(this.document(meta));
  }
}

function pageNumberHeader(): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: SIZE.body })],
      }),
    ],
  });
}

const emptyHeader = (): Header => new Header({ children: [new Paragraph({ children: [] })] });

function sectionOptions(s: SectionSpec): ISectionOptions {
  const landscape = s.orientation === 'landscape';
  const numbering = s.numbering ?? 'none';
  const frame: IBorderOptions = { style: BorderStyle.DOUBLE, size: 12, color: '000000', space: 24 };
  return {
    properties: {
      page: {
        // docx swaps width and height itself for landscape pages.
        size: {
          width: A4.width,
          height: A4.height,
          orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
        },
        margin: MARGINS,
        pageNumbers: numbering === 'restart' || numbering === 'hide-first' ? { start: 1 } : undefined,
        borders: s.framed
          ? { pageBorderTop: frame, pageBorderBottom: frame, pageBorderLeft: frame, pageBorderRight: frame }
          : undefined,
      },
      titlePage: numbering === 'hide-first',
    },
    headers:
      numbering === 'none'
        ? { default: emptyHeader() }
        : numbering === 'hide-first'
          ? { default: pageNumberHeader(), first: emptyHeader() }
          : { default: pageNumberHeader() },
    children: s.children,
  };
}

const heading = (id: string, name: string, outlineLevel: number, o: { size?: number; center?: boolean; italics?: boolean }) => ({
  id,
  name,
  basedOn: 'Normal',
  next: 'Normal',
  quickFormat: true,
  run: { font: FONT, size: o.size ?? SIZE.body, bold: true, italics: o.italics, color: '000000' },
  paragraph: {
    outlineLevel,
    keepNext: true,
    keepLines: true,
    alignment: o.center ? AlignmentType.CENTER : AlignmentType.LEFT,
    spacing: { before: 200, after: 100, line: 288 },
  },
});

const tocStyle = (level: number) => ({
  id: `TOC${level}`,
  name: `toc ${level}`,
  basedOn: 'Normal',
  next: 'Normal',
  run: { font: FONT, size: SIZE.table },
  paragraph: { indent: { left: (level - 1) * 284 }, spacing: { before: 20, after: 20 } },
});

const STYLES = {
  default: {
    document: {
      run: { font: FONT, size: SIZE.body },
      paragraph: { spacing: { line: 288 } },
    },
  },
  paragraphStyles: [
    heading('Heading1', 'heading 1', 0, { center: true }),
    heading('Heading2', 'heading 2', 1, {}),
    heading('Heading3', 'heading 3', 2, {}),
    heading('Heading4', 'heading 4', 3, { italics: true }),
    tocStyle(1),
    tocStyle(2),
    tocStyle(3),
  ],
};

/** A link (URL evidence) printed as its text. */
export function link(text: string, url: string): ExternalHyperlink {
  return new ExternalHyperlink({ link: url, children: [new TextRun({ text: clean(text), style: 'Hyperlink', font: FONT })] });
}
