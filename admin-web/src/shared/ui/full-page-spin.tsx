import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

export function FullPageSpin() {
  const { t } = useTranslation();
  return (
    <main className="full-page-center" aria-busy="true">
      <Spin size="large" description={t('app.loading')} />
    </main>
  );
}
