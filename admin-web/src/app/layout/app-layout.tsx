import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Drawer, Flex, Grid, Layout, Typography } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { LoadingState } from '../../shared/ui/states';
import { useSessionActions } from '../auth/use-session-actions';
import { useViewer } from '../auth/viewer-context';
import { menuItemsOf } from '../navigation';
import { LanguageSwitch } from './language-switch';
import { NavList } from './nav-list';
import { useVisibleNavItems } from './use-nav-items';

function Brand() {
  const { t } = useTranslation();
  return (
    <Link to="/" className="brand">
      <span className="brand-mark" aria-hidden="true">
        M
      </span>
      <span className="brand-text">{t('app.name')}</span>
    </Link>
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const { signOut } = useSessionActions();
  const screens = Grid.useBreakpoint();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const compact = screens.lg === false;

  const menuItems = menuItemsOf(useVisibleNavItems());
  const navLabel = t('app.mainNavigation');

  return (
    <Layout className="app-shell">
      <a href="#main-content" className="skip-link">
        {t('app.skipToContent')}
      </a>
      {compact ? null : (
        <Layout.Sider className="app-sider" theme="light" width={240}>
          <Brand />
          <nav aria-label={navLabel}>
            <NavList items={menuItems} />
          </nav>
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header className="app-header">
          <Flex align="center" gap="middle" className="app-header-inner">
            {compact ? (
              <>
                <Button
                  type="text"
                  icon={<MenuOutlined />}
                  aria-label={navLabel}
                  aria-expanded={drawerOpen}
                  onClick={() => {
                    setDrawerOpen(true);
                  }}
                />
                <Brand />
              </>
            ) : null}
            <span className="app-header-spacer" />
            <LanguageSwitch />
            <Typography.Text className="app-header-user">
              <UserOutlined aria-hidden="true" />{' '}
              {t('app.signedInAs', { name: viewer.staff.displayName, department: viewer.staff.department.name })}
            </Typography.Text>
            <Link to="/account" className="app-header-link">
              {t('app.account')}
            </Link>
            <Button
              icon={<LogoutOutlined />}
              loading={signingOut}
              onClick={() => {
                setSigningOut(true);
                void signOut().finally(() => {
                  setSigningOut(false);
                });
              }}
            >
              {t('app.logout')}
            </Button>
          </Flex>
        </Layout.Header>
        <Layout.Content id="main-content" tabIndex={-1} className="app-content">
          <Suspense fallback={<LoadingState />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
      {compact ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => {
            setDrawerOpen(false);
          }}
          size={260}
          title={t('app.shortName')}
          closable={{ 'aria-label': t('common.close') }}
        >
          <nav aria-label={navLabel}>
            <NavList
              items={menuItems}
              onNavigate={() => {
                setDrawerOpen(false);
              }}
            />
          </nav>
        </Drawer>
      ) : null}
    </Layout>
  );
}
