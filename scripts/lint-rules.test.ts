import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Proves the layer rules in eslint.config.js fire: a rule that never fails protects nothing.
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

describe('layer import rules', () => {
  it.each([
    ["import { DataSource } from 'typeorm';", 'src/renderer/Bad.tsx'],
    ["import Database from 'better-sqlite3';", 'src/renderer/Bad.tsx'],
    ["import { ipcRenderer } from 'electron';", 'src/renderer/Bad.tsx'],
    ["import fs from 'node:fs';", 'src/renderer/Bad.tsx'],
    ["import { openBackend } from '../backend/backend';", 'src/renderer/Bad.tsx'],
    ["import fs from 'fs';", 'src/core/bad.ts'],
    ["import { DataSource } from 'typeorm';", 'src/core/bad.ts'],
    ["import { contract } from '../contract/methods';", 'src/core/bad.ts'],
    ["import http from 'node:http';", 'src/contract/bad.ts'],
    ["import { App } from '../renderer/App';", 'src/backend/bad.ts'],
    ["import { openBackend } from '../../src/backend/backend';", 'electron/main/bad.ts'],
    ["import { openBackend } from '../backend/backend';", 'src/server/bad.ts'],
  ])('rejects %s in %s', async (code, file) => {
    expect(await ruleIds(`${code}\nexport const x = 1;\n`, file)).toContain('no-restricted-imports');
  });

  it('accepts what each layer may import', async () => {
    expect(await ruleIds("import { fold } from '../core/fold';\nexport const x = fold('a');\n", 'src/renderer/Ok.tsx')).toEqual([]);
    expect(await ruleIds("import { z } from 'zod';\nexport const s = z.string();\n", 'src/core/ok.ts')).toEqual([]);
    expect(await ruleIds("import fs from 'node:fs';\nexport const x = fs.existsSync('.');\n", 'src/backend/ok.ts')).toEqual([]);
  });
});
