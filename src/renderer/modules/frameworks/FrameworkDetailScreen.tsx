import { useEffect, useRef, useState } from 'react';
import { Button, Card, Flex, Result, Skeleton, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, CalculatorOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { findCriterion, standardOf, type Framework, type LevelsFramework } from '../../../core/frameworks';
import { errorText } from '../../api/error-text';
import { isApiError } from '../../api/client';
import { formatDate } from '../../format/date';
import { CriterionDetail } from './CriterionDetail';
import { criterionPath, frameworkStatus, LEVEL4_SEGMENT, STATUS_COLORS, todayIso } from './framework-info';
import { FrameworkOverview, Level4Panel } from './FrameworkOverview';
import { criterionKey, FrameworkTree, INFO_KEY, LEVEL4_KEY } from './FrameworkTree';
import { PointsFrameworkView } from './PointsFrameworkView';
import { ProvenanceTag } from './ProvenanceTag';
import { normalizeQuery } from './search';
import { TryLevelsDrawer } from './TryLevelsDrawer';
import { useFramework } from './useFrameworks';

/** /frameworks/:id and /frameworks/:id/:criterionCode — one framework, browsed. */
export function FrameworkDetailScreen() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { id = '', criterionCode } = useParams();
  const query = useFramework(id);
  const [tryOpen, setTryOpen] = useState(false);
  const [trialLevels, setTrialLevels] = useState<Record<string, number>>({});

  if (query.isPending)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  if (query.isError)
    return (
      <Result
        status={isApiError(query.error, 'NOT_FOUND') ? '404' : 'warning'}
        title={errorText(query.error, t, i18n.language)}
        extra={
          <Button onClick={() => navigate('/frameworks')} data-testid="fw-back">
            {t('fw.backToList')}
          </Button>
        }
      />
    );
  const fw = query.data;

  return (
    <div
      data-testid="fw-detail"
      data-framework={fw.id}
      // The header of the shell is 64 px and its content pads 24 px: the panes take the rest, and
      // each scrolls on its own so the tree stays in view while a long criterion is read.
      style={{
        display: 'flex',
        flexDirection: 'column',
        gap: 16,
        height: fw.kind === 'levels' ? 'calc(100vh - 112px)' : undefined,
      }}
    >
      <FrameworkHeader framework={fw} onTry={fw.kind === 'levels' ? () => setTryOpen(true) : undefined} />
      {fw.kind === 'levels' ? (
        <>
          <LevelsBrowser framework={fw} segment={criterionCode} />
          <TryLevelsDrawer
            framework={fw}
            open={tryOpen}
            onClose={() => setTryOpen(false)}
            levels={trialLevels}
            onChange={setTrialLevels}
          />
        </>
      ) : (
        <PointsFrameworkView framework={fw} />
      )}
    </div>
  );
}

function FrameworkHeader({ framework: fw, onTry }: { framework: Framework; onTry?: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const status = frameworkStatus(fw, todayIso());
  return (
    <Card size="small" styles={{ body: { padding: '10px 16px' } }}>
      <Flex align="center" gap={12} wrap>
        <Button
          type="text"
          icon={<ArrowLeftOutlined />}
          onClick={() => navigate('/frameworks')}
          aria-label={t('fw.backToList')}
          title={t('fw.backToList')}
          data-testid="fw-back"
        />
        <div style={{ flex: 1, minWidth: 240 }}>
          <Flex align="center" gap={8} wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="fw-title">
              {fw.shortTitle}
            </Typography.Title>
            <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid="fw-status">
              {t(`fw.status.${status}`)}
            </Tag>
            <ProvenanceTag grade={fw.source.grade} note={fw.source.note} testId="fw-grade" />
            {fw.kind === 'points' && !fw.complete && (
              <Tag color="orange" style={{ marginInlineEnd: 0 }}>
                {t('fw.incomplete')}
              </Tag>
            )}
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {fw.source.number}
            {fw.source.annex && ` — ${fw.source.annex}`} ·{' '}
            {fw.effectiveTo
              ? t('fw.dates.range', { from: formatDate(fw.effectiveFrom), to: formatDate(fw.effectiveTo) })
              : t('fw.dates.from', { from: formatDate(fw.effectiveFrom) })}
          </Typography.Text>
        </div>
        {onTry && (
          <Button icon={<CalculatorOutlined />} onClick={onTry} data-testid="fw-try">
            {t('fw.try.button')}
          </Button>
        )}
      </Flex>
    </Card>
  );
}

function LevelsBrowser({ framework, segment }: { framework: LevelsFramework; segment?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const q = normalizeQuery(search);
  const detailRef = useRef<HTMLDivElement>(null);
  const criterion = segment && segment !== LEVEL4_SEGMENT ? findCriterion(framework, segment) : undefined;
  const standard = criterion ? standardOf(framework, criterion.code) : undefined;
  const level4 = segment === LEVEL4_SEGMENT && framework.levelRule.type === 'all-criteria';
  const selected = criterion ? criterionKey(criterion.code) : level4 ? LEVEL4_KEY : INFO_KEY;

  useEffect(() => {
    detailRef.current?.scrollTo?.({ top: 0 });
  }, [segment]);

  const open = (code?: string) => navigate(criterionPath(framework.id, code));
  const onSelect = (key: string) => {
    if (key === INFO_KEY) open();
    else if (key === LEVEL4_KEY) open(LEVEL4_SEGMENT);
    else if (key.startsWith('c:')) open(key.slice(2));
  };

  let detail;
  if (criterion && standard) {
    detail = (
      <CriterionDetail
        framework={framework}
        standard={standard}
        criterion={criterion}
        query={q}
        onOpen={(code) => open(code)}
        onOpenLevel4={() => open(LEVEL4_SEGMENT)}
      />
    );
  } else if (level4) {
    detail = <Level4Panel framework={framework} query={q} />;
  } else if (segment) {
    detail = (
      <Result
        status="404"
        title={t('fw.criterionNotFound', { code: segment })}
        extra={<Button onClick={() => open()}>{t('fw.tree.info')}</Button>}
        data-testid="fw-criterion-not-found"
      />
    );
  } else {
    detail = (
      <FrameworkOverview
        framework={framework}
        extra={
          <Typography.Paragraph type="secondary" data-testid="fw-pick-hint">
            {t('fw.pickHint')}
          </Typography.Paragraph>
        }
      />
    );
  }

  return (
    <div style={{ display: 'flex', gap: 16, flex: 1, minHeight: 0 }}>
      <Card
        size="small"
        style={{ flex: '0 0 34%', minWidth: 280, maxWidth: 440, display: 'flex', flexDirection: 'column', minHeight: 0 }}
        styles={{ body: { flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column', padding: 12 } }}
        data-testid="fw-tree-pane"
      >
        <FrameworkTree framework={framework} selected={selected} onSelect={onSelect} query={search} onQueryChange={setSearch} />
      </Card>
      <Card
        style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column', minHeight: 0 }}
        styles={{ body: { flex: 1, minHeight: 0, display: 'flex', padding: 0 } }}
        data-testid="fw-detail-pane"
      >
        <div ref={detailRef} style={{ flex: 1, minWidth: 0, overflow: 'auto', padding: '16px 24px' }}>
          {detail}
        </div>
      </Card>
    </div>
  );
}
