import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS } from './db/test-database';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The real thing: a separate server process, real HTTP, a real SIGTERM. */
describe.each(DIALECTS)('server process on %s', (dialect) => {
  it('starts, answers /health over HTTP, and exits 0 on SIGTERM', async () => {
    const tdb = await createTestDatabase(dialect);
    const dataDir = path.join(tdb.dir, 'data');
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', SCRYPT_LOG_N: '14' };
    delete env.DATABASE_URL;
    if (tdb.config.kind === 'postgres') env.DATABASE_URL = tdb.config.url;
    // The Node running this test is the project's Node 24; tsx compiles TypeScript on the fly.
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/run.ts', '--data-dir', dataDir, '--port', '0'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`server did not start:\n${stdout}\n${stderr}`)), 25_000);
        child.stdout.on('data', () => {
          const m = /đang chạy tại (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
        void exited.then((code) => reject(new Error(`server exited early (${code}):\n${stdout}\n${stderr}`)));
      });
      const res = await fetch(`${url}/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'ok', db: dialect });
      const ready = await fetch(`${url}/ready`);
      expect(ready.status).toBe(200);

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stdout).toMatch(/Máy chủ đã dừng/);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await tdb.cleanup();
    }
  });
});
