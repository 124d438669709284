import { Table } from 'antd';
import type { ReactElement } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { FormSummaryQuery } from '../../../gql/graphql';

type Summary = FormSummaryQuery['formSummary'];
type QuestionOptionCount = Summary['questions'][number]['options'][number];
type DayCount = Summary['perDay'][number];
import { formatPercent } from '../lib/form-display';

const BAR_COLOR = '#0b6b35';

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
