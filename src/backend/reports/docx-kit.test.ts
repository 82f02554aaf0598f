import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { A4, DocBuilder, MARGINS } from './docx-kit';
import { findAll, parseXml, readDocx, textOf } from './docx-read';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-kit-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function sample(): Promise<{ kit: DocBuilder; file: string }> {
  const kit = new DocBuilder('Văn bản thử');
  kit.section({ numbering: 'none' });
  kit.adminHeader({
    managingBody: 'Ủy ban nhân dân phường Buôn Ma Thuột',
    issuer: 'Trường THCS Nguyễn Chí Thanh',
    number: 'Số: 12/QĐ-THCS',
    placeDate: 'Buôn Ma Thuột, ngày 05 tháng 02 năm 2027',
  });
  kit.toc();
  kit.section({ numbering: 'restart' });
  // NFD input must come out NFC.
  kit.h(1, 'Phần I. TỔNG QUAN'.normalize('NFD'));
  kit.h(2, '1. Thông tin chung');
  kit.p(['Điện thoại: ', kit.gap({ key: 'school.phone', message: 'số điện thoại', severity: 'optional' })]);
  kit.table({
    widths: [1, 3],
    head: [['TT', 'Nội dung']],
    body: [
      ['1', 'Dòng một'],
      ['2', 'Dòng hai\nxuống dòng'],
    ],
  });
  kit.section({ numbering: 'continue', orientation: 'landscape' });
  kit.h(2, '2. Bảng ngang');
  kit.table({ widths: [1, 1, 1], head: [['(1)', '(2)', '(3)']], body: [['a', 'b', 'c']] });
  kit.signature({ title: 'HIỆU TRƯỞNG', name: 'Nguyễn Văn Thành', recipients: ['Như trên', 'Lưu: VT.'] });
  const file = path.join(dir, `kit-${Math.random().toString(36).slice(2)}.docx`);
  fs.writeFileSync(file, await kit.toBuffer());
  return { kit, file };
}

describe('the document kit (Nghị định 30/2020 format)', () => {
  it('A4 pages with the decree margins; a landscape section turns the same page', async () => {
    const { file } = await sample();
    const doc = await readDocx(file);
    expect(doc.sections).toHaveLength(3);
    for (const s of doc.sections) {
      expect(s.margins).toMatchObject({ top: MARGINS.top, bottom: MARGINS.bottom, left: MARGINS.left, right: MARGINS.right });
      expect(MARGINS).toMatchObject({ top: 1134, bottom: 1134, left: 1701, right: 850 });
    }
    expect(doc.sections.slice(0, 2).map((s) => [s.width, s.height, s.orientation])).toEqual([
      [A4.width, A4.height, 'portrait'],
      [11906, 16838, 'portrait'],
    ]);
    expect(doc.sections[2]).toMatchObject({ width: 16838, height: 11906, orientation: 'landscape' });
    // Page numbers restart at 1 in the body and sit in the header (PAGE field), none on the cover section.
    expect(doc.sections[1]!.pageNumberStart).toBe(1);
    const headers = [...doc.parts.keys()]
      .filter((k) => /^word\/header\d+\.xml$/.test(k))
      .map((k) => doc.parts.get(k)!.toString('utf8'));
    expect(headers.some((h) => /PAGE/.test(h))).toBe(true);
  });

  it('Times New Roman 14 pt by default; headings are Word heading styles with outline levels', async () => {
    const { file } = await sample();
    const doc = await readDocx(file);
    expect(doc.stylesXml).toMatch(/<w:docDefaults>[\s\S]*w:ascii="Times New Roman"[\s\S]*<w:sz w:val="28"\/>/);
    for (const [id, lvl] of [
      ['Heading1', 0],
      ['Heading2', 1],
      ['Heading3', 2],
    ] as const) {
      expect(doc.stylesXml).toMatch(new RegExp(`w:styleId="${id}"[\\s\\S]*?<w:outlineLvl w:val="${lvl}"/>`));
    }
    const headings = doc.paragraphs.filter((p) => p.style?.startsWith('Heading')).map((p) => [p.style, p.text]);
    expect(headings).toEqual([
      ['Heading1', 'Phần I. TỔNG QUAN'],
      ['Heading2', '1. Thông tin chung'],
      ['Heading2', '2. Bảng ngang'],
    ]);
    expect(doc.text).toBe(doc.text.normalize('NFC'));
    expect(doc.text).toContain('Phần I. TỔNG QUAN'.normalize('NFC'));
  });

  it('a TOC field that Word refreshes on open, with entries for the headings', async () => {
    const { file } = await sample();
    const doc = await readDocx(file);
    expect(doc.fields.some((f) => /^TOC \\h \\o "1-3"/.test(f))).toBe(true);
    expect(doc.documentXml).toContain('w:fldCharType="begin" w:dirty="true"');
    expect(doc.settingsXml).toMatch(/<w:updateFields[^>]*\/>/);
    const tocEntries = doc.paragraphs.filter((p) => p.style === 'TOC1' || p.style === 'TOC2').map((p) => p.text.trim());
    expect(tocEntries).toEqual(['Phần I. TỔNG QUAN', '1. Thông tin chung', '2. Bảng ngang']);
  });

  it('table rows never split across pages; header rows repeat', async () => {
    const { file } = await sample();
    const doc = await readDocx(file);
    const rows = doc.tables.flatMap((t) => t.rows);
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.every((r) => r.cantSplit)).toBe(true);
    const grid = doc.tables.find((t) => t.rows[0]!.cells[1] === 'Nội dung')!;
    expect(grid.rows.map((r) => r.header)).toEqual([true, false, false]);
    expect(grid.rows[2]!.cells[1]).toBe('Dòng hai\nxuống dòng');
  });

  it('the header block: managing body, issuer, Quốc hiệu and the underlined Tiêu ngữ, place and date', async () => {
    const { file } = await sample();
    const doc = await readDocx(file);
    const header = doc.tables[0]!.rows[0]!.cells;
    expect(header[0]).toBe('Ủy ban nhân dân phường Buôn Ma Thuột\nTrường THCS Nguyễn Chí Thanh\n\nSố: 12/QĐ-THCS');
    expect(header[1]).toBe(
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nBuôn Ma Thuột, ngày 05 tháng 02 năm 2027',
    );
    const body = parseXml(doc.documentXml);
    const motto = findAll(body, 'w:r').find((r) => textOf(r) === 'Độc lập - Tự do - Hạnh phúc')!;
    expect(JSON.stringify(motto)).toContain('"w:u"');
    expect(JSON.stringify(motto)).toContain('"w:b"');
    const caps = findAll(body, 'w:r').find((r) => textOf(r) === 'Ủy ban nhân dân phường Buôn Ma Thuột')!;
    expect(JSON.stringify(caps)).toContain('"w:caps"');
  });

  it('a gap prints a highlighted placeholder and is listed once, under its heading', async () => {
    const { kit, file } = await sample();
    expect(kit.gaps).toEqual([
      { key: 'school.phone', section: '1. Thông tin chung', message: 'số điện thoại', severity: 'optional', fix: null },
    ]);
    const doc = await readDocx(file);
    expect(doc.paragraphs.flatMap((p) => p.highlighted)).toEqual(['[Chưa có dữ liệu: số điện thoại]']);
    expect(kit.outline.map((o) => o.level)).toEqual([1, 2, 2]);
  });

  it('signature block with "Nơi nhận"', async () => {
    const { file } = await sample();
    const doc = await readDocx(file);
    const sig = doc.tables[doc.tables.length - 1]!.rows[0]!.cells;
    expect(sig[0]).toBe('Nơi nhận:\n- Như trên\n- Lưu: VT.');
    expect(sig[1]).toMatch(/^HIỆU TRƯỞNG\n\(Ký, ghi rõ họ tên và đóng dấu\)\n+Nguyễn Văn Thành$/);
  });
});
