import { useTranslation } from 'react-i18next';
import type { ResidentProfile_ResidentFragment } from '../../../gql/graphql';
import { toSupportedLanguage } from '../../../app/i18n/language';
import { Avatar } from '../../../shared/ui/avatar';
import styles from './resident-profile-card.module.css';

/** Renders `fragment ResidentProfile_resident` (features/profile/graphql). */
export function ResidentProfileCard({ resident }: { resident: ResidentProfile_ResidentFragment }) {
  const { t } = useTranslation();
  const language = toSupportedLanguage(resident.language);
  const displayName = resident.displayName ?? t('profile.displayNameMissing');
  return (
    <div className={styles.card}>
      <div className={styles.identity}>
        {/* The name is right beside the picture, so the picture itself needs no text. */}
        <Avatar src={resident.pictureUrl} alt="" size={72} />
        <p className={styles.name}>{displayName}</p>
      </div>
      <dl className={styles.fields}>
        <dt>{t('profile.displayName')}</dt>
        <dd>{displayName}</dd>
        <dt>{t('profile.language')}</dt>
        <dd>{language ? t(`profile.languageName.${language}`) : t('profile.languageName.other', { code: resident.language })}</dd>
      </dl>
    </div>
  );
}
