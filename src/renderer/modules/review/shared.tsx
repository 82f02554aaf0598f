import type { ReactNode } from 'react';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReviewStatus } from '../../../contract/schemas/review';
import type { SubmissionState } from '../../../contract/sync-protocol';
import { useApiQuery } from '../../api/hooks';

export function useReviewStatus() {
  return useApiQuery('review.status', {});
}

/** A department admin may assign teams and record decisions (server: dept_admin). */
export const isDeptAdmin = (status: ReviewStatus | undefined) => status?.account?.role === 'dept_admin';

const STATE_COLORS: Record<SubmissionState, string> = {
  submitted: 'default',
  received: 'blue',
  under_review: 'processing',
  returned: 'orange',
  accepted: 'green',
};

export function StateTag({ state }: { state: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLORS[state as SubmissionState] ?? 'default'} data-testid="rv-state">
      {t(`rv.state.${state}`, { defaultValue: state })}
    </Tag>
  );
}

export function RoleTag({ role }: { role: string }) {
  const { t } = useTranslation();
  const color = role === 'lead' ? 'gold' : role === 'admin' ? 'purple' : 'cyan';
  return <Tag color={color}>{t(`rv.role.${role}`, { defaultValue: role })}</Tag>;
}

export function JudgmentTag({ judgment }: { judgment: string }) {
  const { t } = useTranslation();
  const color = judgment === 'met' ? 'green' : judgment === 'not_met' ? 'red' : 'default';
  return <Tag color={color}>{t(`rv.judgment.${judgment}`, { defaultValue: judgment })}</Tag>;
}

/** "28/11/2026" from an ISO date or time; '' for null. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** "14:03 28/11/2026" from an ISO time (local clock). */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())} ${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()}`;
}

export const LEVELS = [0, 1, 2, 3, 4] as const;

/** A plain list (antd's List is deprecated in 6.x): one bordered row per item, a text when empty. */
export function PlainList<T>({
  items,
  rowKey,
  render,
  empty,
  testId,
}: {
  items: T[];
  rowKey: (item: T) => string;
  render: (item: T) => ReactNode;
  empty?: ReactNode;
  testId?: string;
}) {
  if (items.length === 0 && empty !== undefined)
    return <div style={{ padding: '8px 0', color: 'rgba(0,0,0,0.45)' }}>{empty}</div>;
  return (
    <ul data-testid={testId} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {items.map((item) => (
        <li key={rowKey(item)} style={{ borderBottom: '1px solid #f0f0f0' }}>
          {render(item)}
        </li>
      ))}
    </ul>
  );
}
