import { Alert, Card, Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useViewer } from '../../../app/auth/viewer-context';
import { useVisibleNavItems } from '../../../app/layout/use-nav-items';
import { menuItemsOf, shortcutItemsOf } from '../../../app/navigation';
import { EmptyState } from '../../../shared/ui/states';
import { PageHeader } from '../../../shared/ui/page-header';

export function HomePage() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const shortcuts = shortcutItemsOf(useVisibleNavItems());
  // The account page is everyone's: without any other card, the viewer holds no admin permission.
  const adminShortcuts = menuItemsOf(shortcuts);

  return (
    <>
      <PageHeader title={t('home.welcome', { name: viewer.staff.displayName })} description={t('home.description')} />
      {viewer.staff.totpEnabled ? null : (
        <Alert
          className="form-alert"
          type="info"
          showIcon
          title={t('home.totpNotice')}
          action={<Link to="/account">{t('home.totpNoticeAction')}</Link>}
        />
      )}
      <div className="section-heading">
        <Typography.Title level={2} className="section-title">
          {t('home.shortcuts')}
        </Typography.Title>
      </div>
      {adminShortcuts.length === 0 ? <EmptyState description={t('home.noShortcuts')} /> : null}
      <Row gutter={[16, 16]} role="list">
        {shortcuts.map((item) => (
          <Col key={item.key} xs={24} sm={12} xl={8} role="listitem">
            <Card className="home-card" size="small">
              <Link to={item.path}>
                <Typography.Title level={3} className="section-title">
                  <span aria-hidden="true">{item.icon}</span> {t(item.labelKey)}
                </Typography.Title>
              </Link>
              <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
                {t(item.descriptionKey)}
              </Typography.Paragraph>
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}
