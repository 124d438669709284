import { useQuery } from '@apollo/client/react';
import { Card, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../../app/auth/viewer-context';
import { DeliveryAnswersDocument } from '../../../gql/graphql';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import { LoadingState } from '../../../shared/ui/states';
import { formatJst } from '../lib/jst';

const n = (value: number) => value.toLocaleString('ja-JP');
/** Digits of one width, so the counts and rates of the rows line up under each other. */
const NUMBERS = { fontVariantNumeric: 'tabular-nums' } as const;

/** `2026/12/03（木）10:00`, on a phone as `2026/12/03` over `（木）10:00`, never a character a line. */
function SentAt({ iso }: { iso: string }) {
  const at = formatJst(iso);
  const weekday = at.indexOf('（');
  if (weekday < 0) return at;
  return (
    <>
      <span className="nowrap">{at.slice(0, weekday)}</span>
      <wbr />
      <span className="nowrap">{at.slice(weekday)}</span>
    </>
  );
}

/**
 * FORM-08: for a delivery carrying a form, each real run's answers through its form card and the
 * response rate (answers ÷ sent), newest first. Test runs and answers that came another way are
 * not counted, and the note says so.
 */
export function AnswersPanel({ deliveryId }: { deliveryId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const { data, loading, error, refetch } = useQuery(DeliveryAnswersDocument, {
    variables: { id: deliveryId },
    fetchPolicy: 'cache-and-network',
  });
  const runs = (data?.delivery.runs ?? []).filter((run) => run.kind === 'REAL' && run.formId !== null && run.formId !== undefined);
  return (
    <section aria-labelledby="delivery-answers-title">
      <Typography.Title level={2} id="delivery-answers-title" style={{ fontSize: 18 }}>
        {t('deliveries.answers.title')}
      </Typography.Title>
      {error && !data ? (
        <ErrorAlert error={error} onRetry={() => void refetch()} />
      ) : !data ? (
        loading ? (
          <LoadingState rows={2} />
        ) : null
      ) : (
        <Card size="small">
          {/* Breaks between phrases (送信数です stays whole), where the browser knows how. */}
          <Typography.Paragraph type="secondary" style={{ fontSize: 13, maxWidth: 560, wordBreak: 'auto-phrase' }}>
            {t('deliveries.answers.note')}
          </Typography.Paragraph>
          <Table
            size="small"
            rowKey="id"
            pagination={runs.length > 10 ? { pageSize: 10 } : false}
            // As wide as the card, wider only when it must (then it scrolls inside it): on a phone the
            // time goes under its day, so 送信数, 回答数 and 回答率 stay in sight beside it, each whole.
            scroll={{ x: true }}
            tableLayout="auto"
            style={NUMBERS}
            // Pinned left: left where the centred caption sits, the hidden caption escapes the table's scrolling and widens a phone's page.
            caption={
              <span className="visually-hidden" style={{ insetInlineStart: 0 }}>
                {t('deliveries.answers.title')}
              </span>
            }
            locale={{ emptyText: <Typography.Text type="secondary">{t('deliveries.answers.none')}</Typography.Text> }}
            dataSource={runs}
            columns={[
              {
                title: t('deliveries.answers.startedAt'),
                key: 'startedAt',
                render: (_: unknown, run) => <SentAt iso={run.createdAt} />,
              },
              {
                title: t('deliveries.answers.sent'),
                key: 'sent',
                align: 'right',
                className: 'nowrap',
                render: (_: unknown, run) => t('deliveries.answers.people', { n: n(run.stats.sent) }),
              },
              {
                title: t('deliveries.answers.count'),
                key: 'answers',
                align: 'right',
                className: 'nowrap',
                render: (_: unknown, run) => (run.stats.answers === null || run.stats.answers === undefined ? '—' : n(run.stats.answers)),
              },
              {
                title: t('deliveries.answers.rate'),
                key: 'rate',
                align: 'right',
                className: 'nowrap',
                render: (_: unknown, run) =>
                  run.stats.answerRate === null || run.stats.answerRate === undefined ? '—' : `${(run.stats.answerRate * 100).toFixed(1)}%`,
              },
              // One round's answers, summarised on the form's page, for staff who may read answers.
              ...(can('forms.submissions.read')
                ? [
                    {
                      title: t('deliveries.answers.summary'),
                      key: 'summary',
                      className: 'nowrap',
                      render: (_: unknown, run: (typeof runs)[number]) => (
                        <Link
                          to={`/forms/${run.formId}/summary?deliveryRunId=${run.id}`}
                          aria-label={t('deliveries.answers.summaryOf', { at: formatJst(run.createdAt) })}
                        >
                          {t('deliveries.answers.summaryLink')}
                        </Link>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      )}
    </section>
  );
}
