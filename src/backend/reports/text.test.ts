import { describe, expect, it } from 'vitest';
import { adminDate, citedPlainText, clean, foldName, monthYear, percent, renderCited, safeName, viNumber } from './text';

const A = '01900000-0000-7000-8000-00000000000a';
const B = '01900000-0000-7000-8000-00000000000b';
const C = '01900000-0000-7000-8000-00000000000c';
const codes = new Map([
  [A, 'MC.1.1.01'],
  [B, 'MC.1.1.02'],
]);
const tt57 = (text: string) => citedPlainText(renderCited(text, codes, { brackets: 'round' }));

describe('evidence citations as the report prints them', () => {
  it('wraps a citation in round brackets before the full stop', () => {
    expect(tt57(`Nhà trường đã ban hành kế hoạch năm học theo quy định {{ev:${A}}}.`)).toBe(
      'Nhà trường đã ban hành kế hoạch năm học theo quy định (MC.1.1.01).',
    );
  });

  it('groups consecutive citations "(MC.1.1.01, MC.1.1.02)" and drops repeats', () => {
    expect(tt57(`Kế hoạch được công khai {{ev:${A}}} {{ev:${B}}}, {{ev:${A}}}.`)).toBe(
      'Kế hoạch được công khai (MC.1.1.01, MC.1.1.02).',
    );
  });

  it('moves a group written after the full stop to before it', () => {
    expect(tt57(`Kế hoạch được phê duyệt. {{ev:${A}}}`)).toBe('Kế hoạch được phê duyệt (MC.1.1.01).');
    expect(tt57(`Kế hoạch được phê duyệt.{{ev:${A}}} Tiếp theo.`)).toBe('Kế hoạch được phê duyệt (MC.1.1.01). Tiếp theo.');
  });

  it('keeps brackets the author typed and spaces the codes from the text', () => {
    expect(tt57(`Theo kế hoạch ({{ev:${A}}}, {{ev:${B}}}).`)).toBe('Theo kế hoạch (MC.1.1.01, MC.1.1.02).');
    expect(tt57(`Theo kế hoạch{{ev:${A}}} ; tiếp.`)).toBe('Theo kế hoạch (MC.1.1.01); tiếp.');
  });

  it('marks a deleted evidence instead of inventing a code', () => {
    const segs = renderCited(`Theo quyết định {{ev:${C}}}.`, codes, { brackets: 'round' });
    expect(segs.find((s) => s.kind === 'codes')).toMatchObject({ missing: [C] });
    expect(citedPlainText(segs)).toBe('Theo quyết định ([minh chứng không còn]).');
  });

  it('legacy codes carry their own brackets', () => {
    const legacy = new Map([[A, '[H1.1.01.01]']]);
    expect(citedPlainText(renderCited(`Có văn bản phê duyệt {{ev:${A}}}.`, legacy, { brackets: 'none' }))).toBe(
      'Có văn bản phê duyệt [H1.1.01.01].',
    );
  });
});

describe('names, dates and numbers', () => {
  it('folds Vietnamese for file names, keeping the case', () => {
    expect(foldName('Tiêu chuẩn 1/Tiêu chí 1.1 Đắk Lắk')).toBe('Tieu chuan 1/Tieu chi 1.1 Dak Lak');
    expect(safeName('Kế hoạch: "năm học" 2026/2027?')).toBe('Ke hoach- -nam hoc- 2026-2027-');
    expect(safeName('CON')).toBe('_CON');
    expect(safeName('a'.repeat(200), 20)).toHaveLength(20);
  });

  it('writes dates as Nghị định 30/2020 asks (leading zero for days < 10 and months 1, 2)', () => {
    expect(adminDate('2027-02-05')).toBe('ngày 05 tháng 02 năm 2027');
    expect(adminDate('2027-06-14')).toBe('ngày 14 tháng 6 năm 2027');
    expect(adminDate(null)).toBe('ngày … tháng … năm 20…');
    expect(monthYear('2027-05-20')).toBe('tháng 5 năm 2027');
  });

  it('prints percentages and decimals with a comma; text is NFC without control characters', () => {
    expect(percent(1, 3)).toBe('33,3%');
    expect(percent(0, 0)).toBe('0%');
    expect(viNumber('2.18')).toBe('2,18');
    const nfd = 'Tiê\u0301u chí'.normalize('NFD');
    const out = clean(`${nfd}\u0007\r\n`);
    expect(out).toBe('Tiếu chí\n');
    expect(out).toBe(out.normalize('NFC'));
    expect(nfd).not.toBe(out.trimEnd());
  });
});
