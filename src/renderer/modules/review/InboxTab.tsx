import { useMemo, useState } from 'react';
import { Alert, Button, DatePicker, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { ReloadOutlined, TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { InboxItem, InboxQuery, ReviewStatus } from '../../../contract/schemas/review';
import { SUBMISSION_STATES } from '../../../contract/sync-protocol';
import { errorText } from '../../api/error-text';
import { useApiQuery } from '../../api/hooks';
import { AssignModal } from './AssignModal';
import { formatDate, formatTime, isDeptAdmin, LEVELS, RoleTag, StateTag } from './shared';

/** Hộp thư: the latest version of each dossier this account may see, with filters. */
export function InboxTab({ status }: { status: ReviewStatus }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [query, setQuery] = useState<InboxQuery>({});
  const [assigning, setAssigning] = useState<InboxItem | null>(null);
  const inbox = useApiQuery('review.inbox', query);
  const admin = isDeptAdmin(status);
  const today = new Date().toISOString().slice(0, 10);
  const downloaded = new Set(status.downloaded.map((d) => d.submissionId));
  const set = (patch: Partial<InboxQuery>) =>
    setQuery((q) => Object.fromEntries(Object.entries({ ...q, ...patch }).filter(([, v]) => v !== undefined && v !== '')));

  const schools = useMemo(
    () =>
      status.units.filter((u) => u.id !== status.account?.unit.id && !u.context).map((u) => ({ value: u.id, label: `${u.code} — ${u.name}` })),
    [status],
  );

  return (
    <div data-testid="rv-inbox">
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('rv.inbox.state')}
          style={{ width: 180 }}
          data-testid="rv-filter-state"
          value={query.state}
          onChange={(v) => set({ state: v })}
          options={SUBMISSION_STATES.map((s) => ({ value: s, label: t(`rv.state.${s}`) }))}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('rv.inbox.school')}
          style={{ width: 260 }}
          data-testid="rv-filter-school"
          value={query.school}
          onChange={(v) => set({ school: v })}
          options={schools}
        />
        <Input
          allowClear
          placeholder={t('rv.inbox.framework')}
          style={{ width: 200 }}
          data-testid="rv-filter-framework"
          onChange={(e) => set({ framework: e.target.value.trim() || undefined })}
        />
        <Select
          allowClear
          placeholder={t('rv.inbox.level')}
          style={{ width: 120 }}
          data-testid="rv-filter-level"
          value={query.level}
          onChange={(v) => set({ level: v })}
          options={LEVELS.map((l) => ({ value: l, label: t('rv.levelN', { level: l }) }))}
        />
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          format="DD/MM/YYYY"
          placeholder={[t('rv.inbox.from'), t('rv.inbox.to')]}
          aria-label={t('rv.inbox.submittedAt')}
          data-testid="rv-filter-dates"
          onChange={(range) =>
            set({ from: range?.[0]?.format('YYYY-MM-DD') ?? undefined, to: range?.[1]?.format('YYYY-MM-DD') ?? undefined })
          }
        />
        {/* What schools submit arrives on the server, not here: the reviewer asks again. */}
        <Button
          icon={<ReloadOutlined aria-hidden />}
          loading={inbox.isFetching}
          onClick={() => void inbox.refetch()}
          data-testid="rv-inbox-refresh"
        >
          {t('rv.inbox.refresh')}
        </Button>
      </Flex>
      {inbox.error && (
        <Alert
          type="warning"
          showIcon
          title={errorText(inbox.error, t, i18n.language)}
          description={status.downloaded.length > 0 ? t('rv.inbox.offlineHint') : undefined}
          style={{ marginBottom: 12 }}
        />
      )}
      {status.downloaded.length > 0 && (
        <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }} data-testid="rv-downloaded">
          <Typography.Text type="secondary">{t('rv.inbox.downloaded')}</Typography.Text>
          {status.downloaded.map((d) => (
            <Button key={d.submissionId} size="small" onClick={() => navigate(`/review/dossiers/${d.submissionId}`)}>
              {t('rv.inbox.downloadedItem', { school: d.schoolName, version: d.version, at: formatTime(d.downloadedAt) })}
            </Button>
          ))}
        </Flex>
      )}
      <Table<InboxItem>
        rowKey="submissionId"
        size="middle"
        loading={inbox.isPending}
        dataSource={inbox.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('rv.inbox.empty') }}
        columns={[
          { title: t('rv.inbox.state'), dataIndex: 'state', render: (s: string) => <StateTag state={s} /> },
          {
            title: t('rv.inbox.school'),
            key: 'school',
            render: (_, r) => (
              <Typography.Link onClick={() => navigate(`/review/dossiers/${r.submissionId}`)} data-testid="rv-open">
                {r.schoolCode} — {r.schoolName}
              </Typography.Link>
            ),
          },
          {
            title: t('rv.inbox.framework'),
            key: 'fw',
            render: (_, r) => (
              <>
                {r.frameworkId ?? '—'}
                {r.schoolYear && <Typography.Text type="secondary"> ({r.schoolYear})</Typography.Text>}
              </>
            ),
          },
          { title: t('rv.inbox.version'), dataIndex: 'version', width: 70 },
          {
            title: t('rv.inbox.level'),
            dataIndex: 'level',
            render: (l: number | null) => (l === null ? '—' : t('rv.levelN', { level: l })),
          },
          { title: t('rv.inbox.submittedAt'), dataIndex: 'submittedAt', render: (d: string) => formatDate(d) },
          { title: t('rv.inbox.myRole'), dataIndex: 'myRole', render: (r: string) => <RoleTag role={r} /> },
          {
            title: t('rv.inbox.team'),
            key: 'team',
            render: (_, r) =>
              r.assignment ? (
                <span data-testid="rv-lead">
                  {r.assignment.leadName}
                  {r.assignment.members.length > 0 && (
                    <Typography.Text type="secondary"> +{r.assignment.members.length}</Typography.Text>
                  )}
                </span>
              ) : (
                <Tag>{t('rv.inbox.unassigned')}</Tag>
              ),
          },
          {
            title: t('rv.inbox.deadline'),
            key: 'deadline',
            render: (_, r) => {
              const d = r.assignment?.deadline;
              if (!d) return '—';
              const late = d < today && r.state !== 'accepted' && r.state !== 'returned';
              return <Typography.Text type={late ? 'danger' : undefined}>{formatDate(d)}</Typography.Text>;
            },
          },
          {
            title: '',
            key: 'actions',
            render: (_, r) => (
              <Space>
                {downloaded.has(r.submissionId) && <Tag color="blue">{t('rv.inbox.onThisPc')}</Tag>}
                {admin && (
                  <Button
                    size="small"
                    icon={<TeamOutlined aria-hidden />}
                    onClick={() => setAssigning(r)}
                    data-testid="rv-assign"
                  >
                    {t('rv.assign.button')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {assigning && <AssignModal item={assigning} inbox={inbox.data ?? []} status={status} onClose={() => setAssigning(null)} />}
    </div>
  );
}
