import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { levelLabel } from '../core/frameworks/lookup';
import type { Framework } from '../core/frameworks/framework.schema';
import { assess, formatRequirementRef, type Assessment } from '../core/levels/assess';
import { AssessInputError, parseAssessInput } from '../core/levels/assess-input';
import { legacyDegrees, nationalStandardTt57 } from '../core/levels/recognition';
import { parseRecognitionInput } from '../core/levels/recognition-input';
import { cliPrint, loadRegistry, requireFramework, wantsJson, type FrameworkCliContext } from './frameworks.command';
import { CliError } from './output';

async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new CliError(`Không đọc được tệp đầu vào ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError(`Tệp đầu vào ${basename(path)} không phải JSON hợp lệ: ${(e as Error).message}`);
  }
}

function withFile<T>(path: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof AssessInputError || e instanceof RangeError) throw new CliError(`${basename(path)}: ${e.message}`);
    throw e;
  }
}

/** "1.3=2,2.3=2" → { "1.3": 2, "2.3": 2 }. */
export function parseWhatIf(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(\d+\.\d+)=(\d+)$/.exec(part);
    if (!m) throw new CliError(`--what-if: "${part}" không đúng dạng <tiêu chí>=<mức>, ví dụ 1.3=2,2.3=2`);
    out[m[1]!] = Number(m[2]);
  }
  return out;
}

function assessmentText(fw: Framework, a: Assessment): string {
  const lines = [`${fw.shortTitle} — ${a.schoolLevelLabel}`, a.explanation];
  if (a.kind === 'points') {
    for (const g of a.groups) lines.push(`  Nhóm ${g.code} ${g.title}: ${g.score}/${g.maxScore} điểm — ${g.levelLabel}`);
    return lines.join('\n');
  }
  lines.push('Tiêu chí:');
  for (const [code, level] of Object.entries(a.criteria)) {
    const pending = a.pending?.[code];
    lines.push(
      `  ${code}: ${levelLabel(fw, level)}${pending && pending.length > 0 ? ` (chưa đánh giá: ${pending.map(formatRequirementRef).join(', ')})` : ''}`,
    );
  }
  if (a.whatIf) lines.push(a.whatIf.explanation);
  return lines.join('\n');
}

export function registerAssessCommands(program: Command, ctx: FrameworkCliContext): void {
  const assessCmd = program.command('assess').description('Tính mức đạt theo khung đánh giá (không lưu dữ liệu)');

  assessCmd
    .command('level')
    .description(
      'Mức của trường từ mức từng tiêu chí {"criteria"}, từ đánh giá từng yêu cầu {"requirements"}, ' +
        'theo từng cấp học {"levels"}, hoặc điểm chỉ số {"items"} với khung tính điểm',
    )
    .requiredOption('--framework <id>', 'mã khung đánh giá (xem: frameworks list)')
    .requiredOption('--input <file>', 'tệp JSON đầu vào')
    .option('--what-if <changes>', 'giả định mức tiêu chí, ví dụ 1.3=2,2.3=2')
    .option('--require-backing', 'chỉ tính "đạt" khi có mô tả và mã minh chứng')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (opts: { framework: string; input: string; whatIf?: string; requireBacking?: boolean }, command: Command) => {
      const fw = requireFramework(await loadRegistry(ctx), opts.framework);
      const data = await readJsonFile(opts.input);
      const whatIf = opts.whatIf ? parseWhatIf(opts.whatIf) : undefined;
      if (whatIf && fw.kind === 'points') throw new CliError('--what-if chỉ dùng cho khung xét mức theo tiêu chí');
      const result = withFile(opts.input, () => {
        const input = parseAssessInput(fw, data);
        try {
          return assess(fw, input, { ...(opts.requireBacking ? { requireBacking: true } : {}), ...(whatIf ? { whatIf } : {}) });
        } catch (e) {
          if (e instanceof RangeError) throw e;
          throw new CliError((e as Error).message);
        }
      });
      cliPrint(ctx, wantsJson(command), result, () => assessmentText(fw, result));
    });

  assessCmd
    .command('recognition')
    .description(
      'Điều kiện công nhận: chuẩn quốc gia theo TT 57 (Điều 16) hoặc Cấp độ kiểm định / Mức độ chuẩn quốc gia theo TT 17/18/19',
    )
    .requiredOption('--framework <id>', 'mã khung đánh giá')
    .requiredOption('--input <file>', 'tệp JSON đầu vào')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (opts: { framework: string; input: string }, command: Command) => {
      const fw = requireFramework(await loadRegistry(ctx), opts.framework);
      if (fw.kind !== 'levels') throw new CliError(`Khung ${fw.id} không có quy định công nhận`);
      const data = await readJsonFile(opts.input);
      const result = withFile(opts.input, () => {
        const parsed = parseRecognitionInput(fw, data);
        try {
          return parsed.family === 'tt57' ? nationalStandardTt57(fw, parsed.input) : legacyDegrees(fw, parsed.input);
        } catch (e) {
          if (e instanceof RangeError) throw e;
          throw new CliError((e as Error).message);
        }
      });
      cliPrint(ctx, wantsJson(command), result, () => `${fw.shortTitle}\n${result.explanation}`);
    });
}
