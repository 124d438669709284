import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentResident, useResidentSession } from '../../../app/session/resident-session-context';
import { useDocumentTitle } from '../../../shared/lib/use-document-title';
import { Button, ButtonLink } from '../../../shared/ui/button';
import { ResidentProfileCard } from '../components/resident-profile-card';
import styles from './profile-page.module.css';

export function ProfilePage() {
  const { t } = useTranslation();
  const { resident, canSignOut } = useCurrentResident();
  const { signOut } = useResidentSession();
  const [signingOut, setSigningOut] = useState(false);
  const [signOutFailed, setSignOutFailed] = useState(false);
  useDocumentTitle(t('profile.title'));

  const handleSignOut = async () => {
    setSigningOut(true);
    setSignOutFailed(false);
    const ok = await signOut();
    // On success the session provider replaces this page with the login screen.
    if (!ok) {
      setSigningOut(false);
      setSignOutFailed(true);
    }
  };

  return (
    <div className={styles.page}>
      <h1>{t('profile.title')}</h1>
      <ResidentProfileCard resident={resident} />
      <p className={styles.note}>{t('profile.source')}</p>
      {signOutFailed ? (
        <p className={styles.error} role="alert">
          {t('session.signOut.failed')}
        </p>
      ) : null}
      <div className={styles.actions}>
        <ButtonLink to="/" block>
          {t('profile.backToHome')}
        </ButtonLink>
        {canSignOut ? (
          <Button
            block
            variant="secondary"
            disabled={signingOut}
            onClick={() => {
              void handleSignOut();
            }}
          >
            {t('session.signOut.button')}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
