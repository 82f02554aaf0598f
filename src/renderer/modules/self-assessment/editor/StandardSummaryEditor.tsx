import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Input, Table, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { summarySchema } from '../../../../contract/schemas/assessment';
import { isApiError } from '../../../api/client';
import { useApi } from '../../../api/ApiProvider';
import { useApiQuery } from '../../../api/hooks';
import { levelTagStyle } from '../../../components/level';
import { LoadError, Loading, useErrorText, useWorkspace } from '../shared';
import { SaveIndicator } from './CriterionEditor';
import type { SaveStatus } from './useCriterionDrafts';

type Summary = z.infer<typeof summarySchema>;
const FIELDS = ['strengths', 'weaknesses', 'causes', 'trend', 'priorities'] as const;
type Field = (typeof FIELDS)[number];
type Values = Record<Field, string>;

const pick = (s: Summary): Values => ({
  strengths: s.strengths,
  weaknesses: s.weaknesses,
  causes: s.causes,
  trend: s.trend,
  priorities: s.priorities,
});

/**
 * Đánh giá chung of one standard (TT 57 Biểu 1): strengths, weaknesses, their causes, the
 * quality trend over three school years and the improvement direction; autosaved like the
 * criterion editor. The weaknesses feed the improvement plan (Cải tiến → "Lấy từ điểm hạn chế").
 */
export function StandardSummaryEditor({ scopeCode }: { scopeCode: string }) {
  const { assessment, framework } = useWorkspace();
  const { t } = useTranslation();
  const q = useApiQuery('summary.list', { assessmentId: assessment.id });
  if (q.isPending) return <Loading />;
  if (q.isError) return <LoadError error={q.error} />;
  const item = q.data.items.find((s) => s.scopeCode === scopeCode);
  if (!item) return <Empty description={t('sa.summary.notFound', { code: scopeCode })} />;
  const trend = q.data.trend;
  const standard = framework.standards.find((s) => s.code === scopeCode);
  return (
    <Flex vertical gap={12} data-testid="standard-summary" data-scope={scopeCode}>
      <Card size="small" title={t('sa.summary.title', { code: scopeCode, title: standard?.title ?? item.title })}>
        <Flex gap={8} wrap align="center">
          <Typography.Text type="secondary">{t('sa.summary.criteria')}</Typography.Text>
          {item.criteria.map((c) => (
            <Tag key={c.code} style={levelTagStyle(c.assessed ? c.level : null)}>
              {c.code}: {c.assessed ? c.levelLabel : t('sa.editor.unassessed')}
            </Tag>
          ))}
        </Flex>
        {trend.length > 1 && (
          <Table
            size="small"
            style={{ marginTop: 10 }}
            pagination={false}
            rowKey="assessmentId"
            dataSource={trend}
            columns={[
              { title: t('sa.summary.year'), dataIndex: 'schoolYear', width: 120 },
              { title: t('sa.summary.schoolLevel'), dataIndex: 'schoolLevelLabel', width: 140 },
              ...(item.criteria.map((c) => ({
                title: c.code,
                key: c.code,
                render: (_: unknown, y: (typeof trend)[number]) =>
                  y.criteria && c.code in y.criteria ? y.criteria[c.code] : '—',
              })) as never[]),
            ]}
          />
        )}
      </Card>
      <SummaryForm key={`${item.scopeCode}`} item={item} />
    </Flex>
  );
}

function SummaryForm({ item }: { item: Summary }) {
  const { t } = useTranslation();
  const { assessment } = useWorkspace();
  const { client } = useApi();
  const qc = useQueryClient();
  const text = useErrorText();
  const [values, setValues] = useState<Values>(() => pick(item));
  const saved = useRef<Values>(pick(item));
  const rev = useRef(item.rev);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inflight = useRef(false);
  const latest = useRef(values);
  latest.current = values;
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });

  const save = async () => {
    if (inflight.current) return;
    const v = latest.current;
    const changed = FIELDS.filter((f) => v[f] !== saved.current[f]);
    if (changed.length === 0) return;
    inflight.current = true;
    setStatus({ kind: 'saving' });
    try {
      const res = await client.call('summary.save', {
        assessmentId: assessment.id,
        scopeCode: item.scopeCode,
        expectedRev: rev.current,
        ...Object.fromEntries(changed.map((f) => [f, v[f]])),
      });
      rev.current = res.rev;
      saved.current = { ...saved.current, ...Object.fromEntries(changed.map((f) => [f, v[f]])) };
      setStatus({ kind: 'saved', at: new Date() });
      void qc.invalidateQueries({ queryKey: ['improvement.get'] });
    } catch (err) {
      setStatus(isApiError(err, 'CONFLICT') ? { kind: 'conflict', message: text(err) } : { kind: 'error', message: text(err) });
      inflight.current = false;
      return;
    }
    inflight.current = false;
    if (FIELDS.some((f) => latest.current[f] !== saved.current[f])) void save();
  };

  const change = (f: Field, value: string) => {
    setValues((v) => ({ ...v, [f]: value }));
    setStatus({ kind: 'pending' });
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), 800);
  };

  useEffect(
    () => () => {
      if (timer.current) {
        clearTimeout(timer.current);
        void save();
      }
    },
    [],
  );

  const reload = async () => {
    const all = await client.call('summary.list', { assessmentId: assessment.id });
    const fresh = all.items.find((s) => s.scopeCode === item.scopeCode);
    if (!fresh) return;
    rev.current = fresh.rev;
    saved.current = pick(fresh);
    setStatus({ kind: 'idle' });
    void save();
  };

  return (
    <Card size="small" title={t('sa.summary.formTitle')} extra={<SaveIndicator status={status} />} data-testid="summary-form">
      {!item.canEdit && <Alert type="info" showIcon title={t('sa.summary.readOnly')} style={{ marginBottom: 12 }} />}
      {status.kind === 'conflict' && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={status.message}
          action={
            <Button size="small" onClick={() => void reload()}>
              {t('sa.save.keepMine')}
            </Button>
          }
        />
      )}
      <Flex vertical gap={12}>
        {FIELDS.map((f) => (
          <label key={f} style={{ display: 'block' }}>
            <Typography.Text strong>{t(`sa.summary.${f}`)}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              {t(`sa.summary.${f}Hint`)}
            </Typography.Text>
            <Input.TextArea
              value={values[f]}
              readOnly={!item.canEdit}
              onChange={(e) => change(f, e.target.value)}
              autoSize={{ minRows: 2, maxRows: 10 }}
              maxLength={20000}
              data-testid={`summary-${f}`}
            />
          </label>
        ))}
      </Flex>
    </Card>
  );
}
