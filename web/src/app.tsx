/** App root: who is logged in, which page the hash names, lazily loaded pages inside the layout. */
import { App, Spin } from 'antd';
import dayjs from 'dayjs';
import { lazy, type ReactNode, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import type { Me } from '../../src/shared/api-types';
import { onUnauthenticated, setCsrfToken } from './api/client';
import { api } from './api/endpoints';
import { AppLayout, PublicShell } from './components/app-layout';
import { AuthContext } from './features/auth/auth-context';
import { LoginPage } from './features/auth/login-page';
import { SetupGate } from './features/setup/setup-gate';
import { currentPath, navigate, type Route, useRoute } from './router';

// Result is lazy too: it carries its 403/404/500 illustrations (about 11 KB gzip) that the first load does not need.
const Result = lazy(() => import('antd/es/result'));
const RoundsPage = lazy(() => import('./features/rounds/rounds-page'));
const TablePage = lazy(() => import('./features/table/table-page'));
const MinePage = lazy(() => import('./features/reports/mine-page'));
const ReportPage = lazy(() => import('./features/reports/report-page'));
const ProjectPage = lazy(() => import('./features/projects/project-page'));
const PublicPage = lazy(() => import('./features/public/public-page'));
const ImportPage = lazy(() => import('./features/imports/import-page'));
const AuditPage = lazy(() => import('./features/audit/audit-page'));
const AccountPage = lazy(() => import('./features/account/account-page'));
const SecurityPage = lazy(() => import('./features/security/security-page'));
const OrgsPage = lazy(() => import('./features/admin/orgs-page'));
const UsersPage = lazy(() => import('./features/admin/users-page'));
const LayoutEditorPage = lazy(() => import('./features/layouts/layout-editor-page'));
const PlanPage = lazy(() => import('./features/plan/plan-page'));
const PlanGridPage = lazy(() => import('./features/plan/plan-grid-page'));
const NotifyPage = lazy(() => import('./features/notify/notify-page'));
const SupervisionsPage = lazy(() => import('./features/supervision/supervisions-page'));
const ChaseBoardPage = lazy(() => import('./features/chase/chase-board-page'));
const NotificationsPage = lazy(() => import('./features/chase/notifications-page'));
const DashboardPage = lazy(() => import('./features/dashboard/dashboard-page'));
const RollupPage = lazy(() => import('./features/rollup/rollup-page'));
const OversightPage = lazy(() => import('./features/evaluate/oversight-page'));
const YearEndPage = lazy(() => import('./features/evaluate/year-end-page'));
const ScoresPage = lazy(() => import('./features/evaluate/scores-page'));
const VotesPage = lazy(() => import('./features/evaluate/votes-page'));
const DisclosurePage = lazy(() => import('./features/disclosure/disclosure-page'));
const ForcedPasswordChange = lazy(() => import('./features/account/forced-password-change'));

/** Only same-app hash paths are accepted as "next" after login. */
const safeNext = (next: string | null) =>
  next && /^\/[\w\-/%.?=&]*$/.test(next) && !next.startsWith('/login') ? next : null;

function PageSpin() {
  return (
    <div style={{ padding: 64, textAlign: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return <PageSpin />;
}

/** The page when the user may see it, else a 403 saying who may. */
function only(allowed: boolean, page: ReactNode, who: string): ReactNode {
  return allowed ? page : <Result status="403" title="无权访问" subTitle={who} />;
}

function Page({ route, me }: { route: Route; me: Me }) {
  switch (route.name) {
    case 'home':
    case 'login':
      return <Redirect to={me.home} />;
    case 'rounds':
      return <RoundsPage />;
    case 'table':
      return only(
        me.abilities.readTable,
        <TablePage roundId={route.roundId} />,
        '汇总表仅督查室、领导和人大代表可查看。',
      );
    case 'mine':
      return <MinePage roundId={route.roundId} />;
    case 'report':
      return <ReportPage reportId={route.reportId} />;
    case 'project':
      return <ProjectPage projectId={route.projectId} />;
    case 'public':
      return <PublicPage roundId={route.roundId} />;
    case 'import':
      return only(me.abilities.import, <ImportPage />, '导入表格仅限督查室和系统管理员使用。');
    case 'account':
      return <AccountPage />;
    case 'security':
      return only(me.abilities.secureAccounts, <SecurityPage />, '账号安全仅限安全管理员使用。');
    case 'orgs':
      return only(me.abilities.manageOrgs, <OrgsPage />, '组织机构仅限系统管理员管理。');
    case 'users':
      return only(me.abilities.manageUsers, <UsersPage />, '账号管理仅限系统管理员使用。');
    case 'audit':
      return only(me.abilities.readAuditLog, <AuditPage />, '审计日志仅限审计管理员查看。');
    case 'layouts':
    case 'layout':
      return only(
        me.abilities.readTable,
        <LayoutEditorPage
          {...(route.name === 'layout' ? { layoutId: route.layoutId } : { programmeId: route.programmeId })}
        />,
        '版式仅督查室、领导和人大代表可查看。',
      );
    case 'plan':
    case 'planGrid':
      return only(
        me.abilities.configureProgramme || me.abilities.createProgramme,
        route.name === 'plan' ? (
          <PlanPage programmeId={route.programmeId} />
        ) : (
          <PlanGridPage programmeId={route.programmeId} />
        ),
        '计划编制仅限实事计划所属政府的督查室和管理员使用。',
      );
    case 'supervisions':
      return only(
        me.abilities.readSupervisions,
        <SupervisionsPage openId={route.openId} />,
        '督办仅督查室、领导和被督办单位可查看。',
      );
    case 'chase':
      return only(me.abilities.openRound, <ChaseBoardPage roundId={route.roundId} />, '催办看板仅限督查室使用。');
    case 'notifications':
      return <NotificationsPage />;
    case 'notify':
      return only(
        me.abilities.configureProgramme,
        <NotifyPage programmeId={route.programmeId} />,
        '消息通道仅限实事计划所属政府的督查室使用。',
      );
    case 'dashboard':
      return only(
        me.abilities.readDashboard,
        <DashboardPage programmeId={route.programmeId} />,
        '领导总览仅实事计划所属政府的领导和督查室可查看。',
      );
    case 'rollup':
      return only(me.abilities.readRollup, <RollupPage />, '全市汇总仅限督查室和领导查看。');
    case 'oversight':
      return only(me.abilities.readOversight, <OversightPage />, '人大监督仅人大代表、督查室和领导可查看。');
    case 'yearEnd':
      return only(
        me.abilities.manageYearEnd,
        <YearEndPage programmeId={route.programmeId} />,
        '年终总结仅督查室和领导可查看。',
      );
    case 'scores':
      return only(
        me.abilities.readDashboard,
        <ScoresPage programmeId={route.programmeId} />,
        '考核评分仅实事计划所属政府的领导和督查室可查看。',
      );
    case 'votes':
      return only(me.abilities.vote, <VotesPage voteId={route.voteId} />, '满意度测评仅督查室和投票人可查看。');
    case 'disclosure':
      return only(
        me.abilities.publishDisclosure,
        <DisclosurePage programmeId={route.programmeId} />,
        '政务公开仅限督查室使用。',
      );
    case 'notFound':
      return <Result status="404" title="页面不存在" subTitle={`没有找到页面：${route.path}`} />;
  }
}

export function AppRoot() {
  const route = useRoute();
  const { notification } = App.useApp();
  /** undefined while asking the server, null when not logged in. */
  const [me, setMe] = useState<Me | null | undefined>(undefined);

  useEffect(() => {
    let live = true;
    api
      .me()
      .then((m) => {
        setCsrfToken(m.csrfToken);
        if (live) setMe(m);
      })
      .catch(() => live && setMe(null));
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    onUnauthenticated(() => setMe(null));
    return () => onUnauthenticated(null);
  }, []);

  // Not logged in on a page that needs it: show the login form and come back afterwards.
  useEffect(() => {
    if (me === null && route.name !== 'login' && route.name !== 'public') {
      const here = currentPath();
      navigate(here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`, { replace: true });
    }
  }, [me, route]);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      // The session may already be gone; logging out locally is what matters.
    }
    setCsrfToken(null);
    setMe(null);
    navigate('/login');
  }, []);

  const onLoggedIn = useCallback(
    (m: Me) => {
      setCsrfToken(m.csrfToken);
      setMe(m);
      const next = route.name === 'login' ? safeNext(route.next) : null;
      navigate(next ?? m.home, { replace: true });
      // 等保: show the previous login so the owner notices one that was not theirs.
      if (m.lastLogin) {
        const failed = m.lastLogin.failedSince;
        const when = `${dayjs(m.lastLogin.at).format('YYYY-MM-DD HH:mm')}，地址 ${m.lastLogin.ip ?? '未知'}。`;
        notification[failed ? 'warning' : 'info']({
          key: 'last-login',
          title: '上次登录',
          description: failed
            ? `${when}此后有 ${failed} 次密码错误的登录尝试。如非本人操作，请立即修改密码并联系安全管理员。`
            : `${when}如非本人操作，请立即修改密码。`,
          placement: 'bottomRight',
          duration: failed ? 0 : 8,
        });
      }
    },
    [route, notification],
  );

  const replaceMe = useCallback((m: Me) => {
    setCsrfToken(m.csrfToken);
    setMe(m);
  }, []);
  const auth = useMemo(() => (me ? { me, logout, replaceMe } : null), [me, logout, replaceMe]);

  if (me === undefined) return <PageSpin />;
  if (!auth) {
    if (route.name === 'public')
      return (
        <PublicShell>
          <Suspense fallback={<PageSpin />}>
            <PublicPage roundId={route.roundId} />
          </Suspense>
        </PublicShell>
      );
    return (
      <SetupGate>
        <LoginPage onLoggedIn={onLoggedIn} />
      </SetupGate>
    );
  }
  // A reset, first or expired password: nothing else until it is changed (the server refuses the rest anyway).
  if (auth.me.mustChangePassword)
    return (
      <AuthContext.Provider value={auth}>
        <Suspense fallback={<PageSpin />}>
          <ForcedPasswordChange />
        </Suspense>
      </AuthContext.Provider>
    );
  return (
    <AuthContext.Provider value={auth}>
      <AppLayout route={route}>
        <Suspense fallback={<PageSpin />}>
          <Page route={route} me={auth.me} />
        </Suspense>
      </AppLayout>
    </AuthContext.Provider>
  );
}
