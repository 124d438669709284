import { useQuery } from '@apollo/client/react';
import { Card, Flex, Statistic, Table, Typography } from 'antd';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import { DeliveryClicksDocument } from '../../../gql/graphql';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import { LoadingState } from '../../../shared/ui/states';

const BAR_COLOR = '#0b6b35';
const n = (value: number) => value.toLocaleString('ja-JP');

/**
 * Taps on the delivery's tracked links (SEG-15): the total, per link, and per day. The chart is a
 * picture for sighted staff (hidden from assistive technology); the table beside it holds the
 * same numbers for everyone.
 */
export function ClicksPanel({ deliveryId }: { deliveryId: string }) {
  const { t } = useTranslation();
  const { data, loading, error, refetch } = useQuery(DeliveryClicksDocument, {
    variables: { id: deliveryId },
    fetchPolicy: 'cache-and-network',
  });
  const clicks = data?.delivery.clicks;
  return (
    <section aria-labelledby="delivery-clicks-title">
      <Typography.Title level={2} id="delivery-clicks-title" style={{ fontSize: 18 }}>
        {t('deliveries.clicks.title')}
      </Typography.Title>
      {error && !clicks ? (
        <ErrorAlert error={error} onRetry={() => void refetch()} />
      ) : !clicks ? (
        loading ? (
          <LoadingState rows={3} />
        ) : null
      ) : (
        <Card size="small">
          <Flex gap="large" wrap align="flex-start">
            <Statistic
              title={t('deliveries.clicks.total')}
              value={clicks.total}
              formatter={(v) => t('deliveries.clicks.times', { n: n(Number(v)) })}
            />
            <Typography.Paragraph type="secondary" style={{ fontSize: 13, maxWidth: 420, margin: 0 }}>
              {t('deliveries.clicks.note')}
            </Typography.Paragraph>
          </Flex>
          {clicks.links.length === 0 ? (
            <Typography.Paragraph style={{ marginTop: 12 }}>{t('deliveries.clicks.noLinks')}</Typography.Paragraph>
          ) : (
            <Table
              size="small"
              style={{ marginTop: 12 }}
              pagination={false}
              rowKey="url"
              caption={<Typography.Text strong>{t('deliveries.clicks.links')}</Typography.Text>}
              dataSource={[...clicks.links]}
              columns={[
                {
                  title: t('deliveries.clicks.url'),
                  dataIndex: 'url',
                  key: 'url',
                  render: (url: string) => <span style={{ wordBreak: 'break-all' }}>{url}</span>,
                },
                {
                  title: t('deliveries.clicks.clicks'),
                  dataIndex: 'clicks',
                  key: 'clicks',
                  align: 'right',
                  width: 120,
                  render: (value: number) => n(value),
                },
              ]}
            />
          )}
          {clicks.byDay.length > 0 ? (
            <Flex gap="large" wrap align="flex-start" style={{ marginTop: 16 }}>
              <figure style={{ margin: 0, flex: '1 1 420px', minWidth: 0 }}>
                <figcaption>
                  <Typography.Text strong>{t('deliveries.clicks.perDay')}</Typography.Text>
                </figcaption>
                <div aria-hidden="true" style={{ width: '100%', height: 200 }}>
                  <ResponsiveContainer width="100%" height={200} initialDimension={{ width: 480, height: 200 }}>
                    <BarChart data={[...clicks.byDay]} margin={{ top: 8, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
                      <CartesianGrid strokeDasharray="3 3" vertical={false} />
                      <XAxis dataKey="day" tick={{ fontSize: 12 }} tickFormatter={(day: string) => day.slice(5).replace('-', '/')} />
                      <YAxis allowDecimals={false} />
                      <Tooltip />
                      <Bar dataKey="clicks" name={t('deliveries.clicks.clicks')} fill={BAR_COLOR} isAnimationActive={false} />
                    </BarChart>
                  </ResponsiveContainer>
                </div>
              </figure>
              <Table
                size="small"
                pagination={clicks.byDay.length > 14 ? { pageSize: 14 } : false}
                rowKey="day"
                style={{ flex: '0 1 260px' }}
                caption={<span className="visually-hidden">{t('deliveries.clicks.perDay')}</span>}
                dataSource={[...clicks.byDay]}
                columns={[
                  { title: t('deliveries.clicks.day'), dataIndex: 'day', key: 'day', render: (day: string) => day.replace(/-/g, '/') },
                  {
                    title: t('deliveries.clicks.clicks'),
                    dataIndex: 'clicks',
                    key: 'clicks',
                    align: 'right',
                    width: 90,
                    render: (value: number) => n(value),
                  },
                ]}
              />
            </Flex>
          ) : null}
        </Card>
      )}
    </section>
  );
}
