import { describe, expect, it } from 'vitest';
import {
  LEGACY_CODE_TEMPLATE,
  TT57_CODE_TEMPLATE,
  canonicalEvidenceCode,
  codeForFileName,
  compareCriterionCodes,
  compareEvidenceCodes,
  evidenceCodeSortKey,
  formatCodeFromTemplate,
  formatLegacyCode,
  formatTt57Code,
  parseEvidenceCode,
  splitCriterionCode,
} from './codes';

describe('TT 57 codes MC.<standard>.<criterion>.<nn>', () => {
  it('formats the first evidence of criterion 1.1 as MC.1.1.01 and pads to two digits', () => {
    expect(formatTt57Code('1.1', 1)).toBe('MC.1.1.01');
    expect(formatTt57Code('4.3', 12)).toBe('MC.4.3.12');
    expect(formatTt57Code('2.5', 100)).toBe('MC.2.5.100');
  });

  it('parses its own output back', () => {
    expect(parseEvidenceCode('MC.3.2.07')).toEqual({
      style: 'tt57',
      box: null,
      standard: 3,
      criterion: 2,
      seq: 7,
      criterionCode: '3.2',
    });
    expect(parseEvidenceCode(' mc.1.1.01 ')?.criterionCode).toBe('1.1');
  });

  it('refuses bad criterion codes and sequence numbers', () => {
    expect(() => formatTt57Code('1', 1)).toThrow(/Không tạo được mã/);
    expect(() => formatTt57Code('1.1', 0)).toThrow(/Không tạo được mã/);
    expect(() => formatTt57Code('0.1', 1)).toThrow(/Không tạo được mã/);
    expect(splitCriterionCode('1.1.1')).toBeNull();
    expect(splitCriterionCode('2.10')).toEqual({ standard: 2, criterion: 10 });
  });
});

describe('legacy codes [Hn.a.bc.de]', () => {
  it('formats with the box defaulting to the standard number, criterion and sequence on two digits', () => {
    expect(formatLegacyCode('1.1', 1)).toBe('[H1.1.01.01]');
    expect(formatLegacyCode('3.10', 4)).toBe('[H3.3.10.04]');
    expect(formatLegacyCode('2.3', 5, 7)).toBe('[H7.2.03.05]');
    expect(() => formatLegacyCode('2.3', 5, 0)).toThrow(/Số hộp/);
  });

  it('parses the canonical spelling and the field spellings [H1-1.1-01] and [H1-1.01-01]', () => {
    const want = { style: 'legacy', box: 1, standard: 1, criterion: 1, seq: 1, criterionCode: '1.1' };
    expect(parseEvidenceCode('[H1.1.01.01]')).toEqual(want);
    expect(parseEvidenceCode('[H1-1.1-01]')).toEqual(want);
    expect(parseEvidenceCode('[H1-1.01-01]')).toEqual(want);
    expect(canonicalEvidenceCode('[H2-3.4-05]')).toBe('[H2.3.04.05]');
  });

  it('rejects text that is not a code', () => {
    for (const bad of ['', 'MC.1.1', 'H1.1.01.01', '[H1.1.01]', 'MC.0.1.01', 'MC.1.1.00', 'minh chứng'])
      expect(parseEvidenceCode(bad)).toBeNull();
    expect(canonicalEvidenceCode('abc')).toBeNull();
  });
});

describe('templates, ordering and file names', () => {
  it('fills the templates the framework files carry', () => {
    expect(formatCodeFromTemplate(TT57_CODE_TEMPLATE, '1.3', 2)).toBe('MC.1.3.02');
    expect(formatCodeFromTemplate(LEGACY_CODE_TEMPLATE, '1.3', 2, 9)).toBe('[H9.1.03.02]');
    expect(() => formatCodeFromTemplate('X{nope}', '1.1', 1)).toThrow(/chỗ trống lạ/);
  });

  it('sorts codes as numbers, unknown codes last', () => {
    const codes = ['MC.1.10.01', 'khác', 'MC.1.1.100', 'MC.2.1.01', 'MC.1.1.99', 'MC.1.2.01', 'MC.1.1.02'];
    expect([...codes].sort(compareEvidenceCodes)).toEqual([
      'MC.1.1.02',
      'MC.1.1.99',
      'MC.1.1.100',
      'MC.1.2.01',
      'MC.1.10.01',
      'MC.2.1.01',
      'khác',
    ]);
    expect(evidenceCodeSortKey('MC.1.1.01').length).toBeLessThanOrEqual(40);
    expect(['2.1', '1.10', '1.2'].sort(compareCriterionCodes)).toEqual(['1.2', '1.10', '2.1']);
  });

  it('writes codes into file names without brackets or dots', () => {
    expect(codeForFileName('MC.1.1.01')).toBe('MC-1-1-01');
    expect(codeForFileName('[H1.1.01.01]')).toBe('H1-1-01-01');
  });
});
