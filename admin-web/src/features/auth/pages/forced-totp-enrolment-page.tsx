import { Button, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSessionActions } from '../../../app/auth/use-session-actions';
import { AuthCard } from '../components/auth-card';
import { TotpEnrolmentPanel } from '../components/totp-enrolment-panel';

/** Shown while a role requires TOTP that the staff member has not enrolled; the gate routes here. */
export function ForcedTotpEnrolmentPage() {
  const { t } = useTranslation();
  const { viewerChanged, signOut } = useSessionActions();
  return (
    <AuthCard wide>
      <Typography.Title level={1} className="auth-heading">
        {t('auth.totp.forcedTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('auth.totp.forcedDescription')}</Typography.Paragraph>
      <TotpEnrolmentPanel onEnrolled={viewerChanged} />
      <div>
        <Button
          type="link"
          className="auth-back"
          onClick={() => {
            void signOut();
          }}
        >
          {t('app.logout')}
        </Button>
      </div>
    </AuthCard>
  );
}
