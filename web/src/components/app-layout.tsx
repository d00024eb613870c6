/** The frame around every page: red header with the app name and the user, the menu the user's abilities allow. */
import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  CarryOutOutlined,
  DashboardOutlined,
  EyeOutlined,
  FileTextOutlined,
  GlobalOutlined,
  ImportOutlined,
  LayoutOutlined,
  LikeOutlined,
  LogoutOutlined,
  MenuOutlined,
  NotificationOutlined,
  ProjectOutlined,
  SafetyOutlined,
  TableOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Drawer, Dropdown, Grid, Layout, Menu, type MenuProps, Space, Tag } from 'antd';
import { lazy, type ReactNode, useState } from 'react';
import { ROLE_LABELS } from '../../../src/shared/statuses';
import { api } from '../api/endpoints';
import { useAuth } from '../features/auth/auth-context';
import type { Route } from '../router';
import { CareModeSwitch } from './care-mode-switch';

// The bell's list (antd List, Pagination, Select) is loaded after the first render: it keeps the first load small.
const NotificationBell = lazy(() =>
  import('../features/chase/notification-bell').then((m) => ({ default: m.NotificationBell })),
);

const { Header, Sider, Content, Footer } = Layout;

/** The app's name; on a phone only its mark (the full name is in the link's accessible name). */
function Brand({ compact }: { compact?: boolean }) {
  return (
    <a href="#/" className="app-title" data-testid="app-title" title="实事 · 民生实事项目管理（首页）">
      <span className="app-title-mark" aria-hidden={!compact}>
        实事
      </span>
      {compact ? null : <span className="app-title-text">实事 · 民生实事项目管理</span>}
    </a>
  );
}

/** Phones and small tablets: the menu moves into a drawer behind a 菜单 button. */
function usePhone(): boolean {
  const screens = Grid.useBreakpoint();
  return screens.md === false;
}

function selectedKey(route: Route, writer: boolean): string {
  switch (route.name) {
    case 'rounds':
    case 'table':
      return 'rounds';
    case 'mine':
    case 'report':
    case 'project':
      return writer ? 'mine' : 'rounds';
    case 'public':
      return 'public';
    case 'import':
      return 'import';
    case 'audit':
      return 'audit';
    case 'security':
      return 'security';
    case 'orgs':
      return 'orgs';
    case 'users':
      return 'users';
    case 'layouts':
    case 'layout':
      return 'layouts';
    case 'plan':
    case 'planGrid':
      return 'plan';
    case 'notify':
      return 'notify';
    case 'supervisions':
      return 'supervisions';
    case 'oversight':
      return 'oversight';
    case 'yearEnd':
      return 'yearEnd';
    case 'votes':
      return 'votes';
    case 'disclosure':
      return 'disclosure';
    case 'rollup':
      return 'rollup';
    case 'dashboard':
    case 'scores':
      return 'dashboard';
    default:
      return '';
  }
}

const link = (to: string, text: string, testId: string) => (
  <a href={to} data-testid={testId}>
    {text}
  </a>
);

export function AppLayout({ route, children }: { route: Route; children: ReactNode }) {
  const { me } = useAuth();
  const items: MenuProps['items'] = [
    ...(me.abilities.readDashboard
      ? [{ key: 'dashboard', icon: <DashboardOutlined />, label: link('#/dashboard', '总览', 'nav-dashboard') }]
      : []),
    ...(me.abilities.readRollup
      ? [{ key: 'rollup', icon: <ApartmentOutlined />, label: link('#/rollup', '全市汇总', 'nav-rollup') }]
      : []),
    { key: 'rounds', icon: <TableOutlined />, label: link('#/rounds', '填报批次', 'nav-rounds') },
    ...(me.abilities.fillReports
      ? [{ key: 'mine', icon: <FileTextOutlined />, label: link('#/mine', '我的填报', 'nav-mine') }]
      : []),
    ...(me.abilities.readSupervisions
      ? [{ key: 'supervisions', icon: <AlertOutlined />, label: link('#/supervisions', '督办', 'nav-supervisions') }]
      : []),
    ...(me.abilities.readOversight
      ? [{ key: 'oversight', icon: <EyeOutlined />, label: link('#/oversight', '人大监督', 'nav-oversight') }]
      : []),
    ...(me.abilities.manageYearEnd
      ? [{ key: 'yearEnd', icon: <CarryOutOutlined />, label: link('#/year-end', '年终总结', 'nav-year-end') }]
      : []),
    ...(me.abilities.vote
      ? [{ key: 'votes', icon: <LikeOutlined />, label: link('#/votes', '满意度测评', 'nav-votes') }]
      : []),
    ...(me.abilities.configureProgramme || me.abilities.createProgramme
      ? [{ key: 'plan', icon: <ProjectOutlined />, label: link('#/plan', '计划编制', 'nav-plan') }]
      : []),
    ...(me.abilities.configureProgramme
      ? [{ key: 'notify', icon: <NotificationOutlined />, label: link('#/notify', '消息通道', 'nav-notify') }]
      : []),
    ...(me.abilities.publishDisclosure
      ? [{ key: 'disclosure', icon: <GlobalOutlined />, label: link('#/disclosure', '政务公开', 'nav-disclosure') }]
      : []),
    ...(me.abilities.import
      ? [{ key: 'import', icon: <ImportOutlined />, label: link('#/import', '导入表格', 'nav-import') }]
      : []),
    ...(me.abilities.openRound
      ? [{ key: 'layouts', icon: <LayoutOutlined />, label: link('#/layouts', '版式', 'nav-layouts') }]
      : []),
    ...(me.abilities.manageOrgs
      ? [{ key: 'orgs', icon: <ApartmentOutlined />, label: link('#/orgs', '组织机构', 'nav-orgs') }]
      : []),
    ...(me.abilities.manageUsers
      ? [{ key: 'users', icon: <TeamOutlined />, label: link('#/accounts', '账号管理', 'nav-users') }]
      : []),
    ...(me.abilities.secureAccounts
      ? [{ key: 'security', icon: <SafetyOutlined />, label: link('#/security', '账号安全', 'nav-security') }]
      : []),
    ...(me.abilities.readAuditLog
      ? [{ key: 'audit', icon: <AuditOutlined />, label: link('#/audit', '审计日志', 'nav-audit') }]
      : []),
    { key: 'public', icon: <GlobalOutlined />, label: link('#/public', '公开信息', 'nav-public') },
  ];
  return (
    <Frame selected={selectedKey(route, me.abilities.fillReports)} items={items}>
      {children}
    </Frame>
  );
}

/** Header, menu (a side bar, or a drawer on a phone), the page and the footer. */
function Frame({ selected, items, children }: { selected: string; items: MenuProps['items']; children: ReactNode }) {
  const [collapsed, setCollapsed] = useState(false);
  const phone = usePhone();
  const [drawer, setDrawer] = useState(false);
  const menu = (
    <Menu
      mode="inline"
      selectedKeys={[selected]}
      items={items}
      style={{ borderInlineEnd: 0 }}
      // Following a menu link closes the drawer.
      onClick={() => setDrawer(false)}
    />
  );
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main-content" onClick={skipToMain}>
        跳到主要内容
      </a>
      <AppHeader phone={phone} drawerOpen={drawer} onOpenDrawer={() => setDrawer(true)} />
      <Layout>
        {phone ? (
          <Drawer
            open={drawer}
            onClose={() => setDrawer(false)}
            placement="left"
            size={260}
            title="菜单"
            styles={{ body: { padding: 0 } }}
            data-testid="nav-drawer"
          >
            <nav aria-label="主菜单">{menu}</nav>
          </Drawer>
        ) : (
          <Sider
            width={200}
            collapsible
            collapsed={collapsed}
            onCollapse={setCollapsed}
            breakpoint="lg"
            theme="light"
            style={{ borderRight: '1px solid #f0f0f0' }}
          >
            <nav aria-label="主菜单">{menu}</nav>
          </Sider>
        )}
        <Layout style={{ minWidth: 0 }}>
          <Content id="main-content" tabIndex={-1} className="app-content">
            {children}
          </Content>
          <Footer className="app-footer">
            实事 Shishi · 民生实事项目全流程管理（计划 → 收集 → 研判 → 审核 → 发布）
          </Footer>
        </Layout>
      </Layout>
    </Layout>
  );
}

/** The red bar: the app's name, the bell, 关怀模式, the account menu and 退出; compact on a phone. */
function AppHeader({
  phone,
  drawerOpen,
  onOpenDrawer,
}: {
  phone: boolean;
  drawerOpen: boolean;
  onOpenDrawer: () => void;
}) {
  const { me, logout } = useAuth();
  const unitNames = me.units.map((u) => u.name).join('、');
  const role = ROLE_LABELS[me.role] ?? me.role;
  return (
    <Header className={phone ? 'app-header app-header-phone' : 'app-header'}>
      <Space size={phone ? 4 : 12} style={{ minWidth: 0 }}>
        {phone && (
          <Button
            type="text"
            className="header-icon-button"
            icon={<MenuOutlined />}
            aria-label="打开菜单"
            aria-expanded={drawerOpen}
            onClick={onOpenDrawer}
            data-testid="nav-drawer-open"
          />
        )}
        <Brand compact={phone} />
      </Space>
      <Space size={phone ? 6 : 'middle'} className="header-user">
        <NotificationBell />
        <CareModeSwitch compact={phone} />
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              ...(phone ? [{ key: 'who', label: `${me.displayName}（${role}）`, disabled: true }] : []),
              ...(unitNames
                ? [{ key: 'units', label: `所属单位：${unitNames}`, disabled: true }, { type: 'divider' as const }]
                : []),
              {
                key: 'account',
                label: (
                  <a href="#/account" data-testid="nav-account">
                    我的账号与密码
                  </a>
                ),
              },
              { type: 'divider' },
              { key: 'all', label: '在所有设备上退出', danger: true },
            ],
            onClick: ({ key }) => {
              if (key === 'all') void logoutEverywhere(logout);
            },
          }}
        >
          <button
            type="button"
            className="header-user-button"
            data-testid="current-user"
            aria-label={`账号菜单：${me.displayName}`}
          >
            <UserOutlined style={{ marginRight: phone ? 0 : 6 }} aria-hidden />
            {phone ? null : me.displayName}
          </button>
        </Dropdown>
        {phone ? null : (
          <Tag color="gold" data-testid="current-role" style={{ marginInlineEnd: 0 }}>
            {role}
          </Tag>
        )}
        <Button
          size="small"
          ghost
          icon={<LogoutOutlined />}
          style={{ color: '#fff', borderColor: '#fff' }}
          onClick={() => void logout()}
          aria-label="退出登录"
          data-testid="logout"
        >
          {phone ? null : '退出'}
        </Button>
      </Space>
    </Header>
  );
}

/** The skip link moves focus to the page (the hash is the app's router, so it must not change). */
function skipToMain(e: { preventDefault: () => void }) {
  e.preventDefault();
  document.getElementById('main-content')?.focus();
}

/** Frame for visitors who are not logged in (公开信息 only). */
export function PublicShell({ children }: { children: ReactNode }) {
  const phone = usePhone();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header className={phone ? 'app-header app-header-phone' : 'app-header'}>
        <Brand compact={phone} />
        <Space size={phone ? 6 : 'middle'}>
          <CareModeSwitch compact={phone} />
          <Button
            size="small"
            ghost
            href="#/login"
            style={{ color: '#fff', borderColor: '#fff' }}
            data-testid="public-login"
          >
            工作人员登录
          </Button>
        </Space>
      </Header>
      <Content className="app-content" style={{ maxWidth: 1600, width: '100%', margin: '0 auto' }}>
        {children}
      </Content>
      <Footer className="app-footer">以上为已审核发布的民生实事项目进展信息</Footer>
    </Layout>
  );
}

/** End this account's sessions on every device, then leave like 退出 does. */
async function logoutEverywhere(logout: () => Promise<void>) {
  try {
    await api.logoutEverywhere();
  } finally {
    await logout();
  }
}
