/**
 * The readiness check before the whole report is approved: everything that blocks approval
 * (blockers) and what deserves a look (warnings), each with a Vietnamese message and the
 * criterion / requirement / evidence it is about, so the UI can link to the place to fix.
 */
import type { LevelsFramework } from '../frameworks/framework.schema';
import { allCriteria, requirementsAt } from '../frameworks/lookup';
import type { CouncilCheck } from './council';
import {
  backedCriterionLevel,
  citationProblemText,
  formatDate,
  levelConsidered,
  type CitationStatus,
  type EntryForLevels,
} from './gating';
import { REVIEW_STATE_LABELS, type ReviewState } from './review';

export const READINESS_KINDS = [
  'unassessed',
  'met_without_evidence',
  'evidence_missing',
  'evidence_rejected',
  'evidence_expired',
  'evidence_other_framework',
  'evidence_unverified',
  'carried_unconfirmed',
  'council',
  'criterion_not_approved',
  'summary_missing',
  'no_improvement_plan',
  'deadline_passed',
  'framework_version_changed',
] as const;
export type ReadinessKind = (typeof READINESS_KINDS)[number];

export type ReadinessSeverity = 'blocker' | 'warning';

export interface ReadinessItem {
  kind: ReadinessKind;
  severity: ReadinessSeverity;
  message: string;
  criterionCode?: string;
  level?: number;
  requirementCode?: string;
  evidenceId?: string;
  evidenceCode?: string | null;
  /** Standard (TT 57) or criterion (2018) whose summary is missing. */
  scopeCode?: string;
  /** Carried plan task / improvement row / issue. */
  itemId?: string;
}

export interface Readiness {
  ready: boolean;
  counts: { blockers: number; warnings: number };
  byKind: Partial<Record<ReadinessKind, number>>;
  items: ReadinessItem[];
}

export interface ReadinessEntry extends EntryForLevels {
  citations: readonly CitationStatus[];
}

export interface ReadinessInput {
  framework: LevelsFramework;
  entries: readonly ReadinessEntry[];
  /** Criterion code → review state (absent = draft). */
  reviewStates: Readonly<Record<string, ReviewState>>;
  council: CouncilCheck;
  /** Standards (TT 57) or criteria (2018) that need strengths / weaknesses. */
  summaryScopes: readonly { code: string; label: string }[];
  summaries: Readonly<Record<string, { strengths: string; weaknesses: string }>>;
  /** Carried-over plan tasks, improvement rows and issues still to confirm. */
  carried: readonly { kind: 'plan_task' | 'improvement_item' | 'improvement_issue'; id: string; title: string }[];
  improvementItemCount: number;
  /** The framework's approval deadline for this school year, if any. */
  deadline: { date: string; label: string } | null;
  today: string;
  frameworkVersion: { pinned: string; loaded: string };
}

const CITATION_KIND: Record<NonNullable<CitationStatus['problem']>, ReadinessKind> = {
  missing: 'evidence_missing',
  rejected: 'evidence_rejected',
  expired: 'evidence_expired',
  other_framework: 'evidence_other_framework',
};

const CARRIED_TEXT = {
  plan_task: 'Nhiệm vụ kế hoạch',
  improvement_item: 'Nội dung kế hoạch cải tiến',
  improvement_issue: 'Vấn đề cải tiến',
} as const;

export function checkReadiness(input: ReadinessInput): Readiness {
  const fw = input.framework;
  const items: ReadinessItem[] = [];
  const entryAt = new Map(input.entries.map((e) => [`${e.criterionCode}|${e.level}|${e.requirementCode}`, e]));

  for (const criterion of allCriteria(fw)) {
    const result = backedCriterionLevel(
      fw,
      criterion,
      input.entries.filter((e) => e.criterionCode === criterion.code),
    );
    for (const lv of criterion.levels) {
      if (!levelConsidered(result, lv.level)) continue;
      for (const req of requirementsAt(criterion, lv.level)) {
        const where = { criterionCode: criterion.code, level: lv.level, requirementCode: req.code };
        const label = `Tiêu chí ${criterion.code}, Mức ${lv.level}${requirementsAt(criterion, lv.level).length > 1 ? `, yêu cầu ${req.code}` : ''}`;
        const e = entryAt.get(`${criterion.code}|${lv.level}|${req.code}`);
        if (e?.needsConfirmation) {
          items.push({
            kind: 'carried_unconfirmed',
            severity: 'blocker',
            ...where,
            message: `${label}: nội dung chuyển từ năm trước, cần xác nhận lại.`,
          });
          continue;
        }
        if (!e || e.judgment === 'unassessed') {
          items.push({ kind: 'unassessed', severity: 'blocker', ...where, message: `${label}: chưa đánh giá.` });
        } else if (e.judgment === 'met' && (e.description.trim() === '' || e.validEvidenceIds.length === 0)) {
          items.push({
            kind: 'met_without_evidence',
            severity: 'blocker',
            ...where,
            message: `${label}: đánh giá "Đạt" nhưng ${e.description.trim() === '' ? 'chưa có mô tả hiện trạng' : 'chưa có minh chứng hợp lệ'}.`,
          });
        }
        for (const c of e?.citations ?? []) {
          if (c.problem) {
            items.push({
              kind: CITATION_KIND[c.problem],
              severity: 'blocker',
              ...where,
              evidenceId: c.evidenceId,
              evidenceCode: c.code,
              message: `${label}: ${citationProblemText(c)}.`,
            });
          } else if (c.unverified) {
            items.push({
              kind: 'evidence_unverified',
              severity: 'blocker',
              ...where,
              evidenceId: c.evidenceId,
              evidenceCode: c.code,
              message: `${label}: ${citationProblemText(c)}.`,
            });
          }
        }
      }
    }
    const state = input.reviewStates[criterion.code] ?? 'draft';
    if (state !== 'approved') {
      items.push({
        kind: 'criterion_not_approved',
        severity: 'blocker',
        criterionCode: criterion.code,
        message: `Tiêu chí ${criterion.code} chưa được duyệt (đang "${REVIEW_STATE_LABELS[state]}").`,
      });
    }
  }

  for (const p of input.council.problems) {
    items.push({ kind: 'council', severity: 'blocker', message: `Hội đồng tự đánh giá: ${p.message}` });
  }

  for (const scope of input.summaryScopes) {
    const s = input.summaries[scope.code];
    const missing = [
      !s || s.strengths.trim() === '' ? 'điểm mạnh' : '',
      !s || s.weaknesses.trim() === '' ? 'điểm hạn chế' : '',
    ].filter(Boolean);
    if (missing.length > 0) {
      items.push({
        kind: 'summary_missing',
        severity: 'blocker',
        scopeCode: scope.code,
        message: `${scope.label}: chưa viết ${missing.join(' và ')}.`,
      });
    }
  }

  for (const c of input.carried) {
    items.push({
      kind: 'carried_unconfirmed',
      severity: 'blocker',
      itemId: c.id,
      message: `${CARRIED_TEXT[c.kind]} "${c.title}" chuyển từ năm trước, cần xác nhận lại.`,
    });
  }

  if (input.improvementItemCount === 0) {
    items.push({
      kind: 'no_improvement_plan',
      severity: 'warning',
      message: 'Chưa có nội dung kế hoạch cải tiến chất lượng (Biểu 2).',
    });
  }
  if (input.deadline && input.today > input.deadline.date) {
    items.push({
      kind: 'deadline_passed',
      severity: 'warning',
      message: `Đã quá hạn: ${input.deadline.label} (${formatDate(input.deadline.date)}).`,
    });
  }
  if (input.frameworkVersion.pinned !== input.frameworkVersion.loaded) {
    items.push({
      kind: 'framework_version_changed',
      severity: 'warning',
      message: `Dữ liệu khung đánh giá đã được cập nhật (phiên bản ${input.frameworkVersion.pinned} → ${input.frameworkVersion.loaded}); hãy rà soát lại nội dung yêu cầu.`,
    });
  }

  const byKind: Partial<Record<ReadinessKind, number>> = {};
  for (const i of items) byKind[i.kind] = (byKind[i.kind] ?? 0) + 1;
  const blockers = items.filter((i) => i.severity === 'blocker').length;
  return { ready: blockers === 0, counts: { blockers, warnings: items.length - blockers }, byKind, items };
}
