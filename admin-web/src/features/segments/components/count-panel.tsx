import { ReloadOutlined, TeamOutlined } from '@ant-design/icons';
import { useLazyQuery } from '@apollo/client/react';
import type { ErrorLike } from '@apollo/client';
import { Alert, Button, Card, DatePicker, Flex, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../../app/auth/viewer-context';
import { SegmentSampleDocument } from '../../../gql/graphql';
import { formatDate, formatDateTime } from '../../../shared/lib/format';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import { residentLabel } from '../../residents/lib/resident-name';
import type { SegmentConditionJson } from '../lib/condition-tree';
import { LabelledField } from './condition-tree-editor';
import { DAY_FORMATS } from './leaf-editors';

export interface LiveCount {
  count: number | null;
  day: string | null;
  loading: boolean;
  error: ErrorLike | undefined;
  /** How many problems the server found in the condition (BAD_USER_INPUT), 0 otherwise. */
  problemCount: number;
  refetch: () => void;
}

const SEND_DAY_ID = 'segment-count-send-day';

/** The live count beside the editor: the number, the day it is for, and why there is none. */
export function CountPanel({
  live,
  incomplete,
  condition,
  canSample,
  sendDay,
  onSendDayChange,
}: {
  live: LiveCount;
  /** The tree still has unfinished conditions: nothing is counted yet. */
  incomplete: boolean;
  /** The condition being counted (the sample is asked for the same). */
  condition: SegmentConditionJson | null;
  canSample: boolean;
  /** The send day ages are counted on ('YYYY-MM-DD'); null is today. */
  sendDay: string | null;
  onSendDayChange: (day: string | null) => void;
}) {
  const { t } = useTranslation();
  const info = live.error ? describeApiError(live.error) : null;
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
          {t('segments.count.title')}
        </Typography.Title>
      }
      size="small"
    >
      <div role="status" aria-live="polite" aria-atomic="true" aria-busy={live.loading}>
        {incomplete ? (
          <Typography.Paragraph type="secondary">{t('segments.count.incomplete')}</Typography.Paragraph>
        ) : info?.code === 'BAD_USER_INPUT' ? (
          <Alert type="error" showIcon title={t('segments.count.invalid', { count: Math.max(live.problemCount, 1) })} />
        ) : info?.code === 'RATE_LIMITED' ? (
          <Alert
            type="warning"
            showIcon
            title={
              info.retryAfterSeconds !== null
                ? t('segments.count.rateLimited', { seconds: info.retryAfterSeconds })
                : t('segments.count.rateLimitedNoTime')
            }
          />
        ) : live.error ? (
          <ErrorAlert error={live.error} />
        ) : live.count !== null ? (
          <Spin spinning={live.loading} description={t('segments.count.loading')}>
            <Typography.Paragraph strong style={{ fontSize: 22, color: '#0b6b35', margin: 0 }}>
              <TeamOutlined aria-hidden="true" /> {t('segments.count.value', { n: live.count.toLocaleString('ja-JP') })}
            </Typography.Paragraph>
            {live.day ? <Typography.Text type="secondary">{t('segments.count.day', { day: formatDate(live.day) })}</Typography.Text> : null}
          </Spin>
        ) : live.loading ? (
          <Flex gap="small" align="center">
            <Spin size="small" />
            <Typography.Text>{t('segments.count.loading')}</Typography.Text>
          </Flex>
        ) : null}
      </div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginTop: 12 }}>
        {t('segments.count.note')}
      </Typography.Paragraph>
      <div style={{ marginBottom: 12 }}>
        <LabelledField id={SEND_DAY_ID} label={t('segments.count.sendDay')} hint={t('segments.count.sendDayHint')}>
          <DatePicker
            id={SEND_DAY_ID}
            value={sendDay ? dayjs(sendDay) : null}
            format={DAY_FORMATS}
            placeholder={t('segments.count.sendDayPlaceholder')}
            allowClear
            style={{ width: 200 }}
            onChange={(value: Dayjs | null) => onSendDayChange(value ? value.format('YYYY-MM-DD') : null)}
          />
        </LabelledField>
      </div>
      <Flex gap="small" wrap>
        <Button size="small" icon={<ReloadOutlined aria-hidden="true" />} disabled={incomplete || live.loading} onClick={live.refetch}>
          {t('segments.count.refresh')}
        </Button>
        {canSample ? <SampleButton condition={incomplete ? null : condition} sendDay={sendDay} /> : null}
      </Flex>
    </Card>
  );
}

/** A few matching friends, for staff who may see residents and their attributes (the server checks both). */
function SampleButton({ condition, sendDay }: { condition: SegmentConditionJson | null; sendDay: string | null }) {
  const { t } = useTranslation();
  const can = useCan();
  const [run, result] = useLazyQuery(SegmentSampleDocument, { fetchPolicy: 'network-only' });
  const [sampledFor, setSampledFor] = useState<string | null>(null);
  const key = condition ? JSON.stringify([condition, sendDay]) : null;
  // A sample of an earlier condition is not shown: it would name people the condition no longer picks.
  const current = sampledFor !== null && sampledFor === key;
  const residents = current ? (result.data?.segmentSample.residents ?? null) : null;
  return (
    <>
      <Button
        size="small"
        disabled={!condition}
        loading={current && result.loading}
        onClick={() => {
          if (!condition) return;
          setSampledFor(key);
          void run({
            variables: { condition, options: sendDay ? { day: sendDay } : null, withPersonal: can('residents.read_personal') },
          }).catch(() => undefined);
        }}
      >
        {t('segments.sample.button')}
      </Button>
      {current && result.error ? <ErrorAlert className="page-top-gap" error={result.error} /> : null}
      {residents ? (
        <section aria-labelledby="segment-sample-title" style={{ width: '100%', marginTop: 8 }}>
          <Typography.Text strong id="segment-sample-title">
            {t('segments.sample.title')}
          </Typography.Text>
          {residents.length === 0 ? (
            <Typography.Paragraph type="secondary">{t('segments.sample.empty')}</Typography.Paragraph>
          ) : (
            <ul style={{ paddingLeft: 20, margin: '4px 0' }}>
              {residents.map((r) => (
                <li key={r.id}>
                  <Link to={`/residents/${r.id}`}>{residentLabel(r, t)}</Link>{' '}
                  {r.followedAt ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('segments.sample.followedAt', { at: formatDateTime(r.followedAt) })}
                    </Typography.Text>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </>
  );
}
