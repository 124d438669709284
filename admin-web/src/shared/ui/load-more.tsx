import { Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export interface LoadMoreProps {
  shown: number;
  total: number;
  hasNextPage: boolean;
  loading: boolean;
  onLoadMore: () => void;
}

/** "N 件中 M 件を表示" and, when the connection has more, a button for the next page. */
export function LoadMore({ shown, total, hasNextPage, loading, onLoadMore }: LoadMoreProps) {
  const { t } = useTranslation();
  return (
    <Flex className="load-more" justify="center" align="center" gap="middle" wrap>
      <Typography.Text type="secondary" aria-live="polite">
        {t('common.shownOfTotal', { shown, total })}
      </Typography.Text>
      {hasNextPage ? (
        <Button onClick={onLoadMore} loading={loading}>
          {t('common.loadMore')}
        </Button>
      ) : null}
    </Flex>
  );
}
