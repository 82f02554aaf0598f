import { describe, expect, it } from 'vitest';
import vi from './vi.json';
import en from './en.json';
import { ERROR_CODES } from '../../contract/rpc';
import { EDUCATION_LEVELS, OWNERSHIPS, ROLES } from '../../contract/schemas/common';

const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));

describe('translations', () => {
  it('has the same keys in Vietnamese and English', () => {
    expect(keys(en).sort()).toEqual(keys(vi).sort());
  });

  it('names every error code, level, ownership and role of the contract', () => {
    const all = new Set(keys(vi));
    for (const c of ERROR_CODES) expect(all.has(`errors.${c}`), c).toBe(true);
    for (const l of EDUCATION_LEVELS) expect(all.has(`levels.${l}`), l).toBe(true);
    for (const o of OWNERSHIPS) expect(all.has(`ownership.${o}`), o).toBe(true);
    for (const r of ROLES) expect(all.has(`roles.${r}`), r).toBe(true);
  });
});
