/** Where CLI commands write: stdout by default, a buffer in tests. */
export interface CliContext {
  out: (s: string) => void;
  err: (s: string) => void;
}

export const processContext: CliContext = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
};

export function printResult(ctx: CliContext, json: boolean, value: unknown, human: () => string): void {
  ctx.out(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
}

/** A failure the user caused (bad flag, bad file): printed without a stack trace, exit 1. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}
