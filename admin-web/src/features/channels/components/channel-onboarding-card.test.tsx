import { ApolloClient, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { prerenderStatic } from '@apollo/client/react/ssr';
import { MockLink } from '@apollo/client/testing';
import { App as AntApp } from 'antd';
import { createInstance } from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { cacheTypePolicies } from '../../../app/cache-policies';
import { consoleTranslation } from '../../../app/i18n-resources';
import { ChannelOnboardingDocument } from '../../../gql/graphql';
import { ChannelOnboardingCard } from './channel-onboarding-card';

const FORM = { __typename: 'OnboardingForm', id: 'form-1', title: '子育て情報の登録', status: 'PUBLISHED' };

function response(chosen: boolean): MockLink.MockedResponse {
  return {
    request: { query: ChannelOnboardingDocument, variables: { channelId: 'ch-1' } },
    result: {
      data: {
        channelOnboarding: {
          __typename: 'ChannelOnboarding',
          channelId: 'ch-1',
          registrationForm: chosen ? FORM : null,
          reminderDelayHours: 72,
          remindersEnabled: true,
          remindersFrom: chosen ? '2026-12-01T00:00:00.000Z' : null,
          remindersSent: 4,
        },
        registrationFormChoices: [FORM, { ...FORM, id: 'form-2', title: '防災情報の登録', status: 'DRAFT' }],
      },
    },
  };
}

async function render(chosen: boolean, canWrite: boolean): Promise<string> {
  const i18n = createInstance();
  await i18n.init({
    resources: { ja: { translation: consoleTranslation('ja') } },
    lng: 'ja',
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  });
  const client = new ApolloClient({
    link: new MockLink([response(chosen)]),
    cache: new InMemoryCache({ typePolicies: cacheTypePolicies }),
    ssrMode: true,
  });
  const { result } = await prerenderStatic({
    tree: (
      <I18nextProvider i18n={i18n}>
        <AntApp>
          <ApolloProvider client={client}>
            <ChannelOnboardingCard channelId="ch-1" canWrite={canWrite} />
          </ApolloProvider>
        </AntApp>
      </I18nextProvider>
    ),
    renderFunction: renderToStaticMarkup,
  });
  return result;
}

describe('ChannelOnboardingCard', () => {
  it('shows the chosen registration form, the delay and how many reminders went out, with a save button for writers', async () => {
    const html = await render(true, true);
    expect(html).toContain('友だち追加時の登録案内');
    expect(html).toContain('子育て情報の登録');
    expect(html).toContain('value="72"');
    expect(html).toContain('再案内の送信数: 4件');
    expect(html).toMatch(/<button[^>]*type="submit"/);
  });

  it('is read-only without channels.write and says when no form is chosen', async () => {
    const html = await render(false, false);
    expect(html).toContain('登録フォームが選ばれていません。');
    expect(html).not.toContain('再案内の送信数');
    expect(html).not.toMatch(/<button[^>]*type="submit"/);
  });
});
