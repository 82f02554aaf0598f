/**
 * Editing a description (mô tả hiện trạng) whose citations are stored as `{{ev:<id>}}` tokens,
 * in a plain <textarea>. The textarea shows each token as its current code in brackets,
 * "[MC.1.1.01]", and treats that run as one atomic chip: a deletion that touches a chip removes
 * the whole chip, typing inside a chip types after it, and the stored text is rebuilt from the
 * previous stored text — never by parsing codes back — so the user never types a code and a
 * renumbered evidence keeps its citation.
 *
 * A textarea (rather than a contentEditable) keeps Vietnamese input methods (Telex/VNI, which
 * replace characters as you type) working reliably on old PCs.
 */
import { citationToken } from '../../../../core/evidence/citations';

const TOKEN = /\{\{ev:([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}\}/g;

export interface Segment {
  kind: 'text' | 'chip';
  /** Display range [ds, de). */
  ds: number;
  de: number;
  /** Stored range [ss, se). */
  ss: number;
  se: number;
  /** Evidence id of a chip (lower case). */
  id: string | null;
}

export interface DisplayModel {
  stored: string;
  display: string;
  segments: Segment[];
}

/** "[MC.1.1.01]", or the missing label for an evidence that no longer exists. */
export function chipLabel(code: string | null, missing: string): string {
  return `[${code ?? missing}]`;
}

export function toDisplay(stored: string, codeOf: (id: string) => string | null, missing = 'minh chứng không còn'): DisplayModel {
  const segments: Segment[] = [];
  let display = '';
  let last = 0;
  const pushText = (ss: number, se: number) => {
    if (se <= ss) return;
    const text = stored.slice(ss, se);
    segments.push({ kind: 'text', ds: display.length, de: display.length + text.length, ss, se, id: null });
    display += text;
  };
  for (const m of stored.matchAll(TOKEN)) {
    pushText(last, m.index);
    const id = m[1]!.toLowerCase();
    const label = chipLabel(codeOf(id), missing);
    segments.push({
      kind: 'chip',
      ds: display.length,
      de: display.length + label.length,
      ss: m.index,
      se: m.index + m[0].length,
      id,
    });
    display += label;
    last = m.index + m[0].length;
  }
  pushText(last, stored.length);
  return { stored, display, segments };
}

/** The chip strictly containing display position `pos`, if any. */
export function chipAt(model: DisplayModel, pos: number): Segment | undefined {
  return model.segments.find((s) => s.kind === 'chip' && s.ds < pos && pos < s.de);
}

/** Stored offset of a display position that is not strictly inside a chip. */
function storedAt(model: DisplayModel, pos: number): number {
  for (const s of model.segments) {
    if (pos < s.ds || pos > s.de) continue;
    if (s.kind === 'text') return s.ss + (pos - s.ds);
    if (pos === s.ds) return s.ss;
    if (pos === s.de) return s.se;
  }
  return model.stored.length;
}

/** Display offset of a stored position that is not strictly inside a token. */
function displayAt(model: DisplayModel, pos: number): number {
  for (const s of model.segments) {
    if (pos < s.ss || pos > s.se) continue;
    if (s.kind === 'text') return s.ds + (pos - s.ss);
    if (pos === s.ss) return s.ds;
    if (pos === s.se) return s.de;
  }
  return model.display.length;
}

export interface EditResult {
  stored: string;
  /** Where the caret belongs in the new display text. */
  caret: number;
}

/**
 * The stored text after the textarea changed from `model.display` to `next`, the caret being at
 * `caret` in `next` (it settles which run changed when the text repeats itself).
 */
export function applyDisplayEdit(
  model: DisplayModel,
  next: string,
  caret: number,
  codeOf: (id: string) => string | null,
  missing?: string,
): EditResult {
  const prev = model.display;
  if (prev === next) return { stored: model.stored, caret };
  const max = Math.min(prev.length, next.length);
  let p = 0;
  while (p < max && prev[p] === next[p]) p++;
  p = Math.min(p, Math.max(0, caret - Math.max(0, next.length - prev.length)));
  p = Math.min(p, caret);
  let s = 0;
  const sMax = Math.min(max - p, next.length - caret);
  while (s < sMax && prev[prev.length - 1 - s] === next[next.length - 1 - s]) s++;
  let start = p;
  let end = prev.length - s;
  const inserted = next.slice(p, next.length - s);

  if (start === end) {
    // Pure insertion inside a chip: the chip stays whole, the text goes after it.
    const chip = chipAt(model, start);
    if (chip) start = end = chip.de;
  } else {
    // Deleting or replacing part of a chip removes the whole chip.
    for (const seg of model.segments) {
      if (seg.kind === 'chip' && seg.ds < end && seg.de > start) {
        start = Math.min(start, seg.ds);
        end = Math.max(end, seg.de);
      }
    }
  }
  const ss = storedAt(model, start);
  const se = storedAt(model, end);
  const stored = model.stored.slice(0, ss) + inserted + model.stored.slice(se);
  const after = toDisplay(stored, codeOf, missing);
  return { stored, caret: displayAt(after, ss + inserted.length) };
}

/**
 * Inserts a citation at display position `pos` (moved out of a chip), replacing the
 * `replaceBefore` characters before it (the "@" or "#" that opened the picker). A space is put
 * before the chip when it would otherwise stick to a word.
 */
export function insertCitation(
  model: DisplayModel,
  pos: number,
  evidenceId: string,
  codeOf: (id: string) => string | null,
  replaceBefore = 0,
  missing?: string,
): EditResult {
  let end = Math.max(0, Math.min(pos, model.display.length));
  const chip = chipAt(model, end);
  if (chip) end = chip.de;
  let start = Math.max(0, end - replaceBefore);
  const inside = chipAt(model, start);
  if (inside) start = inside.de;
  const ss = storedAt(model, start);
  const se = storedAt(model, end);
  const before = model.stored.slice(0, ss);
  const spacer = before !== '' && !/[\s(]$/.test(before) ? ' ' : '';
  const token = citationToken(evidenceId);
  const stored = before + spacer + token + model.stored.slice(se);
  const after = toDisplay(stored, codeOf, missing);
  return { stored, caret: displayAt(after, ss + spacer.length + token.length) };
}

/** Moves a collapsed caret that landed inside a chip to the chip's nearer edge. */
export function snapCaret(model: DisplayModel, pos: number): number {
  const chip = chipAt(model, pos);
  if (!chip) return pos;
  return pos - chip.ds <= chip.de - pos ? chip.ds : chip.de;
}
