/**
 * Loads the assessment frameworks from `<resourcesDir>/frameworks/`: `index.json` names the
 * files in load order, each file is validated with the core schema. Any problem stops the
 * load with a message naming the file and JSON path — a school must never assess against a
 * half-read framework.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Framework } from '../../core/frameworks/framework.schema';
import { FrameworkValidationError, parseFrameworkIndex, parseFrameworkJson } from '../../core/frameworks/validate';

export const FRAMEWORKS_SUBDIR = 'frameworks';
export const FRAMEWORK_INDEX_FILE = 'index.json';

export function frameworksDir(resourcesDir: string): string {
  return join(resourcesDir, FRAMEWORKS_SUBDIR);
}

async function readText(path: string, fileName: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new FrameworkValidationError(fileName, [{ path: '', message: `Không đọc được tệp: ${(e as Error).message}` }]);
  }
}

/** Reads and validates every framework listed in index.json; throws FrameworkValidationError. */
export async function loadFrameworks(resourcesDir: string): Promise<Framework[]> {
  const dir = frameworksDir(resourcesDir);
  const indexText = await readText(join(dir, FRAMEWORK_INDEX_FILE), FRAMEWORK_INDEX_FILE);
  let indexData: unknown;
  try {
    indexData = JSON.parse(indexText);
  } catch (e) {
    throw new FrameworkValidationError(FRAMEWORK_INDEX_FILE, [
      { path: '', message: `JSON không hợp lệ: ${(e as Error).message}` },
    ]);
  }
  const index = parseFrameworkIndex(FRAMEWORK_INDEX_FILE, indexData);

  // A JSON file nobody listed is almost always a forgotten index entry, not an intentional draft.
  const present = (await readdir(dir)).filter((f) => f.endsWith('.json') && f !== FRAMEWORK_INDEX_FILE);
  const unlisted = present.filter((f) => !index.frameworks.includes(f));
  if (unlisted.length > 0) {
    throw new FrameworkValidationError(FRAMEWORK_INDEX_FILE, [
      { path: 'frameworks', message: `Thiếu trong danh sách: ${unlisted.join(', ')}` },
    ]);
  }

  const frameworks: Framework[] = [];
  const seen = new Map<string, string>();
  for (const file of index.frameworks) {
    const fw = parseFrameworkJson(file, await readText(join(dir, file), file));
    const other = seen.get(fw.id);
    if (other) throw new FrameworkValidationError(file, [{ path: 'id', message: `id "${fw.id}" trùng với ${other}` }]);
    seen.set(fw.id, file);
    frameworks.push(fw);
  }
  return frameworks;
}

/** The loaded frameworks with lookups; immutable once built. */
export class FrameworkRegistry {
  private readonly byId: ReadonlyMap<string, Framework>;

  constructor(readonly frameworks: readonly Framework[]) {
    this.byId = new Map(frameworks.map((f) => [f.id, f]));
  }

  list(): readonly Framework[] {
    return this.frameworks;
  }

  get(id: string): Framework | undefined {
    return this.byId.get(id);
  }

  /** Like get, but an unknown id is a user error with the list of known ids. */
  require(id: string): Framework {
    const fw = this.byId.get(id);
    if (!fw) {
      throw new Error(`Không có khung đánh giá "${id}". Các khung hiện có: ${[...this.byId.keys()].join(', ')}`);
    }
    return fw;
  }
}

const cache = new Map<string, Promise<FrameworkRegistry>>();

/**
 * Loads once per resources directory. The promise is cached (not the result) so concurrent
 * callers at start-up share one read; a failed load is evicted so a fixed file can be retried.
 */
export function getFrameworkRegistry(resourcesDir: string): Promise<FrameworkRegistry> {
  const key = resolve(resourcesDir);
  let pending = cache.get(key);
  if (!pending) {
    pending = loadFrameworks(key).then((list) => new FrameworkRegistry(list));
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
  }
  return pending;
}

export function clearFrameworkCache(): void {
  cache.clear();
}
