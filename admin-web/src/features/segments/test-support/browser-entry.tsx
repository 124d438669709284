/** The segments pages for their browser tests (SEGMENTS_PAGES in fixtures.ts; shared/test-support/browser-page.ts bundles it). */
import { ja as channelsJa } from '../../channels/i18n/ja';
import { ja as residentsJa } from '../../residents/i18n/ja';
import { mountFeaturePages } from '../../../shared/test-support/browser-entry';
import { segmentsFeature } from '../segments.feature';

// Its pages also show the channels' and residents' texts (channel purposes, the residents sample).
void mountFeaturePages(segmentsFeature, { channels: channelsJa, residents: residentsJa });
