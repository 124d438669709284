import { z } from 'zod';
import {
  CUSTOM_AGGREGATION_UNIT,
  lineArray,
  lineBoolean,
  lineInteger,
  lineString,
  MAY_NOT_BE_EMPTY,
  unknownTypeMessage,
  USER_ID,
} from './common.js';
import { messages } from './messages.js';

// Request bodies of the Messaging API endpoints the emulator serves, from messaging-api.yml
// (ReplyMessageRequest, PushMessageRequest, MulticastRequest, NarrowcastRequest, BroadcastRequest,
// ValidateMessageRequest, SetWebhookEndpointRequest, TestWebhookEndpointRequest) tightened with
// the limits stated in LINE's reference.

const notificationDisabled = lineBoolean.optional();

export const replyMessageRequest = z.object({
  replyToken: lineString(1, 100),
  messages,
  notificationDisabled,
});

export const pushMessageRequest = z.object({
  // Push also accepts group and room ids; the emulator only has users, which it checks when delivering.
  to: lineString(1, 100),
  messages,
  notificationDisabled,
  customAggregationUnits: lineArray(CUSTOM_AGGREGATION_UNIT, 1, 1).optional(),
});

export const multicastRequest = z.object({
  to: lineArray(USER_ID, 1, 500).refine((ids) => new Set(ids).size === ids.length, { error: 'Must not contain duplicate user IDs' }),
  messages,
  notificationDisabled,
  customAggregationUnits: lineArray(CUSTOM_AGGREGATION_UNIT, 1, 1).optional(),
});

const AGE = [
  'age_15',
  'age_20',
  'age_25',
  'age_30',
  'age_35',
  'age_40',
  'age_45',
  'age_50',
  'age_55',
  'age_60',
  'age_65',
  'age_70',
] as const;
const SUBSCRIPTION_PERIOD = ['day_7', 'day_30', 'day_90', 'day_180', 'day_365'] as const;
const AREA = [...Array.from({ length: 47 }, (_, i) => `jp_${String(i + 1).padStart(2, '0')}`)] as [string, ...string[]];

export type DemographicFilter =
  | { type: 'age'; gte?: (typeof AGE)[number]; lt?: (typeof AGE)[number] }
  | { type: 'appType'; oneOf: ('ios' | 'android')[] }
  | { type: 'area'; oneOf: string[] }
  | { type: 'gender'; oneOf: ('male' | 'female')[] }
  | { type: 'subscriptionPeriod'; gte?: (typeof SUBSCRIPTION_PERIOD)[number]; lt?: (typeof SUBSCRIPTION_PERIOD)[number] }
  | { type: 'operator'; and?: DemographicFilter[]; or?: DemographicFilter[]; not?: DemographicFilter };

export const demographicFilter: z.ZodType<DemographicFilter> = z.lazy(() =>
  z.discriminatedUnion(
    'type',
    [
      z.object({ type: z.literal('age'), gte: z.enum(AGE).optional(), lt: z.enum(AGE).optional() }),
      z.object({ type: z.literal('appType'), oneOf: lineArray(z.enum(['ios', 'android']), 1, 2) }),
      // The emulator's residents live in Japan: only Japanese prefectures are accepted as areas.
      z.object({ type: z.literal('area'), oneOf: lineArray(z.enum(AREA), 1, 47) }),
      z.object({ type: z.literal('gender'), oneOf: lineArray(z.enum(['male', 'female']), 1, 2) }),
      z.object({
        type: z.literal('subscriptionPeriod'),
        gte: z.enum(SUBSCRIPTION_PERIOD).optional(),
        lt: z.enum(SUBSCRIPTION_PERIOD).optional(),
      }),
      z.object({
        type: z.literal('operator'),
        and: lineArray(demographicFilter, 1, 10).optional(),
        or: lineArray(demographicFilter, 1, 10).optional(),
        not: demographicFilter.optional(),
      }),
    ],
    { error: unknownTypeMessage('demographic filter') },
  ),
);

export type Recipient =
  | { type: 'audience'; audienceGroupId: number }
  | { type: 'redelivery'; requestId: string }
  | { type: 'operator'; and?: Recipient[]; or?: Recipient[]; not?: Recipient };

export const recipient: z.ZodType<Recipient> = z.lazy(() =>
  z.discriminatedUnion(
    'type',
    [
      z.object({ type: z.literal('audience'), audienceGroupId: lineInteger(1, Number.MAX_SAFE_INTEGER) }),
      z.object({ type: z.literal('redelivery'), requestId: lineString(1, 100) }),
      z.object({
        type: z.literal('operator'),
        and: lineArray(recipient, 1, 10).optional(),
        or: lineArray(recipient, 1, 10).optional(),
        not: recipient.optional(),
      }),
    ],
    { error: unknownTypeMessage('recipient') },
  ),
);

export const narrowcastRequest = z.object({
  messages,
  recipient: recipient.optional(),
  filter: z.object({ demographic: demographicFilter.optional() }).optional(),
  limit: z
    .object({
      max: lineInteger(1, 2_147_483_647).optional(),
      upToRemainingQuota: lineBoolean.optional(),
      forbidPartialDelivery: lineBoolean.optional(),
    })
    .refine((limit) => !limit.forbidPartialDelivery || limit.upToRemainingQuota === true, {
      error: 'forbidPartialDelivery can be true only if upToRemainingQuota is true',
      path: ['forbidPartialDelivery'],
    })
    .optional(),
  notificationDisabled,
});

export const broadcastRequest = z.object({ messages, notificationDisabled });

export const validateMessageRequest = z.object({ messages });

const webhookUrl = lineString(1, 500).refine(
  (value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  },
  { error: 'Invalid webhook endpoint URL' },
);

export const setWebhookEndpointRequest = z.object({ endpoint: webhookUrl });
export const testWebhookEndpointRequest = z.object({ endpoint: webhookUrl.optional() });

export { MAY_NOT_BE_EMPTY };
