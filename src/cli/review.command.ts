import type { Command } from 'commander';
import { RpcError } from '../contract/rpc';
import { REVIEW_DOCUMENT_KINDS, type ReviewDocumentKind } from '../contract/schemas/review';
import { getFrameworkRegistry } from '../backend/frameworks/framework-loader';
import type { ReviewClient } from '../backend/modules/review/client';
import { reviewClientFor, writeDashboardTable, writeReviewReport } from '../backend/modules/review/handlers';
import { defaultResourcesDir } from '../backend/platform/paths';
import { resolveDataDir, withLocal } from './local-backend';
import { CliError, printResult, type CliContext } from './output';

function globals(cmd: Command): { dataDir: string; json: boolean } {
  const o = cmd.optsWithGlobals() as { dataDir?: string; json?: boolean };
  return { dataDir: resolveDataDir(o.dataDir), json: Boolean(o.json) };
}

/** Opens the data folder, runs `work` with the department-mode client, turns RPC errors into CLI errors. */
async function withReview<T>(cmd: Command, work: (c: ReviewClient) => Promise<T>): Promise<{ r: T; json: boolean }> {
  const { dataDir, json } = globals(cmd);
  const frameworks = await getFrameworkRegistry(defaultResourcesDir());
  try {
    const r = await withLocal(dataDir, (local) => work(reviewClientFor({ dataDir, frameworks, ds: local.backend.readSource })));
    return { r, json };
  } catch (err) {
    if (err instanceof RpcError) throw new CliError(err.message);
    throw err;
  }
}

/**
 * `truong-chuan review …`: the department workstation (issue 8, docs/review.md). Every command
 * takes the global --data-dir and --json.
 */
export function registerReviewCommands(program: Command, ctx: CliContext): void {
  const review = program.command('review').description('Chế độ Sở: đánh giá ngoài hồ sơ tự đánh giá của các trường');
  const out = (json: boolean, value: unknown, human: () => string) => printResult(ctx, json, value, human);

  review
    .command('setup')
    .description('Đăng nhập máy này vào máy chủ của Sở bằng tài khoản chuyên viên hoặc quản trị')
    .requiredOption('--server <url>', 'địa chỉ máy chủ của Sở')
    .requiredOption('--user <username>', 'tên đăng nhập')
    .requiredOption('--password <password>', 'mật khẩu')
    .action(async (o: { server: string; user: string; password: string }, cmd: Command) => {
      const { r, json } = await withReview(cmd, (c) => c.setup({ serverUrl: o.server, username: o.user, password: o.password }));
      out(
        json,
        r,
        () => `Đã thiết lập chế độ Sở: ${r.account?.displayName} (${r.account?.unit.name}); ${r.units.length} đơn vị.`,
      );
    });

  review
    .command('status')
    .description('Chế độ của máy, tài khoản, các hồ sơ đã tải về')
    .action(async (_o: unknown, cmd: Command) => {
      const { r, json } = await withReview(cmd, (c) => c.status());
      out(json, r, () =>
        r.mode === 'department'
          ? `Chế độ Sở — ${r.account?.username} @ ${r.serverUrl}; ${r.downloaded.length} hồ sơ đã tải về.`
          : 'Chế độ trường (chưa thiết lập chế độ Sở).',
      );
    });

  review
    .command('inbox')
    .description('Hồ sơ chờ đánh giá')
    .option('--state <state>', 'received | under_review | returned | accepted')
    .option('--school <code>', 'mã trường')
    .action(async (o: { state?: 'received'; school?: string }, cmd: Command) => {
      const { r, json } = await withReview(cmd, (c) => c.inbox({ state: o.state, school: o.school }));
      out(json, r, () =>
        r.length === 0
          ? 'Không có hồ sơ nào.'
          : r
              .map((i) => `${i.submissionId}  ${i.schoolCode} ${i.schoolName} — lần ${i.version}, ${i.state} (${i.myRole})`)
              .join('\n'),
      );
    });

  review
    .command('assign <submissionId>')
    .description('Giao hồ sơ cho đoàn đánh giá (quản trị)')
    .requiredOption('--lead <accountId>', 'trưởng đoàn')
    .option('--member <accountId...>', 'thành viên')
    .option('--deadline <yyyy-mm-dd>', 'hạn hoàn thành')
    .action(async (id: string, o: { lead: string; member?: string[]; deadline?: string }, cmd: Command) => {
      const { r, json } = await withReview(cmd, (c) =>
        c.assign(id, { leadId: o.lead, memberIds: o.member ?? [], deadline: o.deadline ?? null }),
      );
      out(json, r, () => `Đã giao: trưởng đoàn ${r.leadName}, ${r.members.length} thành viên.`);
    });

  review
    .command('download <submissionId>')
    .description('Tải hồ sơ và mọi tệp minh chứng về máy để đánh giá khi không có mạng')
    .action(async (id: string, _o: unknown, cmd: Command) => {
      const { r, json } = await withReview(cmd, (c) => c.download(id));
      out(json, r, () => `Đã tải ${r.rows} bản ghi, ${r.files} tệp (${r.reused} tệp đã có sẵn); mọi mã băm khớp.`);
    });

  review
    .command('push <submissionId>')
    .description('Gửi nhận định và nhận xét đã ghi trên máy lên máy chủ')
    .action(async (id: string, _o: unknown, cmd: Command) => {
      const { r, json } = await withReview(cmd, (c) => c.pushJudgments(id));
      out(json, r, () => `Đã gửi ${r.judgments} nhận định, ${r.comments} nhận xét.`);
    });

  review
    .command('report <submissionId>')
    .description(
      'Văn bản của đoàn (.docx): report = báo cáo kết quả đánh giá ngoài, member-sheets = phiếu đánh giá tiêu chí của ' +
        'từng thành viên, appraisal-summary = biên bản thẩm định công nhận đạt chuẩn quốc gia (TT 57), decision = quyết định công nhận',
    )
    .option('--kind <kind>', `loại văn bản: ${REVIEW_DOCUMENT_KINDS.join(' | ')}`, 'report')
    .option('--out <file>', 'nơi lưu')
    .action(async (id: string, o: { kind: string; out?: string }, cmd: Command) => {
      if (!(REVIEW_DOCUMENT_KINDS as readonly string[]).includes(o.kind)) {
        throw new CliError(`Loại văn bản "${o.kind}" không có; dùng một trong: ${REVIEW_DOCUMENT_KINDS.join(', ')}.`);
      }
      const { r, json } = await withReview(cmd, (c) => writeReviewReport(c, id, o.out, o.kind as ReviewDocumentKind));
      out(json, r, () =>
        [
          `Đã lưu ${r.path}`,
          ...(r.gaps.length
            ? [`Còn ${r.gaps.length} chỗ thiếu dữ liệu (tô vàng trong văn bản):`, ...r.gaps.map((g) => `- ${g.message}`)]
            : []),
        ].join('\n'),
      );
    });

  review
    .command('dashboard')
    .description('Tình hình các trường trong phạm vi của tài khoản')
    .option('--export <table>', 'xuất .xlsx: schools | byState | levels | expiring | rooms')
    .option('--out <file>', 'nơi lưu tệp xuất')
    .action(async (o: { export?: 'schools'; out?: string }, cmd: Command) => {
      if (o.export) {
        const { r, json } = await withReview(cmd, (c) => writeDashboardTable(c, o.export!, o.out));
        return out(json, r, () => `Đã lưu ${r.path}`);
      }
      const { r, json } = await withReview(cmd, (c) => c.dashboard());
      out(json, r, () => r.byState.map((s) => `${s.label}: ${s.count}`).join('\n'));
    });
}
