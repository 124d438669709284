import { ApolloClient, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { prerenderStatic } from '@apollo/client/react/ssr';
import { MockLink } from '@apollo/client/testing';
import { App as AntApp } from 'antd';
import { createInstance } from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { ViewerProvider } from '../../../app/auth/viewer-context';
import { cacheTypePolicies } from '../../../app/cache-policies';
import { consoleTranslation } from '../../../app/i18n-resources';
import { MailSettingsDocument, OutboundMailsDocument } from '../../../gql/graphql';
import type { MailSettingsQuery, OutboundMailFieldsFragment } from '../../../gql/graphql';
import { staffViewer } from '../../../shared/test-support/viewer';
import { DEFAULT_PAGE_SIZE } from '../../../shared/ui/list-page';
import { OutboundMailPage } from './outbound-mail-page';

/** As the server answers it: with its typename, which the cache keys it by. */
type MailNode = OutboundMailFieldsFragment & { __typename: 'OutboundMail' };

const mail = (overrides: Partial<OutboundMailFieldsFragment>): MailNode => ({
  __typename: 'OutboundMail',
  id: 'mail-1',
  purpose: 'mail.test',
  toAddress: 'taro@example.jp',
  replyTo: null,
  subject: 'テストメール（LINE配信システム）',
  body: 'このメールはテストです。',
  status: 'SENT',
  attempts: 1,
  lastError: null,
  messageId: '<abc@example.jp>',
  sentAt: '2026-12-02T01:00:05.000Z',
  createdAt: '2026-12-02T01:00:00.000Z',
  updatedAt: '2026-12-02T01:00:05.000Z',
  requestedBy: 'yamada',
  ...overrides,
});

function mocks(settings: MailSettingsQuery['mailSettings'], mails: MailNode[]): MockLink.MockedResponse[] {
  return [
    { request: { query: MailSettingsDocument }, result: { data: { mailSettings: { __typename: 'MailSettings', ...settings } } } },
    {
      request: { query: OutboundMailsDocument, variables: { filter: {}, first: DEFAULT_PAGE_SIZE } },
      result: {
        data: {
          outboundMails: {
            __typename: 'OutboundMailConnection',
            edges: mails.map((node) => ({ __typename: 'OutboundMailEdge', cursor: node.id, node })),
            pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: mails.at(-1)?.id ?? null },
            totalCount: mails.length,
          },
        },
      },
    },
  ];
}

/** The page as the server-side renderer sees it once its queries have answered (tests run without a DOM). */
async function renderPage(responses: MockLink.MockedResponse[], permissions: string[]): Promise<string> {
  const i18n = createInstance();
  await i18n.init({
    resources: { ja: { translation: consoleTranslation('ja') } },
    lng: 'ja',
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  });
  const client = new ApolloClient({
    link: new MockLink(responses),
    cache: new InMemoryCache({ typePolicies: cacheTypePolicies }),
    ssrMode: true,
  });
  const { result } = await prerenderStatic({
    tree: (
      <I18nextProvider i18n={i18n}>
        <AntApp>
          <ApolloProvider client={client}>
            <ViewerProvider viewer={staffViewer(permissions, '総務課')}>
              <OutboundMailPage />
            </ViewerProvider>
          </ApolloProvider>
        </AntApp>
      </I18nextProvider>
    ),
    renderFunction: renderToStaticMarkup,
  });
  return result;
}

describe('OutboundMailPage', () => {
  it('lists the mails with their purpose, status and attempts, and offers a resend for failed ones', async () => {
    const html = await renderPage(
      mocks({ configured: true, destination: 'smtps://smtp.example.jp:465', from: 'noreply@city.example.jp' }, [
        mail({
          id: 'mail-2',
          status: 'FAILED',
          attempts: 5,
          subject: '受付のお知らせ',
          purpose: 'forms.receipt',
          toAddress: 'hanako@example.jp',
        }),
        mail({}),
      ]),
      ['mail.read', 'mail.send'],
    );
    expect(html).toContain('送信メール');
    expect(html).toContain('smtps://smtp.example.jp:465');
    expect(html).toContain('noreply@city.example.jp');
    expect(html).toContain('設定済み');
    expect(html).not.toContain('SMTPサーバーが設定されていません');
    expect(html).toContain('hanako@example.jp');
    expect(html).toContain('受付のお知らせ');
    expect(html).toContain('<code>forms.receipt</code>');
    expect(html).toContain('テストメール');
    expect(html).toContain('失敗');
    expect(html).toContain('送信済み');
    expect(html).toContain('aria-label="受付のお知らせ（hanako@example.jp）を再送"');
    expect(html).not.toContain('テストメール（LINE配信システム）（taro@example.jp）を再送');
    expect(html).toContain('テストメールを送る');
    expect(html).toContain('2 件中 2 件を表示');
  });

  it('says that mail waits in the outbox when no SMTP server is configured', async () => {
    const html = await renderPage(mocks({ configured: false, destination: null, from: 'noreply@city.example.jp' }, []), ['mail.read']);
    expect(html).toContain('SMTPサーバーが設定されていません');
    expect(html).toContain('SMTP_URL');
    expect(html).toContain('送信メールはまだありません');
  });

  it('explains that the local sink of npm start keeps mail without delivering it', async () => {
    const html = await renderPage(mocks({ configured: true, destination: 'smtp://127.0.0.1:2525', from: 'noreply@localhost' }, []), [
      'mail.read',
    ]);
    expect(html).toContain('smtp://127.0.0.1:2525');
    expect(html).toContain('.data/mail-sink');
    expect(html).not.toContain('SMTPサーバーが設定されていません');
  });

  it('offers neither the test mail nor the resend without mail.send', async () => {
    const html = await renderPage(
      mocks({ configured: true, destination: 'smtps://smtp.example.jp:465', from: 'noreply@city.example.jp' }, [
        mail({ status: 'FAILED' }),
      ]),
      ['mail.read'],
    );
    expect(html).toContain('taro@example.jp');
    expect(html).not.toContain('テストメールを送る');
    expect(html).not.toContain('を再送');
  });
});
