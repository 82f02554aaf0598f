import type { Command } from 'commander';
import { EDUCATION_LEVELS, OWNERSHIPS, ROLES, type EducationLevel, type Role } from '../contract/schemas/common';
import { backupDatabase } from '../backend/backend';
import { CliError, printResult, type CliContext } from './output';
import { resolveDataDir, withLocal } from './local-backend';

const LEVEL_LABEL: Record<EducationLevel, string> = {
  mam_non: 'Mầm non',
  tieu_hoc: 'Tiểu học',
  thcs: 'THCS',
  thpt: 'THPT',
  gdtx: 'GDTX',
};

function parseLevels(raw: string): EducationLevel[] {
  const levels = raw
    .split(',')
    .map((s) => s.trim().toLowerCase().replace(/-/g, '_'))
    .filter(Boolean);
  const bad = levels.filter((l) => !(EDUCATION_LEVELS as readonly string[]).includes(l));
  if (bad.length > 0 || levels.length === 0) {
    throw new CliError(`--levels không hợp lệ: "${raw}". Dùng một hoặc nhiều giá trị, cách nhau bởi dấu phẩy: ${EDUCATION_LEVELS.join(', ')}`);
  }
  return levels as EducationLevel[];
}

/** Global --data-dir and --json, read from the root program whichever subcommand runs. */
function globals(cmd: Command): { dataDir: string; json: boolean } {
  const o = cmd.optsWithGlobals() as { dataDir?: string; json?: boolean };
  return { dataDir: resolveDataDir(o.dataDir), json: Boolean(o.json) };
}

export function registerSchoolCommands(program: Command, ctx: CliContext): void {
  program
    .command('init')
    .description('Tạo thư mục dữ liệu với thông tin trường và tài khoản quản trị (không hỏi đáp)')
    .requiredOption('--school-name <name>', 'tên trường')
    .requiredOption('--levels <list>', `cấp học, cách nhau bởi dấu phẩy (${EDUCATION_LEVELS.join(', ')})`)
    .requiredOption('--admin <username>', 'tên đăng nhập của quản trị viên')
    .requiredOption('--password <password>', 'mật khẩu quản trị viên (ít nhất 8 ký tự)')
    .option('--admin-name <name>', 'họ tên quản trị viên', 'Quản trị viên')
    .option('--code <code>', 'mã trường', '')
    .option('--ownership <kind>', `loại hình (${OWNERSHIPS.join(', ')})`, 'cong_lap')
    .option('--address <text>', 'địa chỉ', '')
    .option('--province <text>', 'tỉnh/thành phố', '')
    .option('--managing-body <text>', 'cơ quan quản lý trực tiếp', '')
    .option('--principal <name>', 'hiệu trưởng', '')
    .option('--phone <text>', 'điện thoại', '')
    .option('--email <text>', 'email', '')
    .action(async (o, cmd: Command) => {
      const { dataDir, json } = globals(cmd);
      // Check flags before opening (and so creating) the data folder.
      const levels = parseLevels(o.levels);
      const result = await withLocal(dataDir, (local) =>
        local.call('setup.initialize', {
          school: {
            name: o.schoolName,
            levels,
            code: o.code,
            ownership: o.ownership,
            address: o.address,
            province: o.province,
            managingBody: o.managingBody,
            principal: o.principal,
            phone: o.phone,
            email: o.email,
          },
          admin: { username: o.admin, displayName: o.adminName, password: o.password },
        }),
        { create: true },
      );
      printResult(ctx, json, { dataDir, ...result }, () => `Đã tạo "${result.school.name}" và tài khoản quản trị "${result.user.username}" tại ${dataDir}`);
    });

  const school = program.command('school').description('Thông tin nhà trường');
  school
    .command('show')
    .description('In thông tin nhà trường')
    .action(async (_o, cmd: Command) => {
      const { dataDir, json } = globals(cmd);
      const s = await withLocal(dataDir, (local) => local.call('school.get', {}));
      printResult(ctx, json, s, () =>
        [
          `${s.name}${s.code ? ` (mã ${s.code})` : ''}`,
          `Cấp học: ${s.levels.map((l) => LEVEL_LABEL[l]).join(', ')}`,
          `Địa chỉ: ${s.address || '—'}`,
          `Hiệu trưởng: ${s.principal || '—'}`,
          `Điểm trường: ${s.sites.map((x) => x.name + (x.isMain ? ' (chính)' : '')).join('; ')}`,
        ].join('\n'),
      );
    });

  const user = program.command('user').description('Tài khoản người dùng trên máy này');
  user
    .command('add')
    .description('Thêm người dùng')
    .requiredOption('--username <u>', 'tên đăng nhập')
    .requiredOption('--password <p>', 'mật khẩu (ít nhất 8 ký tự)')
    .requiredOption('--name <n>', 'họ tên')
    .option('--role <r>', `vai trò (${ROLES.join(', ')})`, 'council_member')
    .action(async (o, cmd: Command) => {
      const { dataDir, json } = globals(cmd);
      if (!(ROLES as readonly string[]).includes(o.role)) throw new CliError(`--role không hợp lệ: "${o.role}". Dùng: ${ROLES.join(', ')}`);
      const u = await withLocal(dataDir, (local) =>
        local.call('users.add', { username: o.username, password: o.password, displayName: o.name, role: o.role as Role }),
      );
      printResult(ctx, json, u, () => `Đã thêm ${u.username} (${u.role})`);
    });
  user
    .command('list')
    .description('Danh sách người dùng')
    .action(async (_o, cmd: Command) => {
      const { dataDir, json } = globals(cmd);
      const users = await withLocal(dataDir, (local) => local.call('users.list', {}));
      printResult(ctx, json, users, () => users.map((u) => `${u.username}\t${u.role}\t${u.displayName}${u.disabled ? '\t(đã khóa)' : ''}`).join('\n'));
    });

  const db = program.command('db').description('Cơ sở dữ liệu');
  db.command('check')
    .description('Kiểm tra toàn vẹn và phiên bản cấu trúc dữ liệu')
    .action(async (_o, cmd: Command) => {
      const { dataDir, json } = globals(cmd);
      const r = await withLocal(dataDir, (local) => local.call('db.check', {}));
      printResult(ctx, json, { dataDir, ...r }, () =>
        `${r.ok ? 'Tốt' : 'CÓ LỖI'}: quick_check=${r.quickCheck}, journal=${r.journalMode}, phiên bản ${r.schemaVersion}, ${r.pendingChanges} thay đổi chưa đồng bộ`,
      );
      if (!r.ok) process.exitCode = 2;
    });
  db.command('backup')
    .description('Sao lưu cơ sở dữ liệu ra một tệp (an toàn khi ứng dụng đang chạy)')
    .argument('<file>', 'tệp đích (.sqlite)')
    .action(async (file: string, _o, cmd: Command) => {
      const { dataDir, json } = globals(cmd);
      const r = await withLocal(dataDir, (local) => backupDatabase(local.backend.dataSource, file));
      printResult(ctx, json, r, () => `Đã sao lưu ${r.bytes} byte vào ${r.file}`);
    });
}
