import { CombinedGraphQLErrors } from '@apollo/client/errors';
import type { GraphQLFormattedError } from 'graphql';
import { createInstance } from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { ja } from '../i18n/ja';
import { EditorFailures } from './editor-failures';

const refusal = (...errors: GraphQLFormattedError[]) => new CombinedGraphQLErrors({ data: null, errors });

async function render(failure: { error: unknown } | null, messages: string[]): Promise<string> {
  const i18n = createInstance();
  await i18n.init({
    resources: { ja: { translation: ja } },
    lng: 'ja',
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  });
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <EditorFailures failure={failure} onClose={() => undefined} messages={messages} title="2 件の問題があるため保存できません" />
    </I18nextProvider>,
  );
}

const alerts = (html: string) => html.match(/role="alert"/g)?.length ?? 0;

describe('EditorFailures', () => {
  it('shows nothing when no save failed and nothing stops saving', async () => {
    expect(await render(null, [])).toBe('');
  });

  it('lists what stops saving under its title', async () => {
    const html = await render(null, ['タイトルを入力してください。', '配信先を選んでください。']);
    expect(alerts(html)).toBe(1);
    expect(html).toContain('2 件の問題があるため保存できません');
    expect(html).toContain('<li>タイトルを入力してください。</li><li>配信先を選んでください。</li>');
  });

  it('explains a refusal by its code when it names no field', async () => {
    const error = refusal({ message: '権限がありません', extensions: { code: 'FORBIDDEN' } });
    const html = await render({ error }, []);
    expect(alerts(html)).toBe(1);
    expect(html).toContain('操作が許可されていません');
    expect(html).toContain('権限がありません');
  });

  it('leaves a refusal that names fields to the field messages, told once', async () => {
    const error = refusal({
      message: '入力内容を確認してください。',
      extensions: { code: 'BAD_USER_INPUT', fields: { 'input.variants.0.messages.1': '本文が長すぎます。' } },
    });
    const html = await render({ error }, ['日本語 メッセージ 2：本文が長すぎます。']);
    expect(alerts(html)).toBe(1);
    expect(html).not.toContain('入力内容を確認してください');
    expect(html).toContain('<li>日本語 メッセージ 2：本文が長すぎます。</li>');
  });

  it('explains a refusal of bad input that names no field', async () => {
    const error = refusal({ message: '配信先のセグメントが見つかりません。', extensions: { code: 'BAD_USER_INPUT' } });
    const html = await render({ error }, []);
    expect(alerts(html)).toBe(1);
    expect(html).toContain('配信先のセグメントが見つかりません。');
  });
});
