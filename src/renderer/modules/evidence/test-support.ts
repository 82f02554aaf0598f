/**
 * Component tests only: a FakeBridge that also serves the frameworks and evidence RPCs from
 * memory. Params are validated with the contract's schemas and access is checked from the
 * contract, so screens meet the same error shapes as with the real backend; the rules kept
 * here (codes from per-criterion counters never reused, the first criterion cannot be
 * unlinked, a cited evidence cannot be removed, expectedRev) mirror the backend's.
 */
import { contract, type MethodName } from '../../../contract/methods';
import { RpcError, type RpcResponse } from '../../../contract/rpc';
import type { AddFileResult, Evidence, EvidenceHealth, EvidenceRef } from '../../../contract/schemas/evidence';
import type { Role } from '../../../contract/schemas/common';
import { fold } from '../../../core/fold';
import { formatLabelOf, mimeTypeOf, titleFromFileName } from '../../../core/evidence/file-types';
import { allCriteria, formatEvidenceCode, parseFramework, type Framework, type LevelsFramework } from '../../../core/frameworks';
import { FakeBridge, seededBridge } from '../../test/fake-bridge';
import tt57pl2 from '../../../../resources/frameworks/tt57-2026-pl2-pho-thong.json';

export const TT57_PT = parseFramework('tt57-2026-pl2-pho-thong.json', tt57pl2) as LevelsFramework;

const FW_ID = TT57_PT.id;
const TODAY = '2026-09-15';

type Params = any; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Blob {
  base64: string;
  mimeType: string;
  sizeBytes: number;
}

/** A stand-in for SHA-256 (eight FNV-1a lanes): equal bytes, equal hash; synchronous for seeding. */
export function fakeSha256(base64: string): string {
  let out = '';
  for (let lane = 0; lane < 8; lane++) {
    let h = (0x811c9dc5 ^ (lane * 0x9e3779b1)) >>> 0;
    for (let i = 0; i < base64.length; i++) h = Math.imul(h ^ base64.charCodeAt(i), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out;
}

/** UTF-8 text as base64, as FileReader would give it. */
export function textToBase64(text: string): string {
  let bin = '';
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return btoa(bin);
}

function refOf(e: Evidence): EvidenceRef {
  return { id: e.id, code: e.code, title: e.title };
}

export class EvidenceBridge extends FakeBridge {
  readonly frameworks: Framework[] = [TT57_PT];
  evidence: Evidence[] = [];
  blobs = new Map<string, Blob>();
  counters = new Map<string, number>();
  /** Ids a description cites: remove is refused for them. */
  cited = new Set<string>();
  /** Makes the next calls of a method wait until the returned function is called. */
  private gates = new Map<MethodName, Promise<void>>();

  /** Holds every call of `method` until the returned release() is called. */
  hold(method: MethodName): () => void {
    let release!: () => void;
    this.gates.set(method, new Promise<void>((r) => (release = r)));
    return () => {
      this.gates.delete(method);
      release();
    };
  }

  override async invoke(method: MethodName, params: unknown): Promise<RpcResponse> {
    if (!method.startsWith('evidence.') && !method.startsWith('frameworks.')) return super.invoke(method, params);
    this.calls.push({ method, params });
    const id = this.calls.length;
    try {
      const spec = contract[method];
      const parsed = spec.input.safeParse(params ?? {});
      if (!parsed.success) {
        const fields = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]));
        throw new RpcError('INVALID_ARGS', 'Dữ liệu không hợp lệ', fields);
      }
      const user = this.state.users.find((u) => u.id === this.state.sessionUserId);
      if (!user) throw new RpcError('UNAUTHENTICATED', 'Vui lòng đăng nhập');
      if (Array.isArray(spec.access) && !spec.access.includes(user.role)) throw new RpcError('FORBIDDEN', 'Không có quyền');
      const gate = this.gates.get(method);
      if (gate) await gate;
      // A copy, as if it had crossed the wire: the cache must never share objects with the store.
      return { id, ok: true, result: structuredClone(await this.handle(method, parsed.data as Params)) };
    } catch (err) {
      if (err instanceof RpcError) return { id, ok: false, error: err.toBody() };
      throw err;
    }
  }

  // ---- seeding -------------------------------------------------------------------------

  /** Adds evidence directly, as earlier work would have; returns it. */
  seed(criterionCode: string, fields: Partial<Evidence> & { content?: string } = {}): Evidence {
    const { content, ...rest } = fields;
    const kind = rest.kind ?? (content !== undefined ? 'file' : 'paper');
    let file: Partial<Evidence> = {};
    if (content !== undefined) {
      const base64 = textToBase64(content);
      const sha = fakeSha256(base64);
      const name = rest.fileName ?? `${rest.title ?? 'tep'}.txt`;
      this.blobs.set(sha, { base64, mimeType: mimeTypeOf(name), sizeBytes: content.length });
      file = { sha256: sha, fileName: name, mimeType: mimeTypeOf(name), sizeBytes: content.length, format: formatLabelOf(name) };
    }
    const e = this.newEvidence(criterionCode, { kind, ...file, ...rest });
    this.evidence.push(e);
    return e;
  }

  // ---- the methods ---------------------------------------------------------------------

  private live(id: string): Evidence {
    const e = this.evidence.find((x) => x.id === id);
    if (!e) throw new RpcError('NOT_FOUND', 'Không tìm thấy minh chứng (có thể đã bị xóa).');
    return e;
  }

  private checkCriterion(code: string): string {
    if (!allCriteria(TT57_PT).some((c) => c.code === code)) {
      throw new RpcError('VALIDATION', `Khung không có tiêu chí ${code}.`, { criterionCode: 'Tiêu chí không tồn tại' });
    }
    return code;
  }

  private issue(criterionCode: string): string {
    const seq = (this.counters.get(criterionCode) ?? 0) + 1;
    this.counters.set(criterionCode, seq);
    return formatEvidenceCode(TT57_PT.evidenceCode!, criterionCode, seq);
  }

  private newEvidence(criterionCode: string, fields: Partial<Evidence>, assessmentId: string | null = null): Evidence {
    this.checkCriterion(criterionCode);
    const validUntil = fields.validUntil ?? null;
    const e: Evidence = {
      id: crypto.randomUUID(),
      code: this.issue(criterionCode),
      legacyCode: '',
      title: 'Minh chứng',
      documentNumber: '',
      issuedDate: null,
      issuer: '',
      format: fields.kind === 'link' ? 'Đường dẫn điện tử' : fields.kind === 'paper' ? 'Bản giấy' : '',
      storageLocation: '',
      url: '',
      kind: 'file',
      validFrom: null,
      notes: '',
      sha256: null,
      fileName: '',
      mimeType: '',
      sizeBytes: null,
      firstCriterionCode: criterionCode,
      frameworkId: FW_ID,
      assessmentId,
      verification: 'pending',
      verifiedBy: null,
      verifiedAt: null,
      rejectReason: '',
      criteria: [criterionCode],
      links: [{ id: crypto.randomUUID(), criterionCode, assessmentId, isFirst: true }],
      createdAt: '2026-09-01T08:00:00.000Z',
      updatedAt: '2026-09-01T08:00:00.000Z',
      rev: 1,
      ...fields,
      validUntil,
      expired: validUntil !== null && validUntil < TODAY,
    };
    return e;
  }

  private touch(e: Evidence): Evidence {
    e.rev += 1;
    e.updatedAt = '2026-09-15T09:00:00.000Z';
    e.criteria = [...new Set(e.links.map((l) => l.criterionCode))].sort();
    e.links = e.links.map((l) => ({ ...l, isFirst: l.criterionCode === e.firstCriterionCode }));
    e.expired = e.validUntil !== null && e.validUntil < TODAY;
    return e;
  }

  private async handle(method: MethodName, p: Params): Promise<unknown> {
    switch (method) {
      case 'frameworks.list':
        return this.frameworks.map((f) => ({
          id: f.id,
          title: f.title,
          shortTitle: f.shortTitle,
          kind: f.kind,
          family: f.family,
          effectiveFrom: f.effectiveFrom,
          effectiveTo: f.effectiveTo,
          educationLevels: [...f.educationLevels],
          legalNumber: f.source.number,
        }));
      case 'frameworks.get': {
        const fw = this.frameworks.find((f) => f.id === p.id);
        if (!fw) throw new RpcError('NOT_FOUND', `Không có khung đánh giá "${p.id}".`);
        return fw;
      }
      case 'evidence.list': {
        let items = this.evidence.filter((e) => !p.frameworkId || e.frameworkId === p.frameworkId);
        if (p.criterionCode) items = items.filter((e) => e.criteria.includes(p.criterionCode));
        if (p.verification) items = items.filter((e) => e.verification === p.verification);
        if (p.kind) items = items.filter((e) => e.kind === p.kind);
        if (p.expiringBefore) items = items.filter((e) => e.validUntil !== null && e.validUntil < p.expiringBefore);
        if (p.q) {
          const terms = fold(p.q).split(/\s+/).filter(Boolean);
          items = items.filter((e) => {
            const text = fold([e.code, e.title, e.documentNumber, e.issuer, e.fileName, e.notes].join(' '));
            return terms.every((t) => text.includes(t));
          });
        }
        items = [...items].sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
        return { items: items.slice(p.offset, p.offset + p.limit), total: items.length };
      }
      case 'evidence.get':
        if (p.id) return this.live(p.id);
        return this.evidence.find((e) => e.code === p.code) ?? this.live('none');
      case 'evidence.addLink': {
        if (!p.meta.title)
          throw new RpcError('VALIDATION', 'Vui lòng nhập tên minh chứng.', { 'meta.title': 'Vui lòng nhập tên minh chứng' });
        if (p.kind === 'link' && !p.meta.url)
          throw new RpcError('VALIDATION', 'Minh chứng dạng đường dẫn cần có đường dẫn.', {
            'meta.url': 'Vui lòng nhập đường dẫn',
          });
        const e = this.newEvidence(p.criterionCode, { kind: p.kind, ...stripUndefined(p.meta) }, p.assessmentId ?? null);
        this.evidence.push(e);
        return e;
      }
      case 'evidence.addFromUpload': {
        const sha = fakeSha256(p.contentBase64);
        const sizeBytes = atob(p.contentBase64).length;
        const existing = this.evidence.filter((e) => e.sha256 === sha);
        const result = (action: AddFileResult['action'], evidence: Evidence): AddFileResult => ({
          fileName: p.fileName,
          sha256: sha,
          sizeBytes,
          duplicate: existing.length > 0,
          existing: existing.map(refOf),
          action,
          evidence,
        });
        if (existing.length > 0 && p.onDuplicate === 'skip') return result('skipped', existing[0]!);
        if (existing.length > 0 && p.onDuplicate === 'link') {
          return result('linked', this.link(existing[0]!, p.criterionCode, p.assessmentId ?? null));
        }
        this.blobs.set(sha, { base64: p.contentBase64, mimeType: p.mimeType || mimeTypeOf(p.fileName), sizeBytes });
        return result('created', this.fileEvidence(p, sha, sizeBytes));
      }
      case 'evidence.addFromStored': {
        const blob = this.blobs.get(p.sha256);
        if (!blob) throw new RpcError('NOT_FOUND', 'Tệp này không còn trong kho minh chứng; hãy thêm lại tệp.');
        return this.fileEvidence(p, p.sha256, blob.sizeBytes);
      }
      case 'evidence.update': {
        const e = this.live(p.id);
        if (p.expectedRev !== undefined && p.expectedRev !== e.rev)
          throw new RpcError('CONFLICT', 'Minh chứng đã được người khác thay đổi; hãy tải lại.');
        if (p.meta.title === '')
          throw new RpcError('VALIDATION', 'Vui lòng nhập tên minh chứng.', { 'meta.title': 'Vui lòng nhập tên minh chứng' });
        Object.assign(e, stripUndefined(p.meta));
        if (p.kind) e.kind = p.kind;
        if (p.fileName !== undefined) e.fileName = p.fileName;
        return this.touch(e);
      }
      case 'evidence.linkCriterion':
        return this.link(this.live(p.id), this.checkCriterion(p.criterionCode), p.assessmentId ?? null);
      case 'evidence.unlinkCriterion': {
        const e = this.live(p.id);
        if (p.criterionCode === e.firstCriterionCode)
          throw new RpcError('VALIDATION', `Mã ${e.code} được cấp theo tiêu chí ${p.criterionCode}; không gỡ được tiêu chí gốc.`);
        e.links = e.links.filter((l) => !(l.criterionCode === p.criterionCode && l.assessmentId === (p.assessmentId ?? null)));
        return this.touch(e);
      }
      case 'evidence.move': {
        const e = this.live(p.id);
        const target = this.checkCriterion(p.criterionCode);
        if (target === e.firstCriterionCode)
          throw new RpcError('VALIDATION', `Minh chứng ${e.code} đã thuộc tiêu chí ${target}.`);
        const oldCode = e.code;
        const old = e.firstCriterionCode;
        e.code = this.issue(target);
        e.firstCriterionCode = target;
        if (!p.keepOldLink) e.links = e.links.filter((l) => l.criterionCode !== old);
        if (!e.links.some((l) => l.criterionCode === target))
          e.links.push({ id: crypto.randomUUID(), criterionCode: target, assessmentId: e.assessmentId, isFirst: true });
        return { evidence: this.touch(e), oldCode, newCode: e.code };
      }
      case 'evidence.verify': {
        const e = this.live(p.id);
        e.verification = p.status;
        e.verifiedBy = p.status === 'pending' ? null : this.state.sessionUserId;
        e.verifiedAt = p.status === 'pending' ? null : '2026-09-15T09:00:00.000Z';
        e.rejectReason = p.status === 'rejected' ? p.reason : '';
        return this.touch(e);
      }
      case 'evidence.remove': {
        const e = this.live(p.id);
        if (this.cited.has(e.id))
          throw new RpcError(
            'CONFLICT',
            `Minh chứng ${e.code} đang được trích dẫn trong phần mô tả; hãy bỏ trích dẫn trước khi xóa.`,
          );
        this.evidence = this.evidence.filter((x) => x !== e);
        return { ok: true };
      }
      case 'evidence.health':
        return this.health(p);
      case 'evidence.download': {
        const e = this.live(p.id);
        const blob = e.sha256 ? this.blobs.get(e.sha256) : undefined;
        if (!blob) throw new RpcError('VALIDATION', `Minh chứng ${e.code} không có tệp đính kèm.`);
        return {
          fileName: e.fileName,
          mimeType: blob.mimeType,
          sizeBytes: blob.sizeBytes,
          sha256: e.sha256,
          contentBase64: blob.base64,
        };
      }
      case 'evidence.getSettings':
        return { frameworkId: p.frameworkId, boxes: {} };
      default:
        throw new RpcError('UNKNOWN_METHOD', method);
    }
  }

  private link(e: Evidence, criterionCode: string, assessmentId: string | null): Evidence {
    if (!e.links.some((l) => l.criterionCode === criterionCode && l.assessmentId === assessmentId)) {
      e.links.push({ id: crypto.randomUUID(), criterionCode, assessmentId, isFirst: false });
    }
    return this.touch(e);
  }

  private fileEvidence(p: Params, sha: string, sizeBytes: number): Evidence {
    const meta = stripUndefined(p.meta ?? {});
    const e = this.newEvidence(
      p.criterionCode,
      {
        kind: 'file',
        ...meta,
        title: meta.title || titleFromFileName(p.fileName),
        format: meta.format || formatLabelOf(p.fileName),
        sha256: sha,
        fileName: p.fileName,
        mimeType: p.mimeType || mimeTypeOf(p.fileName),
        sizeBytes,
      },
      p.assessmentId ?? null,
    );
    this.evidence.push(e);
    return e;
  }

  /** Like the backend: present only when two live evidence share a code (ADR 0013). */
  private sharedCodes(rows: Evidence[]): Pick<EvidenceHealth, 'duplicateCodes'> {
    const byCode = new Map<string, Evidence[]>();
    for (const e of rows) byCode.set(e.code, [...(byCode.get(e.code) ?? []), e]);
    const shared = [...byCode].filter(([, list]) => list.length > 1);
    if (shared.length === 0) return {};
    return {
      duplicateCodes: shared.map(([code, list]) => ({ frameworkId: list[0]!.frameworkId, code, evidence: list.map(refOf) })),
    };
  }

  private health(p: Params): EvidenceHealth {
    const rows = this.evidence.filter((e) => !p.frameworkId || e.frameworkId === p.frameworkId);
    const bySha = new Map<string, Evidence[]>();
    for (const e of rows) if (e.sha256) bySha.set(e.sha256, [...(bySha.get(e.sha256) ?? []), e]);
    const criteria = p.criterionCodes ?? allCriteria(TT57_PT).map((c) => c.code);
    const files = rows.filter((e) => e.kind === 'file');
    return {
      today: TODAY,
      totals: {
        evidence: rows.length,
        files: files.length,
        links: rows.filter((e) => e.kind === 'link').length,
        paper: rows.filter((e) => e.kind === 'paper').length,
        pending: rows.filter((e) => e.verification === 'pending').length,
        verified: rows.filter((e) => e.verification === 'verified').length,
        rejected: rows.filter((e) => e.verification === 'rejected').length,
      },
      unlinked: rows.filter((e) => e.links.length === 0).map(refOf),
      uncited: rows.filter((e) => !this.cited.has(e.id)).map(refOf),
      criteriaWithoutEvidence: criteria.filter((c: string) => !rows.some((e) => e.criteria.includes(c))),
      duplicates: [...bySha]
        .filter(([, list]) => list.length > 1)
        .map(([sha256, list]) => ({ sha256, evidence: list.map(refOf) })),
      ...this.sharedCodes(rows),
      expired: rows.filter((e) => e.expired).map((e) => ({ ...refOf(e), validUntil: e.validUntil! })),
      files: {
        mode: p.checkFiles,
        total: files.length,
        checked: p.checkFiles === 'none' ? 0 : files.length,
        ok: p.checkFiles === 'none' ? 0 : files.length,
        bytesChecked: p.checkFiles === 'hash' ? files.reduce((n, e) => n + (e.sizeBytes ?? 0), 0) : 0,
        missing: [],
        changed: [],
      },
      unusedBlobs: { count: 0, bytes: 0 },
    };
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The seeded THCS school, logged in as `role` (admin by default), with the evidence RPCs. */
export function evidenceBridge(role: Role = 'admin'): EvidenceBridge {
  const bridge = new EvidenceBridge();
  bridge.state = seededBridge().state;
  if (role === 'admin') bridge.state.sessionUserId = bridge.state.users[0]!.id;
  else bridge.state.sessionUserId = bridge.addUser(`u-${role}`, role).id;
  return bridge;
}

/** A File as the browser hands it to the drop zone. */
export function textFile(name: string, content: string, type = 'text/plain'): File {
  return new File([content], name, { type });
}
