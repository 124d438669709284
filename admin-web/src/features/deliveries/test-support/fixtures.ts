import { fileURLToPath } from 'node:url';
import type {
  DeliveryDetailFieldsFragment,
  DeliveryEstimateQuery,
  DeliveryListFieldsFragment,
  DeliveryRunFieldsFragment,
  DeliveryRunProgressFieldsFragment,
} from '../../../gql/graphql';
import type { BrowserEntry } from '../../../shared/test-support/browser-page';
import type { Answered } from '../../../shared/test-support/browser-protocol';

/** The delivery pages bundled for the browser tests. */
export const DELIVERIES_PAGES: BrowserEntry = {
  file: fileURLToPath(new URL('./browser-entry.tsx', import.meta.url)),
  origin: 'http://deliveries.test',
  title: '配信',
  screenshotVariable: 'DELIVERIES_SCREENSHOT_DIR',
};

export const CHANNEL_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
export const TRAINING_CHANNEL_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
export const SEGMENT_ID = '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed';
export const SEGMENT_2_ID = '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b';

export function progress(
  overrides: Partial<Answered<DeliveryRunProgressFieldsFragment>> = {},
): Answered<DeliveryRunProgressFieldsFragment> {
  return {
    __typename: 'DeliveryRunProgress',
    batchesTotal: 6,
    batchesSent: 6,
    batchesFailed: 0,
    batchesPending: 0,
    recipientsPlanned: 2_800,
    recipientsSent: 2_800,
    recipientsFailed: 0,
    failures: [],
    ...overrides,
  };
}

export function run(overrides: Partial<Answered<DeliveryRunFieldsFragment>> = {}): Answered<DeliveryRunFieldsFragment> {
  return {
    __typename: 'DeliveryRun',
    id: 'run-1',
    kind: 'REAL',
    status: 'COMPLETED',
    occurrence: 'now',
    day: '2026-12-01',
    plannedRecipients: 2_800,
    batchesTotal: 6,
    preparedAt: '2026-12-01T01:00:02.000Z',
    completedAt: '2026-12-01T01:04:00.000Z',
    createdAt: '2026-12-01T01:00:00.000Z',
    updatedAt: '2026-12-01T01:04:00.000Z',
    pauseReason: null,
    lastError: null,
    mailListIds: [],
    mailRecipients: null,
    mailQueuedAt: null,
    recordsEngagement: false,
    sendMode: 'MULTICAST',
    progress: progress(),
    ...overrides,
  };
}

const JAPANESE = { language: 'ja', messages: [{ type: 'text', text: '12月の子育て広場のお知らせです。' }] };

export function deliveryDetail(overrides: Partial<Answered<DeliveryDetailFieldsFragment>> = {}): Answered<DeliveryDetailFieldsFragment> {
  return {
    __typename: 'Delivery',
    id: 'd-1',
    title: '子育て広場のお知らせ',
    status: 'DRAFT',
    targetKind: 'SEGMENTS',
    segmentIds: [SEGMENT_ID],
    listSize: 0,
    timing: 'IMMEDIATE',
    scheduledAt: null,
    recurrence: null,
    nextRunAt: null,
    variants: [JAPANESE],
    formId: null,
    mailListIds: [],
    mailSubject: null,
    recordEngagement: false,
    sendMode: 'MULTICAST',
    lastTestedAt: null,
    approvedAt: null,
    createdAt: '2026-11-30T00:00:00.000Z',
    updatedAt: '2026-12-01T00:30:00.000Z',
    recurrencePreview: null,
    segments: [{ __typename: 'Segment', id: SEGMENT_ID, name: '北地区の子育て世帯', lastCount: 1234 }],
    channel: { __typename: 'LineChannel', id: CHANNEL_ID, name: 'みどり市公式', purpose: 'PRODUCTION' },
    department: { __typename: 'Department', id: 'dep-1', name: '子育て支援課' },
    runs: [],
    ...overrides,
  };
}

export function deliveryListItem(overrides: Partial<Answered<DeliveryListFieldsFragment>> = {}): Answered<DeliveryListFieldsFragment> {
  const detail = deliveryDetail();
  return {
    __typename: 'Delivery',
    id: detail.id,
    title: detail.title,
    status: detail.status,
    targetKind: detail.targetKind,
    segmentIds: detail.segmentIds,
    listSize: detail.listSize,
    timing: detail.timing,
    scheduledAt: detail.scheduledAt,
    nextRunAt: detail.nextRunAt,
    updatedAt: detail.updatedAt,
    recurrencePreview: null,
    segments: [{ __typename: 'Segment', id: SEGMENT_ID, name: '北地区の子育て世帯' }],
    runs: [],
    ...overrides,
  };
}

export function estimate(overrides: Partial<DeliveryEstimateQuery['deliveryEstimate']> = {}): Answered<DeliveryEstimateQuery> {
  return {
    deliveryEstimate: {
      __typename: 'DeliveryEstimate',
      recipients: 1_234,
      messages: 1_234,
      quotaLimit: 15_000,
      quotaUsed: 3_000,
      quotaRemaining: 12_000,
      fitsQuota: true,
      ...overrides,
    },
  };
}

export const channels = {
  lineChannels: [
    { __typename: 'LineChannel', id: CHANNEL_ID, name: 'みどり市公式', purpose: 'PRODUCTION', isActive: true },
    { __typename: 'LineChannel', id: TRAINING_CHANNEL_ID, name: 'みどり市（研修）', purpose: 'TRAINING', isActive: true },
  ],
};

export const segments = {
  segments: {
    __typename: 'SegmentConnection',
    totalCount: 2,
    edges: [
      { __typename: 'SegmentEdge', node: { __typename: 'Segment', id: SEGMENT_ID, name: '北地区の子育て世帯', lastCount: 1234 } },
      { __typename: 'SegmentEdge', node: { __typename: 'Segment', id: SEGMENT_2_ID, name: '防災情報を希望する人', lastCount: 560 } },
    ],
  },
};

export const clicks = (id = 'd-1') => ({
  delivery: {
    __typename: 'Delivery',
    id,
    clicks: {
      __typename: 'DeliveryClicks',
      total: 42,
      links: [{ __typename: 'DeliveryLinkClicks', url: 'https://www.city.midori.example.jp/kosodate', clicks: 42 }],
      byDay: [
        { __typename: 'DeliveryDayClicks', day: '2026-12-01', clicks: 30 },
        { __typename: 'DeliveryDayClicks', day: '2026-12-02', clicks: 12 },
      ],
    },
  },
});

/** Every permission of the delivery feature and what it reads. */
export const EVERYTHING = [
  'deliveries.read',
  'deliveries.manage',
  'deliveries.send',
  'deliveries.approve',
  'segments.read',
  'channels.read',
  'departments.read',
];
