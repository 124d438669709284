import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFoundResult() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={<h1 className="result-title">{t('errors.notFoundPage.title')}</h1>}
      subTitle={t('errors.notFoundPage.description')}
      extra={<Link to="/">{t('errors.forbiddenPage.backHome')}</Link>}
    />
  );
}
