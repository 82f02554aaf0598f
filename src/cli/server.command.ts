import type { Command } from 'commander';
import { ConfigError, describeDatabase, resolveConfig, type ConfigFlags } from '../server/config';
import { DatabaseTooNewError } from '../server/db/data-source';
import { ServiceError } from '../server/errors';
import { serveUntilStopped } from '../server/main';
import { toAccountView } from '../server/services/accounts';
import { withServices } from '../server/services/index';
import { toUnitView } from '../server/services/units';
import { CliError } from './output';

export interface ServerCommandContext {
  /** Where output goes (stdout by default); written as-is, lines end with "\n" (as CliContext). */
  out?: (s: string) => void;
  /** Environment to read DATABASE_URL etc. from (process.env by default; tests pass their own). */
  env?: NodeJS.ProcessEnv;
  /** Stops `server start` like SIGTERM would (tests). */
  stop?: AbortSignal;
}

interface DataOpts {
  dataDir?: string;
  json?: boolean;
}

/**
 * `--data-dir` and `--json` are also global options of the main program, which then consumes
 * them wherever they appear: read them merged with the command's own.
 */
function optionsOf<T>(cmd: Command): T & DataOpts {
  return cmd.optsWithGlobals() as T & DataOpts;
}

/** Errors meant for the operator become CliError (one Vietnamese line, exit 1, no stack). */
function operatorErrors<A extends unknown[]>(action: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await action(...args);
    } catch (err) {
      if (err instanceof ServiceError || err instanceof ConfigError || err instanceof DatabaseTooNewError) {
        throw new CliError(err.message);
      }
      throw err;
    }
  };
}

/**
 * `truong-chuan server …`: run and set up the department server. With DATABASE_URL set every
 * command acts on that PostgreSQL database, otherwise on the SQLite file in --data-dir.
 * Errors are thrown (Vietnamese message first); the main CLI prints them and exits 1.
 */
export function registerServerCommands(program: Command, ctx: ServerCommandContext = {}): void {
  const write = ctx.out ?? ((s: string) => process.stdout.write(s));
  const out = (line: string) => write(`${line}\n`);
  const env = () => ctx.env ?? process.env;
  const config = (flags: ConfigFlags) => resolveConfig(flags, env());
  const dataDirHelp = 'thư mục dữ liệu (mặc định ./server-data; bỏ qua khi đặt DATABASE_URL)';

  const server = program.command('server').description('Máy chủ của Sở GDĐT: chạy, khởi tạo, thêm trường');

  server
    .command('start')
    .description('Chạy máy chủ cho đến khi nhận Ctrl+C (SIGINT) hoặc SIGTERM')
    .option('--data-dir <dir>', dataDirHelp)
    .option('--port <port>', 'cổng (mặc định 8787; 0 = cổng trống bất kỳ)')
    .option('--host <host>', 'địa chỉ lắng nghe (mặc định 127.0.0.1)')
    .action(
      operatorErrors(async (_opts: unknown, cmd: Command) => {
        const opts = optionsOf<{ port?: string; host?: string }>(cmd);
        await serveUntilStopped(config({ dataDir: opts.dataDir, port: opts.port, host: opts.host }), {
          out,
          stop: ctx.stop,
        });
      }),
    );

  server
    .command('init')
    .description('Tạo đơn vị gốc (Sở GDĐT) và tài khoản quản trị đầu tiên')
    .option('--data-dir <dir>', dataDirHelp)
    .requiredOption('--admin <username>', 'tên đăng nhập của quản trị viên')
    .requiredOption('--password <password>', 'mật khẩu của quản trị viên (ít nhất 8 ký tự)')
    .option('--name <name>', 'tên đơn vị gốc, ví dụ "Sở GDĐT Thành phố Hồ Chí Minh"')
    .option('--code <code>', 'mã đơn vị gốc (mặc định SO-GDDT)')
    .option('--json', 'in kết quả dạng JSON')
    .action(
      operatorErrors(async (_opts: unknown, cmd: Command) => {
        const opts = optionsOf<{ admin: string; password: string; name?: string; code?: string }>(cmd);
        const c = config({ dataDir: opts.dataDir });
        const result = await withServices(c.database, c.security, (s) =>
          s.bootstrap.initDepartment({
            adminUsername: opts.admin,
            adminPassword: opts.password,
            name: opts.name,
            code: opts.code,
          }),
        );
        if (opts.json) {
          out(JSON.stringify({ unit: toUnitView(result.unit), account: toAccountView(result.account) }));
          return;
        }
        out(`Đã khởi tạo máy chủ: ${result.unit.name} (mã ${result.unit.code}).`);
        out(`Tài khoản quản trị: ${result.account.username}`);
        out(`Dữ liệu: ${describeDatabase(c.database)}`);
      }),
    );

  const school = server.command('school').description('Quản lý trường trên máy chủ');
  school
    .command('add')
    .description('Thêm một trường (dưới đơn vị gốc hoặc --parent) và tài khoản đầu tiên của trường')
    .option('--data-dir <dir>', dataDirHelp)
    .requiredOption('--code <code>', 'mã trường')
    .requiredOption('--name <name>', 'tên trường')
    .requiredOption('--user <username>', 'tên đăng nhập cho trường')
    .requiredOption('--password <password>', 'mật khẩu (ít nhất 8 ký tự)')
    .option('--parent <unitCode>', 'mã đơn vị quản lý (mặc định: đơn vị gốc)')
    .option('--json', 'in kết quả dạng JSON')
    .action(
      operatorErrors(async (_opts: unknown, cmd: Command) => {
        const opts = optionsOf<{ code: string; name: string; user: string; password: string; parent?: string }>(cmd);
        const c = config({ dataDir: opts.dataDir });
        const result = await withServices(c.database, c.security, (s) =>
          s.bootstrap.addSchool({
            code: opts.code,
            name: opts.name,
            username: opts.user,
            password: opts.password,
            parentCode: opts.parent,
          }),
        );
        if (opts.json) {
          out(JSON.stringify({ unit: toUnitView(result.unit), account: toAccountView(result.account) }));
          return;
        }
        out(`Đã thêm trường ${result.unit.name} (mã ${result.unit.code}).`);
        out(`Tài khoản của trường: ${result.account.username}`);
      }),
    );
}
