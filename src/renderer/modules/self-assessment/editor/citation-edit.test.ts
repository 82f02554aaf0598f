import { describe, expect, it } from 'vitest';
import { applyDisplayEdit, insertCitation, snapCaret, toDisplay } from './citation-edit';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const codes: Record<string, string> = { [A]: 'MC.1.1.01', [B]: 'MC.1.1.02' };
const codeOf = (id: string) => codes[id] ?? null;

const stored = `Có kế hoạch {{ev:${A}}} và {{ev:${B}}}.`;

describe('a description with citations in a textarea', () => {
  it('shows each citation as its current code in brackets', () => {
    const m = toDisplay(stored, codeOf);
    expect(m.display).toBe('Có kế hoạch [MC.1.1.01] và [MC.1.1.02].');
    expect(toDisplay(stored, (id) => (id === A ? 'MC.2.1.05' : null)).display).toBe(
      'Có kế hoạch [MC.2.1.05] và [minh chứng không còn].',
    );
  });

  it('typing plain text keeps the tokens', () => {
    const m = toDisplay(stored, codeOf);
    const next = m.display.replace('Có kế hoạch', 'Có kế hoạch năm học');
    const r = applyDisplayEdit(m, next, 'Có kế hoạch năm học'.length, codeOf);
    expect(r.stored).toBe(`Có kế hoạch năm học {{ev:${A}}} và {{ev:${B}}}.`);
    expect(r.caret).toBe('Có kế hoạch năm học'.length);
  });

  it('a backspace at the end of a chip removes the whole chip', () => {
    const m = toDisplay(stored, codeOf);
    const end = m.display.indexOf(']') + 1;
    const next = m.display.slice(0, end - 1) + m.display.slice(end);
    const r = applyDisplayEdit(m, next, end - 1, codeOf);
    expect(r.stored).toBe(`Có kế hoạch  và {{ev:${B}}}.`);
    expect(r.caret).toBe('Có kế hoạch '.length);
  });

  it('typing inside a chip types after it', () => {
    const m = toDisplay(stored, codeOf);
    const inside = m.display.indexOf('MC.1.1.01') + 3;
    const next = m.display.slice(0, inside) + 'x' + m.display.slice(inside);
    const r = applyDisplayEdit(m, next, inside + 1, codeOf);
    expect(r.stored).toBe(`Có kế hoạch {{ev:${A}}}x và {{ev:${B}}}.`);
    expect(toDisplay(r.stored, codeOf).display.slice(r.caret - 1, r.caret)).toBe('x');
  });

  it('a selection across text and a chip deletes both', () => {
    const m = toDisplay(stored, codeOf);
    const from = m.display.indexOf('hoạch');
    const to = m.display.indexOf('.1.01');
    const next = m.display.slice(0, from) + m.display.slice(to);
    const r = applyDisplayEdit(m, next, from, codeOf);
    expect(r.stored).toBe(`Có kế  và {{ev:${B}}}.`);
  });

  it('inserts a citation at the caret, replacing the "@" that opened the picker', () => {
    const m = toDisplay('Có biên bản họp@', codeOf);
    const r = insertCitation(m, m.display.length, A, codeOf, 1);
    expect(r.stored).toBe(`Có biên bản họp {{ev:${A}}}`);
    expect(r.caret).toBe(toDisplay(r.stored, codeOf).display.length);
    const m2 = toDisplay(`Kế hoạch ({{ev:${A}}}).`, codeOf);
    const r2 = insertCitation(m2, m2.display.indexOf(']') + 1, B, codeOf);
    expect(r2.stored).toBe(`Kế hoạch ({{ev:${A}}} {{ev:${B}}}).`);
  });

  it('a caret clicked inside a chip snaps to its nearer edge', () => {
    const m = toDisplay(stored, codeOf);
    const start = m.display.indexOf('[');
    expect(snapCaret(m, start + 2)).toBe(start);
    expect(snapCaret(m, start + 10)).toBe(start + '[MC.1.1.01]'.length);
    expect(snapCaret(m, 3)).toBe(3);
  });
});
