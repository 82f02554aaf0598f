/**
 * Diacritic-insensitive folding for Vietnamese search.
 * NFD splits letters from their combining marks; we drop the marks, then map đ/Đ by hand
 * because đ is a letter of its own (not d + a mark), so neither Unicode nor SQLite folds it.
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}
