import { useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Result, Select, Skeleton, Space, Tabs, Typography } from 'antd';
import { LinkOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { errorText } from '../../api/error-text';
import { useCurrentUser } from '../../boot/session';
import { roleLabel } from '../../labels';
import { AddLinkModal } from './AddLinkModal';
import { EvidenceDrawer } from './EvidenceDrawer';
import { EvidenceTable } from './EvidenceTable';
import { HealthView } from './HealthView';
import { UploadModal } from './UploadModal';
import { canEditEvidence, useEvidenceFrameworks, useLevelsFramework } from './shared';

type Tab = 'list' | 'health';

/**
 * Kho minh chứng at /evidence (list) and /evidence/health (library check). The framework is
 * in the address (?fw=…), as is the evidence open in the drawer (?ev=<id>), so a link from
 * another screen can open one evidence directly.
 */
export function EvidenceScreen() {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const editor = canEditEvidence(user.role);
  const navigate = useNavigate();
  const location = useLocation();
  const { tab: tabParam } = useParams();
  const tab: Tab = tabParam === 'health' ? 'health' : 'list';
  const [params, setParams] = useSearchParams();
  const { frameworks, defaultId, isPending, error } = useEvidenceFrameworks();
  const fwId = params.get('fw') ?? defaultId;
  const { framework, isPending: fwPending, error: fwError } = useLevelsFramework(fwId);
  const openId = params.get('ev');
  const [upload, setUpload] = useState<{ open: boolean; criterion?: string }>({ open: false });
  const [addLink, setAddLink] = useState<{ open: boolean; criterion?: string }>({ open: false });

  const setParam = (key: string, value: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value === null) next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: key !== 'ev' },
    );
  const openEvidence = (id: string) => setParam('ev', id);

  if (isPending || (fwPending && !!fwId))
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  const loadError = error ?? fwError;
  if (loadError) return <Result status="warning" title={errorText(loadError, t, i18n.language)} />;
  if (!framework || frameworks.length === 0) return <Empty description={t('ev.noFramework')} />;

  return (
    <div data-testid="ev-screen">
      <Flex justify="space-between" align="flex-start" gap={16} wrap style={{ marginBottom: 8 }}>
        <div style={{ flex: '1 1 420px', minWidth: 0 }}>
          <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
            {t('ev.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ maxWidth: 820, marginBottom: 8 }}>
            {t('ev.intro')}
          </Typography.Paragraph>
        </div>
        <div>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {t('ev.framework')}
          </Typography.Text>
          <Select
            value={framework.id}
            onChange={(id) => setParams({ fw: id }, { replace: true })}
            options={frameworks.map((f) => ({ value: f.id, label: f.shortTitle }))}
            style={{ width: 300 }}
            aria-label={t('ev.framework')}
            data-testid="ev-framework"
          />
          {framework.evidenceCode && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 2 }}>
              {t('ev.frameworkHint', { example: framework.evidenceCode.example })}
            </Typography.Text>
          )}
        </div>
      </Flex>
      {!editor && (
        <Alert
          type="info"
          showIcon
          title={t('ev.readOnly', { role: roleLabel(t, user.role) })}
          style={{ marginBottom: 12 }}
          data-testid="ev-readonly"
        />
      )}
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => navigate({ pathname: k === 'health' ? '/evidence/health' : '/evidence', search: location.search })}
          tabBarExtraContent={
            editor && (
              <Space wrap>
                <Button
                  type="primary"
                  icon={<UploadOutlined aria-hidden />}
                  onClick={() => setUpload({ open: true })}
                  data-testid="ev-add-files"
                >
                  {t('ev.actions.addFiles')}
                </Button>
                <Button icon={<LinkOutlined aria-hidden />} onClick={() => setAddLink({ open: true })} data-testid="ev-add-link">
                  {t('ev.actions.addLink')}
                </Button>
              </Space>
            )
          }
          items={[
            {
              key: 'list',
              label: <span data-testid="ev-tab-list">{t('ev.tabs.list')}</span>,
              children: <EvidenceTable key={framework.id} framework={framework} onOpen={openEvidence} />,
            },
            {
              key: 'health',
              label: <span data-testid="ev-tab-health">{t('ev.tabs.health')}</span>,
              children: (
                <HealthView
                  key={framework.id}
                  framework={framework}
                  onOpen={openEvidence}
                  canAdd={editor}
                  onAddFor={(criterion) => setUpload({ open: true, criterion })}
                />
              ),
            },
          ]}
        />
      </Card>
      <EvidenceDrawer id={openId} framework={framework} onClose={() => setParam('ev', null)} />
      {editor && (
        <>
          <UploadModal
            key={`up-${framework.id}`}
            open={upload.open}
            framework={framework}
            initialCriterion={upload.criterion}
            onClose={() => setUpload({ open: false })}
          />
          <AddLinkModal
            key={`al-${framework.id}`}
            open={addLink.open}
            framework={framework}
            initialCriterion={addLink.criterion}
            onClose={() => setAddLink({ open: false })}
            onAdded={openEvidence}
          />
        </>
      )}
    </div>
  );
}
