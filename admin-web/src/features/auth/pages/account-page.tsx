import { Card, Col, Descriptions, Row, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSessionActions } from '../../../app/auth/use-session-actions';
import { useViewer } from '../../../app/auth/viewer-context';
import { PageHeader } from '../../../shared/ui/page-header';
import { ChangePasswordForm } from '../components/change-password-form';
import { DisableTotpForm } from '../components/disable-totp-form';
import { TotpEnrolmentPanel } from '../components/totp-enrolment-panel';

export function AccountPage() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const { viewerChanged } = useSessionActions();
  const { staff } = viewer;

  return (
    <>
      <PageHeader title={t('auth.account.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24}>
          <Card title={<h2 className="section-title">{t('auth.account.profile')}</h2>}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('auth.account.loginId')}>{staff.loginId}</Descriptions.Item>
              <Descriptions.Item label={t('auth.account.displayName')}>{staff.displayName}</Descriptions.Item>
              <Descriptions.Item label={t('auth.account.department')}>{staff.department.name}</Descriptions.Item>
              <Descriptions.Item label={t('auth.account.ip')}>
                <code>{viewer.ip}</code>
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={<h2 className="section-title">{t('auth.changePassword.title')}</h2>}>
            <ChangePasswordForm loginId={staff.loginId} onChanged={viewerChanged} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            title={<h2 className="section-title">{t('auth.totp.title')}</h2>}
            extra={staff.totpEnabled ? <Tag color="green">{t('auth.totp.statusEnabled')}</Tag> : <Tag>{t('auth.totp.statusDisabled')}</Tag>}
          >
            {staff.totpEnabled ? <DisableTotpForm onDisabled={viewerChanged} /> : <TotpEnrolmentPanel onEnrolled={viewerChanged} />}
          </Card>
        </Col>
      </Row>
    </>
  );
}
