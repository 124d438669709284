import { fileURLToPath } from 'node:url';
import type {
  SegmentAttributesQuery,
  SegmentChannelsQuery,
  SegmentDetailFieldsFragment,
  SegmentEngagementDeliveriesQuery,
  SegmentFormsQuery,
  SegmentListFieldsFragment,
} from '../../../gql/graphql';
import { SegmentAttributesDocument, SegmentEngagementDeliveriesDocument } from '../../../gql/graphql';
import type { BrowserEntry } from '../../../shared/test-support/browser-page';
import type { Answered } from '../../../shared/test-support/browser-protocol';

/** The segments pages bundled for the browser tests. */
export const SEGMENTS_PAGES: BrowserEntry = {
  file: fileURLToPath(new URL('./browser-entry.tsx', import.meta.url)),
  origin: 'http://segments.test',
  title: 'セグメント',
  screenshotVariable: 'SEGMENTS_SCREENSHOT_DIR',
};

export function segmentListItem(overrides: Partial<Answered<SegmentListFieldsFragment>> = {}): Answered<SegmentListFieldsFragment> {
  return {
    __typename: 'Segment',
    id: 'seg-1',
    name: '北地区の子育て世帯',
    description: '子育て支援の案内に使います。',
    lastCount: 1234,
    lastCountedAt: '2026-12-01T01:00:00.000Z',
    updatedAt: '2026-12-01T00:30:00.000Z',
    department: { __typename: 'Department', id: 'dep-1', name: '子育て支援課' },
    ...overrides,
  };
}

export function segmentDetail(
  condition: Record<string, unknown>,
  overrides: Partial<Answered<SegmentDetailFieldsFragment>> = {},
): Answered<SegmentDetailFieldsFragment> {
  return { ...segmentListItem(), condition, ...overrides };
}

type Definition = Answered<SegmentAttributesQuery['attributeDefinitions'][number]>;

const option = (key: string, label: string, position: number, parentKey: string | null = null) => ({
  __typename: 'AttributeOption',
  id: `${key}-id`,
  key,
  label,
  parentKey,
  position,
  retiredAt: null,
});

const definition = (fields: Omit<Definition, '__typename' | 'retiredAt' | 'personal' | 'options'> & Partial<Definition>): Definition => ({
  __typename: 'AttributeDefinition',
  personal: false,
  retiredAt: null,
  options: [],
  ...fields,
});

/**
 * The attributes a city would define: choices, an area tree, a list of dates, a number, yes/no,
 * and three that are never offered (personal, free text, retired).
 */
export const attributeDefinitions: Definition[] = [
  definition({
    id: '1',
    key: 'interests',
    label: '関心のある分野',
    kind: 'MULTIPLE_CHOICE',
    options: [option('kosodate', '子育て', 1), option('bousai', '防災', 2)],
  }),
  definition({
    id: '2',
    key: 'area',
    label: 'お住まいの地域',
    kind: 'AREA',
    options: [option('north', '北地区', 1), option('north-1', '北一丁目', 2, 'north'), option('south', '南地区', 3)],
  }),
  definition({ id: '3', key: 'children_birth_dates', label: 'お子さんの生年月日', kind: 'DATE_LIST' }),
  definition({ id: '4', key: 'household', label: '世帯人数', kind: 'NUMBER' }),
  definition({ id: '5', key: 'phone', label: '電話番号', kind: 'TEXT', personal: true }),
  definition({ id: '6', key: 'memo', label: '自由記述メモ', kind: 'TEXT' }),
  definition({
    id: '7',
    key: 'pregnant',
    label: '妊娠中',
    kind: 'YES_NO',
    options: [option('yes', 'はい', 1), option('no', 'いいえ', 2)],
  }),
  definition({ id: '8', key: 'old_area', label: '旧地区区分', kind: 'SINGLE_CHOICE', retiredAt: '2026-10-01T00:00:00.000Z' }),
];

export const attributesResponse = {
  request: { query: SegmentAttributesDocument },
  result: { data: { attributeDefinitions } },
};

export const CHANNEL_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
export const FORM_ID = '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed';

export const channels: Answered<SegmentChannelsQuery> = {
  lineChannels: [{ __typename: 'LineChannel', id: CHANNEL_ID, name: 'みどり市公式', purpose: 'PRODUCTION' }],
};

export const forms: Answered<SegmentFormsQuery> = {
  forms: {
    __typename: 'FormConnection',
    edges: [{ __typename: 'FormEdge', node: { __typename: 'Form', id: FORM_ID, title: '子育てアンケート', status: 'PUBLISHED' } }],
  },
};

/** The published definition of that form: one choice question, one personal question (never offered). */
export const formDefinition = {
  form: {
    __typename: 'Form',
    id: FORM_ID,
    publishedVersion: {
      __typename: 'FormVersion',
      id: 'v-1',
      definition: {
        schemaVersion: 1,
        pages: [
          {
            id: 'p_1',
            fields: [
              {
                id: 'f_1',
                type: 'singleChoice',
                label: '保育園の利用',
                options: [
                  { id: 'o_1', label: '利用している' },
                  { id: 'o_2', label: '利用していない' },
                ],
              },
              { id: 'f_2', type: 'text', label: 'お名前', personal: true },
            ],
          },
        ],
      },
    },
  },
};

export const DELIVERY_ID = '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b';

/** The deliveries sent with 「反応を記録する」 that an engagement condition can name. */
export const engagementDeliveries: Answered<SegmentEngagementDeliveriesQuery> = {
  segmentEngagementDeliveries: [
    {
      __typename: 'SegmentEngagementDelivery',
      deliveryId: DELIVERY_ID,
      title: '乳幼児健診のご案内',
      sentAt: '2026-11-20T01:00:00.000Z',
      residents: 1234,
      recording: true,
      carriesForm: false,
    },
  ],
};

export const engagementDeliveriesResponse = {
  request: { query: SegmentEngagementDeliveriesDocument },
  result: { data: engagementDeliveries },
};
