/**
 * Component tests only: a FakeBridge that also serves the sync RPCs and assessment.list from
 * memory. Params are validated with the contract's schemas and access is checked from the
 * contract, so the screens meet the same error shapes as with the real backend.
 */
import { contract, type MethodName } from '../../../contract/methods';
import { RpcError, type RpcResponse } from '../../../contract/rpc';
import type { Role } from '../../../contract/schemas/common';
import type { AssessmentDto } from '../../../contract/schemas/assessment';
import type { LocalSubmission, SyncConflictView, SyncRunResult, SyncStatus } from '../../../contract/schemas/sync';
import { FakeBridge, seededBridge } from '../../test/fake-bridge';

type Params = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export function notEnrolledStatus(): SyncStatus {
  return {
    enrolled: false,
    serverUrl: null,
    deviceName: null,
    username: null,
    school: null,
    running: false,
    autoSync: false,
    pendingChanges: 3,
    pendingBytes: 2048,
    pendingBlobs: 0,
    lastSuccessAt: null,
    lastAttemptAt: null,
    lastError: null,
    nextRetryAt: null,
    blocked: null,
    bulkDelete: null,
    conflicts: 0,
    poisoned: [],
    inboxFailures: [],
    blobIssues: [],
    submissionsQueued: 0,
    cursor: 0,
    serverSeq: 0,
  };
}

export function assessment(id: string, schoolYear: string): AssessmentDto {
  return {
    id,
    schoolYear,
    educationLevel: 'thcs',
    frameworkId: 'tt57-2026-pl2-pho-thong',
    frameworkTitle: 'TT 57/2026',
    frameworkVersion: '1',
    frameworkLoadedVersion: '1',
    title: `Tự đánh giá năm học ${schoolYear} — Trung học cơ sở`,
    notes: '',
    previousId: null,
    status: 'in_progress',
    pinned: true,
    pinnedAt: null,
    approvedAt: null,
    approvedBy: null,
    counts: { criteria: 28, approvedCriteria: 0, requirements: 100, judgedRequirements: 0, members: 5 },
    createdAt: '2026-09-01T08:00:00.000Z',
    updatedAt: '2026-09-01T08:00:00.000Z',
    rev: 1,
  } as AssessmentDto;
}

export class SyncBridge extends FakeBridge {
  status: SyncStatus = notEnrolledStatus();
  conflicts: SyncConflictView[] = [];
  submissions: LocalSubmission[] = [];
  assessments: AssessmentDto[] = [];
  /** What sync.run answers next (one per call; the last one repeats). */
  runResults: Partial<SyncRunResult>[] = [];
  enrolError: RpcError | null = null;

  override async invoke(method: MethodName, params: unknown): Promise<RpcResponse> {
    if (!method.startsWith('sync.') && method !== 'assessment.list') return super.invoke(method, params);
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
      return { id, ok: true, result: structuredClone(this.handle(method, parsed.data as Params)) };
    } catch (err) {
      if (err instanceof RpcError) return { id, ok: false, error: err.toBody() };
      throw err;
    }
  }

  enrolled(fields: Partial<SyncStatus> = {}): this {
    this.status = {
      ...this.status,
      enrolled: true,
      serverUrl: 'https://dongbo.sogd.edu.vn',
      deviceName: 'Máy phòng Hiệu trưởng',
      username: 'thcsnguyendu',
      school: { id: 'u1', code: '79000123', name: 'Trường THCS Nguyễn Du' },
      lastSuccessAt: '2026-11-28T14:03:00',
      pendingChanges: 0,
      pendingBytes: 0,
      ...fields,
    };
    return this;
  }

  private handle(method: MethodName, p: Params): unknown {
    switch (method) {
      case 'assessment.list':
        return this.assessments;
      case 'sync.status':
        return this.status;
      case 'sync.enrol': {
        if (this.enrolError) throw this.enrolError;
        this.enrolled({
          serverUrl: p.serverUrl,
          username: p.username,
          deviceName: p.deviceName ?? 'MAY-01',
          lastSuccessAt: null,
        });
        return {
          serverUrl: p.serverUrl,
          deviceName: this.status.deviceName,
          school: this.status.school,
          adoptsServerData: false,
        };
      }
      case 'sync.run': {
        const next = this.runResults.length > 1 ? this.runResults.shift()! : (this.runResults[0] ?? {});
        const result: SyncRunResult = {
          pushed: 0,
          pulled: 0,
          blobsUploaded: 0,
          blobsDownloaded: 0,
          conflicts: this.conflicts.filter((c) => c.status === 'open').length,
          errors: [],
          notices: [],
          needsBulkDeleteConfirmation: null,
          ...next,
        };
        if (result.needsBulkDeleteConfirmation) {
          this.status = { ...this.status, blocked: 'bulk_delete', bulkDelete: result.needsBulkDeleteConfirmation };
        } else {
          this.status = { ...this.status, blocked: null, bulkDelete: null, pendingChanges: 0, pendingBytes: 0, lastError: null };
        }
        return result;
      }
      case 'sync.conflicts':
        return this.conflicts.filter((c) => p.status === 'all' || c.status === 'open');
      case 'sync.resolveConflict': {
        const c = this.conflicts.find((x) => x.id === p.id);
        if (!c) throw new RpcError('NOT_FOUND', 'Không tìm thấy xung đột này.');
        if (c.status !== 'open') throw new RpcError('CONFLICT', 'Xung đột này đã được xử lý.');
        c.status = 'resolved';
        c.resolution = p.choice;
        c.resolvedValue = p.choice === 'kept' ? c.keptValue : p.choice === 'other' ? c.otherValue : p.value;
        c.resolvedAt = '2026-11-28T15:00:00.000Z';
        return c;
      }
      case 'sync.exportPackage':
        return {
          packageId: 'p1',
          fileName: 'dong-bo-79000123-20261128.zip',
          bytes: 1572864,
          changes: this.status.pendingChanges,
          blobs: 2,
          manifestSha256: 'ab'.repeat(32),
          inDataDir: true,
        };
      case 'sync.submit': {
        const subjectId = p.kind === 'assessment' ? p.assessmentId : '';
        const previous = this.submissions.filter((s) => s.kind === p.kind && s.subjectId === subjectId);
        const version = previous.length + 1;
        const s: LocalSubmission = {
          id: `sub-${this.submissions.length + 1}`,
          kind: p.kind,
          subjectId,
          version: this.status.enrolled ? version : null,
          state: this.status.enrolled ? 'received' : 'queued',
          stateLabel: '',
          manifestHash: `${version}`.repeat(64).slice(0, 64),
          rowCount: 120,
          blobCount: 4,
          submittedAt: '2026-11-28T15:10:00',
          sentAt: null,
          updatedAt: '2026-11-28T15:10:00',
          events: [],
          diff:
            version > 1
              ? {
                  previousVersion: version - 1,
                  added: [1, 2, 3].map((i) => ({ entity: 'Evidence', id: `a${i}` })),
                  changed: [1, 2, 3, 4, 5].map((i) => ({ entity: 'Evidence', id: `c${i}` })),
                  removed: [{ entity: 'Evidence', id: 'r1' }],
                  blobsAdded: [],
                  blobsRemoved: [],
                }
              : null,
          lastError: null,
        };
        this.submissions.push(s);
        return s;
      }
      case 'sync.submissions':
        return { submissions: [...this.submissions].reverse(), refreshed: true, error: null };
      default:
        throw new RpcError('UNKNOWN_METHOD', method);
    }
  }
}

/** The seeded THCS school, logged in as `role` (admin by default), with the sync RPCs. */
export function syncBridge(role: Role = 'admin'): SyncBridge {
  const bridge = new SyncBridge();
  bridge.state = seededBridge().state;
  if (role === 'admin') bridge.state.sessionUserId = bridge.state.users[0]!.id;
  else bridge.state.sessionUserId = bridge.addUser(`u-${role}`, role).id;
  return bridge;
}
