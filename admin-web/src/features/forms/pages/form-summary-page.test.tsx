import { afterAll, describe, expect, it } from 'vitest';
import { FormHeaderDocument, FormSummaryDocument } from '../../../gql/graphql';
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

describe('FormSummaryPage', { timeout: 60_000 }, () => {
  it('charts each question with counts and percentages in a table, averages numbers and lists free texts, accessibly', async () => {
    const { html, document } = await renderPage(<FormSummaryPage />, {
      responses: [header, summary],
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
});
