/**
 * The evidence list as an Excel workbook (Danh mục minh chứng): the TT 57 columns (or the
 * CV 5932 ones for legacy frameworks), the internal variant's extra columns, and — inside the
 * evidence package — each code as a relative link to its file.
 */
import ExcelJS from 'exceljs';
import { evidenceIssued, evidenceLocation, evidenceNote } from './common';
import type { EvidenceItem, ReportData } from './report-data';
import { clean } from './text';

export const EVIDENCE_SHEET = 'Danh mục minh chứng';

export interface EvidenceWorkbookOptions {
  internal: boolean;
  /** Evidence id → path of its file relative to the workbook (evidence package). */
  links?: ReadonlyMap<string, string>;
}

interface Column {
  header: string;
  width: number;
  value: (e: EvidenceItem, i: number) => string;
}

export function evidenceColumns(d: ReportData, o: { internal: boolean }): Column[] {
  const legacy = d.fw.family !== 'tt57';
  const base: Column[] = legacy
    ? [
        { header: 'Tiêu chí', width: 9, value: (e) => e.firstCriterionCode },
        { header: 'Số TT', width: 7, value: (_e, i) => String(i + 1) },
        { header: 'Mã minh chứng', width: 16, value: (e) => e.code },
        { header: 'Tên minh chứng', width: 48, value: (e) => e.title },
        { header: 'Số, ngày ban hành hoặc thời điểm khảo sát, điều tra, phỏng vấn, quan sát', width: 28, value: evidenceIssued },
        { header: 'Nơi ban hành hoặc nhóm, cá nhân thực hiện', width: 28, value: (e) => e.issuer },
        { header: 'Ghi chú', width: 24, value: (e) => evidenceNote(e, d.today) },
      ]
    : [
        { header: 'TT', width: 6, value: (_e, i) => String(i + 1) },
        { header: 'Mã minh chứng', width: 14, value: (e) => e.code },
        { header: 'Tên minh chứng', width: 52, value: (e) => e.title },
        { header: 'Định dạng, vị trí lưu trữ hoặc đường dẫn điện tử', width: 42, value: evidenceLocation },
        { header: 'Ghi chú', width: 24, value: (e) => evidenceNote(e, d.today) },
      ];
  if (!o.internal) return base;
  return [
    ...base,
    { header: 'Tiêu chí sử dụng', width: 20, value: (e) => e.criteria.join(', ') },
    {
      header: 'Được trích dẫn tại tiêu chí',
      width: 20,
      value: (e) => (e.citedIn.length ? e.citedIn.join(', ') : 'Chưa trích dẫn'),
    },
    {
      header: 'Tình trạng',
      width: 18,
      value: (e) =>
        [
          e.verification === 'verified' ? 'Đã xác minh' : e.verification === 'rejected' ? 'Bị từ chối' : 'Chưa xác minh',
          e.validUntil && e.validUntil < d.today ? 'Hết hiệu lực' : '',
        ]
          .filter(Boolean)
          .join('; '),
    },
    { header: 'Tên tệp', width: 30, value: (e) => e.fileName },
    { header: 'SHA-256', width: 30, value: (e) => e.sha256 ?? '' },
  ];
}

export async function evidenceWorkbook(d: ReportData, o: EvidenceWorkbookOptions): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Trường Chuẩn';
  wb.created = new Date(d.generatedAt);
  const ws = wb.addWorksheet(EVIDENCE_SHEET, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', ySplit: 5 }],
  });
  const cols = evidenceColumns(d, o);
  ws.columns = cols.map((c) => ({ width: c.width }));
  const font = { name: 'Times New Roman', size: 12 };
  const title = (row: number, text: string, bold = true) => {
    ws.mergeCells(row, 1, row, cols.length);
    const cell = ws.getCell(row, 1);
    cell.value = clean(text);
    cell.font = { ...font, bold, size: row === 2 ? 14 : 12 };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  };
  title(1, d.school.name || 'Trường');
  title(2, `DANH MỤC MINH CHỨNG${o.internal ? ' (BẢN NỘI BỘ)' : ''}`);
  title(3, `Năm học ${d.assessment.schoolYear} — ${d.fw.shortTitle}`, false);
  const header = ws.getRow(5);
  cols.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { ...font, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = thin;
  });
  header.height = 45;
  const codeCol = cols.findIndex((c) => c.header === 'Mã minh chứng') + 1;
  const locCol = cols.findIndex((c) => c.header.startsWith('Định dạng')) + 1;
  d.evidence.forEach((e, i) => {
    const row = ws.getRow(6 + i);
    cols.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      cell.value = clean(c.value(e, i));
      cell.font = font;
      cell.alignment = { vertical: 'top', wrapText: true };
      cell.border = thin;
    });
    const link = o.links?.get(e.id);
    if (link && codeCol > 0) {
      row.getCell(codeCol).value = { text: e.code, hyperlink: link, tooltip: `Mở tệp ${e.fileName}` };
      row.getCell(codeCol).font = { ...font, color: { argb: 'FF0563C1' }, underline: true };
    } else if (e.kind === 'link' && e.url && locCol > 0) {
      row.getCell(locCol).value = { text: clean(evidenceLocation(e)), hyperlink: e.url };
      row.getCell(locCol).font = { ...font, color: { argb: 'FF0563C1' }, underline: true };
    }
  });
  ws.getRow(6 + d.evidence.length + 1).getCell(1).value = `Tổng số: ${d.evidence.length} minh chứng.`;
  ws.getRow(6 + d.evidence.length + 1).getCell(1).font = { ...font, italic: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const side = { style: 'thin' as const, color: { argb: 'FF000000' } };
const thin = { top: side, left: side, bottom: side, right: side };
