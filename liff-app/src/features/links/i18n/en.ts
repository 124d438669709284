import type { Messages } from '../../../app/i18n/locales/ja';

export const linksEn: Messages['links'] = {
  opening: {
    title: 'Opening the page',
    description: 'Taking you to the linked page. Please wait a moment.',
  },
  invalid: {
    title: 'This link is not valid',
    description: 'The link is wrong or no longer works. Please check the link in the message you received.',
  },
};
