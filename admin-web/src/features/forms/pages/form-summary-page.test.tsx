import { afterAll, describe, expect, it } from 'vitest';
import { FormHeaderDocument, FormSummaryDocument, FormTrendDocument } from '../../../gql/graphql';
import { trendExportHref } from '../lib/form-display';
import { formDetail, surveyDefinition } from '../test-support/fixtures';
import { axeChecker, renderPage } from '../test-support/render-page';
import { FormSummaryPage } from './form-summary-page';

const axe = axeChecker();
afterAll(() => axe.close());

const header = {
  request: { query: FormHeaderDocument, variables: { id: 'form-1' } },
  result: {
    data: {
      form: {
        __typename: 'Form',
        id: 'form-1',
        title: '市民満足度アンケート',
        kind: 'SURVEY',
        status: 'PUBLISHED',
        submissionCount: 10,
        draftDefinition: surveyDefinition,
        publishedVersion: { __typename: 'FormVersion', id: 'v-2', number: 2, definition: surveyDefinition },
        versions: formDetail().versions,
      },
    },
  },
};

const summary = {
  request: { query: FormSummaryDocument, variables: { formId: 'form-1', versionId: null } },
  result: {
    data: {
      formSummary: {
        __typename: 'FormSummary',
        formId: 'form-1',
        total: 10,
        questions: [
          {
            __typename: 'QuestionSummary',
            fieldId: 'f_2',
            label: 'お住まいの地区',
            type: 'singleChoice',
            answered: 10,
            options: [
              { __typename: 'QuestionOptionCount', optionId: 'o_1', label: '北地区', count: 7, percent: 70 },
              { __typename: 'QuestionOptionCount', optionId: 'o_2', label: '南地区', count: 3, percent: 30 },
            ],
            texts: [],
            average: null,
          },
          {
            __typename: 'QuestionSummary',
            fieldId: 'f_6',
            label: '満足度',
            type: 'number',
            answered: 6,
            options: [],
            texts: [],
            average: 3.6666,
          },
          {
            __typename: 'QuestionSummary',
            fieldId: 'f_7',
            label: 'ご意見',
            type: 'text',
            answered: 2,
            options: [],
            texts: ['公園を増やしてほしい', '特になし'],
            average: null,
          },
        ],
        perDay: [
          { __typename: 'DayCount', day: '2026-12-01', count: 4 },
          { __typename: 'DayCount', day: '2026-12-02', count: 6 },
        ],
      },
    },
  },
};

const bucket = (key: string, label: string, startsOn: string, endsOn: string, total: number) => ({
  __typename: 'FormTrendBucket',
  key,
  label,
  startsOn,
  endsOn,
  total,
});
const option = (optionId: string, label: string, count: number, percent: number) => ({
  __typename: 'QuestionOptionCount',
  optionId,
  label,
  count,
  percent,
});
const point = (periodKey: string, answered: number, average: number | null, options: ReturnType<typeof option>[] = []) => ({
  __typename: 'FormTrendPoint',
  periodKey,
  answered,
  average,
  options,
});

const trend = {
  request: { query: FormTrendDocument, variables: { formId: 'form-1', period: 'QUARTER' } },
  result: {
    data: {
      formTrend: {
        __typename: 'FormTrend',
        formId: 'form-1',
        period: 'QUARTER',
        periods: [
          bucket('FY2025-Q4', '2025年度 第4四半期', '2026-01-01', '2026-03-31', 2),
          bucket('FY2026-Q1', '2026年度 第1四半期', '2026-04-01', '2026-06-30', 3),
          bucket('FY2026-Q2', '2026年度 第2四半期', '2026-07-01', '2026-09-30', 0),
        ],
        questions: [
          {
            __typename: 'FormTrendQuestion',
            fieldId: 'overall',
            label: '総合満足度',
            type: 'singleChoice',
            points: [
              point('FY2025-Q4', 2, null, [option('s5', '満足', 1, 50), option('s1', '不満', 1, 50)]),
              point('FY2026-Q1', 3, null, [option('s5', '満足', 2, 66.7), option('s1', '不満', 1, 33.3)]),
              point('FY2026-Q2', 0, null, [option('s5', '満足', 0, 0), option('s1', '不満', 0, 0)]),
            ],
          },
          {
            __typename: 'FormTrendQuestion',
            fieldId: 'recommend',
            label: '勧める度合い',
            type: 'number',
            points: [point('FY2025-Q4', 2, 7.5), point('FY2026-Q1', 2, 6.25), point('FY2026-Q2', 0, null)],
          },
        ],
      },
    },
  },
};

const emptyTrend = {
  request: trend.request,
  result: {
    data: { formTrend: { __typename: 'FormTrend', formId: 'form-1', period: 'QUARTER', periods: [], questions: [] } },
  },
};

describe('FormSummaryPage', { timeout: 60_000 }, () => {
  it('charts each question with counts and percentages in a table, averages numbers and lists free texts, accessibly', async () => {
    const { html, document } = await renderPage(<FormSummaryPage />, {
      responses: [header, summary, trend],
      permissions: ['forms.read', 'forms.submissions.read'],
      path: '/forms/form-1/summary',
      route: '/forms/:id/summary',
    });
    expect(html).toContain('集計：市民満足度アンケート');
    expect(html).toContain('お住まいの地区の回答の件数（棒グラフ）。数値は下の表にあります。');
    expect(html).toContain('70.0%');
    expect(html).toContain('30.0%');
    expect(html).toContain('平均 3.67');
    expect(html).toContain('公園を増やしてほしい');
    expect(html).toContain('特になし');
    expect(html).toContain('日ごとの回答数');
    expect(html).toContain('2026-12-02');
    // Two versions: staff can summarise one of them.
    expect(html).toContain('集計する版');
    expect(await axe.violations(document, 'form-summary')).toEqual([]);
  });

  it('shows the trend per fiscal quarter: a line of averages, stacked shares, each with its table, the period switch and the CSV', async () => {
    const { html, document } = await renderPage(<FormSummaryPage />, {
      responses: [header, summary, trend],
      permissions: ['forms.read', 'forms.submissions.read'],
      path: '/forms/form-1/summary',
      route: '/forms/:id/summary',
    });
    expect(html).toContain('期間ごとの推移');
    // The switch: 月 and 四半期, the quarter chosen.
    expect(html).toMatch(/<legend class="visually-hidden">集計の単位<\/legend>/);
    expect(html).toMatch(/ant-radio-button-wrapper-checked[^>]*>.*?四半期/);
    expect(html).toContain('>月<');
    expect(html).toContain('推移をCSVで出力');
    expect(trendExportHref('form-1', 'QUARTER')).toBe('/api/forms/form-1/trend.csv?period=QUARTER');
    expect(trendExportHref('form-1', 'MONTH', 'run-1')).toBe('/api/forms/form-1/trend.csv?period=MONTH&deliveryRunId=run-1');
    // Charts are pictures; their captions point to the tables, which carry every number.
    expect(html).toContain('期間ごとの回答数（棒グラフ）。数値は下の表にあります。');
    expect(html).toContain('勧める度合いの期間ごとの平均（折れ線グラフ）。数値は下の表にあります。');
    expect(html).toContain('総合満足度の期間ごとの回答の割合（積み上げ棒グラフ）。数値は下の表にあります。');
    // Server rendering draws no chart (recharts measures first): lib/trend.test.ts checks what they plot.
    expect(html.match(/<figure/g)).toHaveLength(5);
    const table = (title: string) => html.slice(html.indexOf(`<summary>${title}</summary>`)).split('</details>')[0]!;
    const averages = table('勧める度合いの推移（表）');
    expect(averages).toContain('2025年度 第4四半期');
    expect(averages).toMatch(/2025年度 第4四半期<\/td><td[^>]*>2<\/td><td[^>]*>7.5<\/td>/);
    expect(averages).toMatch(/2026年度 第1四半期<\/td><td[^>]*>2<\/td><td[^>]*>6.25<\/td>/);
    expect(averages).toMatch(/2026年度 第2四半期<\/td><td[^>]*>0<\/td><td[^>]*>—<\/td>/);
    const shares = table('総合満足度の推移（表）');
    expect(shares).toMatch(/<th[^>]*>満足<\/th>/);
    expect(shares).toMatch(/2026年度 第1四半期<\/td><td[^>]*>3<\/td><td[^>]*>2件（66.7%）<\/td><td[^>]*>1件（33.3%）<\/td>/);
    const totals = table('期間ごとの回答数（表）');
    expect(totals).toMatch(/2026年度 第1四半期<\/td><td[^>]*>3<\/td>/);
    expect(await axe.violations(document, 'form-summary-trend')).toEqual([]);
  });

  it('says so when the trend has no answers yet', async () => {
    const { html } = await renderPage(<FormSummaryPage />, {
      responses: [header, summary, emptyTrend],
      permissions: ['forms.read', 'forms.submissions.read'],
      path: '/forms/form-1/summary',
      route: '/forms/:id/summary',
    });
    expect(html).toContain('期間ごとの推移');
    expect(html).not.toContain('期間ごとの回答数（棒グラフ）');
    expect(html.split('まだ回答はありません。').length - 1).toBe(1);
  });

  it('summarises one delivery round’s answers when opened for a delivery run, and says so', async () => {
    const round = { deliveryRunId: 'run-1' };
    const { html, document } = await renderPage(<FormSummaryPage />, {
      responses: [
        header,
        {
          request: { query: FormSummaryDocument, variables: { ...summary.request.variables, ...round } },
          result: { data: { formSummary: { ...summary.result.data.formSummary, total: 4 } } },
        },
        { request: { query: FormTrendDocument, variables: { ...trend.request.variables, ...round } }, result: trend.result },
      ],
      permissions: ['forms.read', 'forms.submissions.read'],
      path: '/forms/form-1/summary?deliveryRunId=run-1',
      route: '/forms/:id/summary',
    });
    expect(html).toContain('配信の1回の送信で、フォームのカードから届いた回答だけを集計しています');
    expect(html).toContain('すべての回答を集計する');
    expect(html).toMatch(/回答数<\/div>[\s\S]*?>4</);
    expect(await axe.violations(document, 'form-summary-round')).toEqual([]);
  });
});
