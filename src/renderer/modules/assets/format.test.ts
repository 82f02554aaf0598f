import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { count, dateVn, money, moneyDiff, parseMoneyInput } from './shared';
import { fileURLToPath } from 'node:url';
import { splitCodes } from '../inventory/codes';
import { TONES } from '../inventory/beep';
import asVi from './i18n/vi.json';
import asEn from './i18n/en.json';
import invVi from '../inventory/i18n/vi.json';
import invEn from '../inventory/i18n/en.json';

describe('money and dates as Vietnamese forms write them', () => {
  it('money: dots for thousands and "đ"', () => {
    expect(money(12_000_000)).toBe('12.000.000 đ');
    expect(money(0)).toBe('0 đ');
    expect(money(950)).toBe('950 đ');
    expect(money(-12_000_000)).toBe('-12.000.000 đ');
    expect(money(null)).toBe('');
    expect(moneyDiff(1_000_000)).toBe('+1.000.000 đ');
    expect(moneyDiff(-12_000_000)).toBe('-12.000.000 đ');
    expect(count(49_950)).toBe('49.950');
  });

  it('reads money as users type it', () => {
    expect(parseMoneyInput('12.000.000')).toBe(12_000_000);
    expect(parseMoneyInput('12,000,000 đ')).toBe(12_000_000);
    expect(parseMoneyInput('')).toBeNull();
  });

  it('dates: dd/mm/yyyy whatever the language', () => {
    expect(dateVn('2024-09-15')).toBe('15/09/2024');
    expect(dateVn('2025-12-31T17:30:00.000Z')).toMatch(/^(31\/12\/2025|01\/01\/2026)$/);
    expect(dateVn(null)).toBe('');
  });
});

describe('scanner input', () => {
  it('takes one code per line, in order, blanks dropped', () => {
    expect(splitCodes('A1\r\nA3\n\n  XYZ-999 \n')).toEqual(['A1', 'A3', 'XYZ-999']);
    expect(splitCodes('   ')).toEqual([]);
  });

  it('has a different tone for each outcome', () => {
    const sig = (k: keyof typeof TONES) => JSON.stringify(TONES[k]);
    const kinds = ['found', 'misplaced', 'unknown', 'duplicate'] as const;
    expect(new Set(kinds.map(sig)).size).toBe(kinds.length);
  });
});

const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));

describe('texts of the assets and inventory modules', () => {
  it('has the same keys in Vietnamese and English', () => {
    expect(keys(asEn).sort()).toEqual(keys(asVi).sort());
    expect(keys(invEn).sort()).toEqual(keys(invVi).sort());
  });

  it('names every key the screens use', () => {
    const all = new Set([...keys(asVi), ...keys(invVi)]);
    const here = path.dirname(fileURLToPath(import.meta.url));
    const dirs = [here, path.resolve(here, '../inventory')];
    const missing: string[] = [];
    for (const dir of dirs) {
      for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !/\.tsx?$/.test(entry.name) || entry.name.includes('.test.')) continue;
        const text = fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
        for (const m of text.matchAll(/t\(\s*'((?:as|inv)\.[A-Za-z0-9_.]+)'/g))
          if (!all.has(m[1]!)) missing.push(`${entry.name}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
