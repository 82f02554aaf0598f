import { describe, expect, it } from 'vitest';
import { checkCouncil } from './council';
import type { CitationStatus } from './gating';
import { checkReadiness, type ReadinessEntry, type ReadinessInput } from './readiness';
import { tt18, tt57 } from './test-frameworks';

const CODES = tt57.standards.flatMap((s) => s.criteria.map((c) => c.code));
const valid = (id: string): CitationStatus => ({
  evidenceId: id,
  code: `MC.${id}`,
  title: '',
  problem: null,
  unverified: false,
  validUntil: null,
});

const entry = (code: string, level: number, over: Partial<ReadinessEntry> = {}): ReadinessEntry => ({
  criterionCode: code,
  level,
  requirementCode: '1',
  description: 'Hiện trạng.',
  judgment: 'met',
  needsConfirmation: false,
  validEvidenceIds: ['e1'],
  citations: [valid('e1')],
  ...over,
});

const council = checkCouncil(
  tt57.councilRules,
  ['chair', 'secretary', 'member', 'member', 'member'].map((r) => ({ councilRole: r as 'member' })),
);

function ready(over: Partial<ReadinessInput> = {}): ReadinessInput {
  return {
    framework: tt57,
    entries: CODES.flatMap((c) => [entry(c, 1), entry(c, 2, { judgment: 'not_met', validEvidenceIds: [], citations: [] })]),
    reviewStates: Object.fromEntries(CODES.map((c) => [c, 'approved' as const])),
    council,
    summaryScopes: tt57.standards.map((s) => ({ code: s.code, label: `Tiêu chuẩn ${s.code}` })),
    summaries: Object.fromEntries(tt57.standards.map((s) => [s.code, { strengths: 'Mạnh.', weaknesses: 'Yếu.' }])),
    carried: [],
    improvementItemCount: 1,
    deadline: { date: '2027-06-15', label: 'Phê duyệt báo cáo tự đánh giá trước 15/6' },
    today: '2027-06-01',
    frameworkVersion: { pinned: tt57.version, loaded: tt57.version },
    ...over,
  };
}

describe('checkReadiness', () => {
  it('a complete, approved, backed assessment is ready', () => {
    expect(checkReadiness(ready())).toEqual({ ready: true, counts: { blockers: 0, warnings: 0 }, byKind: {}, items: [] });
  });

  it('an empty one lists unassessed Mức 1 requirements only (Mức 2 is not considered yet)', () => {
    const r = checkReadiness(ready({ entries: [], reviewStates: {} }));
    expect(r.byKind).toEqual({ unassessed: 15, criterion_not_approved: 15 });
    expect(r.items.filter((i) => i.kind === 'unassessed').every((i) => i.level === 1)).toBe(true);
    expect(r.items.find((i) => i.kind === 'criterion_not_approved')!.message).toBe('Tiêu chí 1.1 chưa được duyệt (đang "Nháp").');
  });

  it('names each problem with its place', () => {
    const entries = ready().entries.map((e) => {
      if (e.criterionCode === '1.1' && e.level === 1)
        return {
          ...e,
          validEvidenceIds: [],
          citations: [{ ...valid('e9'), problem: 'expired' as const, validUntil: '2026-01-31' }],
        };
      if (e.criterionCode === '1.2' && e.level === 1) return { ...e, citations: [{ ...valid('e1'), unverified: true }] };
      if (e.criterionCode === '1.3' && e.level === 1) return { ...e, needsConfirmation: true };
      if (e.criterionCode === '1.4' && e.level === 1) return { ...e, description: '' };
      return e;
    });
    const r = checkReadiness(
      ready({
        entries,
        council: checkCouncil(tt57.councilRules, [{ councilRole: 'chair' }]),
        summaries: {},
        carried: [{ kind: 'plan_task', id: 't1', title: 'Thu thập minh chứng' }],
        improvementItemCount: 0,
        today: '2027-06-20',
        frameworkVersion: { pinned: '2026.1', loaded: '2026.2' },
      }),
    );
    const at = (code: string) => r.items.filter((i) => i.criterionCode === code).map((i) => i.kind);
    // 1.1 Mức 1 is no longer backed, so Mức 1 is not reached and Mức 2 drops out of consideration.
    expect(at('1.1')).toEqual(['met_without_evidence', 'evidence_expired']);
    expect(at('1.2')).toEqual(['evidence_unverified']);
    expect(at('1.3')).toEqual(['carried_unconfirmed']);
    expect(at('1.4')).toEqual(['met_without_evidence']);
    expect(r.items.find((i) => i.kind === 'evidence_expired')).toMatchObject({
      evidenceId: 'e9',
      message: 'Tiêu chí 1.1, Mức 1: MC.e9 đã hết hiệu lực từ 31/01/2026.',
    });
    expect(r.items.filter((i) => i.kind === 'council').map((i) => i.message)).toEqual([
      'Hội đồng tự đánh giá: Hội đồng cần ít nhất 5 thành viên (hiện có 1).',
      'Hội đồng tự đánh giá: Hội đồng cần đúng 1 Thư ký (hiện có 0).',
    ]);
    expect(r.byKind).toMatchObject({
      summary_missing: 4,
      carried_unconfirmed: 2,
      no_improvement_plan: 1,
      deadline_passed: 1,
      framework_version_changed: 1,
    });
    expect(r.items.find((i) => i.kind === 'deadline_passed')!.message).toBe(
      'Đã quá hạn: Phê duyệt báo cáo tự đánh giá trước 15/6 (15/06/2027).',
    );
    expect(r.items.filter((i) => i.severity === 'warning').map((i) => i.kind)).toEqual([
      'no_improvement_plan',
      'deadline_passed',
      'framework_version_changed',
    ]);
    expect(r.ready).toBe(false);
  });

  it('legacy: a/b/c requirements each need a judgment', () => {
    const r = checkReadiness(
      ready({
        framework: tt18,
        entries: [entry('1.1', 1, { requirementCode: 'a' })],
        reviewStates: {},
        council: checkCouncil(tt18.councilRules, []),
        summaryScopes: [],
        summaries: {},
      }),
    );
    expect(r.items.filter((i) => i.kind === 'unassessed' && i.criterionCode === '1.1').map((i) => i.message)).toEqual([
      'Tiêu chí 1.1, Mức 1, yêu cầu b: chưa đánh giá.',
      'Tiêu chí 1.1, Mức 1, yêu cầu c: chưa đánh giá.',
    ]);
  });
});
