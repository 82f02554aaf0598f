import { createContext, useContext, type ReactNode } from 'react';
import { Card, Result, Skeleton, Tag } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MethodName } from '../../../contract/methods';
import type { AssessmentDto, CouncilRoleDto, ReviewStateDto } from '../../../contract/schemas/assessment';
import type { Role } from '../../../contract/schemas/common';
import { ASSESSMENT_WRITERS } from '../../../contract/methods/assessment';
import type { LevelsFramework } from '../../../core/frameworks';
import { errorText } from '../../api/error-text';
import { useApiQuery } from '../../api/hooks';

/** Frameworks are data shipped with the app: they never change while it runs. */
export const FOREVER = { staleTime: Infinity } as const;

export const canWriteAssessment = (role: Role) => (ASSESSMENT_WRITERS as readonly string[]).includes(role);
export const canCreateAssessment = (role: Role) => role === 'admin' || role === 'secretary';

export interface WorkspaceValue {
  assessment: AssessmentDto;
  framework: LevelsFramework;
  /** The signed-in user may write (role); finer rules come from the server per screen. */
  canWrite: boolean;
  /** Opens a criterion in the editor. */
  openCriterion: (code: string) => void;
  /** Base path of this assessment's workspace: /self-assessment/<id>. */
  base: string;
}

const WorkspaceContext = createContext<WorkspaceValue | null>(null);

export function WorkspaceProvider({ value, children }: { value: WorkspaceValue; children: ReactNode }) {
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}

export function useWorkspace(): WorkspaceValue {
  const v = useContext(WorkspaceContext);
  if (!v) throw new Error('useWorkspace must be used inside the assessment workspace');
  return v;
}

export function useLevelsFramework(id: string | null | undefined) {
  const q = useApiQuery('frameworks.get', { id: id ?? '' }, { ...FOREVER, enabled: !!id });
  return { framework: q.data?.kind === 'levels' ? q.data : undefined, isPending: q.isPending && !!id, error: q.error };
}

/** Reloads every cached answer of these methods (all their inputs). */
export function useInvalidate() {
  const qc = useQueryClient();
  return (...methods: MethodName[]) => Promise.all(methods.map((m) => qc.invalidateQueries({ queryKey: [m] })));
}

/** What changes when anything of an assessment is written: its overview, lists and counts. */
export const ASSESSMENT_VIEWS: MethodName[] = [
  'assessment.get',
  'assessment.list',
  'assessment.levels',
  'assessment.readiness',
  'assessment.status',
  'assessment.myWork',
  'criterion.list',
];

export function useErrorText() {
  const { t, i18n } = useTranslation();
  return (err: unknown) => errorText(err, t, i18n.language);
}

export function Loading() {
  return (
    <Card>
      <Skeleton active />
    </Card>
  );
}

export function LoadError({ error }: { error: unknown }) {
  const text = useErrorText();
  return <Result status="warning" title={text(error)} data-testid="sa-load-error" />;
}

export const REVIEW_STATE_COLORS: Record<ReviewStateDto, string> = {
  draft: 'default',
  pending_review: 'processing',
  pending_approval: 'gold',
  approved: 'green',
  returned: 'red',
};

export function ReviewStateTag({ state, 'data-testid': testId }: { state: ReviewStateDto; 'data-testid'?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={REVIEW_STATE_COLORS[state]} style={{ marginInlineEnd: 0 }} data-testid={testId} data-state={state}>
      {t(`sa.state.${state}`)}
    </Tag>
  );
}

export const COUNCIL_ROLES: CouncilRoleDto[] = ['chair', 'vice_chair', 'secretary', 'member'];

/** Default school year: from August on the one starting this year, before it the current one. */
export function currentSchoolYear(today = new Date()): string {
  const y = today.getFullYear();
  const start = today.getMonth() >= 7 ? y : y - 1;
  return `${start}-${start + 1}`;
}

/** Days from today (local) to an ISO date; negative when past. */
export function daysUntil(iso: string, today = new Date()): number {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  const target = Date.UTC(y!, m! - 1, d!);
  const now = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((target - now) / 86_400_000);
}

export const INFO_TOKENS = { token: { colorInfoBg: '#eef4fb', colorInfoBorder: '#c6d8ef' } };
