import { useTranslation } from 'react-i18next';
import { Banner } from '../../../shared/ui/banner';

export function PreviewBanner() {
  const { t } = useTranslation();
  return <Banner title={t('session.preview.title')}>{t('session.preview.description')}</Banner>;
}
