/** The form-talk module's public surface: LINE onboarding to the registration form (RES-07) and talk-screen surveys (FORM-14). */
import type { FormTalkServices } from './form-talk.module.js';

export { formTalkModule, type FormTalkServices } from './form-talk.module.js';
export { startPostbackData } from './talk-postback.js';

declare module '../../platform/modules/feature-module.js' {
  interface ModuleApis {
    formTalk: FormTalkServices;
  }
}
