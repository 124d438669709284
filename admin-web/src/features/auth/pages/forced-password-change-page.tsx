import { Button, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSessionActions } from '../../../app/auth/use-session-actions';
import { useViewer } from '../../../app/auth/viewer-context';
import { AuthCard } from '../components/auth-card';
import { ChangePasswordForm } from '../components/change-password-form';

/** Shown until the staff member replaces an initial or reset password; the gate routes here. */
export function ForcedPasswordChangePage() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const { viewerChanged, signOut } = useSessionActions();
  return (
    <AuthCard wide>
      <Typography.Title level={1} className="auth-heading">
        {t('auth.changePassword.forcedTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('auth.changePassword.forcedDescription')}</Typography.Paragraph>
      <ChangePasswordForm loginId={viewer.staff.loginId} onChanged={viewerChanged} />
      <Button
        type="link"
        className="auth-back"
        onClick={() => {
          void signOut();
        }}
      >
        {t('app.logout')}
      </Button>
    </AuthCard>
  );
}
