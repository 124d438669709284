import { formsEn } from '../../../features/forms/i18n/en';
import { linksEn } from '../../../features/links/i18n/en';
import { publicCommentEn } from '../../../features/public-comment/i18n/en';
import { settingsEn } from '../../../features/settings/i18n/en';
import type { Messages } from './ja';

export const en: Messages = {
  app: {
    serviceName: 'City LINE Services',
    serviceNameShort: 'City LINE',
    documentTitle: '{{page}} | City LINE Services',
  },
  language: {
    label: 'Language',
    ja: '日本語',
    en: 'English',
  },
  footer: {
    privacyTitle: 'Your personal information',
    privacyNote:
      'Information you enter on these pages is managed under the city’s personal information protection rules and is used only for the service you requested. Please do not send personal information such as your name, address or phone number in LINE chats.',
  },
  session: {
    loading: {
      title: 'Loading',
      config: 'Loading settings…',
      init: 'Connecting to LINE…',
      session: 'Checking your sign-in…',
      signIn: 'Signing you in…',
    },
    signedOut: {
      title: 'Please log in with LINE',
      description:
        'You need to log in with your LINE account to use this service. When you log in, your LINE display name and profile picture are shared with the city’s service.',
      loginButton: 'Log in with LINE',
    },
    preview: {
      title: 'Browser preview',
      description:
        'This is a preview that is not linked to a LINE account. The content is sample data and actions such as applications are not completed.',
    },
    error: {
      title: 'This page could not be shown',
      retry: 'Try again',
      relogin: 'Log in again',
      serverMessage: 'Message from the server: {{message}}',
      network: 'Could not connect to the server. Please check your connection and try again, ideally where the signal is good.',
      configUnavailable: 'Could not load the app settings. Please wait a moment and try again.',
      configMissingLiffId: 'This page is not available yet (the LINE app settings are incomplete). Please contact the city office.',
      liffInitFailed: 'Could not connect to LINE. Please update the LINE app to the latest version or try again later.',
      noIdToken: 'Could not get your LINE login information. Please log in again.',
      tokenRejected: 'Your login has expired or could not be verified. Please try again.',
      rateLimited: 'The service is busy. Please wait a little and try again.',
      server: 'A server error occurred. Please wait a moment and try again.',
    },
    signOut: {
      button: 'Log out',
      failed: 'Could not log out. Please check your connection and try again.',
    },
  },
  home: {
    title: 'Home',
    greeting: 'Hello, {{name}}',
    greetingAnonymous: 'Hello',
    lead: 'Choose the service you want to use.',
    actionsHeading: 'What you can do',
  },
  profile: {
    title: 'Profile',
    cardDescription: 'See your LINE display name, profile picture and display language.',
    displayName: 'Display name',
    displayNameMissing: '(not set)',
    language: 'Language',
    languageName: {
      ja: 'Japanese',
      en: 'English',
      other: 'Other ({{code}})',
    },
    pictureAlt: 'Profile picture of {{name}}',
    source: 'Your display name and profile picture come from LINE. To change them, use the LINE app.',
    backToHome: 'Back to home',
  },
  forms: formsEn,
  links: linksEn,
  publicComment: publicCommentEn,
  settings: settingsEn,
  notFound: {
    title: 'Page not found',
    description: 'The page you are looking for may have been moved or deleted.',
    backToHome: 'Back to home',
  },
};
