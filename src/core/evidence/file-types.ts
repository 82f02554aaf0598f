/**
 * What a stored file is, from its name: MIME type for downloads and the "Định dạng" label
 * printed in the evidence list (danh mục minh chứng). Pure: no file is opened.
 */

interface FileType {
  mime: string;
  label: string;
}

const TYPES: Record<string, FileType> = {
  pdf: { mime: 'application/pdf', label: 'PDF' },
  doc: { mime: 'application/msword', label: 'Word' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word' },
  odt: { mime: 'application/vnd.oasis.opendocument.text', label: 'Văn bản' },
  rtf: { mime: 'application/rtf', label: 'Văn bản' },
  txt: { mime: 'text/plain', label: 'Văn bản' },
  xls: { mime: 'application/vnd.ms-excel', label: 'Excel' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel' },
  ods: { mime: 'application/vnd.oasis.opendocument.spreadsheet', label: 'Bảng tính' },
  csv: { mime: 'text/csv', label: 'Bảng tính' },
  ppt: { mime: 'application/vnd.ms-powerpoint', label: 'PowerPoint' },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', label: 'PowerPoint' },
  jpg: { mime: 'image/jpeg', label: 'Ảnh' },
  jpeg: { mime: 'image/jpeg', label: 'Ảnh' },
  png: { mime: 'image/png', label: 'Ảnh' },
  gif: { mime: 'image/gif', label: 'Ảnh' },
  webp: { mime: 'image/webp', label: 'Ảnh' },
  heic: { mime: 'image/heic', label: 'Ảnh' },
  tif: { mime: 'image/tiff', label: 'Ảnh' },
  tiff: { mime: 'image/tiff', label: 'Ảnh' },
  mp4: { mime: 'video/mp4', label: 'Video' },
  mov: { mime: 'video/quicktime', label: 'Video' },
  mp3: { mime: 'audio/mpeg', label: 'Âm thanh' },
  m4a: { mime: 'audio/mp4', label: 'Âm thanh' },
  zip: { mime: 'application/zip', label: 'Tệp nén' },
  rar: { mime: 'application/vnd.rar', label: 'Tệp nén' },
  '7z': { mime: 'application/x-7z-compressed', label: 'Tệp nén' },
};

export const LINK_FORMAT_LABEL = 'Đường dẫn điện tử';
export const PAPER_FORMAT_LABEL = 'Bản giấy';

export function fileExtension(fileName: string): string {
  const base = fileName.split(/[/\\]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

export function mimeTypeOf(fileName: string): string {
  return TYPES[fileExtension(fileName)]?.mime ?? 'application/octet-stream';
}

/** "PDF", "Word", "Ảnh"…; an unknown extension in capitals; "Tệp" without one. */
export function formatLabelOf(fileName: string): string {
  const ext = fileExtension(fileName);
  return TYPES[ext]?.label ?? (ext ? ext.toUpperCase() : 'Tệp');
}

/** The default title of a file evidence: its name without folders and extension, NFC. */
export function titleFromFileName(fileName: string): string {
  const base = (fileName.split(/[/\\]/).pop() ?? '').normalize('NFC').trim();
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  return stem.trim() || base || 'Tệp không tên';
}
