import { LangSwitch } from './LangSwitch.js';
import { Suspense, useEffect, useState, type ReactNode } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Breadcrumb, Button, Drawer, Dropdown, Layout, Menu, Skeleton, Tag, Tooltip, Typography } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BellOutlined,
  CameraOutlined,
  CheckSquareOutlined,
  FileDoneOutlined,
  FlagOutlined,
  FileProtectOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuOutlined,
  MenuUnfoldOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
  WarningOutlined,
  AlertOutlined,
} from '@ant-design/icons';
import type { Role } from '../../shared/enums.js';
import { useCurrentUser, useLogout } from '../auth/session.js';
import { useEnumLabels, useT, type MsgKey } from '../i18n.js';
import { formatDateTime } from '../lib/format.js';
import { useIsMobile } from '../lib/hooks.js';
import { ErrorBoundary } from './ErrorBoundary.js';
import { ChangePasswordModal } from './ChangePasswordModal.js';
import { Data } from './Data.js';
import { usePageTitle } from '../lib/page-title.js';

interface NavItem {
  path: string;
  permission: string;
  label: MsgKey;
  icon: ReactNode;
  /** Roles that hold the permission for another page's sake and have no use for this one in the menu. */
  hiddenFor?: Role[];
}

/** The pages of the app in menu order; a user sees those their permissions allow. */
export const NAV_ITEMS: NavItem[] = [
  { path: '/orgs', permission: 'org.read', label: 'nav.orgs', icon: <BankOutlined /> },
  // Every subject kind of the review chain waiting at a reviewer's step (an applicant's are on their applications page).
  { path: '/reviews', permission: 'review.decide', label: 'nav.reviews', icon: <BellOutlined /> },
  // An applicant (organization leader) lands here: it is the first item their permissions allow.
  { path: '/applications', permission: 'application.read', label: 'nav.applications', icon: <FileDoneOutlined /> },
  // The activity ledger (台账, issue 13): entry first so it is the one selected on /ledger/new.
  { path: '/ledger/new', permission: 'activity.write', label: 'nav.ledgerNew', icon: <CameraOutlined /> },
  { path: '/ledger', permission: 'ledger.read', label: 'nav.ledger', icon: <ScheduleOutlined /> },
  { path: '/declarations', permission: 'declaration.read', label: 'nav.declarations', icon: <FlagOutlined /> },
  // 年报/年检 (issue 13 item 4): a leader files the organization's report, a reviewer or the district concludes it.
  { path: '/annual-reports', permission: 'annual_report.read', label: 'nav.annualReports', icon: <FileProtectOutlined /> },
  // 行政处罚 (issue 14 item 2): the district records them; staff read those in reach, a leader its organization's.
  { path: '/penalties', permission: 'penalty.read', label: 'nav.penalties', icon: <WarningOutlined /> },
  // The credit lists (信用管理, issue 14 item 3): the district lists and removes, an organization sees its own entries.
  { path: '/credit', permission: 'credit.read', label: 'nav.credit', icon: <SafetyCertificateOutlined /> },
  // 双随机抽查 (issue 14 item 4): an inspector's own checks first (so it is the one selected on its
  // page, and an expert, who checks only, lands there), then the plans for staff.
  { path: '/inspections/mine', permission: 'inspection.check', label: 'nav.myChecks', icon: <CheckSquareOutlined /> },
  { path: '/inspections', permission: 'inspection.read', label: 'nav.inspections', icon: <SafetyCertificateOutlined /> },
  // Risk warnings closed by 销号 (issue 14 item 5): items, their board per node, an organization's rectification reports.
  { path: '/risks', permission: 'risk.read', label: 'nav.risks', icon: <AlertOutlined /> },
  { path: '/stats', permission: 'stats.read', label: 'nav.stats', icon: <BarChartOutlined /> },
  // Applicants read regions only to pick their community in a form; 区划与人口 is staff's work (issue 22 item 10).
  { path: '/regions', permission: 'region.read', label: 'nav.regions', icon: <ApartmentOutlined />, hiddenFor: ['org_leader'] },
  { path: '/users', permission: 'user.read', label: 'nav.users', icon: <TeamOutlined /> },
  { path: '/audit', permission: 'audit.read', label: 'nav.audit', icon: <AuditOutlined /> },
  { path: '/settings', permission: 'settings.manage', label: 'nav.settings', icon: <SettingOutlined /> },
  // Rules as data (issue 14 item 1): what the platform judges by, with the district's own values; last, so no role's
  // landing page moves to it.
  { path: '/rules', permission: 'rule.read', label: 'nav.rules', icon: <ReadOutlined /> },
];

export function allowedNavItems(user: { permissions: string[]; role: Role }): NavItem[] {
  return NAV_ITEMS.filter((item) => user.permissions.includes(item.permission) && !item.hiddenFor?.includes(user.role));
}

/** Where a user lands after signing in: a reviewer on their to-dos (待办), everyone else on their first page. */
export function homePath(user: { permissions: string[]; role: Role }): string | undefined {
  const items = allowedNavItems(user);
  return (items.find((i) => i.path === '/reviews') ?? items[0])?.path;
}

const SIDER_COLLAPSED_KEY = 'shezu.siderCollapsed';

/** Printed pages say where they come from, who printed them and when (shown on paper only). */
function PrintStamp({ who }: { who: string }) {
  const t = useT();
  const [at, setAt] = useState(() => new Date().toISOString());
  useEffect(() => {
    const update = () => setAt(new Date().toISOString());
    window.addEventListener('beforeprint', update);
    return () => window.removeEventListener('beforeprint', update);
  }, []);
  return <div className="print-only print-stamp">{t('layout.printStamp', { who, at: formatDateTime(at, false) })}</div>;
}

/**
 * The signed-in frame: menu, header, content. What a feature shows in the header (the to-do bell) comes in as
 * `headerTools` from App.tsx, so this shared component imports no feature.
 */
export function AppLayout({ headerTools }: { headerTools?: ReactNode }) {
  const user = useCurrentUser();
  const t = useT();
  const labels = useEnumLabels();
  const isMobile = useIsMobile();
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem(SIDER_COLLAPSED_KEY) === '1');
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);

  const items = allowedNavItems(user);
  const selected = items.find((i) => location.pathname === i.path || location.pathname.startsWith(`${i.path}/`));
  // Every page's title is at least its menu name; a page may name itself more precisely (usePageTitle).
  usePageTitle(selected ? t(selected.path === '/applications' && user.role === 'org_leader' ? 'nav.myApplications' : selected.label) : t('app.name'), 0);
  const menu = (
    <Menu
      mode="inline"
      theme="dark"
      selectedKeys={selected ? [selected.path] : []}
      items={items.map((i) => ({
        key: i.path,
        icon: i.icon,
        label: t(i.path === '/applications' && user.role === 'org_leader' ? 'nav.myApplications' : i.label),
      }))}
      onClick={({ key }) => {
        navigate(key);
        setDrawerOpen(false);
      }}
    />
  );

  const toggleCollapsed = () => {
    localStorage.setItem(SIDER_COLLAPSED_KEY, collapsed ? '0' : '1');
    setCollapsed(!collapsed);
  };

  const brand = (small: boolean) => (
    <Link to="/" className="app-brand" aria-label={small ? t('app.name') : undefined}>
      <span className="app-brand-mark" lang="zh-CN" aria-hidden>
        社
      </span>
      {!small && <span className="app-brand-text">{t('app.name')}</span>}
    </Link>
  );

  const langSwitch = (
    <LangSwitch />
  );

  const regionCrumb =
    user.regionPath.length > 0 ? (
      <Breadcrumb className="app-header-path" items={user.regionPath.map((r) => ({ key: r.code, title: <Data>{r.name}</Data> }))} />
    ) : (
      <Typography.Text type="secondary" className="app-header-path">
        {t('layout.wholeSystem')}
      </Typography.Text>
    );

  const userMenuItems = [
    { key: 'me', label: <><Data>{user.displayName}</Data> · {labels.role(user.role)}</>, disabled: true },
    { type: 'divider' as const },
    { key: 'password', icon: <KeyOutlined />, label: t('layout.changePassword') },
    { key: 'logout', icon: <LogoutOutlined />, label: t('layout.logout'), danger: true },
  ];
  const onUserMenu = ({ key }: { key: string }) => {
    if (key === 'password') setPasswordOpen(true);
    if (key === 'logout') logout.mutate();
  };

  return (
    <Layout className="app-root">
      {!isMobile && (
        <Layout.Sider
          className="app-sider"
          collapsible
          collapsed={collapsed}
          onCollapse={toggleCollapsed}
          trigger={null}
          width={208}
          collapsedWidth={64}
        >
          {brand(collapsed)}
          {menu}
        </Layout.Sider>
      )}
      {isMobile && (
        <Drawer
          className="app-drawer"
          placement="left"
          size={240}
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          closable={false}
          styles={{ body: { padding: 0, background: '#001529' } }}
        >
          {brand(false)}
          {menu}
          <div className="app-drawer-user">
            <div data-value="">{user.displayName}</div>
            <Tag color="blue">{labels.role(user.role)}</Tag>
            <div className="app-drawer-path" data-value={user.regionPath.length ? '' : undefined}>{user.regionPath.map((r) => r.name).join(' / ') || t('layout.wholeSystem')}</div>
          </div>
        </Drawer>
      )}
      <Layout>
        <Layout.Header className="app-header">
          {isMobile ? (
            <Button type="text" icon={<MenuOutlined />} onClick={() => setDrawerOpen(true)} aria-label={t('layout.openMenu')} />
          ) : (
            <Tooltip title={collapsed ? t('layout.expandMenu') : t('layout.collapseMenu')}>
              <Button
                type="text"
                icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
                onClick={toggleCollapsed}
                aria-label={collapsed ? t('layout.expandMenu') : t('layout.collapseMenu')}
              />
            </Tooltip>
          )}
          {isMobile ? <span className="app-header-title">{t('app.name')}</span> : regionCrumb}
          <div className="app-header-right">
            {headerTools}
            {langSwitch}
            {isMobile ? (
              <Dropdown menu={{ items: userMenuItems, onClick: onUserMenu }} trigger={['click']}>
                <Button type="text" icon={<UserOutlined />} aria-label={user.displayName} data-value="" />
              </Dropdown>
            ) : (
              <>
                <span className="app-header-user">
                  <UserOutlined />
                  <span className="app-header-name" data-value="">{user.displayName}</span>
                  <Tag color="blue">{labels.role(user.role)}</Tag>
                </span>
                <Button type="text" icon={<KeyOutlined />} onClick={() => setPasswordOpen(true)}>
                  {t('layout.changePassword')}
                </Button>
                <Button type="text" icon={<LogoutOutlined />} onClick={() => logout.mutate()} loading={logout.isPending}>
                  {t('layout.logout')}
                </Button>
              </>
            )}
          </div>
        </Layout.Header>
        <Layout.Content className="app-content">
          <PrintStamp who={user.displayName} />
          <ErrorBoundary resetKey={location.pathname}>
            <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
      <ChangePasswordModal open={passwordOpen} onClose={() => setPasswordOpen(false)} />
    </Layout>
  );
}
