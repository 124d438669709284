import { Table } from 'antd';
import type { ReactElement } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { FormSummaryQuery } from '../../../gql/graphql';
import { formatPercent } from '../lib/form-display';
import { averageRows, shareRows, stackedShares, type TrendBucket, type TrendQuestion } from '../lib/trend';

type Summary = FormSummaryQuery['formSummary'];
type QuestionOptionCount = Summary['questions'][number]['options'][number];
type DayCount = Summary['perDay'][number];

const BAR_COLOR = '#0b6b35';
/** Stacked shares, first option darkest: a 5-level scale reads from 満足 to 不満, and options beyond get distinct hues. */
const SERIES_COLORS = ['#0b6b35', '#4d9a63', '#9cc7a4', '#d9b44a', '#d46b08', '#a8071a', '#1d39c4', '#722ed1', '#595959'];

/**
 * A chart is a picture for sighted staff; the table under it carries the same numbers for
 * everyone. So the picture is hidden from assistive technology (and not focusable), and the
 * figure's caption says where the numbers are.
 */
function ChartFigure({ caption, height, children }: { caption: string; height: number; children: ReactElement }) {
  return (
    <figure style={{ margin: 0 }}>
      <figcaption className="visually-hidden">{caption}</figcaption>
      <div aria-hidden="true" style={{ width: '100%', height }}>
        <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 640, height }}>
          {children}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

export function OptionCountsChart({ label, options }: { label: string; options: readonly QuestionOptionCount[] }) {
  const { t } = useTranslation();
  const height = Math.max(120, options.length * 36 + 40);
  const data = options.map((o) => ({ name: o.label, count: o.count, percent: formatPercent(o.percent) }));
  return (
    <>
      <ChartFigure caption={t('forms.summary.chartOf', { label })} height={height}>
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 72, bottom: 8, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="name" width={160} tick={{ fontSize: 13 }} />
          <Tooltip />
          <Bar dataKey="count" name={t('forms.summary.count')} fill={BAR_COLOR} isAnimationActive={false}>
            <LabelList dataKey="percent" position="right" />
          </Bar>
        </BarChart>
      </ChartFigure>
      <Table
        rowKey="optionId"
        size="small"
        pagination={false}
        caption={<span className="visually-hidden">{label}</span>}
        dataSource={[...options]}
        columns={[
          { title: t('forms.summary.option'), dataIndex: 'label', key: 'label' },
          { title: t('forms.summary.count'), dataIndex: 'count', key: 'count', align: 'right', width: 100 },
          {
            title: t('forms.summary.percent'),
            key: 'percent',
            align: 'right',
            width: 100,
            render: (_: unknown, o: QuestionOptionCount) => formatPercent(o.percent),
          },
        ]}
      />
    </>
  );
}

export function PerDayChart({ perDay }: { perDay: readonly DayCount[] }) {
  const { t } = useTranslation();
  return (
    <>
      <ChartFigure caption={t('forms.summary.perDayChart')} height={220}>
        <BarChart data={[...perDay]} margin={{ top: 8, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Bar dataKey="count" name={t('forms.summary.count')} fill={BAR_COLOR} isAnimationActive={false} />
        </BarChart>
      </ChartFigure>
      <details>
        <summary>{t('forms.summary.perDayTable')}</summary>
        <Table
          rowKey="day"
          size="small"
          pagination={false}
          caption={<span className="visually-hidden">{t('forms.summary.perDayTable')}</span>}
          dataSource={[...perDay]}
          columns={[
            { title: t('forms.summary.day'), dataIndex: 'day', key: 'day' },
            { title: t('forms.summary.count'), dataIndex: 'count', key: 'count', align: 'right', width: 100 },
          ]}
        />
      </details>
    </>
  );
}

function average(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : (Math.round(value * 100) / 100).toLocaleString('ja-JP');
}

/** FORM-20: answers per period, as bars, with the numbers in a table. */
export function TrendTotalsChart({ periods }: { periods: readonly TrendBucket[] }) {
  const { t } = useTranslation();
  return (
    <>
      <ChartFigure caption={t('forms.summary.trend.totalsChart')} height={200}>
        <BarChart
          data={periods.map((p) => ({ name: p.label, total: p.total }))}
          margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Bar dataKey="total" name={t('forms.summary.trend.answered')} fill={BAR_COLOR} isAnimationActive={false} />
        </BarChart>
      </ChartFigure>
      <details>
        <summary>{t('forms.summary.trend.totalsTable')}</summary>
        <Table
          rowKey="key"
          size="small"
          pagination={false}
          caption={<span className="visually-hidden">{t('forms.summary.trend.totalsTable')}</span>}
          dataSource={[...periods]}
          columns={[
            { title: t('forms.summary.trend.periodColumn'), dataIndex: 'label', key: 'label' },
            { title: t('forms.summary.trend.answered'), dataIndex: 'total', key: 'total', align: 'right', width: 120 },
          ]}
        />
      </details>
    </>
  );
}

/** A number question's average per period as a line (a period without answers leaves a gap), and the table. */
export function TrendAverageChart({ question, periods }: { question: TrendQuestion; periods: readonly TrendBucket[] }) {
  const { t } = useTranslation();
  const rows = averageRows(question, periods);
  const tableTitle = t('forms.summary.trend.tableOf', { label: question.label });
  return (
    <>
      <ChartFigure caption={t('forms.summary.trend.averageChart', { label: question.label })} height={220}>
        <LineChart
          data={rows.map((r) => ({ name: r.label, average: r.average }))}
          margin={{ top: 8, right: 24, bottom: 8, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={{ fontSize: 12 }} />
          <YAxis domain={['auto', 'auto']} />
          <Tooltip />
          <Line
            type="linear"
            dataKey="average"
            name={t('forms.summary.trend.average')}
            stroke={BAR_COLOR}
            strokeWidth={2}
            dot={{ r: 4 }}
            connectNulls={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ChartFigure>
      <details>
        <summary>{tableTitle}</summary>
        <Table
          rowKey="key"
          size="small"
          pagination={false}
          caption={<span className="visually-hidden">{tableTitle}</span>}
          dataSource={rows}
          columns={[
            { title: t('forms.summary.trend.periodColumn'), dataIndex: 'label', key: 'label' },
            { title: t('forms.summary.trend.answered'), dataIndex: 'answered', key: 'answered', align: 'right', width: 120 },
            {
              title: t('forms.summary.trend.average'),
              key: 'average',
              align: 'right',
              width: 120,
              render: (_: unknown, r: (typeof rows)[number]) => average(r.average),
            },
          ]}
        />
      </details>
    </>
  );
}

/** A choice question's distribution per period as 100% stacked bars (periods with few answers compare), and the table. */
export function TrendDistributionChart({ question, periods }: { question: TrendQuestion; periods: readonly TrendBucket[] }) {
  const { t } = useTranslation();
  const options = question.points[0]?.options ?? [];
  const rows = shareRows(question, periods);
  const data = stackedShares(rows);
  const tableTitle = t('forms.summary.trend.tableOf', { label: question.label });
  return (
    <>
      <ChartFigure caption={t('forms.summary.trend.shareChart', { label: question.label })} height={260}>
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={{ fontSize: 12 }} />
          <YAxis domain={[0, 100]} unit="%" />
          <Tooltip formatter={(value) => formatPercent(Number(value))} />
          <Legend />
          {options.map((o, j) => (
            <Bar
              key={o.optionId}
              dataKey={`o${j}`}
              name={o.label}
              stackId="share"
              fill={SERIES_COLORS[j % SERIES_COLORS.length]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ChartFigure>
      <details>
        <summary>{tableTitle}</summary>
        <Table
          rowKey="key"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          caption={<span className="visually-hidden">{tableTitle}</span>}
          dataSource={rows}
          columns={[
            { title: t('forms.summary.trend.periodColumn'), dataIndex: 'label', key: 'label', fixed: 'left' },
            { title: t('forms.summary.trend.answered'), dataIndex: 'answered', key: 'answered', align: 'right', width: 100 },
            ...options.map((o, j) => ({
              title: o.label,
              key: `o${j}`,
              align: 'right' as const,
              render: (_: unknown, r: (typeof rows)[number]) => {
                const cell = r.options[j];
                return cell ? t('forms.summary.trend.cell', { count: cell.count, percent: formatPercent(cell.percent) }) : '—';
              },
            })),
          ]}
        />
      </details>
    </>
  );
}
