import type { HomeTranslation } from './ja';

/** English. Typed against the Japanese texts, so a missing or extra key fails the build. */
export const en: HomeTranslation = {
  nav: {
    label: 'Home',
  },
  welcome: 'Welcome, {{name}}',
  description: 'These are the features available to you. You can also use the menu on the left.',
  shortcuts: 'Shortcuts',
  noShortcuts: 'No admin features are available to you yet. Ask your system administrator about the permissions you need.',
  totpNotice: 'Two-factor authentication is not set up. We recommend enabling it to protect your account.',
  totpNoticeAction: 'Set up',
};
