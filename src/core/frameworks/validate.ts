import { z } from 'zod';
import { frameworkIndexSchema, frameworkSchema, type Framework, type FrameworkIndex } from './framework.schema';

/** One problem in a framework file, located by JSON path. */
export interface FrameworkIssue {
  /** e.g. "standards[1].criteria[0].levels[0].requirements[0].text" ("" for the root). */
  path: string;
  message: string;
}

/**
 * A framework file failed validation. The message names the file and the JSON path of every
 * problem, e.g. `tt57-2026-pl2-pho-thong.json: standards[1].criteria[0].title: …`, because
 * whoever fixes a data file needs to find the line, not read a stack trace.
 */
export class FrameworkValidationError extends Error {
  readonly fileName: string;
  readonly issues: readonly FrameworkIssue[];

  constructor(fileName: string, issues: readonly FrameworkIssue[]) {
    super(
      `Tệp khung đánh giá không hợp lệ — ${fileName}:\n` +
        issues.map((i) => `${fileName}: ${i.path || '(gốc)'}: ${i.message}`).join('\n'),
    );
    this.name = 'FrameworkValidationError';
    this.fileName = fileName;
    this.issues = issues;
  }
}

/** JSON path in the dotted/bracketed form people type into jq: `a.b[0].c`. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

function issuesOf(error: z.ZodError): FrameworkIssue[] {
  return error.issues.map((issue) => ({ path: formatJsonPath(issue.path), message: issue.message }));
}

const viErrors = z.locales.vi().localeError;

/** Validates parsed JSON as a framework; throws FrameworkValidationError naming `fileName`. */
export function parseFramework(fileName: string, data: unknown): Framework {
  const result = frameworkSchema.safeParse(data, { error: viErrors });
  if (!result.success) throw new FrameworkValidationError(fileName, issuesOf(result.error));
  const expected = `${result.data.id}.json`;
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  if (base !== expected) {
    throw new FrameworkValidationError(fileName, [
      { path: 'id', message: `id "${result.data.id}" phải trùng tên tệp (${expected})` },
    ]);
  }
  return result.data;
}

export function parseFrameworkIndex(fileName: string, data: unknown): FrameworkIndex {
  const result = frameworkIndexSchema.safeParse(data, { error: viErrors });
  if (!result.success) throw new FrameworkValidationError(fileName, issuesOf(result.error));
  const seen = new Set<string>();
  result.data.frameworks.forEach((f, i) => {
    if (seen.has(f))
      throw new FrameworkValidationError(fileName, [{ path: `frameworks[${i}]`, message: `Tệp "${f}" bị liệt kê hai lần` }]);
    seen.add(f);
  });
  return result.data;
}

/** Parses JSON text, reporting a syntax error against the file name as well. */
export function parseFrameworkJson(fileName: string, text: string): Framework {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new FrameworkValidationError(fileName, [{ path: '', message: `JSON không hợp lệ: ${(e as Error).message}` }]);
  }
  return parseFramework(fileName, data);
}
