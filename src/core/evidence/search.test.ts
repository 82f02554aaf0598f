import { describe, expect, it } from 'vitest';
import { evidenceSearchText, planEvidenceSearch } from './search';

describe('evidence search planning', () => {
  it('folds the query: terms of 3+ characters become quoted FTS terms AND-ed', () => {
    expect(planEvidenceSearch('Minh chứng')).toEqual({ match: '"minh" AND "chung"', likeTerms: [] });
    expect(planEvidenceSearch('  ĐẢNG  ')).toEqual({ match: '"dang"', likeTerms: [] });
  });

  it('sends short terms to LIKE (trigrams need 3 characters), escaping LIKE wildcards', () => {
    expect(planEvidenceSearch('QĐ 12/QĐ-UBND')).toEqual({ match: '"12/qd-ubnd"', likeTerms: ['qd'] });
    expect(planEvidenceSearch('a% b_')).toEqual({ match: null, likeTerms: ['a\\%', 'b\\_'] });
  });

  it('escapes double quotes inside FTS terms', () => {
    expect(planEvidenceSearch('"kế hoạch"')).toEqual({ match: '"""ke" AND "hoach"""', likeTerms: [] });
  });

  it('builds folded search text from the non-empty fields', () => {
    expect(evidenceSearchText(['MC.1.1.01', 'Nghị quyết Đảng ủy', '', null, undefined, 'Bản giấy'])).toBe(
      'mc.1.1.01 \n nghi quyet dang uy \n ban giay',
    );
  });
});
