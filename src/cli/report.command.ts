import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import {
  REPORT_KINDS,
  reportKindSchema,
  reportTextsInputSchema,
  type ReportKind,
  type ReportOptions,
} from '../contract/schemas/reports';
import { getFrameworkRegistry } from '../backend/frameworks/framework-loader';
import type { Actor } from '../backend/modules/assessment/context';
import { defaultResourcesDir } from '../backend/platform/paths';
import { ReportService } from '../backend/reports/service';
import { CliError, printResult, type CliContext } from './output';
import { resolveDataDir, withLocal, type LocalBackend } from './local-backend';

/** The CLI acts as an administrator (whoever runs it can read the data folder anyway). */
const CLI_ACTOR: Actor = { userId: 'cli', role: 'admin', name: 'Dòng lệnh (CLI)', member: null };

function globals(cmd: Command): { dataDir: string; json: boolean } {
  const o = cmd.optsWithGlobals() as { dataDir?: string; json?: boolean };
  return { dataDir: resolveDataDir(o.dataDir), json: Boolean(o.json) };
}

function parseKind(raw: string): ReportKind {
  const r = reportKindSchema.safeParse(raw.trim().toLowerCase());
  if (!r.success) throw new CliError(`--kind không hợp lệ: "${raw}". Dùng một trong: ${REPORT_KINDS.join(', ')}`);
  return r.data;
}

function parseOptions(o: { format?: string; internal?: boolean }): Partial<ReportOptions> {
  const out: Partial<ReportOptions> = {};
  if (o.format !== undefined) {
    if (o.format !== 'docx' && o.format !== 'xlsx') throw new CliError(`--format không hợp lệ: "${o.format}" (docx hoặc xlsx).`);
    out.format = o.format;
  }
  if (o.internal) out.internal = true;
  return out;
}

async function service(local: LocalBackend): Promise<ReportService> {
  const b = local.backend;
  return new ReportService({
    ds: b.readSource,
    writes: b.writes,
    dataDir: b.dataDir,
    frameworks: await getFrameworkRegistry(defaultResourcesDir()),
  });
}

/**
 * `truong-chuan report …`: the official documents. JSON shapes are the RPC answers
 * (reports.preview / build / list), plus `out` (the copy written to --out).
 */
export function registerReportCommands(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('report')
    .description(
      'Xuất văn bản chính thức: Biểu 1, Biểu 2, báo cáo TT 17/18/19, quyết định, kế hoạch, danh mục và hồ sơ minh chứng',
    );

  cmd
    .command('preview')
    .description('Xem trước bố cục và MỌI chỗ thiếu dữ liệu, chưa ghi tệp nào')
    .requiredOption('--assessment <id>', 'mã đợt tự đánh giá')
    .requiredOption('--kind <kind>', REPORT_KINDS.join('|'))
    .option('--format <docx|xlsx>', 'evidence-list: Word hoặc Excel')
    .option('--internal', 'evidence-list: bản nội bộ (tiêu chí sử dụng, tình trạng)')
    .action(async (o, c: Command) => {
      const { dataDir, json } = globals(c);
      const kind = parseKind(o.kind);
      const r = await withLocal(dataDir, async (local) =>
        (await service(local)).preview(o.assessment, kind, parseOptions(o), CLI_ACTOR),
      );
      printResult(ctx, json, r, () =>
        [
          `${r.title}: ${r.outline.length} mục, ${r.counts.required} chỗ thiếu bắt buộc, ${r.counts.optional} chỗ thiếu không bắt buộc.`,
          ...r.gaps.map((g) => `  [${g.severity === 'required' ? 'bắt buộc' : 'tùy chọn'}] ${g.section}: ${g.message}`),
          r.final.allowed
            ? 'Có thể xuất bản chính thức (--final).'
            : `Chưa xuất được bản chính thức: ${r.final.reasons.join(' ')}`,
        ].join('\n'),
      );
    });

  cmd
    .command('build')
    .description('Xuất văn bản vào thư mục exports/ của dữ liệu (và chép ra --out), đọc lại để kiểm tra')
    .requiredOption('--assessment <id>', 'mã đợt tự đánh giá')
    .requiredOption('--kind <kind>', REPORT_KINDS.join('|'))
    .option('--out <file>', 'chép tệp đã xuất ra đây (tệp hoặc thư mục)')
    .option('--final', 'bản chính thức: chỉ khi kiểm tra sẵn sàng đạt và không còn chỗ thiếu bắt buộc')
    .option('--format <docx|xlsx>', 'evidence-list: Word hoặc Excel')
    .option('--internal', 'evidence-list: bản nội bộ (tiêu chí sử dụng, tình trạng)')
    .option('--page-numbers', 'dàn trang để ghi sẵn số trang của mục lục (mặc định chỉ với --final; Word luôn cập nhật khi mở)')
    .option('--no-page-numbers', 'không dàn trang (nhanh hơn; Word vẫn cập nhật mục lục khi mở)')
    .action(async (o, c: Command) => {
      const { dataDir, json } = globals(c);
      const kind = parseKind(o.kind);
      const r = await withLocal(dataDir, async (local) => {
        const svc = await service(local);
        const built = await svc.build(
          { assessmentId: o.assessment, kind, final: Boolean(o.final), options: parseOptions(o) },
          CLI_ACTOR,
          typeof o.pageNumbers === 'boolean' ? { estimatePageNumbers: o.pageNumbers } : {},
        );
        let out: string | null = null;
        if (o.out) {
          const target = path.resolve(o.out as string);
          out = fs.existsSync(target) && fs.statSync(target).isDirectory() ? path.join(target, built.file) : target;
          await svc.copyTo(built.exportId, out);
        }
        return { ...built, out };
      });
      if (!r.preflight.ok) process.exitCode = 2;
      printResult(ctx, json, r, () =>
        [
          `Đã xuất ${r.final ? 'bản chính thức' : 'bản dự thảo'}: ${r.out ?? path.join(dataDir, 'exports', r.file)} (${r.bytes} byte)`,
          `SHA-256: ${r.sha256} — dữ liệu phiên bản ${r.dataRevision}`,
          `Kiểm tra sau khi ghi: ${r.preflight.ok ? 'đạt' : 'KHÔNG ĐẠT'}`,
          ...r.preflight.checks
            .filter((x) => !x.ok)
            .map((x) => `  [${x.severity === 'error' ? 'lỗi' : 'lưu ý'}] ${x.message} ${x.details.slice(0, 5).join('; ')}`),
          ...(r.gaps.length
            ? [`Chỗ thiếu dữ liệu (${r.gaps.length}):`, ...r.gaps.map((g) => `  - ${g.section}: ${g.message}`)]
            : []),
        ].join('\n'),
      );
    });

  cmd
    .command('list')
    .description('Các lần xuất (tệp, SHA-256, phiên bản dữ liệu, người xuất)')
    .option('--assessment <id>', 'chỉ của một đợt')
    .action(async (o, c: Command) => {
      const { dataDir, json } = globals(c);
      const rows = await withLocal(dataDir, async (local) => (await service(local)).list(o.assessment));
      printResult(ctx, json, rows, () =>
        rows.length === 0
          ? 'Chưa xuất văn bản nào.'
          : rows
              .map(
                (x) =>
                  `${x.createdAt}  ${x.final ? 'CHÍNH THỨC' : 'dự thảo  '}  ${x.kind}  ${x.file}  ${x.sha256.slice(0, 12)}…  ${x.available ? '' : '(tệp không còn)'}`,
              )
              .join('\n'),
      );
    });

  cmd
    .command('texts')
    .description(
      'Xem, hoặc lưu từ tệp JSON (--file), các phần lời văn của báo cáo: bối cảnh, quá trình, kết luận, kiến nghị, số quyết định…',
    )
    .requiredOption('--assessment <id>', 'mã đợt tự đánh giá')
    .option('--file <json>', 'tệp JSON các trường cần lưu (xem docs/reports.md)')
    .action(async (o, c: Command) => {
      const { dataDir, json } = globals(c);
      const r = await withLocal(dataDir, async (local) => {
        const svc = await service(local);
        if (!o.file) return svc.getTexts(o.assessment, CLI_ACTOR);
        let raw: unknown;
        try {
          raw = JSON.parse(fs.readFileSync(path.resolve(o.file as string), 'utf8'));
        } catch (err) {
          throw new CliError(`Không đọc được ${o.file}: ${(err as Error).message}`);
        }
        const current = await svc.getTexts(o.assessment, CLI_ACTOR);
        const parsed = reportTextsInputSchema.safeParse({
          ...(raw as object),
          assessmentId: o.assessment,
          expectedRev: current.rev,
        });
        if (!parsed.success)
          throw new CliError(
            `Nội dung không hợp lệ: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
          );
        return svc.saveTexts(parsed.data, CLI_ACTOR);
      });
      printResult(ctx, json, r, () => JSON.stringify(r, null, 2));
    });
}
