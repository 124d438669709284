import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { RequirePermission } from '../../platform/auth/access.js';
import { departmentScope, hasPermission } from '../../platform/context/actor.js';
import type { GraphQLContext } from '../../platform/context/context.js';
import { badInput, notFound } from '../../platform/errors/app-error.js';
import { ConnectionArgs, connectionType, toConnection, type ConnectionShape } from '../../platform/graphql/connection.js';
import { JSONObject } from '../../platform/graphql/json-object.js';
import { LineChannel } from '../channels/index.js';
import { Department } from '../identity/index.js';
import { Segment } from '../segments/index.js';
import { DELIVERY_PROGRESS, type DeliveryProgressEvent } from './delivery-runner.js';
import { Delivery, DeliveryRun, DeliveryTiming } from './delivery.entity.js';
import type { DeliveryServices } from './deliveries.module.js';
import {
  DeleteDeliveryPayload,
  DeliveryClicks,
  DeliveryEstimate,
  DeliveryFilter,
  DeliveryInput,
  DeliveryPayload,
  DeliveryRunPayload,
  DeliveryRunProgress,
  RecurrencePreview,
} from './deliveries.types.js';
import { nextInstants, summarizeRecurrence, toRRule, validateRecurrence, type Recurrence as RecurrenceRule } from './schedule/index.js';

const DeliveryConnection = connectionType('Delivery', Delivery);

function visible(ctx: GraphQLContext, departmentId: string): boolean {
  const scope = departmentScope(ctx.actor);
  return scope === 'all' || scope.includes(departmentId);
}

/** The longest window `occurrences` answers: a month's calendar with the days around it. */
const MAX_OCCURRENCE_DAYS = 62;
const DAY_MS = 24 * 60 * 60 * 1000;

function preview(rule: RecurrenceRule, from = new Date()): RecurrencePreview {
  return { summary: summarizeRecurrence(rule), next: nextInstants(rule, from, 5), rrule: toRRule(rule) };
}

/** The console's deliveries: composing, targeting, timing, test and real sends, runs and their progress. */
@Resolver(() => Delivery)
export class DeliveryResolver {
  constructor(private readonly services: DeliveryServices) {}

  @Query(() => DeliveryConnection, { description: 'most recently changed first' })
  @RequirePermission('deliveries.read')
  async deliveries(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => DeliveryFilter, { nullable: true }) filter: DeliveryFilter | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ConnectionShape<Delivery>> {
    return toConnection(await this.services.deliveries.list(ctx, filter ?? {}, args));
  }

  @Query(() => Delivery, { description: 'NOT_FOUND when it does not exist or is outside your departments' })
  @RequirePermission('deliveries.read')
  delivery(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<Delivery> {
    return this.services.deliveries.get(ctx, id);
  }

  @Query(() => DeliveryEstimate, { description: "recipients the real run would reach now, against the channel's remaining monthly quota" })
  @RequirePermission('deliveries.read')
  deliveryEstimate(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<DeliveryEstimate> {
    return this.services.deliveries.estimate(ctx, id);
  }

  @Query(() => RecurrencePreview, {
    description: 'checks a recurrence rule: its Japanese summary and next five instants (BAD_USER_INPUT per field)',
  })
  @RequirePermission('deliveries.read')
  previewRecurrence(@Arg('rule', () => JSONObject) rule: Record<string, unknown>): RecurrencePreview {
    const checked = validateRecurrence(rule, new Date());
    if (!checked.ok) {
      const fields: Record<string, string> = {};
      for (const p of checked.problems) fields[p.path ? `rule.${p.path}` : 'rule'] ??= p.message;
      throw badInput(fields, '繰り返しの設定に誤りがあります。');
    }
    return preview(checked.rule);
  }

  @Query(() => Boolean, {
    description:
      'whether a delivery may record engagement (「反応を記録する」, docs/adr/0016): false when the server has no LIFF app (LIFF_ID) to send links through',
  })
  @RequirePermission('deliveries.read')
  canRecordEngagement(@Ctx() ctx: GraphQLContext): boolean {
    return this.services.deliveries.canRecordEngagement(ctx);
  }

  @Query(() => JSONObject, {
    description:
      'FORM-08: the link card (a `card` message) for a form a delivery may carry, for the composer to insert; NOT_FOUND outside your departments, BAD_USER_INPUT when it is not published and open',
  })
  @RequirePermission(['deliveries.manage', 'forms.read'])
  deliveryFormCard(@Arg('formId', () => ID) formId: string, @Ctx() ctx: GraphQLContext): Promise<Record<string, unknown>> {
    return this.services.deliveries.formCard(ctx, formId);
  }

  @Mutation(() => DeliveryPayload)
  @RequirePermission('deliveries.manage')
  async createDelivery(@Arg('input', () => DeliveryInput) input: DeliveryInput, @Ctx() ctx: GraphQLContext): Promise<DeliveryPayload> {
    return { delivery: await this.services.deliveries.create(ctx, input) };
  }

  @Mutation(() => DeliveryPayload, { description: 'drafts and schedules only; a change returns it to draft (test and approval again)' })
  @RequirePermission('deliveries.manage')
  async updateDelivery(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => DeliveryInput) input: DeliveryInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<DeliveryPayload> {
    return { delivery: await this.services.deliveries.update(ctx, id, input) };
  }

  @Mutation(() => DeliveryPayload)
  @RequirePermission('deliveries.manage')
  async duplicateDelivery(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<DeliveryPayload> {
    return { delivery: await this.services.deliveries.duplicate(ctx, id) };
  }

  @Mutation(() => DeleteDeliveryPayload, { description: 'CONFLICT once it has been sent (the history stays)' })
  @RequirePermission('deliveries.manage')
  async deleteDelivery(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<DeleteDeliveryPayload> {
    return { deletedId: await this.services.deliveries.delete(ctx, id) };
  }

  @Mutation(() => DeliveryPayload, { description: 'replaces the explicit list from a CSV of resident ids; one bad row imports nothing' })
  @RequirePermission('deliveries.manage')
  async importDeliveryList(
    @Arg('id', () => ID) id: string,
    @Arg('csv', () => String) csv: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<DeliveryPayload> {
    if (csv.length > 5_000_000) throw badInput({ csv: 'CSVが大きすぎます（5MBまで）。' });
    return { delivery: await this.services.deliveries.setList(ctx, id, csv) };
  }

  @Mutation(() => DeliveryRunPayload, {
    description: 'a test send to the residents flagged as testers (SEG-12/13), on this or a training channel',
  })
  @RequirePermission('deliveries.manage')
  async sendTestDelivery(
    @Arg('id', () => ID) id: string,
    @Arg('channelId', () => ID, { nullable: true }) channelId: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<DeliveryRunPayload> {
    return { run: await this.services.deliveries.sendTest(ctx, id, channelId ?? null) };
  }

  @Mutation(() => DeliveryPayload, {
    description:
      'sends now (IMMEDIATE) or arms the schedule; to every friend only after a test send and with confirmAll; a role without deliveries.send needs an approval first',
  })
  @RequirePermission('deliveries.manage')
  async sendDelivery(
    @Arg('id', () => ID) id: string,
    @Arg('confirmAll', () => Boolean, { nullable: true }) confirmAll: boolean | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<DeliveryPayload> {
    return { delivery: await this.services.deliveries.send(ctx, id, { confirmAll }) };
  }

  @Mutation(() => DeliveryPayload)
  @RequirePermission('deliveries.manage')
  async requestDeliveryApproval(
    @Arg('id', () => ID) id: string,
    @Arg('confirmAll', () => Boolean, { nullable: true }) confirmAll: boolean | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<DeliveryPayload> {
    return { delivery: await this.services.deliveries.requestApproval(ctx, id, { confirmAll }) };
  }

  @Mutation(() => DeliveryPayload, { description: 'by a second staff member, never the one who composed it' })
  @RequirePermission('deliveries.approve')
  async approveDelivery(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<DeliveryPayload> {
    return { delivery: await this.services.deliveries.approve(ctx, id) };
  }

  @Mutation(() => DeliveryPayload, { description: 'stops a schedule and any run in progress' })
  @RequirePermission('deliveries.send')
  async cancelDelivery(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<DeliveryPayload> {
    return { delivery: await this.services.deliveries.cancel(ctx, id) };
  }

  @Mutation(() => DeliveryRunPayload, { description: 'returns once the batches in flight are done; nothing more is sent after it' })
  @RequirePermission('deliveries.send')
  async pauseDeliveryRun(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<DeliveryRunPayload> {
    return { run: await this.services.deliveries.pauseRun(ctx, id) };
  }

  @Mutation(() => DeliveryRunPayload)
  @RequirePermission('deliveries.send')
  async resumeDeliveryRun(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<DeliveryRunPayload> {
    return { run: await this.services.deliveries.resumeRun(ctx, id) };
  }

  @Mutation(() => DeliveryRunPayload)
  @RequirePermission('deliveries.send')
  async cancelDeliveryRun(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<DeliveryRunPayload> {
    return { run: await this.services.deliveries.cancelRun(ctx, id) };
  }

  @Subscription(() => DeliveryRun, {
    description: "a run's progress, live (deliveries.read; your departments' runs only)",
    topics: DELIVERY_PROGRESS,
    filter: ({ payload, args, context }: { payload: DeliveryProgressEvent; args: { runId: string }; context: GraphQLContext }) =>
      payload.runId === args.runId && hasPermission(context.actor, 'deliveries.read') && visible(context, payload.departmentId),
  })
  @RequirePermission('deliveries.read')
  async deliveryRunUpdated(
    @Arg('runId', () => ID) _runId: string,
    @Root() payload: DeliveryProgressEvent,
    @Ctx() ctx: GraphQLContext,
  ): Promise<DeliveryRun> {
    return this.services.deliveries.run({ ...ctx, em: ctx.em.fork() }, payload.runId);
  }

  @FieldResolver(() => Department, { nullable: true })
  @RequirePermission('departments.read')
  department(@Root() delivery: Delivery, @Ctx() ctx: GraphQLContext): Promise<Department | null> {
    return ctx.loaders.load(Department, delivery.department.id);
  }

  @FieldResolver(() => LineChannel, { nullable: true })
  @RequirePermission('channels.read')
  channel(@Root() delivery: Delivery, @Ctx() ctx: GraphQLContext): Promise<LineChannel | null> {
    return ctx.loaders.load(LineChannel, delivery.channel.id);
  }

  @FieldResolver(() => [Segment], { description: 'the targeted segments you may see' })
  @RequirePermission('segments.read')
  async segments(@Root() delivery: Delivery, @Ctx() ctx: GraphQLContext): Promise<Segment[]> {
    return this.services.deliveries.segmentsOf(ctx, delivery);
  }

  @FieldResolver(() => [DeliveryRun], { description: 'most recent first (test sends included)' })
  @RequirePermission('deliveries.read')
  runs(@Root() delivery: Delivery, @Ctx() ctx: GraphQLContext): Promise<DeliveryRun[]> {
    return this.services.deliveries.runs(ctx, delivery.id);
  }

  @FieldResolver(() => DeliveryClicks, { description: 'clicks on its tracked links, in total, per link and per day (SEG-15)' })
  @RequirePermission('deliveries.read')
  clicks(@Root() delivery: Delivery, @Ctx() ctx: GraphQLContext): Promise<DeliveryClicks> {
    return this.services.deliveries.clicks(ctx, delivery);
  }

  @FieldResolver(() => RecurrencePreview, { nullable: true, description: 'RECURRING: the rule in Japanese and its next five instants' })
  @RequirePermission('deliveries.read')
  recurrencePreview(@Root() delivery: Delivery): RecurrencePreview | null {
    if (delivery.timing !== DeliveryTiming.RECURRING || !delivery.recurrence) return null;
    return preview(delivery.recurrence as unknown as RecurrenceRule);
  }

  @FieldResolver(() => [Date], {
    description:
      'its send instants in [from, to), at most 62 days (the console’s calendar): SCHEDULED its date, RECURRING every instant of its rule (the rule’s, whatever the status; runs say what was sent)',
  })
  @RequirePermission('deliveries.read')
  occurrences(@Root() delivery: Delivery, @Arg('from', () => Date) from: Date, @Arg('to', () => Date) to: Date): Date[] {
    const days = (to.getTime() - from.getTime()) / DAY_MS;
    if (!(days > 0) || days > MAX_OCCURRENCE_DAYS)
      throw badInput({ to: `期間は開始より後で、${MAX_OCCURRENCE_DAYS}日以内にしてください。` });
    switch (delivery.timing) {
      case DeliveryTiming.IMMEDIATE:
        return [];
      case DeliveryTiming.SCHEDULED:
        return delivery.scheduledAt && delivery.scheduledAt >= from && delivery.scheduledAt < to ? [delivery.scheduledAt] : [];
      case DeliveryTiming.RECURRING: {
        if (!delivery.recurrence) return [];
        // A rule has one time of day, so at most one instant a day: the window's days bound the count.
        const rule = delivery.recurrence as unknown as RecurrenceRule;
        return nextInstants(rule, new Date(from.getTime() - 1), Math.ceil(days) + 1).filter((at) => at < to);
      }
    }
  }
}

@Resolver(() => DeliveryRun)
export class DeliveryRunResolver {
  constructor(private readonly services: DeliveryServices) {}

  @Query(() => DeliveryRun, { description: 'NOT_FOUND when it does not exist or is outside your departments' })
  @RequirePermission('deliveries.read')
  deliveryRun(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<DeliveryRun> {
    return this.services.deliveries.run(ctx, id);
  }

  @FieldResolver(() => DeliveryRunProgress)
  @RequirePermission('deliveries.read')
  progress(@Root() run: DeliveryRun, @Ctx() ctx: GraphQLContext): Promise<DeliveryRunProgress> {
    return this.services.deliveries.progress(ctx, run);
  }

  @FieldResolver(() => Delivery)
  @RequirePermission('deliveries.read')
  async delivery(@Root() run: DeliveryRun, @Ctx() ctx: GraphQLContext): Promise<Delivery> {
    const delivery = await ctx.loaders.load(Delivery, run.delivery.id);
    if (!delivery) throw notFound('配信');
    return delivery;
  }
}
