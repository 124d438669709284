import type { messagingApi } from '@line/bot-sdk';
import { fitLabel } from './talk-conversation.js';

/**
 * The link messages of this module: a buttons template with one URI action to our form page
 * (LINE's limits: title 40 characters, text 60 with a title, label 20, altText 400, URI 1000).
 */
export function formLinkMessage(input: {
  url: string;
  title: string;
  text: string;
  label: string;
  altText: string;
}): messagingApi.TemplateMessage {
  return {
    type: 'template',
    altText: clip(input.altText, 400),
    template: {
      type: 'buttons',
      title: fitLabel(input.title, 40),
      text: fitLabel(input.text, 60),
      actions: [{ type: 'uri', label: fitLabel(input.label), uri: input.url }],
    },
  };
}

export const ONBOARDING_TEXT = {
  greeting: 'お住まいの地域や関心のある分野を登録すると、あなたに合った情報をお届けします。',
  reminder: 'まだ登録がお済みでなければ、こちらから登録できます。あなたに合った情報をお届けします。',
  register: '登録する',
  personalOnly: 'このアンケートには個人情報の項目があるため、専用のページでお答えください。',
  pageOnly: 'このフォームはトーク画面では回答できません。専用のページでお答えください。',
  openPage: '回答ページを開く',
} as const;

function clip(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}
