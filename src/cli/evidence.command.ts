import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { Evidence, EvidenceHealth, OnDuplicate } from '../contract/schemas/evidence';
import { ON_DUPLICATE, VERIFICATION_STATES, EVIDENCE_KINDS } from '../contract/schemas/evidence';
import { EvidenceLibrary } from '../backend/modules/evidence/library';
import { defaultResourcesDir } from '../backend/platform/paths';
import { CliError, printResult, type CliContext } from './output';
import { resolveDataDir, withLocal, type LocalBackend } from './local-backend';

/** Framework used when --framework is not given. */
export const DEFAULT_EVIDENCE_FRAMEWORK = 'tt57-2026-pl2-pho-thong';
const CLI_ACTOR = 'cli';

function globals(cmd: Command): { dataDir: string; json: boolean } {
  const o = cmd.optsWithGlobals() as { dataDir?: string; json?: boolean };
  return { dataDir: resolveDataDir(o.dataDir), json: Boolean(o.json) };
}

function library(local: LocalBackend): EvidenceLibrary {
  const b = local.backend;
  return new EvidenceLibrary({ ds: b.readSource, writes: b.writes, dataDir: b.dataDir, resourcesDir: defaultResourcesDir() });
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new CliError(`${flag} không hợp lệ: "${value}". Dùng: ${allowed.join(', ')}`);
  return value as T;
}

function positiveInt(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`${flag} phải là số nguyên dương: "${value}"`);
  return n;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An evidence named by id or by code (in the given framework). */
async function resolveEvidence(local: LocalBackend, ref: string, frameworkId: string): Promise<Evidence> {
  return UUID_RE.test(ref) ? local.call('evidence.get', { id: ref }) : local.call('evidence.get', { frameworkId, code: ref });
}

const VERIFICATION_LABEL: Record<Evidence['verification'], string> = {
  pending: 'chờ xác minh',
  verified: 'đã xác minh',
  rejected: 'từ chối',
};

/** One-line summary for people (the JSON output has every field). */
function line(e: Evidence): string {
  const file = e.kind === 'file' ? e.fileName : e.kind === 'link' ? e.url : e.storageLocation || 'bản giấy';
  return `${e.code}\t${e.title}\t[${e.criteria.join(', ')}]\t${VERIFICATION_LABEL[e.verification]}\t${file}`;
}

function healthText(h: EvidenceHealth): string {
  const refs = (xs: { code: string; title: string }[]) =>
    xs.length ? xs.map((x) => `\n    ${x.code} ${x.title}`).join('') : ' không có';
  return [
    `Tổng: ${h.totals.evidence} minh chứng (${h.totals.files} tệp, ${h.totals.links} đường dẫn, ${h.totals.paper} bản giấy); ${h.totals.verified} đã xác minh, ${h.totals.pending} chờ, ${h.totals.rejected} từ chối`,
    `  Chưa gắn tiêu chí:${refs(h.unlinked)}`,
    `  Chưa được trích dẫn: ${h.uncited === null ? 'chưa theo dõi' : refs(h.uncited)}`,
    `  Tiêu chí chưa có minh chứng: ${h.criteriaWithoutEvidence.join(', ') || 'không có'}`,
    // Only while two computers' offline codes wait for the later one to renumber (ADR 0013).
    ...(h.duplicateCodes ?? []).map((d) => `  Mã trùng giữa các máy: ${d.code} — ${d.evidence.map((e) => e.title).join(' / ')}`),
    `  Tệp trùng nội dung: ${h.duplicates.length ? h.duplicates.map((d) => d.evidence.map((e) => e.code).join(' = ')).join('; ') : 'không có'}`,
    `  Hết hiệu lực:${refs(h.expired)}`,
    `  Tệp: kiểm tra ${h.files.checked}/${h.files.total}, tốt ${h.files.ok}, mất ${h.files.missing.length}, bị thay đổi ${h.files.changed.length}`,
    ...h.files.missing.map((f) => `    MẤT ${f.code} ${f.fileName}`),
    ...h.files.changed.map((f) => `    THAY ĐỔI ${f.code} ${f.fileName}`),
    `  Tệp không còn minh chứng nào dùng: ${h.unusedBlobs.count} (${h.unusedBlobs.bytes} byte)`,
  ].join('\n');
}

export function registerEvidenceCommands(program: Command, ctx: CliContext): void {
  const ev = program.command('evidence').description('Kho minh chứng');

  ev.command('add')
    .description('Thêm tệp (hoặc mọi tệp trong thư mục) làm minh chứng; mỗi nội dung chỉ lưu một lần')
    .argument('<paths...>', 'tệp hoặc thư mục')
    .requiredOption('--criterion <code>', 'tiêu chí gốc, ví dụ 1.1 (quyết định mã minh chứng)')
    .option('--framework <id>', 'khung đánh giá', DEFAULT_EVIDENCE_FRAMEWORK)
    .option('--assessment <id>', 'đợt tự đánh giá (mặc định: dùng chung cho mọi đợt)')
    .option('--title <text>', 'tên minh chứng (mặc định: tên tệp)')
    .option('--document-number <text>', 'số, ký hiệu văn bản')
    .option('--issued-date <YYYY-MM-DD>', 'ngày ban hành')
    .option('--issuer <text>', 'nơi ban hành / người thực hiện')
    .option('--valid-until <YYYY-MM-DD>', 'ngày hết hiệu lực')
    .option('--box <n>', 'số hộp (mã cũ [Hn...])')
    .option(
      '--on-duplicate <mode>',
      `tệp đã có trong kho: link (gắn minh chứng cũ vào tiêu chí), create (tạo minh chứng mới dùng chung tệp), skip`,
      'link',
    )
    .action(async (paths: string[], o, cmd: Command) => {
      const { dataDir, json } = globals(cmd);
      const onDuplicate = oneOf<OnDuplicate>('--on-duplicate', o.onDuplicate, ON_DUPLICATE)!;
      const files: string[] = [];
      const folders: string[] = [];
      for (const p of paths) {
        const full = path.resolve(p);
        const st = fs.statSync(full, { throwIfNoEntry: false });
        if (!st) throw new CliError(`Không tìm thấy "${p}".`);
        (st.isDirectory() ? folders : files).push(full);
      }
      const outcome = await withLocal(dataDir, async (local) => {
        const lib = library(local);
        const filing = {
          frameworkId: o.framework as string,
          criterionCode: o.criterion as string,
          assessmentId: (o.assessment as string | undefined) ?? null,
          box: positiveInt('--box', o.box),
        };
        const meta = {
          title: o.title as string | undefined,
          documentNumber: o.documentNumber as string | undefined,
          issuedDate: (o.issuedDate as string | undefined) ?? null,
          issuer: o.issuer as string | undefined,
          validUntil: (o.validUntil as string | undefined) ?? null,
        };
        const opts = { actor: CLI_ACTOR, onDuplicate };
        const parts = [];
        if (files.length) parts.push(await lib.addFiles(files, filing, meta, opts));
        for (const d of folders) parts.push(await lib.addFolder(d, filing, meta, opts));
        return { results: parts.flatMap((p) => p.results), failed: parts.flatMap((p) => p.failed) };
      });
      const rows = outcome.results.map((r) => ({
        id: r.evidence.id,
        code: r.evidence.code,
        sha256: r.sha256,
        duplicate: r.duplicate,
        fileName: r.fileName,
        action: r.action,
        sizeBytes: r.sizeBytes,
        criteria: r.evidence.criteria,
      }));
      for (const f of outcome.failed) ctx.err(`Không thêm được ${f.path}: ${f.message}\n`);
      printResult(
        ctx,
        json,
        rows,
        () =>
          rows
            .map(
              (r) =>
                `${r.code}\t${r.fileName}${r.duplicate ? `\t(trùng nội dung; ${r.action === 'linked' ? 'đã gắn minh chứng có sẵn' : r.action === 'created' ? 'tạo minh chứng mới dùng chung tệp' : 'bỏ qua'})` : ''}`,
            )
            .join('\n') || 'Không thêm tệp nào.',
      );
      if (outcome.failed.length > 0) process.exitCode = 1;
    });

  ev.command('add-link')
    .description('Thêm minh chứng là đường dẫn điện tử hoặc bản giấy')
    .requiredOption('--criterion <code>', 'tiêu chí gốc, ví dụ 1.1')
    .requiredOption('--title <text>', 'tên minh chứng')
    .option('--url <url>', 'đường dẫn (bắt buộc, trừ khi --paper)')
    .option('--paper', 'minh chứng bản giấy')
    .option('--location <text>', 'vị trí lưu trữ', '')
    .option('--framework <id>', 'khung đánh giá', DEFAULT_EVIDENCE_FRAMEWORK)
    .option('--assessment <id>', 'đợt tự đánh giá')
    .option('--valid-until <YYYY-MM-DD>', 'ngày hết hiệu lực')
    .action(async (o, cmd: Command) => {
      const { dataDir, json } = globals(cmd);
      const e = await withLocal(dataDir, (local) =>
        local.call('evidence.addLink', {
          frameworkId: o.framework,
          criterionCode: o.criterion,
          assessmentId: o.assessment ?? null,
          kind: o.paper ? 'paper' : 'link',
          meta: { title: o.title, url: o.url ?? '', storageLocation: o.location, validUntil: o.validUntil ?? null },
        }),
      );
      printResult(ctx, json, e, () => `Đã thêm ${e.code} ${e.title}`);
    });

  ev.command('list')
    .description('Danh sách minh chứng')
    .option('--framework <id>', 'khung đánh giá (mặc định: mọi khung)')
    .option('--criterion <code>', 'chỉ minh chứng phục vụ tiêu chí này')
    .option('--assessment <id>', 'minh chứng của đợt này và minh chứng dùng chung')
    .option('--q <text>', 'tìm kiếm (không phân biệt dấu)')
    .option('--verification <state>', `trạng thái xác minh (${VERIFICATION_STATES.join(', ')})`)
    .option('--kind <kind>', `loại (${EVIDENCE_KINDS.join(', ')})`)
    .option('--expiring-before <YYYY-MM-DD>', 'hết hiệu lực trước ngày')
    .action(async (o, cmd: Command) => {
      const { dataDir, json } = globals(cmd);
      const items = await withLocal(dataDir, async (local) => {
        const all: Evidence[] = [];
        for (let offset = 0; ; offset += 1000) {
          const page = await local.call('evidence.list', {
            frameworkId: o.framework,
            criterionCode: o.criterion,
            assessmentId: o.assessment,
            q: o.q,
            verification: oneOf('--verification', o.verification, VERIFICATION_STATES),
            kind: oneOf('--kind', o.kind, EVIDENCE_KINDS),
            expiringBefore: o.expiringBefore,
            offset,
            limit: 1000,
          });
          all.push(...page.items);
          if (all.length >= page.total || page.items.length === 0) return all;
        }
      });
      printResult(ctx, json, items, () => (items.length ? items.map(line).join('\n') : 'Chưa có minh chứng nào.'));
    });

  ev.command('show')
    .description('Chi tiết một minh chứng (theo mã hoặc id)')
    .argument('<ref>', 'mã minh chứng (ví dụ MC.1.1.01) hoặc id')
    .option('--framework <id>', 'khung đánh giá', DEFAULT_EVIDENCE_FRAMEWORK)
    .action(async (ref: string, o, cmd: Command) => {
      const { dataDir, json } = globals(cmd);
      const e = await withLocal(dataDir, (local) => resolveEvidence(local, ref, o.framework));
      printResult(ctx, json, e, () => line(e));
    });

  ev.command('link')
    .description('Gắn minh chứng (giữ nguyên mã) với thêm một tiêu chí')
    .argument('<ref>', 'mã minh chứng hoặc id')
    .requiredOption('--criterion <code>', 'tiêu chí')
    .option('--framework <id>', 'khung đánh giá', DEFAULT_EVIDENCE_FRAMEWORK)
    .option('--assessment <id>', 'chỉ trong đợt tự đánh giá này')
    .action(async (ref: string, o, cmd: Command) => {
      const { dataDir, json } = globals(cmd);
      const e = await withLocal(dataDir, async (local) => {
        const found = await resolveEvidence(local, ref, o.framework);
        return local.call('evidence.linkCriterion', {
          id: found.id,
          criterionCode: o.criterion,
          assessmentId: o.assessment ?? null,
        });
      });
      printResult(ctx, json, e, () => `${e.code} phục vụ các tiêu chí ${e.criteria.join(', ')}`);
    });

  ev.command('move')
    .description('Chuyển minh chứng sang tiêu chí gốc khác: cấp mã mới, mã cũ không dùng lại')
    .argument('<ref>', 'mã minh chứng hoặc id')
    .requiredOption('--criterion <code>', 'tiêu chí gốc mới')
    .option('--framework <id>', 'khung đánh giá', DEFAULT_EVIDENCE_FRAMEWORK)
    .option('--keep-old-link', 'vẫn phục vụ tiêu chí cũ')
    .action(async (ref: string, o, cmd: Command) => {
      const { dataDir, json } = globals(cmd);
      const r = await withLocal(dataDir, async (local) => {
        const found = await resolveEvidence(local, ref, o.framework);
        return local.call('evidence.move', { id: found.id, criterionCode: o.criterion, keepOldLink: Boolean(o.keepOldLink) });
      });
      printResult(ctx, json, r, () => `${r.oldCode} → ${r.newCode}`);
    });

  ev.command('verify')
    .description('Xác minh hoặc từ chối minh chứng')
    .argument('<ref>', 'mã minh chứng hoặc id')
    .option('--framework <id>', 'khung đánh giá', DEFAULT_EVIDENCE_FRAMEWORK)
    .option('--reject <reason>', 'từ chối, kèm lý do')
    .option('--reset', 'đưa về trạng thái chờ xác minh')
    .action(async (ref: string, o, cmd: Command) => {
      const { dataDir, json } = globals(cmd);
      const status = o.reject !== undefined ? 'rejected' : o.reset ? 'pending' : 'verified';
      const e = await withLocal(dataDir, async (local) => {
        const found = await resolveEvidence(local, ref, o.framework);
        return local.call('evidence.verify', { id: found.id, status, reason: o.reject ?? '' });
      });
      printResult(
        ctx,
        json,
        e,
        () => `${e.code}: ${VERIFICATION_LABEL[e.verification]}${e.rejectReason ? ` (${e.rejectReason})` : ''}`,
      );
    });

  ev.command('remove')
    .description('Xóa minh chứng (mã đã cấp không được dùng lại)')
    .argument('<ref>', 'mã minh chứng hoặc id')
    .option('--framework <id>', 'khung đánh giá', DEFAULT_EVIDENCE_FRAMEWORK)
    .action(async (ref: string, o, cmd: Command) => {
      const { dataDir, json } = globals(cmd);
      const e = await withLocal(dataDir, async (local) => {
        const found = await resolveEvidence(local, ref, o.framework);
        await local.call('evidence.remove', { id: found.id });
        return found;
      });
      printResult(ctx, json, { ok: true, id: e.id, code: e.code }, () => `Đã xóa ${e.code}`);
    });

  ev.command('health')
    .description(
      'Kiểm tra kho minh chứng: chưa gắn tiêu chí, tiêu chí thiếu minh chứng, trùng, hết hiệu lực, tệp mất hoặc bị sửa',
    )
    .option('--framework <id>', 'khung đánh giá', DEFAULT_EVIDENCE_FRAMEWORK)
    .option('--assessment <id>', 'đợt tự đánh giá')
    .option('--criteria <list>', 'các tiêu chí cần có minh chứng, cách nhau bởi dấu phẩy (mặc định: mọi tiêu chí của khung)')
    .option('--today <YYYY-MM-DD>', 'ngày tính hết hiệu lực (mặc định: hôm nay)')
    .option('--check-files <mode>', 'hash (băm lại mọi tệp), exists (chỉ xem còn tệp), none', 'hash')
    .action(async (o, cmd: Command) => {
      const { dataDir, json } = globals(cmd);
      const criterionCodes = o.criteria
        ? String(o.criteria)
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : undefined;
      const h = await withLocal(dataDir, (local) =>
        local.call('evidence.health', {
          frameworkId: o.framework,
          assessmentId: o.assessment,
          criterionCodes,
          today: o.today,
          checkFiles: oneOf('--check-files', o.checkFiles, ['hash', 'exists', 'none'] as const),
        }),
      );
      printResult(ctx, json, h, () => healthText(h));
      if (h.files.missing.length > 0 || h.files.changed.length > 0) process.exitCode = 2;
    });
}
