import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { LocalSubmission, SyncRunResult } from '../contract/schemas/sync';
import { ConfigError, resolveConfig } from '../server/config';
import { openDatabase, DatabaseTooNewError } from '../server/db/data-source';
import { ServiceError } from '../server/errors';
import { contextFor, createServices } from '../server/services/index';
import { importPackage } from '../server/sync/package-import';
import { syncOptionsFromEnv } from '../server/sync/options';
import { SyncService } from '../server/sync/service';
import { resolveDataDir, withLocal } from './local-backend';
import { CliError, printResult, type CliContext } from './output';

export interface SyncCommandOptions {
  /** Environment for the server-side import (DATABASE_URL…); process.env by default. */
  env?: NodeJS.ProcessEnv;
}

function globals(cmd: Command): { dataDir: string; json: boolean } {
  const o = cmd.optsWithGlobals() as { dataDir?: string; json?: boolean };
  return { dataDir: resolveDataDir(o.dataDir), json: Boolean(o.json) };
}

const kb = (n: number) => (n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

function runSummary(r: SyncRunResult): string {
  const lines = [
    `Đã gửi ${r.pushed} thay đổi, nhận ${r.pulled} thay đổi, gửi ${r.blobsUploaded} tệp, tải ${r.blobsDownloaded} tệp.`,
    r.conflicts > 0 ? `Có ${r.conflicts} xung đột nội dung cần xử lý (truong-chuan sync conflicts).` : '',
    r.needsBulkDeleteConfirmation ? `${r.needsBulkDeleteConfirmation.message} (chạy lại với --confirm-bulk-delete)` : '',
    ...r.errors.filter((e) => e.kind !== 'bulk_delete').map((e) => `Lỗi: ${e.message}`),
    ...r.notices.map((n) => `Lưu ý: ${n.message}`),
  ];
  return lines.filter(Boolean).join('\n');
}

function submissionLine(s: LocalSubmission): string {
  const what = s.kind === 'assessment' ? `Hồ sơ tự đánh giá ${s.subjectId}` : 'Hồ sơ cơ sở vật chất';
  const last = s.events.at(-1);
  const comment = last?.comment && (s.state === 'returned' || s.state === 'accepted') ? ` — ${last.by}: ${last.comment}` : '';
  const err = s.lastError ? ` (${s.lastError})` : '';
  return `${what}, lần ${s.version ?? '?'}: ${s.stateLabel}${comment}${err}`;
}

/** Errors of the server-side import meant for the operator: one Vietnamese line, exit 1. */
function operatorError(err: unknown): never {
  if (err instanceof ServiceError || err instanceof ConfigError || err instanceof DatabaseTooNewError)
    throw new CliError(err.message);
  throw err;
}

/**
 * `truong-chuan sync …` (this school's computer), `truong-chuan submit …`, and
 * `truong-chuan server sync import-package …` (the department's server, for sneakernet
 * packages). JSON shapes are the RPC outputs of src/contract/methods/sync.ts.
 */
export function registerSyncCommands(program: Command, ctx: CliContext, opts: SyncCommandOptions = {}): void {
  const sync = program.command('sync').description('Đồng bộ với máy chủ của Sở GDĐT');

  sync
    .command('enrol')
    .alias('enroll')
    .description('Đăng ký máy này với máy chủ của Sở bằng tài khoản của trường')
    .requiredOption('--server <url>', 'địa chỉ máy chủ của Sở, ví dụ https://dongbo.sogd.edu.vn')
    .requiredOption('--user <username>', 'tên đăng nhập của trường trên máy chủ')
    .requiredOption('--password <password>', 'mật khẩu')
    .option('--device <name>', 'tên máy (mặc định: tên máy tính)')
    .action(async (o: { server: string; user: string; password: string; device?: string }, cmd: Command) => {
      const { dataDir, json } = globals(cmd);
      const r = await withLocal(dataDir, (local) =>
        local.call('sync.enrol', { serverUrl: o.server, username: o.user, password: o.password, deviceName: o.device }),
      );
      printResult(ctx, json, r, () =>
        [
          `Đã đăng ký máy "${r.deviceName}" với ${r.serverUrl} cho ${r.school.name} (mã ${r.school.code}).`,
          r.adoptsServerData
            ? 'Lần đồng bộ đầu tiên sẽ lấy dữ liệu của trường từ máy chủ thay cho hồ sơ trường khởi tạo trên máy này.'
            : '',
        ]
          .filter(Boolean)
          .join('\n'),
      );
    });

  sync
    .command('run')
    .description('Đồng bộ ngay: gửi thay đổi và tệp, nhận thay đổi từ các máy khác của trường')
    .option('--confirm-bulk-delete', 'xác nhận xoá nhiều bản ghi cùng lúc')
    .action(async (o: { confirmBulkDelete?: boolean }, cmd: Command) => {
      const { dataDir, json } = globals(cmd);
      const r = await withLocal(dataDir, (local) => local.call('sync.run', { confirmBulkDelete: o.confirmBulkDelete === true }));
      printResult(ctx, json, r, () => runSummary(r));
      if (r.errors.length > 0) process.exitCode = 2;
    });

  sync
    .command('status')
    .description('Tình trạng đồng bộ: thay đổi chờ gửi, lần thành công gần nhất, lỗi, xung đột')
    .action(async (_o, cmd: Command) => {
      const { dataDir, json } = globals(cmd);
      const s = await withLocal(dataDir, (local) => local.call('sync.status', {}));
      printResult(ctx, json, s, () =>
        [
          s.enrolled
            ? `Máy "${s.deviceName}" đồng bộ với ${s.serverUrl} (${s.school?.name ?? '—'}).`
            : 'Máy này chưa đăng ký đồng bộ.',
          `Chờ gửi: ${s.pendingChanges} thay đổi, ${s.pendingBlobs} tệp (${kb(s.pendingBytes)}).`,
          `Lần thành công gần nhất: ${s.lastSuccessAt ?? 'chưa có'}.`,
          s.lastError ? `Lỗi gần nhất: ${s.lastError}` : '',
          s.nextRetryAt ? `Thử lại lúc: ${s.nextRetryAt}.` : '',
          s.conflicts > 0 ? `Xung đột cần xử lý: ${s.conflicts}.` : '',
          s.poisoned.length > 0 ? `Thay đổi bị máy chủ từ chối (đã tạm gác): ${s.poisoned.length}.` : '',
          ...s.blobIssues.map((b) => `Tệp: ${b.message}`),
        ]
          .filter(Boolean)
          .join('\n'),
      );
    });

  sync
    .command('conflicts')
    .description('Các xung đột nội dung (hai máy cùng sửa một đoạn văn bản)')
    .option('--all', 'cả các xung đột đã xử lý')
    .action(async (o: { all?: boolean }, cmd: Command) => {
      const { dataDir, json } = globals(cmd);
      const list = await withLocal(dataDir, (local) => local.call('sync.conflicts', { status: o.all ? 'all' : 'open' }));
      printResult(ctx, json, list, () =>
        list.length === 0
          ? 'Không có xung đột.'
          : list
              .map(
                (c) =>
                  `${c.id} ${c.entity}.${c.field} (${c.rowId}) [${c.status}]\n  Đang dùng: ${c.keptValue}\n  Bản còn lại: ${c.otherValue}`,
              )
              .join('\n'),
      );
    });

  sync
    .command('resolve')
    .description('Xử lý một xung đột: giữ bản đang dùng (kept), bản còn lại (other) hoặc nội dung tự gộp (--value)')
    .argument('<id>', 'mã xung đột')
    .option('--choice <choice>', 'kept | other | custom', 'kept')
    .option('--value <text>', 'nội dung đã gộp (với --choice custom)')
    .action(async (id: string, o: { choice: string; value?: string }, cmd: Command) => {
      const { dataDir, json } = globals(cmd);
      if (!['kept', 'other', 'custom'].includes(o.choice)) throw new CliError('--choice phải là kept, other hoặc custom.');
      const r = await withLocal(dataDir, (local) =>
        local.call('sync.resolveConflict', { id, choice: o.choice as 'kept' | 'other' | 'custom', value: o.value }),
      );
      printResult(ctx, json, r, () => `Đã xử lý xung đột ${r.id}: giữ "${r.resolvedValue}".`);
    });

  sync
    .command('export-package')
    .description('Xuất các thay đổi chưa gửi và tệp kèm theo ra một tệp .zip để chuyển tay cho Sở')
    .requiredOption('--out <file>', 'tệp .zip cần tạo')
    .option('--confirm-bulk-delete', 'xác nhận xoá nhiều bản ghi cùng lúc')
    .action(async (o: { out: string; confirmBulkDelete?: boolean }, cmd: Command) => {
      const { dataDir, json } = globals(cmd);
      const out = path.resolve(o.out);
      if (fs.existsSync(out)) throw new CliError(`Tệp "${out}" đã tồn tại; hãy chọn tên khác.`);
      const r = await withLocal(dataDir, (local) =>
        local.call('sync.exportPackage', { confirmBulkDelete: o.confirmBulkDelete === true }),
      );
      const made = path.join(dataDir, 'sync-packages', r.fileName);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      try {
        fs.renameSync(made, out);
      } catch {
        fs.copyFileSync(made, out);
        fs.rmSync(made, { force: true });
      }
      const result = { ...r, file: out, inDataDir: false };
      printResult(
        ctx,
        json,
        result,
        () =>
          `Đã xuất ${r.changes} thay đổi và ${r.blobs} tệp vào ${out} (${kb(r.bytes)}). Mã kiểm tra (SHA-256 manifest): ${r.manifestSha256}`,
      );
    });

  sync
    .command('submissions')
    .description('Các hồ sơ đã nộp, trạng thái và ý kiến của Sở')
    .action(async (_o, cmd: Command) => {
      const { dataDir, json } = globals(cmd);
      const r = await withLocal(dataDir, (local) => local.call('sync.submissions', {}));
      printResult(ctx, json, r, () =>
        [
          ...(r.submissions.length === 0 ? ['Chưa nộp hồ sơ nào.'] : r.submissions.map(submissionLine)),
          r.refreshed ? '' : `(Chưa cập nhật được từ máy chủ: ${r.error})`,
        ]
          .filter(Boolean)
          .join('\n'),
      );
    });

  program
    .command('submit')
    .description('Nộp hồ sơ lên Sở: chốt một bản có phiên bản và mã băm, gửi ngay hoặc ở lần đồng bộ tới')
    .option('--assessment <id>', 'mã đợt tự đánh giá')
    .option('--inventory', 'hồ sơ cơ sở vật chất, thiết bị')
    .action(async (o: { assessment?: string; inventory?: boolean }, cmd: Command) => {
      const { dataDir, json } = globals(cmd);
      if (Boolean(o.assessment) === Boolean(o.inventory))
        throw new CliError('Chọn đúng một loại hồ sơ: --assessment <id> hoặc --inventory.');
      const input = o.assessment ? { kind: 'assessment' as const, assessmentId: o.assessment } : { kind: 'inventory' as const };
      const r = await withLocal(dataDir, (local) => local.call('sync.submit', input));
      printResult(ctx, json, r, () =>
        [`${submissionLine(r)}.`, `Bản kê: ${r.rowCount} bản ghi, ${r.blobCount} tệp; mã băm ${r.manifestHash}.`].join('\n'),
      );
      if (r.state === 'queued' || r.state === 'rejected') process.exitCode = 2;
    });

  // On the department's server: import a package carried in by hand.
  const server = program.commands.find((c) => c.name() === 'server');
  if (!server) return;
  const serverSync = server.command('sync').description('Đồng bộ trên máy chủ của Sở');
  serverSync
    .command('import-package')
    .description('Nhập gói đồng bộ (.zip) do trường xuất ra; nhập lại lần nữa không thay đổi gì')
    .argument('<file>', 'tệp .zip')
    .option('--data-dir <dir>', 'thư mục dữ liệu của máy chủ (bỏ qua khi đặt DATABASE_URL)')
    .option('--school <code>', 'mã trường (khi gói không tự xác định được)')
    .option('--confirm-bulk-delete', 'xác nhận gói có xoá nhiều bản ghi cùng lúc')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (file: string, _o, cmd: Command) => {
      const o = cmd.optsWithGlobals() as { dataDir?: string; school?: string; confirmBulkDelete?: boolean; json?: boolean };
      const env = opts.env ?? process.env;
      let report;
      try {
        const config = resolveConfig({ dataDir: o.dataDir }, env);
        fs.mkdirSync(config.blobDir, { recursive: true });
        const db = await openDatabase(config.database);
        try {
          const services = createServices(contextFor(db, config.security));
          const service = new SyncService({ db, services, config, options: syncOptionsFromEnv(env) });
          report = await importPackage(service, path.resolve(file), {
            schoolCode: o.school,
            confirmBulkDelete: o.confirmBulkDelete === true,
          });
        } finally {
          await db.close();
        }
      } catch (err) {
        operatorError(err);
      }
      printResult(ctx, Boolean(o.json), report, () =>
        [
          `Đã nhập gói ${report.packageId} của ${report.school.name} (mã ${report.school.code}).`,
          `Thay đổi: ${report.changes.applied} mới, ${report.changes.duplicate} đã có, ${report.changes.rejected} bị từ chối; xung đột: ${report.conflicts}.`,
          `Tệp: ${report.blobs.stored} mới, ${report.blobs.present} đã có, ${report.blobs.failed.length} lỗi.`,
          ...report.blobs.failed.map((f) => `  Tệp ${f.sha256.slice(0, 12)}…: ${f.message}`),
          `Mã kiểm tra (SHA-256 manifest): ${report.manifestSha256}`,
        ].join('\n'),
      );
      if (report.changes.rejected > 0 || report.blobs.failed.length > 0) process.exitCode = 2;
    });
}
