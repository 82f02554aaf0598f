import { useMemo, useState } from 'react';
import { Alert, Card, Col, Empty, Flex, Result, Row, Select, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { AssessmentDto } from '../../../contract/schemas/assessment';
import type { ReportKind, ReportOptions } from '../../../contract/schemas/reports';
import { errorText } from '../../api/error-text';
import { useApiQuery } from '../../api/hooks';
import { BuildPanel } from './BuildPanel';
import { HistoryTable } from './HistoryTable';
import { KindCards } from './KindCards';
import { ALL_KINDS, kindFits, type FrameworkFamily } from './kinds';
import { PreviewPanel } from './PreviewPanel';
import { TextsForm } from './TextsForm';

/** Newest school year first, then the newest created. */
export function newestFirst(list: readonly AssessmentDto[]): AssessmentDto[] {
  return [...list].sort((a, b) => b.schoolYear.localeCompare(a.schoolYear) || b.createdAt.localeCompare(a.createdAt));
}

/**
 * Báo cáo at /reports: pick the year (?a=) and the document (?kind=), see the outline and every
 * gap before writing, fill the report's texts, export a draft or the final version, and download
 * it again from the history.
 */
export function ReportsScreen() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const assessments = useApiQuery('assessment.list', {});
  const frameworks = useApiQuery('frameworks.list', {}, { staleTime: Infinity });
  const [options, setOptions] = useState<Partial<ReportOptions>>({ format: 'docx', internal: false });

  const sorted = useMemo(() => newestFirst(assessments.data ?? []), [assessments.data]);
  const assessment = sorted.find((a) => a.id === params.get('a')) ?? sorted[0];
  const family: FrameworkFamily = useMemo(() => {
    const f = frameworks.data?.find((x) => x.id === assessment?.frameworkId)?.family;
    return f === 'tt57' || f === 'legacy2018' ? f : 'other';
  }, [frameworks.data, assessment]);
  const requested = params.get('kind') as ReportKind | null;
  const kind: ReportKind =
    requested && (ALL_KINDS as readonly string[]).includes(requested) && kindFits(requested, family)
      ? requested
      : family === 'legacy2018'
        ? 'legacy'
        : family === 'tt57'
          ? 'bieu1'
          : 'council-decision';

  const setParam = (key: string, value: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.set(key, value);
        return next;
      },
      { replace: true },
    );

  if (assessments.isPending || frameworks.isPending)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  const loadError = assessments.error ?? frameworks.error;
  if (loadError) return <Result status="warning" title={errorText(loadError, t, i18n.language)} />;
  if (!assessment)
    return (
      <Card>
        <Empty description={t('rp.noAssessment')} data-testid="rp-empty" />
      </Card>
    );

  const kindOptions = kind === 'evidence-list' ? options : undefined;

  return (
    <div data-testid="rp-screen">
      <Flex justify="space-between" align="flex-start" gap={16} wrap style={{ marginBottom: 8 }}>
        <div style={{ flex: '1 1 420px', minWidth: 0 }}>
          <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
            {t('rp.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ maxWidth: 820, marginBottom: 8 }}>
            {t('rp.intro')}
          </Typography.Paragraph>
        </div>
        <div>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {t('rp.assessment')}
          </Typography.Text>
          <Select
            value={assessment.id}
            onChange={(id) => setParam('a', id)}
            options={sorted.map((a) => ({ value: a.id, label: `${a.schoolYear} — ${a.title || a.frameworkTitle}` }))}
            style={{ width: 360 }}
            aria-label={t('rp.assessment')}
            data-testid="rp-assessment"
          />
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 2 }}>
            {assessment.frameworkTitle}
          </Typography.Text>
        </div>
      </Flex>
      <KindCards
        family={family}
        value={kind}
        onChange={(k) => setParam('kind', k)}
        options={options}
        onOptions={setOptions}
      />
      {assessment.status === 'approved' ? null : (
        <Alert type="info" showIcon title={t('rp.inProgress')} style={{ margin: '12px 0' }} />
      )}
      <Row gutter={[16, 16]} style={{ marginTop: 12 }}>
        <Col xs={24} xl={14}>
          <PreviewPanel assessmentId={assessment.id} kind={kind} options={kindOptions} />
        </Col>
        <Col xs={24} xl={10}>
          <BuildPanel key={`${assessment.id}-${kind}`} assessmentId={assessment.id} kind={kind} options={kindOptions} />
        </Col>
        <Col span={24}>
          <TextsForm assessmentId={assessment.id} />
        </Col>
        <Col span={24}>
          <HistoryTable assessmentId={assessment.id} />
        </Col>
      </Row>
    </div>
  );
}
