import type { Command } from 'commander';
import { getFrameworkRegistry, type FrameworkRegistry } from '../backend/frameworks/framework-loader';
import { EDUCATION_LEVEL_LABELS, type Framework } from '../core/frameworks/framework.schema';
import { countFramework } from '../core/frameworks/counts';
import { CliError } from './output';

/** What the frameworks/assess command modules need from the main CLI. */
export interface FrameworkCliContext {
  /** The app's resources directory (the one holding `frameworks/index.json`). */
  resourcesDir: string;
  /** Where results go; defaults to process.stdout. Tests inject a buffer. */
  out?: (text: string) => void;
}

export function cliWriter(ctx: FrameworkCliContext): (text: string) => void {
  return ctx.out ?? ((text: string) => void process.stdout.write(text));
}

export function cliPrint(ctx: FrameworkCliContext, json: boolean, value: unknown, human: () => string): void {
  cliWriter(ctx)(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
}

/**
 * `--json` may belong to the subcommand or to the main program (which declares it globally and
 * then consumes it wherever it appears), so read it from both.
 */
export function wantsJson(command: Command): boolean {
  return Boolean(command.optsWithGlobals()['json']);
}

export async function loadRegistry(ctx: FrameworkCliContext): Promise<FrameworkRegistry> {
  try {
    return await getFrameworkRegistry(ctx.resourcesDir);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
}

export function requireFramework(registry: FrameworkRegistry, id: string): Framework {
  try {
    return registry.require(id);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
}

function legalSource(fw: Framework) {
  const s = fw.source;
  return {
    number: s.number,
    documentType: s.documentType,
    title: s.title,
    issuer: s.issuer,
    signedDate: s.signedDate,
    effectiveDate: s.effectiveDate,
    annex: s.annex,
    url: s.url,
    grade: s.grade,
    text: `${s.documentType} ${s.number}${s.annex ? `, ${s.annex}` : ''}`,
  };
}

function vnDate(iso: string | null): string {
  if (iso === null) return 'nay';
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

export function frameworkSummary(fw: Framework) {
  return {
    id: fw.id,
    title: fw.title,
    shortTitle: fw.shortTitle,
    kind: fw.kind,
    family: fw.family,
    version: fw.version,
    legalSource: legalSource(fw),
    effectiveFrom: fw.effectiveFrom,
    effectiveTo: fw.effectiveTo,
    educationLevels: fw.educationLevels,
    maxLevel: fw.maxLevel,
  };
}

/** `frameworks show --json`: the data file as is, plus `legalSource`; points groups also appear as `standards`. */
export function frameworkDetail(fw: Framework) {
  if (fw.kind === 'levels') return { ...fw, legalSource: legalSource(fw) };
  return {
    ...fw,
    legalSource: legalSource(fw),
    standards: fw.groups.map((g) => ({
      code: g.code,
      title: g.title,
      maxScore: g.maxScore,
      criteria: g.items.map((i) => ({
        code: i.code,
        title: i.title,
        mandatory: i.mandatory,
        maxPoints: i.maxPoints,
        levels: [],
      })),
    })),
  };
}

function listText(frameworks: readonly Framework[]): string {
  return frameworks
    .map((fw) => {
      const c = countFramework(fw);
      const size = fw.kind === 'levels' ? `${c.criteria} tiêu chí` : `${c.pointsItems} chỉ số`;
      return `${fw.id}\n  ${fw.shortTitle} — ${legalSource(fw).text}\n  Hiệu lực: ${vnDate(fw.effectiveFrom)} – ${vnDate(fw.effectiveTo)} · ${fw.kind === 'levels' ? 'xét mức' : 'tính điểm'} · ${size}`;
    })
    .join('\n');
}

function showText(fw: Framework): string {
  const lines = [
    fw.title,
    `${legalSource(fw).text} · hiệu lực ${vnDate(fw.effectiveFrom)} – ${vnDate(fw.effectiveTo)} · độ tin cậy nguồn: ${fw.source.grade}`,
    `Cấp học: ${fw.educationLevels.map((l) => EDUCATION_LEVEL_LABELS[l]).join(', ')}`,
    '',
  ];
  if (fw.kind === 'points') {
    for (const g of fw.groups) {
      lines.push(
        `Nhóm ${g.code}. ${g.title} (tối đa ${g.maxScore} điểm${g.missingPoints > 0 ? `; thiếu ${g.missingPoints} điểm chưa có nguồn` : ''})`,
      );
      for (const i of g.items)
        lines.push(`  ${i.code} ${i.title} — ${i.mandatory ? 'điều kiện bắt buộc' : `${i.maxPoints} điểm`}`);
    }
    return lines.join('\n');
  }
  for (const s of fw.standards) {
    lines.push(`Tiêu chuẩn ${s.code}. ${s.title}`);
    for (const c of s.criteria) {
      lines.push(`  Tiêu chí ${c.code}. ${c.title}${c.mandatory ? ' (bắt buộc)' : ''}`);
      for (const lv of c.levels) {
        for (const r of lv.requirements) lines.push(`    Mức ${lv.level} ${r.code}) ${r.text}`);
      }
    }
  }
  if (fw.level4Clauses.length > 0) {
    lines.push('Mức 4');
    for (const k of fw.level4Clauses) lines.push(`  ${k.article}: ${k.text}`);
  }
  return lines.join('\n');
}

export function registerFrameworkCommands(program: Command, ctx: FrameworkCliContext): void {
  const frameworks = program.command('frameworks').description('Khung đánh giá: tiêu chuẩn, tiêu chí, yêu cầu theo mức');

  frameworks
    .command('list')
    .description('Liệt kê các khung đánh giá (TT 57/2026, TT 17/18/19/2018, QĐ 4725)')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (_opts: unknown, command: Command) => {
      const registry = await loadRegistry(ctx);
      cliPrint(ctx, wantsJson(command), registry.list().map(frameworkSummary), () => listText(registry.list()));
    });

  frameworks
    .command('show')
    .description('Xem một khung đánh giá')
    .argument('<id>', 'mã khung, ví dụ tt57-2026-pl2-pho-thong')
    .option('--json', 'in kết quả dạng JSON')
    .action(async (id: string, _opts: unknown, command: Command) => {
      const fw = requireFramework(await loadRegistry(ctx), id);
      cliPrint(ctx, wantsJson(command), frameworkDetail(fw), () => showText(fw));
    });
}
