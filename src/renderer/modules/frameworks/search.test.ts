import { describe, expect, it } from 'vitest';
import type { LevelsFramework } from '../../../core/frameworks';
import { frameworkStatus } from './framework-info';
import { buildSearchIndex, foldWithMap, matchRanges, normalizeQuery, searchLevels } from './search';
import { TT18, TT57 } from './test-support';

const pick = (text: string, q: string) => matchRanges(text, normalizeQuery(q)).map(([s, e]) => text.slice(s, e));

describe('diacritic-insensitive search', () => {
  it('folds accents and đ, and collapses whitespace', () => {
    expect(normalizeQuery('  Tiêu   CHÍ ')).toBe('tieu chi');
    expect(foldWithMap('Đảng  ủy').folded).toBe('dang uy');
  });

  it('finds accented text from a query typed without accents, and highlights the original', () => {
    expect(pick('Tiêu chí bảo đảm chất lượng', 'tieu chi')).toEqual(['Tiêu chí']);
    expect(pick('Tổ chức Đảng Cộng sản Việt Nam', 'dang')).toEqual(['Đảng']);
    expect(pick('Môi trường giáo dục an toàn, an toàn số', 'an toan')).toEqual(['an toàn', 'an toàn']);
    expect(pick('an toàn', 'AN TOÀN')).toEqual(['an toàn']);
  });

  it('keeps combining marks of decomposed text inside the highlight', () => {
    const nfd = 'an toàn'.normalize('NFD');
    expect(pick(nfd, 'toan')).toEqual(['toàn'.normalize('NFD')]);
  });

  it('maps a match across collapsed whitespace back to the original span', () => {
    expect(pick('an   toàn', 'an toan')).toEqual(['an   toàn']);
  });

  it('has no ranges without a query', () => {
    expect(matchRanges('an toàn', '')).toEqual([]);
  });
});

describe('searchLevels (TT 57 PL II)', () => {
  const index = buildSearchIndex(TT57 as LevelsFramework);

  it('keeps a standard whose title matches with all its criteria, and marks title hits', () => {
    const r = searchLevels(index, normalizeQuery('an toan'))!;
    expect(r.standards).toContain('4');
    expect([...r.criteria]).toEqual(expect.arrayContaining(['4.1', '4.2', '4.3']));
    expect(r.titleHits.has('4.2')).toBe(true);
    expect(r.titleHits.has('4.3')).toBe(false);
  });

  it('finds criteria by the text of their requirements only when asked to, and counts them either way', () => {
    const q = normalizeQuery('phong chay chua chay');
    const titles = searchLevels(index, q)!;
    expect(titles.criteria.size).toBe(0);
    expect(titles.contentOnly).toBeGreaterThan(0);
    const r = searchLevels(index, q, { content: true })!;
    expect(r.contentHits.has('4.2')).toBe(true);
    expect(r.criteria.has('1.1')).toBe(false);
    expect(r.count).toBe(titles.contentOnly);
  });

  it('finds a criterion by its code', () => {
    const r = searchLevels(index, normalizeQuery('3.5'))!;
    expect(r.titleHits.has('3.5')).toBe(true);
  });

  it('finds "Đảng" in TT 18 from "dang"', () => {
    const r = searchLevels(buildSearchIndex(TT18 as LevelsFramework), 'dang')!;
    expect(r.titleHits.has('1.3')).toBe(true);
  });

  it('returns null for an empty query and nothing for gibberish', () => {
    expect(searchLevels(index, '')).toBeNull();
    expect(searchLevels(index, 'zzqx')!.standards).toEqual([]);
  });
});

describe('frameworkStatus', () => {
  it('is in force between its dates, inclusive', () => {
    const f = { effectiveFrom: '2018-10-10', effectiveTo: '2026-07-06' };
    expect(frameworkStatus(f, '2018-10-09')).toBe('upcoming');
    expect(frameworkStatus(f, '2018-10-10')).toBe('in-force');
    expect(frameworkStatus(f, '2026-07-06')).toBe('in-force');
    expect(frameworkStatus(f, '2026-07-07')).toBe('expired');
    expect(frameworkStatus({ effectiveFrom: '2026-07-07', effectiveTo: null }, '2030-01-01')).toBe('in-force');
  });
});
