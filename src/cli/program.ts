import { Command, CommanderError } from 'commander';
import { APP_VERSION } from '../backend/backend';
import { RpcError } from '../contract/rpc';
import { CliError, type CliContext } from './output';
import { defaultResourcesDir } from '../backend/platform/paths';
import { registerAssessCommands } from './assess.command';
import { registerAssessmentCommands } from './assessment.command';
import { registerFrameworkCommands } from './frameworks.command';
import { registerServerCommands } from './server.command';
import { registerSyncCommands } from './sync.command';
import { registerAssetsCommands } from './assets.command';
import { registerEvidenceCommands } from './evidence.command';
import { registerDemoCommands } from './demo.command';
import { registerReportCommands } from './report.command';
import { registerReviewCommands } from './review.command';
import { registerSchoolCommands } from './school.command';

/**
 * The CLI is a public interface (department IT staff and scripts use it): command names,
 * flags and JSON shapes stay stable; new fields may be added.
 */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command('truong-chuan')
    .description('Trường Chuẩn — tự đánh giá, kiểm định chất lượng và quản lý cơ sở vật chất trường học')
    .version(APP_VERSION)
    .option('--data-dir <dir>', 'thư mục dữ liệu (mặc định: thư mục dữ liệu người dùng của ứng dụng)')
    .option('--json', 'in kết quả dạng JSON')
    .configureOutput({ writeOut: ctx.out, writeErr: ctx.err })
    .exitOverride()
    .showHelpAfterError();
  registerSchoolCommands(program, ctx);
  const resources = { resourcesDir: defaultResourcesDir(), out: ctx.out };
  registerFrameworkCommands(program, resources);
  registerAssessCommands(program, resources);
  registerServerCommands(program, { out: ctx.out });
  registerSyncCommands(program, ctx);
  registerAssessmentCommands(program, ctx);
  registerDemoCommands(program, ctx);
  registerReportCommands(program, ctx);
  registerReviewCommands(program, ctx);
  registerEvidenceCommands(program, ctx);
  registerAssetsCommands(program, ctx);
  return program;
}

/** Runs argv; returns the exit code. User errors print one Vietnamese line, no stack. */
export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  const program = buildProgram(ctx);
  // Commands report "ran, but not healthy" through process.exitCode; scope it to this run.
  process.exitCode = undefined;
  try {
    await program.parseAsync(argv, { from: 'user' });
    const code = typeof process.exitCode === 'number' ? process.exitCode : 0;
    process.exitCode = undefined;
    return code;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof CliError || err instanceof RpcError) {
      ctx.err(`Lỗi: ${err.message}\n`);
      return 1;
    }
    ctx.err(`Lỗi không mong muốn: ${(err as Error).stack ?? String(err)}\n`);
    return 1;
  }
}
