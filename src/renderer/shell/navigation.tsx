import type { ReactNode } from 'react';
import {
  AuditOutlined,
  BankOutlined,
  CarryOutOutlined,
  DashboardOutlined,
  FileTextOutlined,
  HomeOutlined,
  PaperClipOutlined,
  SettingOutlined,
  SyncOutlined,
} from '@ant-design/icons';

export interface NavItem {
  /** Route path, also the menu key. */
  path: string;
  /** i18n key of the label. */
  label: string;
  icon: ReactNode;
  /** Not built yet: the route shows the "Đang phát triển" page. */
  pending?: boolean;
}

/** The modules, in the order a school works through them. */
export const NAV_ITEMS: NavItem[] = [
  { path: '/overview', label: 'nav.overview', icon: <DashboardOutlined /> },
  { path: '/school', label: 'nav.school', icon: <BankOutlined /> },
  { path: '/self-assessment', label: 'nav.selfAssessment', icon: <AuditOutlined />, pending: true },
  { path: '/evidence', label: 'nav.evidence', icon: <PaperClipOutlined />, pending: true },
  { path: '/reports', label: 'nav.reports', icon: <FileTextOutlined />, pending: true },
  { path: '/assets', label: 'nav.assets', icon: <HomeOutlined />, pending: true },
  { path: '/inventory', label: 'nav.inventory', icon: <CarryOutOutlined />, pending: true },
  { path: '/sync', label: 'nav.sync', icon: <SyncOutlined />, pending: true },
  { path: '/settings', label: 'nav.settings', icon: <SettingOutlined /> },
];

/** The menu key for a location: the nav item whose path starts the pathname. */
export function navKeyFor(pathname: string): string | undefined {
  return NAV_ITEMS.find((i) => pathname === i.path || pathname.startsWith(`${i.path}/`))?.path;
}
