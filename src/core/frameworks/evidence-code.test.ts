import { describe, expect, it } from 'vitest';
import tt18Data from '../../../resources/frameworks/tt18-2018-thcs-thpt.json';
import tt57Data from '../../../resources/frameworks/tt57-2026-pl2-pho-thong.json';
import {
  canonicalEvidenceCode,
  citeEvidenceCodes,
  formatEvidenceCode,
  isCanonicalEvidenceCode,
  parseEvidenceCode,
} from './evidence-code';
import { parseFramework } from './validate';

const tt57 = parseFramework('tt57-2026-pl2-pho-thong.json', tt57Data).evidenceCode!;
const legacy = parseFramework('tt18-2018-thcs-thpt.json', tt18Data).evidenceCode!;

describe('evidence codes', () => {
  const formats: { name: string; conv: typeof tt57; criterion: string; seq: number; box?: number; code: string }[] = [
    { name: 'TT 57', conv: tt57, criterion: '1.1', seq: 1, code: 'MC.1.1.01' },
    { name: 'TT 57, later criterion', conv: tt57, criterion: '4.3', seq: 12, code: 'MC.4.3.12' },
    { name: 'legacy, box = standard by default', conv: legacy, criterion: '1.10', seq: 3, code: '[H1.1.10.03]' },
    { name: 'legacy, chosen box', conv: legacy, criterion: '5.6', seq: 2, box: 7, code: '[H7.5.06.02]' },
  ];
  it.each(formats)('formats $name → $code', ({ conv, criterion, seq, box, code }) => {
    expect(formatEvidenceCode(conv, criterion, seq, box === undefined ? {} : { box })).toBe(code);
    expect(isCanonicalEvidenceCode(conv, code)).toBe(true);
  });

  it('the data examples match their own patterns', () => {
    expect(isCanonicalEvidenceCode(tt57, tt57.example)).toBe(true);
    expect(isCanonicalEvidenceCode(legacy, legacy.example)).toBe(true);
  });

  const parses: { code: string; parts: ReturnType<typeof parseEvidenceCode>; canonical: string | null }[] = [
    { code: 'MC.2.3.05', parts: { box: null, standard: 2, criterion: 3, seq: 5 }, canonical: 'MC.2.3.05' },
    { code: '[H1.1.01.01]', parts: { box: 1, standard: 1, criterion: 1, seq: 1 }, canonical: '[H1.1.01.01]' },
    { code: '[H1-1.1-01]', parts: { box: 1, standard: 1, criterion: 1, seq: 1 }, canonical: '[H1.1.01.01]' },
    { code: '[H2-1.01-04]', parts: { box: 2, standard: 1, criterion: 1, seq: 4 }, canonical: '[H2.1.01.04]' },
    { code: 'H1.1.01.01', parts: null, canonical: null },
  ];
  it.each(parses)('reads $code', ({ code, parts, canonical }) => {
    const conv = code.startsWith('MC') ? tt57 : legacy;
    expect(parseEvidenceCode(conv, code)).toEqual(parts);
    expect(canonicalEvidenceCode(conv, code)).toBe(canonical);
  });

  it('cites TT 57 codes in round brackets, legacy codes as they are', () => {
    expect(citeEvidenceCodes(tt57, ['MC.1.1.01', 'MC.1.1.02'])).toBe('(MC.1.1.01, MC.1.1.02)');
    expect(citeEvidenceCodes(legacy, ['[H1.1.01.01]'])).toBe('[H1.1.01.01]');
  });

  it('rejects a malformed criterion code', () => {
    expect(() => formatEvidenceCode(tt57, 'abc', 1)).toThrow(/Không tạo được mã minh chứng/);
  });
});
