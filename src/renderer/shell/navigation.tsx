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
  /** Also shown on a department workstation, which has no school data of its own. */
  department?: boolean;
}

/** The modules, in the order a school works through them. Icons are decorative (aria-hidden):
 * their built-in English labels would otherwise be read out before the Vietnamese name. */
export const NAV_ITEMS: NavItem[] = [
  { path: '/overview', label: 'nav.overview', icon: <DashboardOutlined aria-hidden /> },
  { path: '/school', label: 'nav.school', icon: <BankOutlined aria-hidden /> },
  { path: '/frameworks', label: 'nav.frameworks', icon: <BookOutlined aria-hidden />, department: true },
  { path: '/self-assessment', label: 'nav.selfAssessment', icon: <AuditOutlined aria-hidden /> },
  { path: '/evidence', label: 'nav.evidence', icon: <PaperClipOutlined aria-hidden /> },
  { path: '/reports', label: 'nav.reports', icon: <FileTextOutlined aria-hidden /> },
  { path: '/assets', label: 'nav.assets', icon: <HomeOutlined aria-hidden /> },
  { path: '/inventory', label: 'nav.inventory', icon: <CarryOutOutlined aria-hidden /> },
  { path: '/sync', label: 'nav.sync', icon: <SyncOutlined aria-hidden /> },
  { path: '/review', label: 'nav.review', icon: <SafetyCertificateOutlined aria-hidden />, department: true },
  { path: '/settings', label: 'nav.settings', icon: <SettingOutlined aria-hidden />, department: true },
];

/**
 * The menu of this installation: a department workstation (set up at first run as a Phòng/Sở
 * GDĐT review computer) shows only Thẩm định, the frameworks it reviews against, and settings.
 */
export function navItemsFor(workstation: boolean): NavItem[] {
  return workstation ? NAV_ITEMS.filter((i) => i.department) : NAV_ITEMS;
}

/** Where the app opens: Tổng quan for a school, Thẩm định for a department workstation. */
export const homePath = (workstation: boolean) => (workstation ? '/review' : '/overview');

/** The menu key for a location: the nav item whose path starts the pathname. */
export function navKeyFor(pathname: string): string | undefined {
  return NAV_ITEMS.find((i) => pathname === i.path || pathname.startsWith(`${i.path}/`))?.path;
}
