/**
 * Reads a generated .docx back (preflight and tests): the parts of the zip, and a small XML
 * reader for WordprocessingML — paragraphs with their style and text, tables as rows of cell
 * texts, section properties, field instructions. It reads what `docx` writes (well-formed XML
 * without DTDs or CDATA); it is not a general XML parser.
 */
import yauzl from 'yauzl';

// ---------------------------------------------------------------------------------------------
// Zip

/** Every entry of a zip file, by name (small archives: documents, not evidence packages). */
export async function readZipEntries(source: string | Buffer, only?: (name: string) => boolean): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    const cb = (err: Error | null, z?: yauzl.ZipFile) => (err || !z ? reject(err ?? new Error('zip')) : resolve(z));
    if (typeof source === 'string') yauzl.open(source, { lazyEntries: true, decodeStrings: true }, cb);
    else yauzl.fromBuffer(source, { lazyEntries: true, decodeStrings: true }, cb);
  });
  const out = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName.endsWith('/') || (only && !only(entry.fileName))) {
        zip.readEntry();
        return;
      }
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) return reject(err ?? new Error('zip entry'));
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('error', reject);
        stream.on('end', () => {
          out.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
  zip.close();
  return out;
}

/** Names of the entries of a zip (with sizes), without reading their data. */
export async function listZip(file: string): Promise<{ name: string; size: number }[]> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, decodeStrings: true }, (err, z) =>
      err || !z ? reject(err ?? new Error('zip')) : resolve(z),
    ),
  );
  const out: { name: string; size: number }[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve());
    zip.on('entry', (e: yauzl.Entry) => {
      out.push({ name: e.fileName, size: e.uncompressedSize });
      zip.readEntry();
    });
    zip.readEntry();
  });
  zip.close();
  return out;
}

// ---------------------------------------------------------------------------------------------
// XML

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ENTITIES[e]!,
  );
}

/** Parses an XML document into elements (declarations and comments skipped). */
export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#root', attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  const re =
    /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  for (const m of xml.matchAll(re)) {
    const [, closing, name, attrText, selfClosing, text] = m;
    if (text !== undefined) {
      stack[stack.length - 1]!.children.push(decodeXml(text));
      continue;
    }
    if (!name) continue; // <?xml …?>, comments
    if (closing) {
      if (stack.length > 1) stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (attrText ?? '').matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
      attrs[a[1]!] = decodeXml(a[2] ?? a[3] ?? '');
    const el: XmlElement = { name, attrs, children: [] };
    stack[stack.length - 1]!.children.push(el);
    if (!selfClosing) stack.push(el);
  }
  return root;
}

export function* walk(el: XmlElement): Generator<XmlElement> {
  yield el;
  for (const c of el.children) if (typeof c !== 'string') yield* walk(c);
}

export function find(el: XmlElement, name: string): XmlElement | undefined {
  for (const e of walk(el)) if (e !== el && e.name === name) return e;
  return undefined;
}

export function findAll(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const e of walk(el)) if (e !== el && e.name === name) out.push(e);
  return out;
}

/** Direct children with this name. */
export const childrenNamed = (el: XmlElement, name: string): XmlElement[] =>
  el.children.filter((c): c is XmlElement => typeof c !== 'string' && c.name === name);

/** The text of w:t (and tabs, breaks) under an element, in order; field codes excluded. */
export function textOf(el: XmlElement): string {
  let out = '';
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    if (c.name === 'w:t') out += c.children.filter((x): x is string => typeof x === 'string').join('');
    else if (c.name === 'w:tab') out += '\t';
    else if (c.name === 'w:br') out += '\n';
    else if (c.name === 'w:instrText' || c.name === 'w:delText') continue;
    else out += textOf(c);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// WordprocessingML

export interface DocxParagraph {
  style: string | null;
  text: string;
  /** Text of runs highlighted (placeholders for missing data). */
  highlighted: string[];
  /** Inside a table cell. */
  inTable: boolean;
}

export interface DocxSection {
  width: number;
  height: number;
  orientation: string | null;
  margins: Record<string, number>;
  titlePage: boolean;
  pageNumberStart: number | null;
  headerRefs: string[];
}

export interface DocxTable {
  rows: { cells: string[]; cantSplit: boolean; header: boolean }[];
}

export interface DocxContent {
  parts: Map<string, Buffer>;
  documentXml: string;
  paragraphs: DocxParagraph[];
  /** Paragraphs outside tables, in order. */
  bodyParagraphs: DocxParagraph[];
  tables: DocxTable[];
  sections: DocxSection[];
  /** Field instructions (TOC, PAGE, PAGEREF…), trimmed. */
  fields: string[];
  /** The whole text, paragraphs joined by new lines. */
  text: string;
  settingsXml: string;
  stylesXml: string;
}

/** A WordprocessingML on/off element: present and not w:val="off|false|0". */
export function onOff(el: XmlElement | undefined): boolean {
  if (!el) return false;
  const v = el.attrs['w:val'];
  return v === undefined || !['off', 'false', '0'].includes(v);
}

function paragraphOf(p: XmlElement, inTable: boolean): DocxParagraph {
  const pPr = childrenNamed(p, 'w:pPr')[0];
  const style = pPr ? (childrenNamed(pPr, 'w:pStyle')[0]?.attrs['w:val'] ?? null) : null;
  const highlighted = findAll(p, 'w:r')
    .filter((r) => {
      const rPr = childrenNamed(r, 'w:rPr')[0];
      const h = rPr ? childrenNamed(rPr, 'w:highlight')[0] : undefined;
      return !!h && h.attrs['w:val'] !== 'none';
    })
    .map((r) => textOf(r));
  return { style, text: textOf(p), highlighted, inTable };
}

function sectionOf(s: XmlElement): DocxSection {
  const pgSz = childrenNamed(s, 'w:pgSz')[0];
  const pgMar = childrenNamed(s, 'w:pgMar')[0];
  const pgNum = childrenNamed(s, 'w:pgNumType')[0];
  return {
    width: Number(pgSz?.attrs['w:w'] ?? 0),
    height: Number(pgSz?.attrs['w:h'] ?? 0),
    orientation: pgSz?.attrs['w:orient'] ?? null,
    margins: Object.fromEntries(Object.entries(pgMar?.attrs ?? {}).map(([k, v]) => [k.replace(/^w:/, ''), Number(v)])),
    titlePage: onOff(childrenNamed(s, 'w:titlePg')[0]),
    pageNumberStart: pgNum?.attrs['w:start'] !== undefined ? Number(pgNum.attrs['w:start']) : null,
    headerRefs: childrenNamed(s, 'w:headerReference').map((h) => h.attrs['w:type'] ?? ''),
  };
}

/** Reads a .docx (file path or bytes) into its text, tables, sections and fields. */
export async function readDocx(source: string | Buffer): Promise<DocxContent> {
  const parts = await readZipEntries(source, (n) => n.startsWith('word/') || n === '[Content_Types].xml');
  const documentXml = parts.get('word/document.xml')?.toString('utf8');
  if (!documentXml) throw new Error('Tệp không phải văn bản Word (.docx): thiếu word/document.xml');
  const doc = parseXml(documentXml);
  const body = find(doc, 'w:body');
  if (!body) throw new Error('word/document.xml không có phần thân (w:body)');
  const paragraphs: DocxParagraph[] = [];
  const tables: DocxTable[] = [];
  const visit = (el: XmlElement, inTable: boolean) => {
    for (const c of el.children) {
      if (typeof c === 'string') continue;
      if (c.name === 'w:p') paragraphs.push(paragraphOf(c, inTable));
      else if (c.name === 'w:tbl') {
        tables.push({
          rows: childrenNamed(c, 'w:tr').map((tr) => {
            const trPr = childrenNamed(tr, 'w:trPr')[0];
            return {
              cells: childrenNamed(tr, 'w:tc').map((tc) =>
                childrenNamed(tc, 'w:p')
                  .map((p) => textOf(p))
                  .join('\n'),
              ),
              cantSplit: trPr ? onOff(childrenNamed(trPr, 'w:cantSplit')[0]) : false,
              header: trPr ? onOff(childrenNamed(trPr, 'w:tblHeader')[0]) : false,
            };
          }),
        });
        visit(c, true);
      } else visit(c, inTable);
    }
  };
  visit(body, false);
  const sections = findAll(body, 'w:sectPr').map(sectionOf);
  const fields = findAll(body, 'w:instrText').map((e) =>
    e.children
      .filter((x): x is string => typeof x === 'string')
      .join('')
      .trim(),
  );
  return {
    parts,
    documentXml,
    paragraphs,
    bodyParagraphs: paragraphs.filter((p) => !p.inTable),
    tables,
    sections,
    fields,
    text: paragraphs.map((p) => p.text).join('\n'),
    settingsXml: parts.get('word/settings.xml')?.toString('utf8') ?? '',
    stylesXml: parts.get('word/styles.xml')?.toString('utf8') ?? '',
  };
}
