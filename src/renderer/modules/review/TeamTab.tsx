import { useMemo, useState, type HTMLAttributes } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Skeleton,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { BulbOutlined, CheckOutlined, RollbackOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { NATIONAL_STANDARD_CODE } from '../../../core/levels/team-level-conditions';
import type { ReviewDossier, TeamProposed, TeamView } from '../../../contract/schemas/review';
import { errorText } from '../../api/error-text';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { formatTime, JudgmentTag, LEVELS, PlainList } from './shared';

type MemberJudgment = TeamView['criteria'][number]['verdicts'][number];
interface Row {
  key: string;
  criterionCode: string;
  label: string;
  verdict: boolean;
  judgments: MemberJudgment[];
  disagreement: boolean;
  /** The engine's level of the criterion (criterion rows). */
  proposedCriterion?: TeamProposed['criteria'][number];
  /** The merged team judgment (requirement rows). */
  proposedRequirement?: TeamProposed['requirements'][number];
}

/**
 * Đoàn thẩm định: members' judgments side by side, with the level the engine suggests from the
 * merged judgments (src/core/levels/team-level.ts); the lead concludes, returns or accepts.
 */
export function TeamTab({ dossier: d, leadOrAdmin, admin }: { dossier: ReviewDossier; leadOrAdmin: boolean; admin: boolean }) {
  const { t, i18n } = useTranslation();
  const team = useApiQuery('review.team', { submissionId: d.submissionId });
  const [onlyDisagreements, setOnly] = useState(false);

  const rows = useMemo<Row[]>(() => {
    const out: Row[] = [];
    const proposed = team.data?.proposed ?? null;
    for (const c of team.data?.criteria ?? []) {
      const conditions = c.criterionCode === NATIONAL_STANDARD_CODE;
      const title = d.criteria.find((x) => x.code === c.criterionCode)?.title ?? '';
      out.push({
        key: c.criterionCode,
        criterionCode: c.criterionCode,
        label: conditions ? t('rv.team.conditions') : `${c.criterionCode}. ${title}`,
        verdict: true,
        judgments: c.verdicts,
        disagreement: c.disagreement,
        proposedCriterion: proposed?.criteria.find((x) => x.criterionCode === c.criterionCode),
      });
      for (const r of c.requirements)
        out.push({
          key: `${c.criterionCode}/${r.level}.${r.requirementCode}`,
          criterionCode: c.criterionCode,
          label: conditions
            ? t('rv.team.condition', { key: r.requirementCode })
            : t('rv.team.requirement', { level: r.level, code: r.requirementCode }),
          verdict: false,
          judgments: r.judgments,
          disagreement: r.disagreement,
          proposedRequirement: proposed?.requirements.find(
            (x) => x.criterionCode === c.criterionCode && x.level === r.level && x.requirementCode === r.requirementCode,
          ),
        });
    }
    return onlyDisagreements ? out.filter((r) => r.disagreement) : out;
  }, [team.data, d.criteria, onlyDisagreements, t]);

  if (team.isPending) return <Skeleton active />;
  if (team.error) return <Alert type="error" showIcon title={errorText(team.error, t, i18n.language)} />;
  const view = team.data;

  return (
    <Flex vertical gap={16} data-testid="rv-team">
      <ProposedCard proposed={view.proposed ?? null} />
      <Card
        size="small"
        title={t('rv.team.title')}
        extra={
          <Space>
            <Switch checked={onlyDisagreements} onChange={setOnly} data-testid="rv-team-only" />
            {t('rv.team.onlyDisagreements')}
          </Space>
        }
      >
        <Table<Row>
          size="small"
          rowKey="key"
          pagination={false}
          scroll={{ x: true }}
          dataSource={rows}
          locale={{ emptyText: t('rv.team.empty') }}
          onRow={(r) =>
            ({
              'data-testid': `rv-team-row-${r.key}`,
              'data-disagreement': r.disagreement ? 'true' : 'false',
              style: r.disagreement ? { background: '#fff1f0' } : r.verdict ? { background: '#fafafa' } : undefined,
            }) as HTMLAttributes<HTMLElement>
          }
          columns={[
            {
              title: t('rv.team.item'),
              key: 'label',
              fixed: 'left',
              render: (_, r) => (
                <span style={{ paddingLeft: r.verdict ? 0 : 16, fontWeight: r.verdict ? 600 : undefined }}>
                  {r.label}{' '}
                  {r.disagreement && (
                    <Tag color="red" data-testid="rv-disagreement">
                      {t('rv.team.disagreement')}
                    </Tag>
                  )}
                </span>
              ),
            },
            {
              title: t('rv.team.proposed'),
              key: 'proposed',
              render: (_: unknown, r: Row) => <ProposedCell row={r} />,
            },
            ...view.members.map((m) => ({
              title: (
                <span>
                  {m.name} <Typography.Text type="secondary">({t(`rv.role.${m.role}`)})</Typography.Text>
                </span>
              ),
              key: m.accountId,
              render: (_: unknown, r: Row) => <MemberCell row={r} j={r.judgments.find((x) => x.accountId === m.accountId)} />,
            })),
          ]}
        />
      </Card>
      <Card size="small" title={t('rv.team.comments')}>
        <PlainList
          items={view.comments}
          rowKey={(x) => x.id}
          empty={t('rv.comments.empty')}
          render={(x) => (
            <Flex vertical gap={2} style={{ padding: '6px 0' }}>
              <Space size={4} wrap>
                <Tag color={x.kind === 'evidence_request' ? 'volcano' : 'blue'}>{t(`rv.comments.kind.${x.kind}`)}</Tag>
                <Tag>
                  {x.criterionCode}
                  {x.requirementRef && ` · ${x.requirementRef}`}
                </Tag>
                <Typography.Text type="secondary">
                  {x.authorName}, {formatTime(x.createdAt)}
                </Typography.Text>
                {x.returnedWith && <Tag color="orange">{t('rv.team.sentToSchool')}</Tag>}
              </Space>
              <span style={{ whiteSpace: 'pre-wrap' }}>{x.body}</span>
              {x.reply && (
                <Typography.Text type="success">
                  {t('rv.team.reply', { by: x.replyBy })}: {x.reply}
                </Typography.Text>
              )}
            </Flex>
          )}
        />
      </Card>
      {leadOrAdmin ? (
        <LeadActions dossier={d} view={view} admin={admin} />
      ) : (
        view.conclusion && (
          <Card size="small" title={t('rv.conclusion.title')}>
            {t('rv.levelN', { level: view.conclusion.level })} — {view.conclusion.conclusion}
          </Card>
        )
      )}
    </Flex>
  );
}

/** The school level the engine gives the team's merged judgments, with its reasons. */
function ProposedCard({ proposed }: { proposed: TeamProposed | null }) {
  const { t } = useTranslation();
  if (!proposed) return <Alert type="info" showIcon title={t('rv.team.proposedNone')} data-testid="rv-proposed-none" />;
  return (
    <Alert
      type="info"
      showIcon
      icon={<BulbOutlined aria-hidden />}
      data-testid="rv-proposed-school"
      title={t('rv.team.proposedTitle', { level: proposed.school.label })}
      description={
        <Flex vertical gap={4}>
          <span data-testid="rv-proposed-explanation">{proposed.school.explanation}</span>
          <Typography.Text type="secondary">
            {t('rv.team.proposedRule')}: {proposed.rule}
          </Typography.Text>
        </Flex>
      }
    />
  );
}

/** Criterion rows: the suggested level (reasons on hover); requirement rows: the merged judgment and its basis. */
function ProposedCell({ row }: { row: Row }) {
  const { t } = useTranslation();
  const c = row.proposedCriterion;
  if (row.verdict) {
    if (!c) return <Typography.Text type="secondary">—</Typography.Text>;
    return (
      <Tooltip title={c.explanation}>
        <Space size={2} data-testid={`rv-proposed-${row.criterionCode}`}>
          {c.assessed ? (
            <Tag color={c.level > 0 ? 'geekblue' : 'red'}>{c.levelLabel}</Tag>
          ) : (
            <Tag>{t('rv.team.notAssessed')}</Tag>
          )}
          {c.ties.length > 0 && <Tag color="orange">{t('rv.team.tie')}</Tag>}
        </Space>
      </Tooltip>
    );
  }
  const r = row.proposedRequirement;
  if (!r) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={2} data-testid={`rv-proposed-${row.key}`}>
      <JudgmentTag judgment={r.judgment} />
      <Typography.Text type="secondary">{t(`rv.team.basis.${r.basis}`)}</Typography.Text>
    </Space>
  );
}

function MemberCell({ row, j }: { row: Row; j: MemberJudgment | undefined }) {
  const { t } = useTranslation();
  if (!j) return <Typography.Text type="secondary">—</Typography.Text>;
  const agree = j.agree ? <Tag color={j.agree === 'agree' ? 'green' : 'red'}>{t(`rv.agree.short.${j.agree}`)}</Tag> : null;
  const main = row.verdict ? (
    j.levelReached === null ? (
      <Typography.Text type="secondary">—</Typography.Text>
    ) : (
      <Tag color="blue">{t('rv.levelN', { level: j.levelReached })}</Tag>
    )
  ) : (
    <JudgmentTag judgment={j.judgment} />
  );
  const cell = (
    <Space size={2}>
      {main}
      {agree}
    </Space>
  );
  return j.note ? <Tooltip title={j.note}>{cell}</Tooltip> : cell;
}

function useInvalidateReview() {
  const queryClient = useQueryClient();
  return () => {
    for (const k of ['review.team', 'review.inbox', 'review.audit', 'review.dashboard', 'review.diff'])
      void queryClient.invalidateQueries({ queryKey: [k] });
  };
}

interface ConclusionValues {
  level: number;
  findings: string;
  conclusion: string;
  recommendation: string;
}

function LeadActions({ dossier: d, view, admin }: { dossier: ReviewDossier; view: TeamView; admin: boolean }) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const refresh = useInvalidateReview();
  const [form] = Form.useForm<ConclusionValues>();
  const [returning, setReturning] = useState(false);
  const [deciding, setDeciding] = useState(false);
  const onError = (err: unknown) => void message.error(errorText(err, t, i18n.language));
  const conclude = useApiMutation('review.conclude', {
    onSuccess: () => {
      void message.success(t('rv.conclusion.saved'));
      refresh();
    },
    onError,
  });
  const accept = useApiMutation('review.accept', {
    onSuccess: () => {
      void message.success(t('rv.accept.done'));
      refresh();
    },
    onError,
  });
  const c = view.conclusion;
  return (
    <Card size="small" title={t('rv.conclusion.title')} data-testid="rv-conclusion">
      <Form<ConclusionValues>
        form={form}
        layout="vertical"
        initialValues={{
          // The lead may choose otherwise; until a conclusion exists the engine's suggestion is the default.
          level: c?.level ?? view.proposed?.school.level ?? d.schoolLevel ?? 0,
          findings: c?.findings ?? '',
          conclusion: c?.conclusion ?? '',
          recommendation: c?.recommendation ?? '',
        }}
        onFinish={(v) => conclude.mutate({ submissionId: d.submissionId, ...v })}
      >
        <Form.Item
          name="level"
          label={t('rv.conclusion.level')}
          rules={[{ required: true }]}
          extra={
            view.proposed ? (
              <span data-testid="rv-conclusion-proposed">
                {t('rv.conclusion.proposedHint', { level: view.proposed.school.label })}
              </span>
            ) : undefined
          }
        >
          <Select
            style={{ width: 160 }}
            data-testid="rv-conclusion-level"
            options={LEVELS.map((l) => ({ value: l, label: t('rv.levelN', { level: l }) }))}
          />
        </Form.Item>
        <Form.Item name="findings" label={t('rv.conclusion.findings')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} />
        </Form.Item>
        <Form.Item
          name="conclusion"
          label={t('rv.conclusion.conclusion')}
          rules={[{ required: true, whitespace: true, message: t('rv.conclusion.required') }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} data-testid="rv-conclusion-text" />
        </Form.Item>
        <Form.Item name="recommendation" label={t('rv.conclusion.recommendation')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} />
        </Form.Item>
        <Flex wrap gap={8}>
          <Button type="primary" htmlType="submit" loading={conclude.isPending} data-testid="rv-conclude">
            {t('rv.conclusion.save')}
          </Button>
          <Button icon={<RollbackOutlined aria-hidden />} onClick={() => setReturning(true)} data-testid="rv-return">
            {t('rv.return.button')}
          </Button>
          <Tooltip title={c ? undefined : t('rv.accept.needsConclusion')}>
            <Button
              icon={<CheckOutlined aria-hidden />}
              disabled={!c}
              loading={accept.isPending}
              data-testid="rv-accept"
              onClick={() =>
                modal.confirm({
                  title: t('rv.accept.confirm', { school: d.school.name }),
                  okText: t('rv.accept.button'),
                  cancelText: t('rv.cancel'),
                  onOk: () => accept.mutateAsync({ submissionId: d.submissionId }),
                })
              }
            >
              {t('rv.accept.button')}
            </Button>
          </Tooltip>
          {admin && (
            <Button icon={<SafetyCertificateOutlined aria-hidden />} onClick={() => setDeciding(true)} data-testid="rv-decide">
              {t('rv.decision.button')}
            </Button>
          )}
        </Flex>
        {c && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('rv.conclusion.setAt', { at: formatTime(c.setAt) })}
          </Typography.Paragraph>
        )}
      </Form>
      {returning && <ReturnModal submissionId={d.submissionId} onClose={() => setReturning(false)} />}
      {deciding && <DecisionModal submissionId={d.submissionId} level={c?.level ?? null} onClose={() => setDeciding(false)} />}
    </Card>
  );
}

function ReturnModal({ submissionId, onClose }: { submissionId: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const refresh = useInvalidateReview();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const ret = useApiMutation('review.return', {
    onSuccess: () => {
      void message.success(t('rv.return.done'));
      refresh();
      onClose();
    },
    onError: (err) => setError(errorText(err, t, i18n.language)),
  });
  return (
    <Modal
      open
      title={t('rv.return.title')}
      okText={t('rv.return.ok')}
      cancelText={t('rv.cancel')}
      confirmLoading={ret.isPending}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'rv-return-ok' }}
      onOk={() => {
        if (!text.trim()) return setError(t('rv.return.required'));
        ret.mutate({ submissionId, message: text.trim() });
      }}
    >
      <Typography.Paragraph type="secondary">{t('rv.return.intro')}</Typography.Paragraph>
      <Input.TextArea
        autoSize={{ minRows: 4, maxRows: 12 }}
        value={text}
        onChange={(e) => setText(e.target.value)}
        data-testid="rv-return-message"
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
    </Modal>
  );
}

interface DecisionValues {
  number: string;
  date: string;
  level?: number;
  validYears: number;
}

function DecisionModal({ submissionId, level, onClose }: { submissionId: string; level: number | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const refresh = useInvalidateReview();
  const [form] = Form.useForm<DecisionValues>();
  const [error, setError] = useState<string | null>(null);
  const decide = useApiMutation('review.decide', {
    onSuccess: (r) => {
      void message.success(t('rv.decision.done', { until: r.validUntil }));
      refresh();
      onClose();
    },
    onError: (err) => setError(errorText(err, t, i18n.language)),
  });
  const submit = async () => {
    let v: DecisionValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    decide.mutate({ submissionId, ...v, level: v.level ?? undefined });
  };
  return (
    <Modal
      open
      title={t('rv.decision.title')}
      okText={t('rv.decision.ok')}
      cancelText={t('rv.cancel')}
      confirmLoading={decide.isPending}
      onCancel={onClose}
      onOk={submit}
      okButtonProps={{ 'data-testid': 'rv-decide-ok' }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ validYears: 5, level: level ?? undefined, date: new Date().toISOString().slice(0, 10) }}
      >
        <Form.Item
          name="number"
          label={t('rv.decision.number')}
          rules={[{ required: true, whitespace: true, message: t('rv.decision.numberRequired') }]}
        >
          <Input data-testid="rv-decide-number" placeholder="123/QĐ-SGDĐT" />
        </Form.Item>
        <Form.Item name="date" label={t('rv.decision.date')} rules={[{ required: true }]}>
          <Input type="date" data-testid="rv-decide-date" />
        </Form.Item>
        <Form.Item name="level" label={t('rv.decision.level')}>
          <Select allowClear options={LEVELS.map((l) => ({ value: l, label: t('rv.levelN', { level: l }) }))} />
        </Form.Item>
        <Form.Item name="validYears" label={t('rv.decision.validYears')} rules={[{ required: true }]}>
          <InputNumber min={1} max={10} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
