/** Codes in what a scanner (or a paste) typed: one per line, blanks dropped. */
export function splitCodes(text: string): string[] {
  return text
    .split(/[\r\n\t]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
