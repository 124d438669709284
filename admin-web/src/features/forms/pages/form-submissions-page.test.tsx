import { afterAll, describe, expect, it } from 'vitest';
import { FormHeaderDocument, FormSubmissionDocument, FormSubmissionsDocument } from '../../../gql/graphql';
import { DEFAULT_PAGE_SIZE } from '../../../shared/ui/list-page';
import { answer, formDetail, submissionDetail, submissionRow, surveyDefinition } from '../test-support/fixtures';
import { axeChecker, renderPage } from '../test-support/render-page';
import { FormSubmissionPage } from './form-submission-page';
import { FormSubmissionsPage } from './form-submissions-page';

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
        submissionCount: 2,
        draftDefinition: surveyDefinition,
        publishedVersion: { __typename: 'FormVersion', id: 'v-2', number: 2, definition: surveyDefinition },
        versions: formDetail().versions,
      },
    },
  },
};

function submissions(rows: ReturnType<typeof submissionRow>[], withResident: boolean) {
  return {
    request: { query: FormSubmissionsDocument, variables: { formId: 'form-1', filter: {}, withResident, first: DEFAULT_PAGE_SIZE } },
    result: {
      data: {
        formSubmissions: {
          __typename: 'FormSubmissionConnection',
          edges: rows.map((node) => ({ __typename: 'FormSubmissionEdge', cursor: node.id, node })),
          pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: rows.at(-1)?.id ?? null },
          totalCount: rows.length,
        },
      },
    },
  };
}

describe('FormSubmissionsPage', { timeout: 60_000 }, () => {
  it('lists the submissions with receipt, status, submitter and first answers, with the exports, accessibly', async () => {
    const { html, document } = await renderPage(<FormSubmissionsPage />, {
      responses: [
        header,
        submissions(
          [
            submissionRow(),
            submissionRow({
              id: 'sub-2',
              receiptNumber: 'R26-00002',
              status: 'COMPLETED',
              viaBrowser: true,
              resident: null,
              answers: [answer('f_2', 'お住まいの地区', '', { personal: true, masked: true, value: null })],
            }),
          ],
          true,
        ),
      ],
      permissions: ['forms.read', 'forms.submissions.read', 'residents.read'],
      path: '/forms/form-1/submissions',
      route: '/forms/:id/submissions',
    });
    expect(html).toContain('回答一覧：市民満足度アンケート');
    expect(html).toContain('R26-00001');
    expect(html).toContain('aria-label="受付番号 R26-00002 を開く"');
    expect(html).toContain('まちの太郎');
    expect(html).toContain('ブラウザ');
    expect(html).toContain('完了');
    expect(html).toContain('受付');
    // The first three answerable questions are columns; a personal answer is masked for this viewer.
    expect(html).toContain('お住まいの地区');
    expect(html).toContain('北地区');
    expect(html).toContain('権限がないため表示できません');
    expect(html).toContain('CSVでダウンロード');
    expect(html).toContain('Excelでダウンロード');
    expect(html).toContain('第2版');
    expect(await axe.violations(document, 'form-submissions')).toEqual([]);
  });

  it('refuses the page without forms.submissions.read', async () => {
    const { html } = await renderPage(<FormSubmissionsPage />, {
      responses: [],
      permissions: ['forms.read'],
      path: '/forms/form-1/submissions',
      route: '/forms/:id/submissions',
    });
    expect(html).not.toContain('R26-00001');
    expect(html).toContain('403');
  });
});

describe('FormSubmissionPage', { timeout: 60_000 }, () => {
  const render = (submission: ReturnType<typeof submissionDetail>, permissions: string[]) =>
    renderPage(<FormSubmissionPage />, {
      responses: [
        {
          request: { query: FormSubmissionDocument, variables: { id: 'sub-1', withResident: permissions.includes('residents.read') } },
          result: { data: { formSubmission: submission } },
        },
      ],
      permissions,
      path: '/forms/form-1/submissions/sub-1',
      route: '/forms/:id/submissions/:submissionId',
    });

  it('shows answers (masked ones said so), staff fields, the next statuses, the history and the messages, accessibly', async () => {
    const { html, document } = await render(submissionDetail(), [
      'forms.read',
      'forms.submissions.read',
      'forms.submissions.write',
      'residents.read',
    ]);
    expect(html).toContain('受付番号 R26-00001');
    expect(html).toContain('公園を増やしてほしい');
    expect(html).toContain('権限がないため表示できません');
    expect(html).toContain('受付メモ');
    expect(html).toContain('電話で確認済み');
    expect(html).toContain('職員の入力欄を保存');
    // From 確認中 only 差戻し, 完了 and 却下 are offered.
    expect(html).toContain('「差戻し」にする');
    expect(html).toContain('「完了」にする');
    expect(html).toContain('「却下」にする');
    expect(html).not.toContain('「確認中」にする');
    expect(html).toContain('受付 → 確認中');
    expect(html).toContain('内容を確認します');
    expect(html).toContain('LINEには「お知らせがあります」という通知と専用ページへのリンクだけを送ります');
    // A status change tells the applicant unless staff uncheck it.
    expect(html).toMatch(/<input[^>]*type="checkbox"[^>]*checked[^>]*>.*申請者にお知らせする/s);
    expect(html).toContain('書類を確認しています。');
    expect(html).toContain('<span>お知らせを送る</span>');
    expect(await axe.violations(document, 'form-submission')).toEqual([]);
  });

  it('offers reopening a finished submission and no writing without forms.submissions.write', async () => {
    const finished = await render(submissionDetail({ status: 'COMPLETED' }), [
      'forms.read',
      'forms.submissions.read',
      'forms.submissions.write',
    ]);
    expect(finished.html).toContain('確認中に戻す');
    expect(finished.html).not.toContain('「却下」にする');
    const reader = await render(submissionDetail({ viaBrowser: true, resident: null }), ['forms.read', 'forms.submissions.read']);
    expect(reader.html).not.toContain('状態の変更');
    expect(reader.html).not.toContain('職員の入力欄を保存');
    expect(reader.html).not.toContain('<span>お知らせを送る</span>');
    expect(reader.html).toContain('ブラウザからの回答でメールアドレスもないため、通知は届きません');
    const withMail = await render(submissionDetail({ viaBrowser: true, hasContactEmail: true, resident: null }), [
      'forms.read',
      'forms.submissions.read',
      'forms.submissions.write',
    ]);
    expect(withMail.html).toContain('回答者のメールアドレスに「お知らせがあります」という通知と専用ページへのリンクだけを送ります');
    expect(withMail.html).toContain('<span>お知らせを送る</span>');
  });
});
