/**
 * Text helpers of the official documents: NFC and XML-safe text, names folded for old zip and
 * Windows tools, dates written as Nghị định 30/2020/NĐ-CP asks, and evidence citations
 * (`{{ev:<id>}}`) rendered as codes in round brackets before the full stop (Phụ lục IV TT 57).
 */

/** Characters Word refuses in document.xml (XML 1.0 forbids C0 controls except tab, LF, CR). */
const XML_UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** NFC, without characters that would make the document unreadable. */
export function clean(text: string | null | undefined): string {
  return (text ?? '').normalize('NFC').replace(XML_UNSAFE, '').replace(/\r\n?/g, '\n');
}

/** True when the text has something to print. */
export const present = (text: string | null | undefined): text is string => clean(text).trim() !== '';

/** Paragraphs of a multi-line text (blank lines dropped). */
export function paragraphsOf(text: string): string[] {
  return clean(text)
    .split(/\n+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * Vietnamese letters folded to ASCII with their case kept ("Tiêu chí 1.1" → "Tieu chi 1.1"):
 * names inside the evidence package, for zip tools and old Windows Explorer that mangle UTF-8.
 */
export function foldName(text: string): string {
  return clean(text)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;

/**
 * A file or folder name every system accepts: folded, without \ / : * ? " < > | and controls,
 * no leading or trailing dots and spaces, not a reserved DOS name, at most `max` characters.
 */
export function safeName(text: string, max = 80): string {
  let s = foldName(text)
    .replace(/[\\/:*?"<>|]/g, '-')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (s.length > max) s = s.slice(0, max).trim();
  s = s.replace(/^[.\s]+|[.\s]+$/g, '');
  if (s === '' || WINDOWS_RESERVED.test(s)) s = `_${s}`;
  return s;
}

/** A file extension from a file name ("Kế hoạch.PDF" → "pdf"), "" when none. */
export function extensionOf(fileName: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(fileName.trim());
  return m ? m[1]!.toLowerCase() : '';
}

// ---------------------------------------------------------------------------------------------
// Dates (NĐ 30/2020 Phụ lục I: days below 10 and months 1, 2 take a leading zero)

export interface DateParts {
  day: number;
  month: number;
  year: number;
}

export function dateParts(iso: string | null | undefined): DateParts | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  if (!m) return null;
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/** "ngày 05 tháng 02 năm 2027"; "ngày … tháng … năm 20…" when the date is not known. */
export function adminDate(iso: string | null | undefined): string {
  const d = dateParts(iso);
  if (!d) return 'ngày … tháng … năm 20…';
  const day = String(d.day).padStart(2, '0');
  const month = d.month <= 2 ? String(d.month).padStart(2, '0') : String(d.month);
  return `ngày ${day} tháng ${month} năm ${d.year}`;
}

/** "15/6/2027" as in running text. */
export function shortDate(iso: string | null | undefined): string {
  const d = dateParts(iso);
  return d ? `${d.day}/${d.month}/${d.year}` : '';
}

/** "tháng 5 năm 2027" for covers. */
export function monthYear(iso: string | null | undefined): string {
  const d = dateParts(iso);
  return d ? `tháng ${d.month <= 2 ? String(d.month).padStart(2, '0') : d.month} năm ${d.year}` : 'tháng … năm 20…';
}

/** Local date of an instant, YYYY-MM-DD. */
export function localIsoDate(at = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())}`;
}

/** Percent with a decimal comma, as Vietnamese documents write it: 33,3%. */
export function percent(part: number, whole: number): string {
  if (whole <= 0) return '0%';
  const v = Math.round((part / whole) * 1000) / 10;
  return `${String(v).replace('.', ',')}%`;
}

/** Numbers stored with a decimal point are printed with a comma ("2.18" → "2,18"). */
export function viNumber(value: string): string {
  return /^-?\d+\.\d+$/.test(value) ? value.replace('.', ',') : value;
}

// ---------------------------------------------------------------------------------------------
// Citations

const ID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const TOKEN = new RegExp(`\\{\\{ev:(${ID})\\}\\}`, 'g');
/** What may stand between two citations of one group: spaces, commas, semicolons. */
const GLUE = /^[\s,;]*$/;

export type CitedSegment =
  | { kind: 'text'; text: string }
  /** Codes of one group; `ids` in the same order, `missing` = ids without a live evidence. */
  | { kind: 'codes'; codes: string[]; ids: string[]; missing: string[]; open: string; close: string };

export interface RenderCitedOptions {
  /** TT 57 wraps codes in round brackets; legacy codes "[H1.1.01.01]" carry their own. */
  brackets: 'round' | 'none';
}

/**
 * Splits a stored description into text and groups of cited codes, as the report prints it:
 * consecutive citations become one group "(MC.1.1.01, MC.1.1.02)"; a group written after the
 * full stop ("… quy định. {{ev:…}}") moves before it ("… quy định (MC.1.1.01)."); brackets the
 * author typed around the citations are kept, never doubled. Nothing else of the text changes.
 */
export function renderCited(raw: string, codeById: ReadonlyMap<string, string>, opts: RenderCitedOptions): CitedSegment[] {
  const text = clean(raw);
  // 1. Text and single citations, in order.
  const parts: ({ t: string } | { id: string })[] = [];
  let at = 0;
  for (const m of text.matchAll(TOKEN)) {
    parts.push({ t: text.slice(at, m.index) });
    parts.push({ id: m[1]!.toLowerCase() });
    at = m.index! + m[0].length;
  }
  parts.push({ t: text.slice(at) });

  // 2. Group citations separated only by glue.
  const out: CitedSegment[] = [];
  let i = 0;
  while (i < parts.length) {
    const p = parts[i]!;
    if ('t' in p) {
      out.push({ kind: 'text', text: p.t });
      i++;
      continue;
    }
    const ids: string[] = [p.id];
    let j = i + 1;
    while (j + 1 < parts.length && 't' in parts[j]! && GLUE.test((parts[j] as { t: string }).t) && 'id' in parts[j + 1]!) {
      ids.push((parts[j + 1] as { id: string }).id);
      j += 2;
    }
    const unique = [...new Set(ids)];
    const codes = unique.map((id) => codeById.get(id) ?? '');
    out.push({
      kind: 'codes',
      ids: unique,
      codes,
      missing: unique.filter((id) => !codeById.has(id)),
      open: '',
      close: '',
    });
    i = j;
  }

  // 3. Brackets, placement before the full stop, spacing.
  for (let k = 0; k < out.length; k++) {
    const seg = out[k]!;
    if (seg.kind !== 'codes') continue;
    const prev = out[k - 1];
    const next = out[k + 1];
    const before = prev?.kind === 'text' ? prev.text : '';
    const after = next?.kind === 'text' ? next.text : '';
    const typedBrackets = /\(\s*$/.test(before) && /^\s*\)/.test(after);
    if (typedBrackets) {
      if (prev?.kind === 'text') prev.text = before.replace(/\(\s*$/, '(');
      if (next?.kind === 'text') next.text = after.replace(/^\s*\)/, ')');
      continue;
    }
    if (opts.brackets === 'round') {
      seg.open = '(';
      seg.close = ')';
    }
    if (prev?.kind === 'text') {
      let b = before;
      // "… quy định. {{ev}}" → "… quy định {{ev}}." (not for "…" or an abbreviation's dot inside a word).
      const endsSentence = /[^.\s]\.\s*$/.test(b) && (after === '' || /^\s/.test(after) || /^\s*$/.test(after));
      if (endsSentence) {
        b = b.replace(/\.\s*$/, '');
        if (next?.kind === 'text') next.text = `.${after}`;
        else out.splice(k + 1, 0, { kind: 'text', text: '.' });
      }
      prev.text = b === '' || /[\s(]$/.test(b) ? b : `${b} `;
    }
    const following = out[k + 1];
    if (following?.kind === 'text') following.text = following.text.replace(/^\s+(?=[.,;:!?)])/, '');
  }
  return out.filter((s) => s.kind !== 'text' || s.text !== '');
}

/** The plain text of rendered segments (missing evidence shown as `missingText`). */
export function citedPlainText(segments: readonly CitedSegment[], missingText = '[minh chứng không còn]'): string {
  return segments
    .map((s) => (s.kind === 'text' ? s.text : `${s.open}${s.codes.map((c) => c || missingText).join(', ')}${s.close}`))
    .join('');
}
