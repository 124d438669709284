import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { ja } from '../i18n/ja';
import { apiErrorText, localiseFieldMessage } from './api-error-text';
import { KNOWN_REASONS } from './graphql-errors';
import type { ApiErrorInfo } from './graphql-errors';

const i18n = createInstance();
void i18n.init({ resources: { ja: { translation: ja }, en: { translation: en } }, lng: 'ja', initAsync: false });
const tJa = i18n.getFixedT('ja');
const tEn = i18n.getFixedT('en');

function info(partial: Partial<ApiErrorInfo>): ApiErrorInfo {
  return { kind: 'graphql', code: 'FORBIDDEN', reason: null, message: null, fields: {}, retryAfterSeconds: null, ...partial };
}

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe('apiErrorText in Japanese, the server’s language', () => {
  it('shows the server’s own message, then the console’s hint for its reason', () => {
    const text = apiErrorText(
      info({ code: 'FORBIDDEN', reason: 'SHARED_ROLE', message: '全部署共通のロールは、システム管理者だけが変更できます。' }),
      tJa,
      'ja',
    );
    expect(text.title).toBe('操作が許可されていません');
    expect(text.sentences).toEqual([
      '全部署共通のロールは、システム管理者だけが変更できます。',
      '部署で使うロールが必要な場合は、「ロールを追加」から部署のロールを作成してください。',
    ]);
  });

  it('keeps the server’s field messages as they are', () => {
    const text = apiErrorText(info({ code: 'BAD_USER_INPUT', fields: { name: '100文字以内で入力してください。' } }), tJa, 'ja');
    expect(text.fields).toEqual({ name: '100文字以内で入力してください。' });
  });
});

describe('apiErrorText in English', () => {
  it('says every known reason in English instead of the server’s Japanese', () => {
    for (const reason of KNOWN_REASONS) {
      const text = apiErrorText(info({ reason, message: '日本語のメッセージ' }), tEn, 'en');
      expect(text.sentences.join(' '), reason).not.toMatch(JAPANESE);
      expect(text.sentences[0], reason).toBe(en.errors.reasons[reason]);
    }
  });

  it('adds the hint of what to do next where there is one', () => {
    expect(apiErrorText(info({ reason: 'ACCOUNT_LOCKED', message: 'ロック中' }), tEn, 'en').sentences).toEqual([
      'This account is temporarily locked after repeated failed logins.',
      'Try again later, or ask a system administrator to unlock it.',
    ]);
  });

  it('falls back to the code’s sentence for a reason it does not know, or none', () => {
    expect(apiErrorText(info({ code: 'NOT_FOUND', message: '部署が見つかりません。' }), tEn, 'en').sentences).toEqual([
      'The requested data was not found.',
    ]);
    expect(apiErrorText(info({ code: 'CONFLICT', reason: 'SOMETHING_NEW', message: '処理できません。' }), tEn, 'en').sentences).toEqual([
      en.errors.messages.CONFLICT,
    ]);
  });

  it('says how long to wait when the server tells', () => {
    expect(apiErrorText(info({ code: 'RATE_LIMITED', retryAfterSeconds: 30, message: '多すぎます' }), tEn, 'en').sentences).toEqual([
      'Too many requests. Please wait a moment and try again.',
      'You can try again in about 30 seconds.',
    ]);
  });

  it('explains network and unknown failures in the console’s words', () => {
    expect(apiErrorText(info({ kind: 'network', code: null }), tEn, 'en')).toMatchObject({
      title: 'Cannot reach the server',
      sentences: [en.errors.network],
    });
    expect(apiErrorText(info({ kind: 'unknown', code: null }), tEn, 'en').sentences).toEqual([en.errors.unknown]);
  });

  it('translates generic field messages and keeps the others as the server wrote them', () => {
    const text = apiErrorText(
      info({
        code: 'BAD_USER_INPUT',
        fields: {
          name: '100文字以内で入力してください。',
          after: 'ページの位置（カーソル）が正しくありません。一覧を最初から読み込み直してください。',
          loginId: 'このログインIDは既に使われています。',
        },
      }),
      tEn,
      'en',
    );
    expect(text.fields).toEqual({
      name: 'Enter at most 100 characters.',
      after: en.validation.cursor,
      loginId: 'このログインIDは既に使われています。',
    });
  });
});

describe('localiseFieldMessage', () => {
  it('reads the values out of the server’s sentence', () => {
    expect(localiseFieldMessage('件数は100以下を指定してください。', tEn, 'en')).toBe('The page size must be at most 100.');
    expect(localiseFieldMessage('件数は1以上を指定してください。', tEn, 'en')).toBe('The page size must be at least 1.');
  });
});
