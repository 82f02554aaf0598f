import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLogFile } from './log';

describe('log files', () => {
  it('appends timestamped lines and rotates once past the size limit', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-log-'));
    try {
      const log = openLogFile(path.join(dir, 'logs'), 'main.log', 200);
      log.write('bắt đầu\n');
      expect(fs.readFileSync(log.file, 'utf8')).toMatch(/^\d{4}-\d\d-\d\dT.* bắt đầu\n$/);
      for (let i = 0; i < 10; i++) log.write(`dòng ${i} ${'x'.repeat(30)}`);
      expect(fs.existsSync(`${log.file}.1`)).toBe(true);
      expect(fs.statSync(log.file).size).toBeLessThanOrEqual(200);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
