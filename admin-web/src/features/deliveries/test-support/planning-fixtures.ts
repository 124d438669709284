import type {
  DeliveryCalendarQuery,
  DeliveryCalendarStepsQuery,
  DeliveryStepDateAttributesQuery,
  DeliveryStepPlanFieldsFragment,
} from '../../../gql/graphql';
import type { Answered, GraphQLAnswer, GraphQLRequest } from '../../../shared/test-support/browser-protocol';
import { CHANNEL_ID, SEGMENT_ID, channels, segments } from './fixtures';

/** Fixtures of the planning pages (step plans, bulk import, calendar); the delivery pages' own are in fixtures.ts. */

export const CHILDREN_ATTRIBUTE_ID = '12';
export const DUE_DATE_ATTRIBUTE_ID = '14';

export const dateAttributes: Answered<DeliveryStepDateAttributesQuery> = {
  deliveryStepDateAttributes: [
    { __typename: 'DeliveryStepDateAttribute', id: CHILDREN_ATTRIBUTE_ID, label: '子どもの生年月日', kind: 'DATE_LIST', retired: false },
    { __typename: 'DeliveryStepDateAttribute', id: DUE_DATE_ATTRIBUTE_ID, label: '出産予定日', kind: 'DATE', retired: false },
  ],
};

const text = (body: string) => [{ language: 'ja', messages: [{ type: 'text', text: body }] }];

export function stepPlan(overrides: Partial<Answered<DeliveryStepPlanFieldsFragment>> = {}): Answered<DeliveryStepPlanFieldsFragment> {
  return {
    __typename: 'DeliveryStepPlan',
    id: 'p-1',
    title: '1か月健診のご案内',
    enabled: true,
    channelId: CHANNEL_ID,
    departmentId: 'dep-1',
    dateAttributeId: CHILDREN_ATTRIBUTE_ID,
    segmentIds: [SEGMENT_ID],
    scannedUntil: '2026-12-03T01:55:00.000Z',
    createdAt: '2026-11-20T00:00:00.000Z',
    updatedAt: '2026-12-01T00:30:00.000Z',
    dateAttribute: {
      __typename: 'DeliveryStepDateAttribute',
      id: CHILDREN_ATTRIBUTE_ID,
      label: '子どもの生年月日',
      kind: 'DATE_LIST',
      retired: false,
    },
    steps: [
      { __typename: 'DeliveryStep', id: 's-1', offsetDays: -3, time: '10:30', variants: text('まもなく健診の予約が始まります。') },
      { __typename: 'DeliveryStep', id: 's-2', offsetDays: 30, time: '09:00', variants: text('1か月健診のご案内です。') },
    ],
    upcoming: [
      { __typename: 'DeliveryStepSend', stepId: 's-2', referenceDate: '2026-11-07', at: '2026-12-07T00:00:00.000Z', recipients: 3 },
      { __typename: 'DeliveryStepSend', stepId: 's-1', referenceDate: '2026-12-11', at: '2026-12-08T01:30:00.000Z', recipients: 12 },
    ],
    ...overrides,
  };
}

export function stepPlansAnswer(plans: Answered<DeliveryStepPlanFieldsFragment>[]) {
  return {
    deliveryStepPlans: {
      __typename: 'DeliveryStepPlanConnection',
      edges: plans.map((node) => ({ __typename: 'DeliveryStepPlanEdge', cursor: node.id, node })),
      pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: plans.at(-1)?.id ?? null },
      totalCount: plans.length,
    },
  };
}

export interface CalendarFixture {
  id: string;
  title: string;
  timing: 'SCHEDULED' | 'RECURRING';
  status: 'SCHEDULED' | 'SENDING';
  /** Every instant; the answer keeps those in the query's window. */
  instants: string[];
}

const within = (instants: readonly string[], request: GraphQLRequest) => {
  const from = Date.parse(request.variables['from'] as string);
  const to = Date.parse(request.variables['to'] as string);
  return instants.filter((at) => Date.parse(at) >= from && Date.parse(at) < to);
};

/** The calendar's deliveries of one status, their occurrences in the window the page asked for. */
export function calendarAnswer(fixtures: readonly CalendarFixture[], request: GraphQLRequest): Answered<DeliveryCalendarQuery> {
  const nodes = fixtures
    .filter((d) => d.status === request.variables['status'])
    .map((d) => ({
      __typename: 'Delivery',
      id: d.id,
      title: d.title,
      status: d.status,
      timing: d.timing,
      occurrences: within(d.instants, request),
      recurrencePreview: d.timing === 'RECURRING' ? { __typename: 'RecurrencePreview', summary: '毎週' } : null,
    }));
  return {
    deliveries: {
      __typename: 'DeliveryConnection',
      edges: nodes.map((node) => ({ __typename: 'DeliveryEdge', cursor: node.id, node })),
      pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: nodes.at(-1)?.id ?? null },
      totalCount: nodes.length,
    },
  };
}

/** The calendar's step plans, their sends in the window the page asked for. */
export function calendarStepsAnswer(
  plans: ReadonlyArray<Answered<DeliveryStepPlanFieldsFragment>>,
  request: GraphQLRequest,
): Answered<DeliveryCalendarStepsQuery> {
  const nodes = plans.map((p) => ({
    __typename: 'DeliveryStepPlan',
    id: p.id,
    title: p.title,
    enabled: p.enabled,
    steps: p.steps.map((s) => ({ __typename: 'DeliveryStep', id: s.id, offsetDays: s.offsetDays, time: s.time })),
    upcoming: p.upcoming.filter((u) => within([u.at], request).length > 0),
  }));
  return {
    deliveryStepPlans: {
      __typename: 'DeliveryStepPlanConnection',
      edges: nodes.map((node) => ({ __typename: 'DeliveryStepPlanEdge', cursor: node.id, node })),
      pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: nodes.at(-1)?.id ?? null },
      totalCount: nodes.length,
    },
  };
}

/** A refusal of the bulk import as the server words it. */
export function importRefusal(fields: Record<string, string>, message: string): GraphQLAnswer {
  return { errors: [{ message, extensions: { code: 'BAD_USER_INPUT', fields } }] };
}

export { channels, segments };
