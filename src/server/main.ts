import { mkdir } from 'node:fs/promises';
import type { FastifyServerOptions } from 'fastify';
import { buildServer } from './app';
import { describeDatabase, type ServerConfig } from './config';

export interface StartedServer {
  /** e.g. `http://127.0.0.1:8787` (the real port when config.port was 0). */
  url: string;
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: FastifyServerOptions['logger'];
}

/** Builds the server and listens on `config.host:config.port`. */
export async function startServer(config: ServerConfig, opts: StartOptions = {}): Promise<StartedServer> {
  await mkdir(config.dataDir, { recursive: true });
  await mkdir(config.blobDir, { recursive: true });
  const server = await buildServer({ config, logger: opts.logger });
  try {
    const address = await server.app.listen({ host: config.host, port: config.port });
    return { url: address, close: server.close };
  } catch (err) {
    await server.close();
    throw err;
  }
}

export interface ServeOptions extends StartOptions {
  out?: (line: string) => void;
  /** Stops the server like a signal would (tests); SIGINT and SIGTERM always do. */
  stop?: AbortSignal;
}

/**
 * Runs the server until SIGINT/SIGTERM (or `stop`), then shuts down gracefully: no new
 * requests, in-flight ones finish, the database closes. A second signal, or in-flight work
 * outlasting `shutdownTimeoutMs`, ends it anyway (exit code 1).
 */
export async function serveUntilStopped(config: ServerConfig, opts: ServeOptions = {}): Promise<void> {
  const out = opts.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const server = await startServer(config, opts);
  out(`Máy chủ của Sở đang chạy tại ${server.url} (${describeDatabase(config.database)}). Nhấn Ctrl+C để dừng.`);

  let stopping = false;
  let resolveStop!: (reason: string) => void;
  const stopRequested = new Promise<string>((resolve) => (resolveStop = resolve));
  const onStop = (reason: string) => {
    if (stopping) {
      out('Dừng ngay theo yêu cầu.');
      process.exit(1);
    }
    stopping = true;
    resolveStop(reason);
  };
  const onSigint = () => onStop('SIGINT');
  const onSigterm = () => onStop('SIGTERM');
  const onAbort = () => onStop('stop');
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigterm);
  if (opts.stop?.aborted) onAbort();
  else opts.stop?.addEventListener('abort', onAbort, { once: true });

  try {
    const reason = await stopRequested;
    out(`Đang dừng máy chủ (${reason}), chờ các yêu cầu đang xử lý hoàn tất…`);
    const timer = setTimeout(() => {
      out('Quá thời gian chờ dừng máy chủ; buộc dừng.');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    try {
      await server.close();
    } finally {
      clearTimeout(timer);
    }
  } finally {
    // Listeners stay until close() is done so a second Ctrl+C still forces the exit.
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigterm);
    opts.stop?.removeEventListener('abort', onAbort);
  }
  out('Máy chủ đã dừng.');
}
