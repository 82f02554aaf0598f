import type { ReactNode } from 'react';
import { Alert, Card, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { useCurrentUser } from '../../boot/session';
import { roleLabel } from '../../labels';
import { AssetDrawer } from './register/AssetDrawer';
import { RegisterTab } from './register/RegisterTab';
import { PlacesTab } from './places/PlacesTab';
import { ImportTab } from './import/ImportTab';
import { ExportTab } from './export/ExportTab';
import { WearTab } from './wear/WearTab';
import { SummaryTab } from './summary/SummaryTab';
import { TasksTab } from './tasks/TasksTab';
import { canEditAssets } from './shared';

export const ASSET_TABS = ['register', 'places', 'import', 'export', 'wear', 'summary', 'tasks'] as const;
export type AssetTab = (typeof ASSET_TABS)[number];

/**
 * Tài sản & phòng: the register (sổ tài sản) and everything around it. The tab is in the path
 * (/assets/import), the asset open in the drawer in the query (?asset=<id>), so another screen
 * (a stocktake line, a task) can link to one asset directly.
 */
export function AssetsScreen() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const editor = canEditAssets(user.role);
  const navigate = useNavigate();
  const location = useLocation();
  const { tab: tabParam } = useParams();
  const tab: AssetTab = (ASSET_TABS as readonly string[]).includes(tabParam ?? '') ? (tabParam as AssetTab) : 'register';
  const [params, setParams] = useSearchParams();
  const openId = params.get('asset');

  const openAsset = (id: string | null) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (id) next.set('asset', id);
      else next.delete('asset');
      return next;
    });

  const tabs: { key: AssetTab; children: ReactNode; hidden?: boolean }[] = [
    { key: 'register', children: <RegisterTab onOpen={openAsset} /> },
    { key: 'places', children: <PlacesTab /> },
    { key: 'import', children: <ImportTab onDone={() => navigate('/assets')} />, hidden: !editor },
    { key: 'export', children: <ExportTab /> },
    { key: 'wear', children: <WearTab /> },
    { key: 'summary', children: <SummaryTab /> },
    { key: 'tasks', children: <TasksTab onOpen={openAsset} /> },
  ];

  return (
    <div data-testid="as-screen">
      <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
        {t('as.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 880, marginBottom: 12 }}>
        {t('as.intro')}
      </Typography.Paragraph>
      {!editor && (
        <Alert
          type="info"
          showIcon
          title={t('as.readOnly', { role: roleLabel(t, user.role) })}
          style={{ marginBottom: 12 }}
          data-testid="as-readonly"
        />
      )}
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => navigate({ pathname: k === 'register' ? '/assets' : `/assets/${k}`, search: location.search })}
          items={tabs
            .filter((x) => !x.hidden)
            .map((x) => ({
              key: x.key,
              label: <span data-testid={`as-tab-${x.key}`}>{t(`as.tabs.${x.key}`)}</span>,
              children: x.children,
            }))}
        />
      </Card>
      <AssetDrawer id={openId} onClose={() => openAsset(null)} />
    </div>
  );
}
