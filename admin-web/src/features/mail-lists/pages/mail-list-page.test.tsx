import { afterAll, describe, expect, it } from 'vitest';
import { MailListDocument, MailListSubscribersDocument } from '../../../gql/graphql';
import { DEFAULT_PAGE_SIZE } from '../../../shared/ui/list-page';
import { axeChecker, renderPage } from '../../forms/test-support/render-page';
import { MEMBERS, connection, mailList } from '../test-support/fixtures';
import { MailListPage } from './mail-list-page';

const axe = axeChecker();
afterAll(() => axe.close());

function render(permissions: string[]) {
  const withEmail = permissions.includes('mail_lists.read_personal');
  const members = MEMBERS.map((m) =>
    withEmail ? m : { ...m, subscriber: { __typename: 'MailSubscriber', id: m.subscriber.id, maskedEmail: m.subscriber.maskedEmail } },
  );
  return renderPage(<MailListPage />, {
    responses: [
      { request: { query: MailListDocument, variables: { id: 'ml-1' } }, result: { data: { mailList: mailList() } } },
      {
        request: { query: MailListSubscribersDocument, variables: { listId: 'ml-1', status: null, withEmail, first: DEFAULT_PAGE_SIZE } },
        result: { data: { mailListSubscribers: connection('MailListMember', members) } },
      },
    ],
    permissions,
    path: '/mail-lists/ml-1',
    route: '/mail-lists/:id',
  });
}

describe('MailListPage', { timeout: 60_000 }, () => {
  it('shows the list, its counts and its subscribers with their status and consent, masked without read_personal, accessibly', async () => {
    const { html, document } = await render(['mail_lists.read', 'mail_lists.manage']);
    expect(html).toContain('子育て情報メール');
    expect(html).toContain('子育て支援課から、健診・イベント・手当のお知らせをお届けします。');
    expect(html).toContain('1,240人');
    expect(html).toContain('18人');
    expect(html).toContain('t***@e***.jp');
    expect(html).not.toContain('taro@example.jp');
    expect(html).toContain('メールアドレスは一部を伏せて表示しています');
    expect(html).toContain('確認待ち');
    expect(html).toContain('確認メールのリンク');
    expect(html).toContain('職員が同意を確認');
    expect(html).toContain('aria-label="t***@e***.jpをリストから削除"');
    expect(html).toContain('CSVで取り込む');
    expect(await axe.violations(document, 'mail-list')).toEqual([]);
  });

  it('shows whole addresses with read_personal, and no changes without manage', async () => {
    const { html } = await render(['mail_lists.read', 'mail_lists.read_personal']);
    expect(html).toContain('taro@example.jp');
    expect(html).not.toContain('伏せて表示');
    expect(html).not.toContain('CSVで取り込む');
    expect(html).not.toContain('をリストから削除"');
  });
});
