import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Flex, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../load-more';
import type { LoadMoreFooter, PagesFooter } from './use-connection-list';

/** Previous / next page and "N 件中 M–K 件目", for lists read page by page. */
export function PageNav({ footer }: { footer: PagesFooter }) {
  const { t } = useTranslation();
  const { from, to, total } = footer;
  return (
    <Flex className="load-more" justify="space-between" align="center" wrap gap="small">
      <Typography.Text type="secondary" aria-live="polite">
        {to >= from ? t('common.pageRange', { total, from, to }) : t('common.total', { total })}
      </Typography.Text>
      <Space>
        <Button icon={<LeftOutlined />} disabled={footer.onFirstPage} onClick={footer.onPrevious}>
          {t('common.prevPage')}
        </Button>
        <Button disabled={!footer.hasNextPage} onClick={footer.onNext}>
          {t('common.nextPage')}
          <RightOutlined />
        </Button>
      </Space>
    </Flex>
  );
}

export function ListFooter({ footer }: { footer: LoadMoreFooter | PagesFooter | null }) {
  if (!footer) return null;
  if (footer.kind === 'pages') return <PageNav footer={footer} />;
  return (
    <LoadMore
      shown={footer.shown}
      total={footer.total}
      hasNextPage={footer.hasNextPage}
      loading={footer.loading}
      onLoadMore={footer.onLoadMore}
    />
  );
}
