/** The frame around every page: red header with the app name and the user, the menu the user's abilities allow. */
import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  FileTextOutlined,
  GlobalOutlined,
  ImportOutlined,
  LayoutOutlined,
  LogoutOutlined,
  NotificationOutlined,
  ProjectOutlined,
  SafetyOutlined,
  TableOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Dropdown, Layout, Menu, type MenuProps, Space, Tag } from 'antd';
import { type ReactNode, useState } from 'react';
import { ROLE_LABELS } from '../../../src/shared/statuses';
import { api } from '../api/endpoints';
import { useAuth } from '../features/auth/auth-context';
import { NotificationBell } from '../features/chase/notification-bell';
import type { Route } from '../router';

const { Header, Sider, Content, Footer } = Layout;

function Brand() {
  return (
    <a href="#/" className="app-title" data-testid="app-title">
      <span className="app-title-mark">实事</span>
      实事 · 民生实事项目管理
    </a>
  );
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
  const { me, logout } = useAuth();
  const [collapsed, setCollapsed] = useState(false);
  const items: MenuProps['items'] = [
    { key: 'rounds', icon: <TableOutlined />, label: link('#/rounds', '填报批次', 'nav-rounds') },
    ...(me.abilities.fillReports
      ? [{ key: 'mine', icon: <FileTextOutlined />, label: link('#/mine', '我的填报', 'nav-mine') }]
      : []),
    ...(me.abilities.readSupervisions
      ? [{ key: 'supervisions', icon: <AlertOutlined />, label: link('#/supervisions', '督办', 'nav-supervisions') }]
      : []),
    ...(me.abilities.configureProgramme || me.abilities.createProgramme
      ? [{ key: 'plan', icon: <ProjectOutlined />, label: link('#/plan', '计划编制', 'nav-plan') }]
      : []),
    ...(me.abilities.configureProgramme
      ? [{ key: 'notify', icon: <NotificationOutlined />, label: link('#/notify', '消息通道', 'nav-notify') }]
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
  const unitNames = me.units.map((u) => u.name).join('、');
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 16 }}>
        <Brand />
        <Space size="middle" className="header-user">
          <NotificationBell />
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
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
            <span data-testid="current-user" style={{ cursor: 'pointer' }} title="账号菜单">
              <UserOutlined style={{ marginRight: 6 }} />
              {me.displayName}
            </span>
          </Dropdown>
          <Tag color="gold" data-testid="current-role" style={{ marginInlineEnd: 0 }}>
            {ROLE_LABELS[me.role] ?? me.role}
          </Tag>
          <Button
            size="small"
            ghost
            icon={<LogoutOutlined />}
            style={{ color: '#fff', borderColor: '#fff' }}
            onClick={() => void logout()}
            data-testid="logout"
          >
            退出
          </Button>
        </Space>
      </Header>
      <Layout>
        <Sider
          width={200}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="lg"
          theme="light"
          style={{ borderRight: '1px solid #f0f0f0' }}
        >
          <Menu
            mode="inline"
            selectedKeys={[selectedKey(route, me.abilities.fillReports)]}
            items={items}
            style={{ borderInlineEnd: 0 }}
          />
        </Sider>
        <Layout>
          <Content style={{ padding: 20, minWidth: 0 }}>{children}</Content>
          <Footer style={{ textAlign: 'center', color: '#8c8c8c', padding: '12px 24px' }}>
            实事 Shishi · 民生实事项目全流程管理（计划 → 收集 → 研判 → 审核 → 发布）
          </Footer>
        </Layout>
      </Layout>
    </Layout>
  );
}

/** Frame for visitors who are not logged in (公开信息 only). */
export function PublicShell({ children }: { children: ReactNode }) {
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
        <Brand />
        <Button
          size="small"
          ghost
          href="#/login"
          style={{ color: '#fff', borderColor: '#fff' }}
          data-testid="public-login"
        >
          工作人员登录
        </Button>
      </Header>
      <Content style={{ padding: 20, maxWidth: 1600, width: '100%', margin: '0 auto' }}>{children}</Content>
      <Footer style={{ textAlign: 'center', color: '#8c8c8c', padding: '12px 24px' }}>
        以上为已审核发布的民生实事项目进展信息
      </Footer>
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
