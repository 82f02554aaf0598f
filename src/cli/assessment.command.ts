import type { Command } from 'commander';
import { EDUCATION_LEVELS, type EducationLevel } from '../contract/schemas/common';
import { REVIEW_STATE_LABELS, REVIEW_STATES } from '../core/assessment/review';
import { parseSchoolYear } from '../core/assessment/school-year';
import { EDUCATION_LEVEL_LABELS } from '../core/frameworks/framework.schema';
import { CliError, printResult, type CliContext } from './output';
import { resolveDataDir, withLocal } from './local-backend';

function globals(cmd: Command): { dataDir: string; json: boolean } {
  const o = cmd.optsWithGlobals() as { dataDir?: string; json?: boolean };
  return { dataDir: resolveDataDir(o.dataDir), json: Boolean(o.json) };
}

function parseLevel(raw: string): EducationLevel {
  const level = raw.trim().toLowerCase().replace(/-/g, '_');
  if (!(EDUCATION_LEVELS as readonly string[]).includes(level)) {
    throw new CliError(`--level không hợp lệ: "${raw}". Dùng một trong: ${EDUCATION_LEVELS.join(', ')}`);
  }
  return level as EducationLevel;
}

function parseYear(raw: string): string {
  const year = raw.trim();
  if (parseSchoolYear(year) === null) throw new CliError(`--year không hợp lệ: "${raw}" (ví dụ 2026-2027).`);
  return year;
}

/**
 * `truong-chuan assessment …`: the self-assessment years (đợt tự đánh giá). JSON shapes are
 * the RPC answers (assessment.create / list / status), so scripts see what the app sees.
 */
export function registerAssessmentCommands(program: Command, ctx: CliContext): void {
  const cmd = program.command('assessment').description('Đợt tự đánh giá (mỗi năm học, mỗi cấp học một đợt)');

  cmd
    .command('create')
    .description('Tạo đợt tự đánh giá; --from để kế thừa từ năm trước (nội dung chuyển sang cần xác nhận lại)')
    .requiredOption('--year <YYYY-YYYY>', 'năm học, ví dụ 2026-2027')
    .requiredOption('--level <level>', `cấp học (${EDUCATION_LEVELS.join(', ')})`)
    .option('--framework <id>', 'khung đánh giá (mặc định: khung có hiệu lực ngày 01/9 của năm học)')
    .option('--from <id>', 'mã đợt tự đánh giá năm trước để kế thừa')
    .option('--title <text>', 'tên đợt')
    .action(async (o, c: Command) => {
      const { dataDir, json } = globals(c);
      const schoolYear = parseYear(o.year);
      const educationLevel = parseLevel(o.level);
      const r = await withLocal(dataDir, (local) =>
        local.call('assessment.create', {
          schoolYear,
          educationLevel,
          ...(o.framework ? { frameworkId: o.framework as string } : {}),
          ...(o.from ? { fromId: o.from as string } : {}),
          ...(o.title ? { title: o.title as string } : {}),
        }),
      );
      printResult(ctx, json, { ...r.assessment, carried: r.carried }, () =>
        [
          `Đã tạo "${r.assessment.title}" (${r.assessment.frameworkTitle})`,
          `Mã: ${r.assessment.id}`,
          ...(r.carried
            ? [
                `Kế thừa từ năm học ${r.carried.fromSchoolYear}: ${r.carried.requirements} yêu cầu, ${r.carried.planTasks} nhiệm vụ, ${r.carried.improvementItems} nội dung cải tiến — cần xác nhận lại.`,
                ...(r.carried.note ? [r.carried.note] : []),
              ]
            : []),
        ].join('\n'),
      );
    });

  cmd
    .command('list')
    .description('Danh sách các đợt tự đánh giá')
    .action(async (_o, c: Command) => {
      const { dataDir, json } = globals(c);
      const rows = await withLocal(dataDir, (local) => local.call('assessment.list', {}));
      printResult(ctx, json, rows, () =>
        rows.length === 0
          ? 'Chưa có đợt tự đánh giá nào.'
          : rows
              .map(
                (a) =>
                  `${a.id}\t${a.schoolYear}\t${EDUCATION_LEVEL_LABELS[a.educationLevel]}\t${a.frameworkTitle}\t${a.status === 'approved' ? 'đã phê duyệt' : 'đang thực hiện'}\t${a.counts.approvedCriteria}/${a.counts.criteria} tiêu chí đã duyệt`,
              )
              .join('\n'),
      );
    });

  cmd
    .command('status')
    .description('Mức đạt, điểm còn thiếu, kiểm tra sẵn sàng phê duyệt và trạng thái rà soát của một đợt')
    .argument('<id>', 'mã đợt tự đánh giá')
    .action(async (id: string, _o, c: Command) => {
      const { dataDir, json } = globals(c);
      const s = await withLocal(dataDir, (local) => local.call('assessment.status', { id }));
      printResult(ctx, json, s, () =>
        [
          `${s.assessment.title} — ${s.assessment.frameworkTitle}`,
          s.levels.explanation,
          `Trạng thái rà soát: ${REVIEW_STATES.map((st) => `${REVIEW_STATE_LABELS[st]} ${s.reviewStates[st]}`).join(', ')}`,
          `Hội đồng: ${s.council.ok ? 'đạt yêu cầu' : s.council.problems.map((p) => p.message).join(' ')}`,
          s.readiness.ready
            ? 'Sẵn sàng phê duyệt báo cáo.'
            : `Chưa sẵn sàng phê duyệt: ${s.readiness.blockers} vấn đề, ${s.readiness.warnings} lưu ý.`,
        ].join('\n'),
      );
    });
}
