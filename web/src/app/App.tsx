import { lazy, Suspense, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { App as AntApp, Button, ConfigProvider, Layout, Menu, Result, Space, Spin, Tag, Typography } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import enUSLocale from 'antd/locale/en_US';
import { AuditOutlined, BarChartOutlined, CloudUploadOutlined, ExperimentOutlined, FileTextOutlined, LogoutOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { api, onUnauthorized, setCsrfToken } from '../api/client.js';
import type { Role, SessionInfo } from '../api/types.js';
import { I18nProvider, useI18n } from '../i18n/index.js';
import { SessionContext } from './session.js';
import { href, match, navigate, useRoute } from './router.js';
import { LoginPage } from '../pages/LoginPage.js';
import { FormsPage } from '../pages/FormsPage.js';
import { FormPage } from '../pages/FormPage.js';

const DashboardPage = lazy(() => import('../pages/DashboardPage.js').then((m) => ({ default: m.DashboardPage })));
const ImportPage = lazy(() => import('../pages/ImportPage.js').then((m) => ({ default: m.ImportPage })));
const SpotCheckPage = lazy(() => import('../pages/SpotCheckPage.js').then((m) => ({ default: m.SpotCheckPage })));
const PrintPage = lazy(() => import('../pages/PrintPage.js').then((m) => ({ default: m.PrintPage })));
const HistoryPage = lazy(() => import('../pages/HistoryPage.js').then((m) => ({ default: m.HistoryPage })));

export function AppRoot() {
  return (
    <I18nProvider>
      <Themed />
    </I18nProvider>
  );
}

function Themed() {
  const { lang } = useI18n();
  useEffect(() => {
    dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
    document.documentElement.lang = lang;
  }, [lang]);
  return (
    <ConfigProvider locale={lang === 'zh-CN' ? zhCNLocale : enUSLocale} theme={{ token: { colorPrimary: '#b8322a', borderRadius: 4 } }}>
      <AntApp>
        <Shell />
      </AntApp>
    </ConfigProvider>
  );
}

interface NavItem { key: string; path: string; label: string; icon: ReactNode; roles: Role[] }

function Shell() {
  const { t, lang, setLang } = useI18n();
  const [session, setSession] = useState<SessionInfo | null | undefined>(undefined);
  const route = useRoute();

  useEffect(() => {
    api.me().then(
      (s) => { setCsrfToken(s.csrfToken); setSession(s); },
      () => setSession(null),
    );
    return onUnauthorized(() => setSession(null));
  }, []);

  const logout = useCallback(async () => {
    try { await api.logout(); } catch { /* already gone */ }
    setCsrfToken('');
    setSession(null);
    navigate('/');
  }, []);
  const ctx = useMemo(() => (session ? { session, logout } : null), [session, logout]);

  if (session === undefined) return <Spin style={{ marginTop: 120, display: 'block' }} />;
  if (!session || !ctx)
    return (
      <LoginPage onLogin={(s) => { setCsrfToken(s.csrfToken); setSession(s); if (route.path === '/' || route.path === '/login') navigate(homeOf(s.user.role)); }} />
    );

  const role = session.user.role;
  const nav: NavItem[] = [
    { key: 'queue', path: '/queue', label: t('nav.queue'), icon: <AuditOutlined />, roles: ['dept_reviewer', 'finance_reviewer', 'admin'] },
    { key: 'forms', path: '/forms', label: t('nav.forms'), icon: <FileTextOutlined />, roles: ['filler', 'dept_reviewer', 'finance_reviewer', 'admin'] },
    { key: 'new', path: '/forms/new', label: t('nav.new'), icon: <PlusOutlined />, roles: ['filler', 'admin'] },
    { key: 'dashboard', path: '/dashboard', label: t('nav.dashboard'), icon: <BarChartOutlined />, roles: ['dept_reviewer', 'finance_reviewer', 'admin'] },
    { key: 'spot', path: '/spot-checks', label: t('nav.spotcheck'), icon: <ExperimentOutlined />, roles: ['finance_reviewer', 'admin'] },
    { key: 'import', path: '/import', label: t('nav.import'), icon: <CloudUploadOutlined />, roles: ['filler', 'dept_reviewer', 'finance_reviewer', 'admin'] },
  ].filter((n) => n.roles.includes(role)) as NavItem[];
  const path = route.path === '/' ? homeOf(role) : route.path;
  const active = nav.filter((n) => path === n.path || (n.path !== '/forms' && path.startsWith(n.path))).map((n) => n.key);
  const printView = /\/print$/.test(path);

  let page: ReactNode;
  let m: Record<string, string> | null;
  if (path === '/queue') page = <FormsPage query={route.query} queue />;
  else if (path === '/forms') page = <FormsPage query={route.query} />;
  else if ((m = match('/forms/:id/print', path))) page = <PrintPage id={m.id} />;
  else if ((m = match('/forms/:id/history', path))) page = <HistoryPage id={m.id} />;
  else if ((m = match('/forms/:id', path))) page = <FormPage key={m.id} id={m.id} />;
  else if (path === '/dashboard') page = <DashboardPage query={route.query} />;
  else if (path === '/import') page = <ImportPage />;
  else if (path === '/spot-checks') page = <SpotCheckPage />;
  else page = <Result status="404" title="404" extra={<Button href={href(homeOf(role))}>{t('common.back')}</Button>} />;

  return (
    <SessionContext.Provider value={ctx}>
      {printView ? (
        <Suspense fallback={<Spin />}>{page}</Suspense>
      ) : (
        <Layout className="app-layout">
          <Layout.Header className="app-header">
            <a className="brand" href={href(homeOf(role))}>{t('app.title')}</a>
            <Menu
              mode="horizontal"
              theme="dark"
              selectedKeys={active}
              style={{ flex: 1, minWidth: 0 }}
              items={nav.map((n) => ({ key: n.key, icon: n.icon, label: <a href={href(n.path)} data-testid={`nav-${n.key}`}>{n.label}</a> }))}
            />
            <Space className="user-box">
              <Typography.Text style={{ color: '#fff' }} data-testid="whoami">{session.user.displayName}</Typography.Text>
              <Tag>{t(`role.${role}`)}</Tag>
              <span style={{ color: '#ddd' }}>{session.user.orgName}</span>
              <Button size="small" ghost onClick={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')} data-testid="lang-switch">{t('app.lang')}</Button>
              <Button size="small" ghost icon={<LogoutOutlined />} onClick={logout} data-testid="logout">{t('nav.logout')}</Button>
            </Space>
          </Layout.Header>
          <Layout.Content className="app-content">
            <Suspense fallback={<Spin style={{ marginTop: 80, display: 'block' }} />}>{page}</Suspense>
          </Layout.Content>
        </Layout>
      )}
    </SessionContext.Provider>
  );
}

export const homeOf = (role: Role) => (role === 'filler' ? '/forms' : '/queue');
