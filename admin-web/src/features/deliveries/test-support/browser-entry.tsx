/** The delivery pages for their browser tests (DELIVERIES_PAGES in fixtures.ts; shared/test-support/browser-page.ts bundles it). */
import { mountFeaturePages } from '../../../shared/test-support/browser-entry';
import { deliveriesFeature } from '../deliveries.feature';

void mountFeaturePages(deliveriesFeature);
