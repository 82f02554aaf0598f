import fs from 'node:fs';
import path from 'node:path';

/**
 * Plain append-only log files in userData/logs (main.log, backend.log), rotated once at
 * `maxBytes` to `<name>.1`. Synchronous and tiny on purpose: a support person opening the
 * data folder should find what happened, including the last lines before a crash.
 */
export interface LogFile {
  write(line: string): void;
  readonly file: string;
}

export function openLogFile(dir: string, name: string, maxBytes = 5 * 1024 * 1024, echo = false): LogFile {
  const file = path.join(dir, name);
  let written = 0;
  try {
    fs.mkdirSync(dir, { recursive: true });
    written = fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;
    if (written > maxBytes) {
      fs.renameSync(file, `${file}.1`);
      written = 0;
    }
  } catch {
    // logging must never stop the app
  }
  return {
    file,
    write(line: string) {
      const text = `${new Date().toISOString()} ${line.replace(/\s+$/, '')}\n`;
      if (echo) process.stdout.write(text);
      try {
        const size = Buffer.byteLength(text);
        if (written > 0 && written + size > maxBytes) {
          fs.renameSync(file, `${file}.1`);
          written = 0;
        }
        fs.appendFileSync(file, text);
        written += size;
      } catch {
        // disk full or folder removed: drop the line
      }
    },
  };
}
