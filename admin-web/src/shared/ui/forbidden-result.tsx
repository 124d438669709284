import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function ForbiddenResult() {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={<h1 className="result-title">{t('errors.forbiddenPage.title')}</h1>}
      subTitle={t('errors.forbiddenPage.description')}
      extra={
        <Link to="/">
          <Button type="primary" tabIndex={-1}>
            {t('errors.forbiddenPage.backHome')}
          </Button>
        </Link>
      }
    />
  );
}
