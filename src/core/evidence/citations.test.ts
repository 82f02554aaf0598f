import { describe, expect, it } from 'vitest';
import { MISSING_CITATION, citationToken, extractCitationIds, renderCitations } from './citations';

const A = '0190a000-0000-7000-8000-00000000000a';
const B = '0190a000-0000-7000-8000-00000000000b';

describe('citations {{ev:<id>}}', () => {
  it('renders each token as the current code, so a renumbered evidence shows its new code', () => {
    const text = `Nhà trường có kế hoạch năm học (${citationToken(A)}, ${citationToken(B)}). Kế hoạch được công khai (${citationToken(A)}).`;
    expect(renderCitations(text, { [A]: 'MC.1.1.01', [B]: 'MC.1.1.02' })).toBe(
      'Nhà trường có kế hoạch năm học (MC.1.1.01, MC.1.1.02). Kế hoạch được công khai (MC.1.1.01).',
    );
    // After moving A to criterion 1.2 only the lookup changes; the stored text does not.
    expect(
      renderCitations(
        text,
        new Map([
          [A, 'MC.1.2.03'],
          [B, 'MC.1.1.02'],
        ]),
      ),
    ).toBe('Nhà trường có kế hoạch năm học (MC.1.2.03, MC.1.1.02). Kế hoạch được công khai (MC.1.2.03).');
  });

  it('marks citations of evidence that no longer exists instead of dropping them', () => {
    const text = `Theo biên bản (${citationToken(A)}).`;
    expect(renderCitations(text, {})).toBe(`Theo biên bản (${MISSING_CITATION}).`);
    expect(renderCitations(text, {}, { missing: (id) => `?${id.slice(-2)}` })).toBe('Theo biên bản (?0a).');
  });

  it('extracts cited ids once each, in order, case-insensitively; ignores look-alikes', () => {
    const text = `${citationToken(B)} … {{ev:${A.toUpperCase()}}} … ${citationToken(B)} … {{ev:not-an-id}} {{mc:${A}}}`;
    expect(extractCitationIds(text)).toEqual([B, A]);
    expect(extractCitationIds('không trích dẫn')).toEqual([]);
    expect(() => citationToken('MC.1.1.01')).toThrow(/không hợp lệ/);
  });

  it('does not treat inherited object keys as codes', () => {
    expect(renderCitations(`(${citationToken(A)})`, Object.create({ [A]: 'MC.9.9.99' }))).toBe(`(${MISSING_CITATION})`);
  });
});
