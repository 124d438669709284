import { ArrowLeftOutlined } from '@ant-design/icons';
import { skipToken, useQuery } from '@apollo/client/react';
import { Alert, Card, Col, Radio, Row, Select, Space, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useCan } from '../../../app/auth/viewer-context';
import { FormHeaderDocument, FormSummaryDocument, FormTrendDocument } from '../../../gql/graphql';
import type { FormSummaryQuery, FormTrendPeriod } from '../../../gql/graphql';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import { ForbiddenResult } from '../../../shared/ui/forbidden-result';
import { DownloadButton } from '../../../shared/ui/list-page';
import { PageHeader } from '../../../shared/ui/page-header';
import { EmptyState, LoadingState } from '../../../shared/ui/states';
import { OptionCountsChart, PerDayChart, TrendAverageChart, TrendDistributionChart, TrendTotalsChart } from '../components/summary-charts';
import { trendExportHref } from '../lib/form-display';

const TREND_PERIODS: readonly FormTrendPeriod[] = ['MONTH', 'QUARTER'];

export function FormSummaryPage() {
  const can = useCan();
  if (!can('forms.submissions.read')) return <ForbiddenResult />;
  return <Summary />;
}

function Summary() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [versionId, setVersionId] = useState<string>('');
  // FORM-08: one survey round, the answers one delivery run's form card brought (from the delivery's page).
  const [search, setSearch] = useSearchParams();
  const deliveryRunId = search.get('deliveryRunId');
  const round = deliveryRunId ? { deliveryRunId } : {};
  const header = useQuery(FormHeaderDocument, { variables: { id } });
  const summary = useQuery(
    FormSummaryDocument,
    id ? { variables: { formId: id, versionId: versionId === '' ? null : versionId, ...round } } : skipToken,
  );
  const form = header.data?.form;
  const title = form?.title ?? '';
  const data = summary.data?.formSummary;

  return (
    <>
      <Link to={`/forms/${id}/submissions`}>
        <ArrowLeftOutlined aria-hidden="true" /> {t('forms.submission.back')}
      </Link>
      <PageHeader
        title={title ? t('forms.summary.title', { title }) : t('forms.summary.titleShort')}
        description={t('forms.summary.description')}
        extra={
          form && form.versions.length > 1 ? (
            <Space>
              <label htmlFor="form-summary-version">{t('forms.summary.version')}</label>
              <Select<string>
                id="form-summary-version"
                value={versionId}
                style={{ minWidth: 160 }}
                onChange={setVersionId}
                options={[
                  { value: '', label: t('forms.summary.allVersions') },
                  ...[...form.versions]
                    .sort((a, b) => b.number - a.number)
                    .map((v) => ({ value: v.id, label: t('forms.summary.versionNumber', { number: v.number }) })),
                ]}
              />
            </Space>
          ) : null
        }
      />
      {deliveryRunId ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('forms.summary.round')}
          action={<Typography.Link onClick={() => setSearch({})}>{t('forms.summary.allRounds')}</Typography.Link>}
        />
      ) : null}
      {summary.error && !data ? <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} /> : null}
      {summary.loading && !data ? <LoadingState rows={8} /> : null}
      {data ? (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Row gutter={[16, 16]}>
            <Col xs={24} md={6}>
              <Card size="small">
                <Statistic title={t('forms.summary.total')} value={data.total} />
              </Card>
            </Col>
            <Col xs={24} md={18}>
              <Card size="small" title={<h2 className="section-title">{t('forms.summary.perDay')}</h2>}>
                {data.perDay.length === 0 ? (
                  <EmptyState description={t('forms.summary.perDayEmpty')} />
                ) : (
                  <PerDayChart perDay={data.perDay} />
                )}
              </Card>
            </Col>
          </Row>
          <TrendCard formId={id} deliveryRunId={deliveryRunId} />
          {data.questions.length === 0 ? <EmptyState description={t('forms.summary.noQuestions')} /> : null}
          {data.questions.map((question) => (
            <QuestionCard key={question.fieldId} question={question} />
          ))}
        </Space>
      ) : null}
    </>
  );
}

/**
 * FORM-20: how the answers move from period to period (every version), by month or fiscal
 * quarter: a line of averages for number questions, stacked shares for choices, each with its
 * table, and the CSV for the report.
 */
function TrendCard({ formId, deliveryRunId }: { formId: string; deliveryRunId: string | null }) {
  const { t } = useTranslation();
  const [period, setPeriod] = useState<FormTrendPeriod>('QUARTER');
  const trend = useQuery(FormTrendDocument, { variables: { formId, period, ...(deliveryRunId ? { deliveryRunId } : {}) } });
  const data = trend.data?.formTrend;
  return (
    <Card
      size="small"
      title={<h2 className="section-title">{t('forms.summary.trend.title')}</h2>}
      extra={
        <DownloadButton
          download={{
            key: 'trend-csv',
            label: t('forms.summary.trend.csv'),
            format: 'csv',
            href: trendExportHref(formId, period, deliveryRunId),
          }}
        />
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('forms.summary.trend.description')}</Typography.Text>
        <fieldset className="plain-fieldset">
          <legend className="visually-hidden">{t('forms.summary.trend.period')}</legend>
          <Radio.Group
            value={period}
            optionType="button"
            buttonStyle="solid"
            options={TREND_PERIODS.map((value) => ({ value, label: t(`forms.summary.trend.periods.${value}`) }))}
            onChange={(e) => setPeriod(e.target.value as FormTrendPeriod)}
          />
        </fieldset>
        {trend.error && !data ? <ErrorAlert error={trend.error} onRetry={() => void trend.refetch()} /> : null}
        {trend.loading && !data ? <LoadingState rows={4} /> : null}
        {data && data.periods.length === 0 ? <EmptyState description={t('forms.summary.trend.empty')} /> : null}
        {data && data.periods.length > 0 ? (
          <>
            <section>
              <Typography.Title level={3} style={{ fontSize: 15 }}>
                {t('forms.summary.trend.totals')}
              </Typography.Title>
              <TrendTotalsChart periods={data.periods} />
            </section>
            {data.questions.length === 0 ? <EmptyState description={t('forms.summary.trend.noQuestions')} /> : null}
            {data.questions.map((question) => (
              <section key={question.fieldId}>
                <Typography.Title level={3} style={{ fontSize: 15 }}>
                  {question.label}
                </Typography.Title>
                {question.type === 'number' ? (
                  <TrendAverageChart question={question} periods={data.periods} />
                ) : (
                  <TrendDistributionChart question={question} periods={data.periods} />
                )}
              </section>
            ))}
          </>
        ) : null}
      </Space>
    </Card>
  );
}

type QuestionSummary = FormSummaryQuery['formSummary']['questions'][number];

function QuestionCard({ question }: { question: QuestionSummary }) {
  const { t } = useTranslation();
  const free = question.options.length === 0;
  return (
    <Card
      size="small"
      title={<h2 className="section-title">{question.label}</h2>}
      extra={
        <Space size="middle">
          <span>{t('forms.summary.answered', { count: question.answered })}</span>
          {question.average !== null && question.average !== undefined ? (
            <strong>{t('forms.summary.average', { value: (Math.round(question.average * 100) / 100).toLocaleString('ja-JP') })}</strong>
          ) : null}
        </Space>
      }
    >
      {question.options.length > 0 ? <OptionCountsChart label={question.label} options={question.options} /> : null}
      {free && question.texts.length > 0 ? (
        <>
          <Typography.Title level={3} style={{ fontSize: 15 }}>
            {t('forms.summary.texts')}
          </Typography.Title>
          <ul
            tabIndex={0}
            aria-label={`${question.label}：${t('forms.summary.texts')}`}
            style={{ maxHeight: 320, overflowY: 'auto', margin: 0, paddingInlineStart: 20 }}
          >
            {question.texts.map((text, i) => (
              // Texts repeat ("特になし"): their place in the list is their identity.
              <li key={i} style={{ whiteSpace: 'pre-wrap', padding: '4px 0', borderBottom: '1px solid #f0f0f0' }}>
                {text}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {free && question.texts.length === 0 && question.average === null ? (
        <Typography.Text type="secondary">{t('forms.summary.textsEmpty')}</Typography.Text>
      ) : null}
    </Card>
  );
}
