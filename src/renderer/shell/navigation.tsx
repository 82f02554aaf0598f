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
  SafetyCertificateOutlined,
  BookOutlined,
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

/** The modules, in the order a school works through them. Icons are decorative (aria-hidden):
 * their built-in English labels would otherwise be read out before the Vietnamese name. */
export const NAV_ITEMS: NavItem[] = [
  { path: '/overview', label: 'nav.overview', icon: <DashboardOutlined aria-hidden /> },
  { path: '/school', label: 'nav.school', icon: <BankOutlined aria-hidden /> },
  { path: '/frameworks', label: 'nav.frameworks', icon: <BookOutlined aria-hidden /> },
  { path: '/self-assessment', label: 'nav.selfAssessment', icon: <AuditOutlined aria-hidden /> },
  { path: '/evidence', label: 'nav.evidence', icon: <PaperClipOutlined aria-hidden /> },
  { path: '/reports', label: 'nav.reports', icon: <FileTextOutlined aria-hidden /> },
  { path: '/assets', label: 'nav.assets', icon: <HomeOutlined aria-hidden /> },
  { path: '/inventory', label: 'nav.inventory', icon: <CarryOutOutlined aria-hidden /> },
  { path: '/sync', label: 'nav.sync', icon: <SyncOutlined aria-hidden /> },
  { path: '/review', label: 'nav.review', icon: <SafetyCertificateOutlined aria-hidden /> },
  { path: '/settings', label: 'nav.settings', icon: <SettingOutlined aria-hidden /> },
];

/** The menu key for a location: the nav item whose path starts the pathname. */
export function navKeyFor(pathname: string): string | undefined {
  return NAV_ITEMS.find((i) => pathname === i.path || pathname.startsWith(`${i.path}/`))?.path;
}
