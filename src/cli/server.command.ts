import type { Command } from 'commander';
import { ConfigError, describeDatabase, resolveConfig, type ConfigFlags } from '../server/config';
import { DatabaseTooNewError } from '../server/db/data-source';
import { invalid, notFound, ServiceError } from '../server/errors';
import { serveUntilStopped } from '../server/main';
import { toAccountView } from '../server/services/accounts';
import { SYSTEM_ACTOR } from '../server/services/actor';
import { withServices } from '../server/services/index';
import { findRoot, findUnitByCode, KIND_SCHOOL, toUnitView } from '../server/services/units';
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

  // Department staff: inspectors who review dossiers (issue 8) and further admins.
  const account = server.command('account').description('Quản lý tài khoản của Sở/Phòng trên máy chủ');
  account
    .command('add')
    .description('Thêm tài khoản chuyên viên (đánh giá ngoài) hoặc quản trị cho một đơn vị của Sở/Phòng')
    .option('--data-dir <dir>', dataDirHelp)
    .requiredOption('--user <username>', 'tên đăng nhập')
    .requiredOption('--password <password>', 'mật khẩu (ít nhất 8 ký tự)')
    .option('--name <name>', 'họ và tên (mặc định: tên đăng nhập)')
    .option('--role <role>', 'inspector (chuyên viên) hoặc dept_admin (quản trị)', 'inspector')
    .option('--unit <unitCode>', 'mã đơn vị (mặc định: đơn vị gốc)')
    .option('--json', 'in kết quả dạng JSON')
    .action(
      operatorErrors(async (_opts: unknown, cmd: Command) => {
        const opts = optionsOf<{ user: string; password: string; name?: string; role: string; unit?: string }>(cmd);
        if (opts.role !== 'inspector' && opts.role !== 'dept_admin') {
          throw new CliError('Vai trò phải là inspector (chuyên viên) hoặc dept_admin (quản trị).');
        }
        const role = opts.role;
        const c = config({ dataDir: opts.dataDir });
        const result = await withServices(c.database, c.security, async (s) => {
          const unit = opts.unit ? await findUnitByCode(s.ctx, opts.unit) : await findRoot(s.ctx);
          if (!unit) {
            throw opts.unit
              ? notFound('UNIT_NOT_FOUND', `Không tìm thấy đơn vị có mã "${opts.unit}".`)
              : notFound('NOT_INITIALISED', 'Máy chủ chưa được khởi tạo. Hãy chạy "truong-chuan server init" trước.');
          }
          if (unit.kind === KIND_SCHOOL)
            throw invalid('NOT_A_DEPARTMENT', 'Tài khoản của Sở/Phòng phải thuộc một đơn vị không phải trường.');
          const created = await s.accounts.create(SYSTEM_ACTOR, {
            username: opts.user,
            displayName: opts.name?.trim() || opts.user,
            role,
            orgUnitId: unit.id,
            password: opts.password,
          });
          return { unit, account: created };
        });
        if (opts.json) {
          out(JSON.stringify({ unit: toUnitView(result.unit), account: toAccountView(result.account) }));
          return;
        }
        const label = role === 'inspector' ? 'chuyên viên' : 'quản trị';
        out(`Đã thêm tài khoản ${label} ${result.account.username} cho ${result.unit.name} (mã ${result.unit.code}).`);
      }),
    );
}
