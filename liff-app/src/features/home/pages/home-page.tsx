import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentResident } from '../../../app/session/resident-session-context';
import { useDocumentTitle } from '../../../shared/lib/use-document-title';
import { ActionCardGrid } from '../../../shared/ui/action-card-grid';
import { useHomeActions } from '../home-actions';
import styles from './home-page.module.css';

export function HomePage() {
  const { t } = useTranslation();
  const { resident } = useCurrentResident();
  const actions = useHomeActions();
  const headingId = useId();
  useDocumentTitle(t('home.title'));
  return (
    <>
      <div className={styles.intro}>
        <h1>{resident.displayName ? t('home.greeting', { name: resident.displayName }) : t('home.greetingAnonymous')}</h1>
        <p className={styles.lead}>{t('home.lead')}</p>
      </div>
      <section className={styles.section} aria-labelledby={headingId}>
        <h2 id={headingId}>{t('home.actionsHeading')}</h2>
        <ActionCardGrid items={actions} labelledBy={headingId} />
      </section>
    </>
  );
}
