import { describe, expect, it } from 'vitest';
import { fileExtension, formatLabelOf, mimeTypeOf, titleFromFileName } from './file-types';

describe('file types', () => {
  it('derives MIME type and the "Định dạng" label from the extension', () => {
    expect(mimeTypeOf('Kế hoạch.PDF')).toBe('application/pdf');
    expect(formatLabelOf('Kế hoạch.PDF')).toBe('PDF');
    expect(formatLabelOf('anh-san-truong.jpeg')).toBe('Ảnh');
    expect(formatLabelOf('bang-diem.xlsx')).toBe('Excel');
    expect(formatLabelOf('du-lieu.abc')).toBe('ABC');
    expect(formatLabelOf('README')).toBe('Tệp');
    expect(mimeTypeOf('README')).toBe('application/octet-stream');
    expect(fileExtension('.bashrc')).toBe('');
  });

  it('titles a file by its name without folder and extension, in NFC', () => {
    const nfd = 'Biên bản họp.docx'.normalize('NFD');
    expect(titleFromFileName(`C:\\Hồ sơ\\${nfd}`)).toBe('Biên bản họp');
    expect(titleFromFileName('/a/b/.pdf')).toBe('.pdf');
  });
});
