/** The mail lists' pages for their browser tests (MAIL_LISTS_PAGES in fixtures.ts; shared/test-support/browser-page.ts bundles it). */
import { mountFeaturePages } from '../../../shared/test-support/browser-entry';
import { mailListsFeature } from '../mail-lists.feature';

void mountFeaturePages(mailListsFeature);
