import { useMemo } from 'react';
import { Alert, Button, Card, Flex, Tabs, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useApiQuery } from '../../api/hooks';
import { useCurrentUser } from '../../boot/session';
import { formatDate } from '../../format/date';
import { levelLabel } from '../../labels';
import { levelTagStyle } from '../../components/level';
import { canWriteAssessment, LoadError, Loading, useLevelsFramework, WorkspaceProvider, type WorkspaceValue } from './shared';
import { AssignmentsTab } from './tabs/AssignmentsTab';
import { CouncilTab } from './tabs/CouncilTab';
import { CriteriaTab } from './tabs/CriteriaTab';
import { ImprovementTab } from './tabs/ImprovementTab';
import { MyWorkTab } from './tabs/MyWorkTab';
import { OverviewTab } from './tabs/OverviewTab';
import { PlanTab } from './tabs/PlanTab';
import { SchoolDataTab } from './tabs/SchoolDataTab';

export const TABS = ['overview', 'council', 'plan', 'assignments', 'mine', 'criteria', 'improvement', 'data'] as const;
export type TabKey = (typeof TABS)[number];

/** One assessment year: a header with its framework and state, and its tabs. */
export function WorkspaceScreen() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const { id = '', tab: tabParam, code } = useParams();
  const tab: TabKey = (TABS as readonly string[]).includes(tabParam ?? '') ? (tabParam as TabKey) : 'overview';
  const assessment = useApiQuery('assessment.get', { id });
  const { framework, isPending: fwPending, error: fwError } = useLevelsFramework(assessment.data?.frameworkId);
  const levels = useApiQuery('assessment.levels', { id }, { enabled: !!assessment.data });
  const base = `/self-assessment/${id}`;

  const value = useMemo<WorkspaceValue | null>(
    () =>
      assessment.data && framework
        ? {
            assessment: assessment.data,
            framework,
            canWrite: canWriteAssessment(user.role),
            openCriterion: (c: string) => navigate(`${base}/criteria/${c}`),
            base,
          }
        : null,
    [assessment.data, framework, user.role, navigate, base],
  );

  if (assessment.isPending || fwPending) return <Loading />;
  if (assessment.isError) return <LoadError error={assessment.error} />;
  if (fwError) return <LoadError error={fwError} />;
  if (!value) return <Alert type="warning" showIcon title={t('sa.workspace.notLevels')} />;
  const a = value.assessment;

  return (
    <WorkspaceProvider value={value}>
      <Flex
        vertical
        gap={12}
        // Wide tables (Biểu 2) scroll inside the page instead of widening it and squeezing the menu.
        style={{ contain: 'inline-size' }}
        data-testid="sa-workspace"
        data-assessment={a.id}
      >
        <Card size="small" styles={{ body: { padding: '10px 16px' } }}>
          <Flex align="center" gap={12} wrap justify="space-between">
            <Flex align="center" gap={12} wrap style={{ minWidth: 0 }}>
              <Button
                type="text"
                size="small"
                icon={<ArrowLeftOutlined aria-hidden />}
                onClick={() => navigate('/self-assessment')}
                aria-label={t('sa.workspace.back')}
                data-testid="sa-back"
              />
              <Typography.Title level={4} style={{ margin: 0 }} data-testid="sa-title">
                {a.title}
              </Typography.Title>
              <Tag>{levelLabel(t, a.educationLevel)}</Tag>
              <Tag color="blue" title={t('sa.workspace.frameworkVersion', { version: a.frameworkVersion })}>
                {a.frameworkTitle}
              </Tag>
              {a.status === 'approved' ? (
                <Tag color="green" data-testid="sa-status">
                  {t('sa.status.approvedOn', { date: formatDate(a.approvedAt) })}
                </Tag>
              ) : (
                <Tag color="processing" data-testid="sa-status">
                  {t('sa.status.in_progress')}
                </Tag>
              )}
            </Flex>
            {levels.data && (
              <Flex align="center" gap={8}>
                <Typography.Text type="secondary">{t('sa.workspace.schoolLevel')}</Typography.Text>
                <Tag
                  style={levelTagStyle(levels.data.schoolLevel)}
                  data-testid="sa-header-level"
                  data-level={levels.data.schoolLevel}
                >
                  {levels.data.schoolLevelLabel}
                </Tag>
              </Flex>
            )}
          </Flex>
          {a.frameworkLoadedVersion && a.pinned && a.frameworkLoadedVersion !== a.frameworkVersion && (
            <Alert
              type="info"
              showIcon
              style={{ marginTop: 8 }}
              title={t('sa.workspace.frameworkChanged', { pinned: a.frameworkVersion, loaded: a.frameworkLoadedVersion })}
            />
          )}
        </Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => navigate(`${base}/${k}`)}
          style={{ marginBottom: -12 }}
          data-testid="sa-tabs"
          items={TABS.map((k) => ({ key: k, label: <span data-testid={`sa-tab-${k}`}>{t(`sa.tabs.${k}`)}</span> }))}
        />
        <div data-testid={`sa-panel-${tab}`}>
          {tab === 'overview' && <OverviewTab />}
          {tab === 'council' && <CouncilTab />}
          {tab === 'plan' && <PlanTab />}
          {tab === 'assignments' && <AssignmentsTab />}
          {tab === 'mine' && <MyWorkTab />}
          {tab === 'criteria' && <CriteriaTab code={code} />}
          {tab === 'improvement' && <ImprovementTab />}
          {tab === 'data' && <SchoolDataTab />}
        </div>
      </Flex>
    </WorkspaceProvider>
  );
}
