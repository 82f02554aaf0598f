import { useMemo, useState } from 'react';
import { Alert, App, Badge, Button, Card, Empty, Flex, Input, Radio, Select, Space, Tag, Typography } from 'antd';
import { CloudUploadOutlined, EyeOutlined, MessageOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { joinNoteEvidence, NATIONAL_STANDARD_CODE, splitNoteEvidence } from '../../../core/levels/team-level-conditions';
import type { ReviewDossier } from '../../../contract/schemas/review';
import { errorText } from '../../api/error-text';
import { useApiMutation } from '../../api/hooks';
import { EvidenceViewer } from './EvidenceViewer';
import { JudgmentTag, LEVELS, PlainList } from './shared';

type Criterion = ReviewDossier['criteria'][number];
type Requirement = Criterion['requirements'][number];
type Agree = 'agree' | 'disagree' | '';

/** Judgments and comments made on this computer that the server has not received yet. */
export function pendingCount(d: ReviewDossier): number {
  let n = 0;
  for (const c of d.criteria) {
    if (c.verdict && !c.verdict.pushed) n++;
    for (const r of c.requirements) if (r.mine && !r.mine.pushed) n++;
    for (const x of c.comments) if (!x.pushed) n++;
  }
  for (const c of d.conditions ?? []) if (c.mine && !c.mine.pushed) n++;
  return n;
}

/** The offline review: criteria on the left, the chosen criterion's requirements and my work on the right. */
export function ReviewWork({ dossier: d }: { dossier: ReviewDossier }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [code, setCode] = useState(d.criteria[0]?.code ?? '');
  const criterion = d.criteria.find((c) => c.code === code) ?? d.criteria[0];
  const pending = pendingCount(d);

  const push = useApiMutation('review.pushJudgments', {
    onSuccess: (r) => {
      void message.success(t('rv.push.done', { judgments: r.judgments, comments: r.comments }));
      if (r.locked.length > 0) void message.warning(t('rv.push.locked', { count: r.locked.length }));
      void queryClient.invalidateQueries({ queryKey: ['review.dossier'] });
      void queryClient.invalidateQueries({ queryKey: ['review.team'] });
    },
    onError: (err) => void message.error(errorText(err, t, i18n.language)),
  });

  if (!criterion) return <Empty description={t('rv.work.noCriteria')} />;
  return (
    <div data-testid="rv-work">
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('rv.work.offline')}</Typography.Text>
        <Badge count={pending} data-testid="rv-pending" title={t('rv.push.pending', { count: pending })}>
          <Button
            type="primary"
            icon={<CloudUploadOutlined aria-hidden />}
            loading={push.isPending}
            disabled={pending === 0}
            onClick={() => push.mutate({ submissionId: d.submissionId })}
            data-testid="rv-push"
          >
            {t('rv.push.button')}
          </Button>
        </Badge>
      </Flex>
      <Flex gap={16} align="flex-start">
        <Card
          size="small"
          style={{ width: 340, flex: 'none', maxHeight: '75vh', overflow: 'auto' }}
          styles={{ body: { padding: 0 } }}
        >
          <PlainList
            items={d.criteria}
            rowKey={(c) => c.code}
            testId="rv-criteria"
            render={(c) => (
              <div
                role="button"
                tabIndex={0}
                aria-current={c.code === criterion.code ? 'true' : undefined}
                onClick={() => setCode(c.code)}
                onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && setCode(c.code)}
                data-testid={`rv-criterion-${c.code}`}
                style={{ cursor: 'pointer', padding: '8px 12px', background: c.code === criterion.code ? '#e6f4ff' : undefined }}
              >
                <Flex vertical gap={2} style={{ width: '100%' }}>
                  <span>
                    <strong>{c.code}</strong> {c.title}
                  </span>
                  <Space size={4} wrap>
                    <Tag>{t('rv.work.schoolLevel', { level: c.schoolLevel })}</Tag>
                    {c.verdict?.levelReached !== undefined && c.verdict?.levelReached !== null ? (
                      <Tag color="blue" data-testid="rv-my-verdict">
                        {t('rv.work.myLevel', { level: c.verdict.levelReached })}
                      </Tag>
                    ) : (
                      <Tag color="default">{t('rv.work.noVerdict')}</Tag>
                    )}
                    {c.comments.length > 0 && <Tag icon={<MessageOutlined aria-hidden />}>{c.comments.length}</Tag>}
                  </Space>
                </Flex>
              </div>
            )}
          />
          {d.conditions && (
            <div
              role="button"
              tabIndex={0}
              aria-current={code === NATIONAL_STANDARD_CODE ? 'true' : undefined}
              onClick={() => setCode(NATIONAL_STANDARD_CODE)}
              onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && setCode(NATIONAL_STANDARD_CODE)}
              data-testid={`rv-criterion-${NATIONAL_STANDARD_CODE}`}
              style={{
                cursor: 'pointer',
                padding: '8px 12px',
                background: code === NATIONAL_STANDARD_CODE ? '#e6f4ff' : undefined,
              }}
            >
              <strong>{t('rv.work.conditions.title')}</strong>
            </div>
          )}
        </Card>
        <div style={{ flex: 1, minWidth: 0 }}>
          {code === NATIONAL_STANDARD_CODE && d.conditions ? (
            <ConditionsPane dossier={d} conditions={d.conditions} />
          ) : (
            <CriterionPane key={criterion.code} dossier={d} criterion={criterion} />
          )}
        </div>
      </Flex>
    </div>
  );
}

function useJudge(submissionId: string) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return useApiMutation('review.judge', {
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['review.dossier', { submissionId }] }),
    onError: (err) => void message.error(errorText(err, t, i18n.language)),
  });
}

function CriterionPane({ dossier: d, criterion: c }: { dossier: ReviewDossier; criterion: Criterion }) {
  const { t } = useTranslation();
  const [anchor, setAnchor] = useState('c');
  const [viewing, setViewing] = useState<string | null>(null);
  const evidence = useMemo(() => {
    const m = new Map<string, Requirement['evidence'][number]>();
    for (const r of c.requirements) for (const e of r.evidence) m.set(e.id, e);
    return [...m.values()];
  }, [c]);
  const levels = [...new Set(c.requirements.map((r) => r.level))].sort();
  const viewed = viewing ? d.evidence.find((e) => e.id === viewing) : undefined;

  return (
    <Flex vertical gap={12} data-testid="rv-criterion-pane">
      <div>
        <Typography.Text type="secondary">
          {c.standardCode}. {c.standardTitle}
        </Typography.Text>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {c.code}. {c.title}
        </Typography.Title>
      </div>
      <VerdictCard submissionId={d.submissionId} criterion={c} />
      {levels.map((level) => (
        <Card key={level} size="small" title={t('rv.levelN', { level })}>
          <Flex vertical gap={12}>
            {c.requirements
              .filter((r) => r.level === level)
              .map((r) => (
                <RequirementBlock
                  key={`${r.level}.${r.requirementCode}`}
                  submissionId={d.submissionId}
                  criterionCode={c.code}
                  requirement={r}
                  onComment={() => setAnchor(`r:${r.level}.${r.requirementCode}`)}
                  onView={setViewing}
                />
              ))}
          </Flex>
        </Card>
      ))}
      <Card size="small" title={t('rv.work.evidence')} data-testid="rv-evidence">
        {evidence.length === 0 ? (
          <Typography.Text type="secondary">{t('rv.work.noEvidence')}</Typography.Text>
        ) : (
          <PlainList
            items={evidence}
            rowKey={(e) => e.id}
            render={(e) => (
              <Flex justify="space-between" align="center" gap={8} style={{ padding: '6px 0' }}>
                <span>
                  <Tag color="geekblue">{e.code}</Tag> {e.title}
                  {!e.hasFile && <Typography.Text type="secondary"> ({t('rv.work.noFile')})</Typography.Text>}
                </span>
                <Space size={4}>
                  <Button
                    size="small"
                    icon={<EyeOutlined aria-hidden />}
                    disabled={!e.hasFile}
                    onClick={() => setViewing(e.id)}
                    data-testid={`rv-view-${e.code}`}
                  >
                    {t('rv.work.view')}
                  </Button>
                  <Button size="small" type="link" onClick={() => setAnchor(`e:${e.id}`)}>
                    {t('rv.work.askAbout')}
                  </Button>
                </Space>
              </Flex>
            )}
          />
        )}
      </Card>
      <CommentsCard dossier={d} criterion={c} evidence={evidence} anchor={anchor} setAnchor={setAnchor} />
      {viewing && (
        <EvidenceViewer
          submissionId={d.submissionId}
          evidenceId={viewing}
          code={viewed?.code ?? ''}
          title={viewed?.title ?? ''}
          fileName={viewed?.fileName ?? ''}
          onClose={() => setViewing(null)}
        />
      )}
    </Flex>
  );
}

type Condition = NonNullable<ReviewDossier['conditions']>[number];

/**
 * TT 57 Điều 16: my judgment of each national-standard condition, with the dossier's evidence
 * it rests on (kept in the note as citation tokens). Condition c follows the team's level.
 */
function ConditionsPane({ dossier: d, conditions }: { dossier: ReviewDossier; conditions: Condition[] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('rv.work.conditions.title')} data-testid="rv-conditions">
      <Typography.Paragraph type="secondary">{t('rv.work.conditions.intro')}</Typography.Paragraph>
      <Flex vertical gap={12}>
        {conditions.map((c) => (
          <ConditionBlock key={c.key} dossier={d} condition={c} />
        ))}
      </Flex>
    </Card>
  );
}

function ConditionBlock({ dossier: d, condition: c }: { dossier: ReviewDossier; condition: Condition }) {
  const { t } = useTranslation();
  const judge = useJudge(d.submissionId);
  const initial = splitNoteEvidence(c.mine?.note ?? '');
  const [judgment, setJudgment] = useState(c.mine?.judgment ?? 'unassessed');
  const [evidenceIds, setEvidence] = useState<string[]>(initial.evidenceIds);
  const [note, setNote] = useState(initial.text);
  const save = (patch: { judgment?: typeof judgment; evidenceIds?: string[]; note?: string }) => {
    const next = { judgment, evidenceIds, note, ...patch };
    judge.mutate({
      submissionId: d.submissionId,
      criterionCode: NATIONAL_STANDARD_CODE,
      level: 1,
      requirementCode: c.key,
      judgment: next.judgment,
      note: joinNoteEvidence(next.note, next.evidenceIds),
    });
  };
  return (
    <div data-testid={`rv-condition-${c.key}`} style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 12 }}>
      <Flex justify="space-between" gap={8}>
        <Typography.Text strong>
          {c.key}) {c.text}
        </Typography.Text>
        {c.mine && <PushedTag pushed={c.mine.pushed} />}
      </Flex>
      {!c.judged ? (
        <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }}>
          {t('rv.work.conditions.levelDriven')}
        </Typography.Paragraph>
      ) : (
        <Flex vertical gap={6} style={{ marginTop: 6 }}>
          <Radio.Group
            value={judgment}
            data-testid={`rv-condition-judge-${c.key}`}
            onChange={(e) => {
              const v = e.target.value as typeof judgment;
              setJudgment(v);
              save({ judgment: v });
            }}
          >
            <Radio.Button value="met">{t('rv.judgment.met')}</Radio.Button>
            <Radio.Button value="not_met">{t('rv.judgment.not_met')}</Radio.Button>
          </Radio.Group>
          <Select
            mode="multiple"
            allowClear
            value={evidenceIds}
            placeholder={t('rv.work.conditions.evidence')}
            data-testid={`rv-condition-evidence-${c.key}`}
            optionFilterProp="label"
            onChange={(ids: string[]) => {
              setEvidence(ids);
              save({ evidenceIds: ids });
            }}
            options={d.evidence.map((e) => ({ value: e.id, label: `${e.code} — ${e.title}` }))}
          />
          <Input.TextArea
            autoSize={{ minRows: 1, maxRows: 5 }}
            placeholder={t('rv.work.conditions.note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            onBlur={() => note !== initial.text && save({})}
            data-testid={`rv-condition-note-${c.key}`}
          />
        </Flex>
      )}
    </div>
  );
}

function AgreeRadio({ value, onChange, testId }: { value: Agree; onChange: (v: Agree) => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <Radio.Group value={value} onChange={(e) => onChange(e.target.value as Agree)} data-testid={testId}>
      <Radio value="agree">{t('rv.agree.agree')}</Radio>
      <Radio value="disagree">{t('rv.agree.disagree')}</Radio>
    </Radio.Group>
  );
}

/** My verdict on the whole criterion: level reached, agree with the school, note. */
function VerdictCard({ submissionId, criterion: c }: { submissionId: string; criterion: Criterion }) {
  const { t } = useTranslation();
  const judge = useJudge(submissionId);
  const [levelReached, setLevel] = useState<number | null>(c.verdict?.levelReached ?? null);
  const [agree, setAgree] = useState<Agree>(c.verdict?.agree ?? '');
  const [note, setNote] = useState(c.verdict?.note ?? '');
  const save = (patch: { levelReached?: number | null; agree?: Agree; note?: string }) => {
    const next = { levelReached, agree, note, ...patch };
    judge.mutate({ submissionId, criterionCode: c.code, judgment: 'unassessed', ...next });
  };
  return (
    <Card
      size="small"
      title={t('rv.work.verdict')}
      data-testid="rv-verdict"
      extra={
        <Space>
          <Tag>{t('rv.work.schoolLevel', { level: c.schoolLevel })}</Tag>
          {c.verdict && <PushedTag pushed={c.verdict.pushed} />}
        </Space>
      }
    >
      <Flex wrap gap={16} align="center">
        <span>
          {t('rv.work.levelReached')}{' '}
          <Select
            style={{ width: 120 }}
            value={levelReached}
            allowClear
            placeholder="—"
            data-testid="rv-level-reached"
            onChange={(v: number | null | undefined) => {
              const l = v ?? null;
              setLevel(l);
              save({ levelReached: l });
            }}
            options={LEVELS.map((l) => ({ value: l, label: t('rv.levelN', { level: l }) }))}
          />
        </span>
        <AgreeRadio
          value={agree}
          testId="rv-verdict-agree"
          onChange={(v) => {
            setAgree(v);
            save({ agree: v });
          }}
        />
      </Flex>
      <Input.TextArea
        style={{ marginTop: 8 }}
        autoSize={{ minRows: 2, maxRows: 6 }}
        placeholder={t('rv.work.note')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        onBlur={() => note !== (c.verdict?.note ?? '') && save({})}
        data-testid="rv-verdict-note"
      />
    </Card>
  );
}

function PushedTag({ pushed }: { pushed: boolean }) {
  const { t } = useTranslation();
  return pushed ? <Tag color="green">{t('rv.work.pushed')}</Tag> : <Tag color="orange">{t('rv.work.notPushed')}</Tag>;
}

function RequirementBlock({
  submissionId,
  criterionCode,
  requirement: r,
  onComment,
  onView,
}: {
  submissionId: string;
  criterionCode: string;
  requirement: Requirement;
  onComment: () => void;
  onView: (evidenceId: string) => void;
}) {
  const { t } = useTranslation();
  const judge = useJudge(submissionId);
  const [judgment, setJudgment] = useState(r.mine?.judgment ?? 'unassessed');
  const [agree, setAgree] = useState<Agree>(r.mine?.agree ?? '');
  const [note, setNote] = useState(r.mine?.note ?? '');
  const ref = `${r.level}.${r.requirementCode}`;
  const save = (patch: { judgment?: typeof judgment; agree?: Agree; note?: string }) =>
    judge.mutate({
      submissionId,
      criterionCode,
      level: r.level,
      requirementCode: r.requirementCode,
      ...{ judgment, agree, note, ...patch },
    });
  return (
    <div data-testid={`rv-req-${ref}`} style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 12 }}>
      <Flex justify="space-between" gap={8}>
        <Typography.Text strong>
          {r.requirementCode}. {r.text}
        </Typography.Text>
        <Space size={4}>
          <Typography.Text type="secondary">{t('rv.work.school')}</Typography.Text>
          <JudgmentTag judgment={r.judgment} />
          {r.mine && <PushedTag pushed={r.mine.pushed} />}
        </Space>
      </Flex>
      <div
        style={{ whiteSpace: 'pre-wrap', background: '#fafafa', padding: 8, margin: '6px 0', border: '1px solid #f0f0f0' }}
        data-testid="rv-description"
      >
        {r.description || <Typography.Text type="secondary">{t('rv.work.noDescription')}</Typography.Text>}
      </div>
      {r.evidence.length > 0 && (
        <Space size={4} wrap style={{ marginBottom: 6 }}>
          {r.evidence.map((e) => (
            <Tag
              key={e.id}
              color="geekblue"
              style={{ cursor: e.hasFile ? 'pointer' : undefined }}
              onClick={() => e.hasFile && onView(e.id)}
              title={e.title}
            >
              {e.code}
            </Tag>
          ))}
        </Space>
      )}
      <Flex wrap gap={16} align="center">
        <Radio.Group
          value={judgment}
          data-testid={`rv-judge-${ref}`}
          onChange={(e) => {
            const v = e.target.value as typeof judgment;
            setJudgment(v);
            save({ judgment: v });
          }}
        >
          <Radio.Button value="met">{t('rv.judgment.met')}</Radio.Button>
          <Radio.Button value="not_met">{t('rv.judgment.not_met')}</Radio.Button>
        </Radio.Group>
        <AgreeRadio
          value={agree}
          testId={`rv-agree-${ref}`}
          onChange={(v) => {
            setAgree(v);
            save({ agree: v });
          }}
        />
        <Button size="small" type="link" icon={<MessageOutlined aria-hidden />} onClick={onComment}>
          {t('rv.work.commentHere')}
        </Button>
      </Flex>
      <Input.TextArea
        style={{ marginTop: 6 }}
        autoSize={{ minRows: 1, maxRows: 5 }}
        placeholder={t('rv.work.note')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        onBlur={() => note !== (r.mine?.note ?? '') && save({})}
        data-testid={`rv-note-${ref}`}
      />
    </div>
  );
}

function CommentsCard({
  dossier: d,
  criterion: c,
  evidence,
  anchor,
  setAnchor,
}: {
  dossier: ReviewDossier;
  criterion: Criterion;
  evidence: Requirement['evidence'];
  anchor: string;
  setAnchor: (a: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<'comment' | 'evidence_request'>('comment');
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const comment = useApiMutation('review.comment', {
    onSuccess: () => {
      setBody('');
      setError(null);
      void queryClient.invalidateQueries({ queryKey: ['review.dossier', { submissionId: d.submissionId }] });
    },
    onError: (err) => setError(errorText(err, t, i18n.language)),
  });
  const anchorLabel = (requirementRef: string, evidenceId: string) => {
    if (evidenceId) return t('rv.comments.onEvidence', { code: d.evidence.find((e) => e.id === evidenceId)?.code ?? evidenceId });
    if (requirementRef) return t('rv.comments.onRequirement', { ref: requirementRef });
    return t('rv.comments.onCriterion', { code: c.code });
  };
  const options = [
    { value: 'c', label: t('rv.comments.onCriterion', { code: c.code }) },
    ...c.requirements.map((r) => ({
      value: `r:${r.level}.${r.requirementCode}`,
      label: t('rv.comments.onRequirement', { ref: `${r.level}.${r.requirementCode}` }),
    })),
    ...evidence.map((e) => ({ value: `e:${e.id}`, label: t('rv.comments.onEvidence', { code: e.code }) })),
  ];
  const submit = () => {
    if (!body.trim()) {
      setError(t('rv.comments.bodyRequired'));
      return;
    }
    comment.mutate({
      submissionId: d.submissionId,
      kind,
      criterionCode: c.code,
      requirementRef: anchor.startsWith('r:') ? anchor.slice(2) : '',
      evidenceId: anchor.startsWith('e:') ? anchor.slice(2) : '',
      body: body.trim(),
    });
  };
  return (
    <Card size="small" title={t('rv.comments.title')} data-testid="rv-comments">
      <PlainList
        items={c.comments}
        rowKey={(x) => x.id}
        empty={t('rv.comments.empty')}
        render={(x) => (
          <Flex vertical gap={2} style={{ width: '100%', padding: '6px 0' }} data-testid="rv-comment">
            <Space size={4} wrap>
              <Tag color={x.kind === 'evidence_request' ? 'volcano' : 'blue'}>{t(`rv.comments.kind.${x.kind}`)}</Tag>
              <Tag>{anchorLabel(x.requirementRef, x.evidenceId)}</Tag>
              <PushedTag pushed={x.pushed} />
            </Space>
            <span style={{ whiteSpace: 'pre-wrap' }}>{x.body}</span>
          </Flex>
        )}
      />
      <Flex vertical gap={8} style={{ marginTop: 8 }}>
        <Flex gap={8} wrap>
          <Select
            value={kind}
            onChange={setKind}
            style={{ width: 220 }}
            data-testid="rv-comment-kind"
            options={[
              { value: 'comment', label: t('rv.comments.kind.comment') },
              { value: 'evidence_request', label: t('rv.comments.kind.evidence_request') },
            ]}
          />
          <Select
            value={anchor}
            onChange={setAnchor}
            style={{ minWidth: 240 }}
            options={options}
            data-testid="rv-comment-anchor"
          />
        </Flex>
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 8 }}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          placeholder={t('rv.comments.placeholder')}
          data-testid="rv-comment-body"
        />
        {error && <Alert type="error" showIcon title={error} />}
        <div>
          <Button onClick={submit} loading={comment.isPending} data-testid="rv-comment-add">
            {t('rv.comments.add')}
          </Button>
        </div>
      </Flex>
    </Card>
  );
}
