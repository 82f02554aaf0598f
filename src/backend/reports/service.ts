/**
 * The reports service: preview (outline and every gap, nothing written), build (write into
 * `<dataDir>/exports/` atomically, read back, preflight, record), the export list, downloads
 * and copies to a path the user chose, and the report's own texts. Used by the RPC handlers
 * and the CLI alike.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { RpcError } from '../../contract/rpc';
import {
  MAX_REPORT_DOWNLOAD_BYTES,
  type ReportBuildResultDto,
  type ReportExportDto,
  type ReportKind,
  type ReportOptions,
  type ReportPreviewDto,
  type ReportTextsDto,
  type ReportTextsInput,
} from '../../contract/schemas/reports';
import { canApprove, canManage, ensureOpen, loadWorkspace, type Actor } from '../modules/assessment/context';
import { BlobStore } from '../modules/evidence/blob-store';
import type { ModuleDeps } from '../modules/module';
import { buildBieu1 } from './bieu1';
import { buildBieu2 } from './bieu2';
import type { DocBuilder, Gap, OutlineEntry } from './docx-kit';
import { planPackage, writePackage, type PackagePlan } from './evidence-package';
import { evidenceWorkbook } from './evidence-xlsx';
import { buildCriterionSheets, buildLegacyReport } from './legacy';
import { preflightDocx, preflightPackage, preflightXlsx, type Preflight } from './preflight';
import { loadReportData, type ReportData } from './report-data';
import { buildCouncilDecision, buildEvidenceList, buildSelfAssessmentPlan } from './supporting';
import {
  dataRevision,
  findExport,
  listExports,
  newExportId,
  readTexts,
  recordExport,
  saveTexts,
  type ExportRecord,
} from './store';
import { safeName } from './text';

export type ReportsDeps = Pick<ModuleDeps, 'ds' | 'writes' | 'dataDir' | 'frameworks'>;

export const EXPORTS_DIR = 'exports';

const MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
} as const;

const KIND_INFO: Record<ReportKind, { title: string; base: string; family?: 'tt57' | 'legacy2018' }> = {
  bieu1: { title: 'Báo cáo tự đánh giá (Biểu 1)', base: 'Bieu 1 - Bao cao tu danh gia', family: 'tt57' },
  bieu2: { title: 'Kế hoạch cải tiến chất lượng (Biểu 2)', base: 'Bieu 2 - Ke hoach cai tien chat luong', family: 'tt57' },
  legacy: { title: 'Báo cáo tự đánh giá (TT 17/18/19/2018)', base: 'Bao cao tu danh gia', family: 'legacy2018' },
  'criterion-sheets': { title: 'Phiếu đánh giá tiêu chí', base: 'Phieu danh gia tieu chi', family: 'legacy2018' },
  'council-decision': { title: 'Quyết định thành lập Hội đồng tự đánh giá', base: 'Quyet dinh thanh lap Hoi dong tu danh gia' },
  plan: { title: 'Kế hoạch tự đánh giá', base: 'Ke hoach tu danh gia' },
  'evidence-list': { title: 'Danh mục minh chứng', base: 'Danh muc minh chung' },
  package: { title: 'Hồ sơ minh chứng (.zip)', base: 'Ho so minh chung' },
};

export const reportTitle = (kind: ReportKind): string => KIND_INFO[kind].title;

/** Extension of a kind's file. */
export function extensionFor(kind: ReportKind, options: ReportOptions): 'docx' | 'xlsx' | 'zip' {
  if (kind === 'package') return 'zip';
  if (kind === 'evidence-list' && options.format === 'xlsx') return 'xlsx';
  return 'docx';
}

const DEFAULT_OPTIONS: ReportOptions = { format: 'docx', internal: false };

/** What a kind produces from the data: a Word document, a workbook or the package plan. */
type Generated =
  | { type: 'docx'; kit: DocBuilder; gaps: Gap[]; outline: OutlineEntry[] }
  | { type: 'xlsx'; gaps: Gap[]; outline: OutlineEntry[] }
  | { type: 'zip'; plan: PackagePlan; gaps: Gap[]; outline: OutlineEntry[] };

function checkFamily(kind: ReportKind, d: ReportData): void {
  const want = KIND_INFO[kind].family;
  if (!want || d.fw.family === want) return;
  const hint =
    want === 'tt57'
      ? `Đợt này đánh giá theo ${d.fw.shortTitle}: hãy xuất "Báo cáo tự đánh giá (TT 17/18/19/2018)".`
      : `Đợt này đánh giá theo ${d.fw.shortTitle}: hãy xuất Biểu 1 / Biểu 2 (TT 57/2026).`;
  throw new RpcError('VALIDATION', `${KIND_INFO[kind].title} không dùng cho khung đánh giá của đợt này. ${hint}`, {
    kind: 'Không phù hợp khung đánh giá',
  });
}

function docxFor(kind: ReportKind, d: ReportData, o: ReportOptions): DocBuilder {
  switch (kind) {
    case 'bieu1':
      return buildBieu1(d);
    case 'bieu2':
      return buildBieu2(d);
    case 'legacy':
      return buildLegacyReport(d);
    case 'criterion-sheets':
      return buildCriterionSheets(d);
    case 'council-decision':
      return buildCouncilDecision(d);
    case 'plan':
      return buildSelfAssessmentPlan(d);
    case 'evidence-list':
      return buildEvidenceList(d, { internal: o.internal });
    case 'package':
      throw new Error('package is not a Word document');
  }
}

export class ReportService {
  readonly store: BlobStore;

  constructor(private readonly deps: ReportsDeps) {
    this.store = new BlobStore(deps.dataDir);
  }

  get exportsDir(): string {
    return path.join(this.deps.dataDir, EXPORTS_DIR);
  }

  private async data(assessmentId: string, actor: Actor): Promise<ReportData> {
    return loadReportData(this.deps.ds.manager, { frameworks: this.deps.frameworks }, assessmentId, actor);
  }

  private async generate(kind: ReportKind, d: ReportData, o: ReportOptions): Promise<Generated> {
    checkFamily(kind, d);
    if (kind === 'package') {
      const plan = await planPackage(d, this.store);
      return { type: 'zip', plan, gaps: plan.gaps, outline: plan.outline };
    }
    if (kind === 'evidence-list' && o.format === 'xlsx') {
      const gaps: Gap[] = d.evidence.length
        ? []
        : [
            {
              key: 'evidence.none',
              section: 'Danh mục minh chứng',
              message: 'danh mục minh chứng (chưa có minh chứng nào)',
              severity: 'required',
              fix: { screen: 'evidence' },
            },
          ];
      return { type: 'xlsx', gaps, outline: [{ level: 1, text: 'Danh mục minh chứng' }] };
    }
    const kit = docxFor(kind, d, o);
    return { type: 'docx', kit, gaps: kit.gaps, outline: kit.outline };
  }

  private finalCheck(d: ReportData, gaps: Gap[], actor: Actor): ReportPreviewDto['final'] {
    const reasons: string[] = [];
    const blockers = d.readiness.items.filter((i) => i.severity === 'blocker');
    if (!d.readiness.ready) {
      reasons.push(
        `Kiểm tra sẵn sàng còn ${blockers.length} vấn đề: ${blockers
          .slice(0, 5)
          .map((b) => b.message)
          .join(' ')}${blockers.length > 5 ? ' …' : ''}`,
      );
    }
    const required = gaps.filter((g) => g.severity === 'required');
    if (required.length > 0) {
      reasons.push(
        `Còn ${required.length} mục bắt buộc chưa có dữ liệu: ${required
          .slice(0, 5)
          .map((g) => g.message)
          .join('; ')}${required.length > 5 ? '; …' : ''}.`,
      );
    }
    const can = canApprove(actor);
    if (!can) reasons.push('Chỉ quản trị viên hoặc Chủ tịch hội đồng được xuất bản chính thức.');
    return {
      allowed: reasons.length === 0,
      reasons,
      readiness: { ready: d.readiness.ready, blockers: d.readiness.counts.blockers, warnings: d.readiness.counts.warnings },
      canExportFinal: can,
    };
  }

  fileName(kind: ReportKind, d: ReportData, o: ReportOptions, final: boolean, at = new Date()): string {
    const p = (n: number) => String(n).padStart(2, '0');
    const stamp = `${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}-${p(at.getHours())}${p(at.getMinutes())}${p(at.getSeconds())}`;
    const framework = kind === 'legacy' ? ` (TT ${d.fw.source.number.split('/').slice(0, 2).join('-')})` : '';
    const internal = kind === 'evidence-list' && o.internal ? ' (noi bo)' : '';
    const base = safeName(
      `${KIND_INFO[kind].base}${framework}${internal} ${d.assessment.schoolYear} ${stamp} ${final ? 'ban chinh thuc' : 'du thao'}`,
      120,
    );
    return `${base}.${extensionFor(kind, o)}`;
  }

  async preview(
    assessmentId: string,
    kind: ReportKind,
    options: Partial<ReportOptions>,
    actor: Actor,
  ): Promise<ReportPreviewDto> {
    const o = { ...DEFAULT_OPTIONS, ...options };
    const d = await this.data(assessmentId, actor);
    const g = await this.generate(kind, d, o);
    return {
      kind,
      title: KIND_INFO[kind].title,
      fileName: this.fileName(kind, d, o, false),
      outline: g.outline,
      gaps: g.gaps,
      counts: {
        required: g.gaps.filter((x) => x.severity === 'required').length,
        optional: g.gaps.filter((x) => x.severity === 'optional').length,
      },
      final: this.finalCheck(d, g.gaps, actor),
      dataRevision: d.dataRevision,
    };
  }

  /** `hooks.estimatePageNumbers` overrides `options.tocPageNumbers` (CLI --no-page-numbers, benchmarks). */
  async build(
    input: { assessmentId: string; kind: ReportKind; final?: boolean; options?: Partial<ReportOptions> },
    actor: Actor,
    hooks: { estimatePageNumbers?: boolean } = {},
  ): Promise<ReportBuildResultDto> {
    const o = { ...DEFAULT_OPTIONS, ...input.options };
    const final = input.final ?? false;
    const d = await this.data(input.assessmentId, actor);
    const g = await this.generate(input.kind, d, o);
    if (final) {
      const check = this.finalCheck(d, g.gaps, actor);
      if (!canApprove(actor))
        throw new RpcError('FORBIDDEN', 'Chỉ quản trị viên hoặc Chủ tịch hội đồng được xuất bản chính thức.');
      if (!check.allowed) throw new RpcError('VALIDATION', `Chưa xuất được bản chính thức. ${check.reasons.join(' ')}`);
    }
    await fsp.mkdir(this.exportsDir, { recursive: true });
    const tmp = path.join(this.exportsDir, `.${randomUUID()}.partial`);
    let file: string;
    let preflight: Preflight;
    try {
      if (g.type === 'zip') {
        await writePackage(d, g.plan, tmp);
      } else {
        const bytes =
          g.type === 'xlsx'
            ? await evidenceWorkbook(d, { internal: o.internal })
            : await this.packDocx(g.kit, d, g.kit.hasToc && (hooks.estimatePageNumbers ?? o.tocPageNumbers ?? final));
        await writeAtomically(tmp, bytes);
      }
      file = await placeUnder(this.exportsDir, tmp, this.fileName(input.kind, d, o, final));
    } catch (err) {
      await fsp.rm(tmp, { force: true });
      throw err;
    }
    const target = path.join(this.exportsDir, file);
    if (g.type === 'zip') preflight = await preflightPackage(target, g.plan);
    else if (g.type === 'xlsx') preflight = await preflightXlsx(target, d);
    else
      preflight = await preflightDocx({
        kind: input.kind,
        file: target,
        data: d,
        gaps: g.gaps,
        outline: g.outline,
        toc: g.kit.hasToc,
      });
    if (final && !preflight.ok) {
      await fsp.rm(target, { force: true });
      const failed = preflight.checks.filter((c) => !c.ok && c.severity === 'error');
      throw new RpcError(
        'INTERNAL',
        `Bản chính thức không qua kiểm tra sau khi ghi: ${failed.map((c) => `${c.message} ${c.details.slice(0, 3).join('; ')}`).join(' ')}`,
      );
    }
    const { sha256, bytes } = await hashFile(target);
    const record: ExportRecord = {
      exportId: newExportId(),
      assessmentId: d.assessment.id,
      schoolYear: d.assessment.schoolYear,
      kind: input.kind,
      file,
      sha256,
      bytes,
      final,
      dataRevision: d.dataRevision,
      textsRev: d.texts.rev,
      createdAt: new Date().toISOString(),
      createdBy: actor.userId,
      createdByName: actor.name,
      gapCount: g.gaps.length,
      preflightOk: preflight.ok,
    };
    await this.deps.writes.run(actor.userId, (tx) => recordExport(tx, record));
    return { ...record, available: true, gaps: g.gaps, preflight };
  }

  private async packDocx(kit: DocBuilder, d: ReportData, estimate: boolean): Promise<Buffer> {
    const meta = { subject: `${d.school.name} — năm học ${d.assessment.schoolYear}` };
    if (!estimate) return kit.toBuffer(meta);
    try {
      return await kit.toBuffer({ ...meta, estimatePageNumbers: true });
    } catch {
      // The layout could not place something: Word still fills the page numbers on open.
      return kit.toBuffer(meta);
    }
  }

  async list(assessmentId?: string): Promise<ReportExportDto[]> {
    const records = await listExports(this.deps.ds.manager, assessmentId);
    return Promise.all(records.map((r) => this.dto(r)));
  }

  private async dto(r: ExportRecord): Promise<ReportExportDto> {
    const st = await fsp.stat(path.join(this.exportsDir, r.file)).catch(() => null);
    return { ...r, textsRev: r.textsRev ?? 0, available: !!st && st.isFile() && st.size === r.bytes };
  }

  /** The file of an export, checked against its recorded SHA-256. */
  private async exportFile(exportId: string): Promise<{ record: ExportRecord; file: string }> {
    const record = await findExport(this.deps.ds.manager, exportId);
    if (path.basename(record.file) !== record.file) throw new RpcError('VALIDATION', 'Tên tệp xuất không hợp lệ.');
    const file = path.join(this.exportsDir, record.file);
    const st = await fsp.stat(file).catch(() => null);
    if (!st) throw new RpcError('NOT_FOUND', `Tệp "${record.file}" không còn trong thư mục xuất; hãy xuất lại.`);
    const { sha256 } = await hashFile(file);
    if (sha256 !== record.sha256) {
      throw new RpcError('CONFLICT', `Tệp "${record.file}" đã bị thay đổi sau khi xuất (mã băm khác); hãy xuất lại.`);
    }
    return { record, file };
  }

  async download(
    exportId: string,
  ): Promise<{ file: string; mimeType: string; bytes: number; sha256: string; contentBase64: string }> {
    const { record, file } = await this.exportFile(exportId);
    if (record.bytes > MAX_REPORT_DOWNLOAD_BYTES) {
      throw new RpcError(
        'VALIDATION',
        `Tệp lớn hơn ${MAX_REPORT_DOWNLOAD_BYTES / 1024 / 1024} MB; hãy dùng "Lưu vào máy" trong ứng dụng hoặc lệnh "truong-chuan report build --out".`,
      );
    }
    const bytes = await fsp.readFile(file);
    const ext = path.extname(record.file).slice(1) as keyof typeof MIME;
    return {
      file: record.file,
      mimeType: MIME[ext] ?? 'application/octet-stream',
      bytes: bytes.length,
      sha256: record.sha256,
      contentBase64: bytes.toString('base64'),
    };
  }

  /** Copies an export to a path (chosen in a save dialog, or the CLI's --out), atomically. */
  async copyTo(exportId: string, target: string): Promise<{ file: string; bytes: number; sha256: string }> {
    const { record, file } = await this.exportFile(exportId);
    await copyAtomically(file, target);
    return { file: path.basename(target), bytes: record.bytes, sha256: record.sha256 };
  }

  async getTexts(assessmentId: string, actor: Actor): Promise<ReportTextsDto> {
    const m = this.deps.ds.manager;
    const ws = await loadWorkspace(m, this.deps.frameworks, assessmentId);
    const texts = await readTexts(m, assessmentId);
    return { ...texts, canEdit: ws.row.status !== 'approved' && canManage(actor) };
  }

  async saveTexts(input: ReportTextsInput, actor: Actor): Promise<ReportTextsDto> {
    const saved = await this.deps.writes.run(actor.userId, async (tx) => {
      const ws = await loadWorkspace(tx.manager, this.deps.frameworks, input.assessmentId);
      ensureOpen(ws);
      if (!canManage(actor)) {
        throw new RpcError(
          'FORBIDDEN',
          'Chỉ quản trị viên, Chủ tịch, Phó Chủ tịch hoặc Thư ký hội đồng mới sửa được nội dung báo cáo.',
        );
      }
      return saveTexts(tx, input, actor.userId);
    });
    return { ...saved, canEdit: true };
  }

  /** The revision the next export would record (for the UI's "dữ liệu đã thay đổi" hint). */
  async revision(): Promise<number> {
    return dataRevision(this.deps.ds.manager);
  }
}

/**
 * Moves a finished temp file to `dir/name` without ever replacing an existing export (two
 * builds in the same second): a hard link fails if the name is taken, then " (2)", " (3)"…
 * Volumes without hard links (FAT USB drives) fall back to a checked rename.
 */
async function placeUnder(dir: string, tmp: string, name: string): Promise<string> {
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 ? name : name.replace(/(\.\w+)$/, ` (${n})$1`);
    const target = path.join(dir, candidate);
    try {
      await fsp.link(tmp, target);
      await fsp.rm(tmp, { force: true });
      return candidate;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      if (fs.existsSync(target)) continue;
      await fsp.rename(tmp, target);
      return candidate;
    }
  }
  throw new RpcError('CONFLICT', 'Có quá nhiều tệp xuất cùng tên; hãy thử lại.');
}

async function writeAtomically(file: string, bytes: Buffer): Promise<void> {
  const fh = await fsp.open(file, 'wx', 0o644);
  try {
    await fh.writeFile(bytes);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

export async function copyAtomically(source: string, target: string): Promise<void> {
  const dir = path.dirname(path.resolve(target));
  await fsp.mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(target)}.${randomUUID().slice(0, 8)}.partial`);
  try {
    await fsp.copyFile(source, tmp);
    const fh = await fsp.open(tmp, 'r+');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fsp.rename(tmp, target);
  } catch (err) {
    await fsp.rm(tmp, { force: true });
    throw err;
  }
}

export async function hashFile(file: string): Promise<{ sha256: string; bytes: number }> {
  const h = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1024 * 1024 })) {
    h.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: h.digest('hex'), bytes };
}
