import { afterAll, describe, expect, it } from 'vitest';
import { MailListsDocument } from '../../../gql/graphql';
import { DEFAULT_PAGE_SIZE } from '../../../shared/ui/list-page';
import { axeChecker, renderPage } from '../../forms/test-support/render-page';
import { connection, mailList } from '../test-support/fixtures';
import { MailListsPage } from './mail-lists-page';

const axe = axeChecker();
afterAll(() => axe.close());

const render = (lists: ReturnType<typeof mailList>[], permissions: string[]) =>
  renderPage(<MailListsPage />, {
    responses: [
      {
        request: { query: MailListsDocument, variables: { search: null, first: DEFAULT_PAGE_SIZE } },
        result: { data: { mailLists: connection('MailList', lists) } },
      },
    ],
    permissions,
    path: '/mail-lists',
    route: '/mail-lists',
  });

describe('MailListsPage', { timeout: 60_000 }, () => {
  it('lists the mail lists with whether they are public and open, who receives them and who waits, accessibly', async () => {
    const { html, document } = await render(
      [
        mailList(),
        mailList({
          id: 'ml-2',
          name: '防災情報メール',
          description: null,
          isPublic: false,
          active: false,
          subscriberCount: 0,
          pendingCount: 2,
        }),
      ],
      ['mail_lists.read', 'mail_lists.manage'],
    );
    expect(html).toContain('子育て情報メール');
    expect(html).toContain('href="/mail-lists/ml-1"');
    expect(html).toContain('公開');
    expect(html).toContain('非公開');
    expect(html).toContain('受付中');
    expect(html).toContain('停止中');
    expect(html).toContain('1,240人');
    expect(html).toContain('aria-label="子育て情報メールを停止"');
    expect(html).toContain('aria-label="防災情報メールを再開"');
    expect(html).toContain('aria-label="防災情報メールを削除"');
    expect(html).toContain('新規作成');
    expect(await axe.violations(document, 'mail-lists')).toEqual([]);
  });

  it('offers no change without mail_lists.manage', async () => {
    const { html } = await render([mailList()], ['mail_lists.read']);
    expect(html).toContain('子育て情報メール');
    expect(html).not.toContain('新規作成');
    expect(html).not.toContain('を停止"');
    expect(html).not.toContain('を削除"');
  });

  it('says what a mail list is for when there is none, accessibly', async () => {
    const { html, document } = await render([], ['mail_lists.read', 'mail_lists.manage']);
    expect(html).toContain('メール配信リストはまだありません。');
    expect(await axe.violations(document)).toEqual([]);
  });
});
