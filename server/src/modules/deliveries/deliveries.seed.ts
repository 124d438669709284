import type { ServiceContext } from '../../platform/context/context.js';
import { DEPARTMENT_SCOPE } from '../../platform/db/department-scope.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { AppError, ErrorCode } from '../../platform/errors/app-error.js';
import type { Logger } from '../../platform/logging/logger.js';
import { LineChannel } from '../channels/index.js';
import { Form } from '../forms/index.js';
import { Department } from '../identity/index.js';
import { tokyoDay } from '../segments/index.js';
import { Delivery, DeliveryTargetKind, DeliveryTiming } from './delivery.entity.js';
import type { DeliveryService } from './delivery.service.js';
import type { Recurrence } from './schedule/index.js';

/** FORM-20's survey, sent every fiscal quarter to the residents who agreed to surveys. */
export const DEMO_SURVEY_DELIVERY = '住民満足度アンケート（四半期）';
const SURVEY_TEMPLATE = 'satisfaction-survey';
const SURVEY_DEPARTMENT = 'digital';
const SURVEY_TEXT =
  'デモ市LINE公式アカウントをより使いやすくするため、3か月ごとに住民満足度アンケートを行っています。回答は3分ほどで終わります。ご協力をお願いします。';

/** Errors by which the service says the city's data no longer fits the example (the form closed, …). */
const UNFIT: ReadonlySet<string> = new Set([ErrorCode.BAD_USER_INPUT, ErrorCode.NOT_FOUND, ErrorCode.PRECONDITION_FAILED]);

/**
 * The 15th of April, July, October and January (each fiscal quarter's first month) at 10:00,
 * a national holiday moved to the next 開庁日, from the start of the fiscal year `today` is in.
 */
export function quarterlySurveyRule(today: string = tokyoDay()): Recurrence {
  const year = Number(today.slice(0, 4));
  const fiscalYear = Number(today.slice(5, 7)) >= 4 ? year : year - 1;
  return {
    freq: 'yearly',
    byMonth: [1, 4, 7, 10],
    byMonthDay: [15],
    time: '10:00',
    start: `${fiscalYear}-04-01`,
    holidays: 'next_working_day',
  };
}

export interface DemoDeliveryTargets {
  /** The demo LINE channel (the embedded default's emulator channel); null when there is none. */
  channelId: string | null;
  /** The seeded segment 「アンケートに協力いただける方」 (segments' seedDemoSegments). */
  surveySegmentId: string | null;
}

export interface SeededDelivery {
  title: string;
  id: string;
  created: boolean;
}

/**
 * The demo city's example deliveries: the quarterly 住民満足度アンケート, made once through
 * DeliveryService as staff would (formCard, create, send: every check and audit event runs), in
 * one transaction so that a delivery is never left half made: a short text, then the form's link
 * card (its address in the text instead when PUBLIC_URL is not https). Found again by its form,
 * timing and title with the department filter off, so a second run changes nothing and what staff
 * changed stays. Skipped with a log line when the channel, segment, department or form is missing, or
 * the service refuses the example. `ctx` is a system context on an unscoped EntityManager.
 */
export async function seedDemoDeliveries(
  ctx: ServiceContext,
  deliveries: DeliveryService,
  targets: DemoDeliveryTargets,
  logger: Logger,
): Promise<SeededDelivery[]> {
  const title = DEMO_SURVEY_DELIVERY;
  const unscoped = { filters: { [DEPARTMENT_SCOPE]: false } };
  const skip = (why: string, extra: Record<string, unknown> = {}): SeededDelivery[] => {
    logger.warn({ delivery: title, ...extra }, `demo delivery not seeded: ${why}`);
    return [];
  };
  const channel = targets.channelId ? await ctx.em.findOne(LineChannel, { id: targets.channelId }) : null;
  if (!channel) return skip('there is no demo LINE channel (only the embedded default with the LINE emulator has one)');
  const department = await ctx.em.findOne(Department, { code: SURVEY_DEPARTMENT }, unscoped);
  if (!department) return skip('its department does not exist', { department: SURVEY_DEPARTMENT });
  const form = await ctx.em.findOne(Form, { templateKey: SURVEY_TEMPLATE }, unscoped);
  if (!form) return skip('the survey form does not exist', { template: SURVEY_TEMPLATE });

  const existing = await ctx.em.findOne(Delivery, { formId: form.id, timing: DeliveryTiming.RECURRING, title }, unscoped);
  if (existing) return [{ title, id: existing.id, created: false }];
  const segmentId = targets.surveySegmentId;
  if (!segmentId) return skip('its segment was not seeded');

  try {
    const delivery = await inTransaction(ctx, async (tx) => {
      const card = await deliveries.formCard(tx, form.id);
      // A link card needs an https address. Under a development PUBLIC_URL (the embedded default's
      // http://localhost) the form's address goes in the text, which links to the form as well.
      const messages = card.url.startsWith('https:')
        ? [{ type: 'text', text: SURVEY_TEXT }, card]
        : [{ type: 'text', text: `${SURVEY_TEXT}\n${card.url}` }];
      if (messages.length === 1)
        logger.warn(
          { delivery: title },
          'demo delivery: PUBLIC_URL is not https, so the survey link is in the text instead of a link card',
        );
      const draft = await deliveries.create(tx, {
        title,
        channelId: channel.id,
        departmentId: department.id,
        variants: [{ language: 'ja', messages }],
        formId: form.id,
        targetKind: DeliveryTargetKind.SEGMENTS,
        segmentIds: [segmentId],
        timing: DeliveryTiming.RECURRING,
        recurrence: quarterlySurveyRule(),
      });
      // A system actor holds deliveries.send: the schedule is armed without a second staff member's approval.
      return deliveries.send(tx, draft.id);
    });
    logger.info({ deliveryId: delivery.id, nextRunAt: delivery.nextRunAt }, 'seeded a demo delivery');
    return [{ title, id: delivery.id, created: true }];
  } catch (err) {
    if (!(err instanceof AppError) || !UNFIT.has(err.code)) throw err;
    return skip('the delivery service refused it', { message: err.message, fields: err.options.fields });
  }
}
