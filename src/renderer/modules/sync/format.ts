import dayjs from 'dayjs';

/** "14:03 28/11/2026": the time first, as people say "lúc 14:03 ngày 28/11/2026". */
export function formatTimeDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.isValid() ? d.format('HH:mm DD/MM/YYYY') : '';
}

/** Sizes the way Vietnamese Windows shows them: "1,5 MB", "820 KB", "12 byte". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const text = value >= 100 ? Math.round(value).toString() : (Math.round(value * 10) / 10).toString().replace('.', ',');
  return `${text} ${units[unit]}`;
}

/** The first 12 hex digits of a SHA-256, enough to compare by eye. */
export const shortHash = (hash: string) => hash.slice(0, 12);
