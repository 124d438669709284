import type { messagingApi } from '@line/bot-sdk';
import type { MikroORM } from '@mikro-orm/postgresql';
import { requirePermission } from '../../platform/auth/require.js';
import type { ServiceContext } from '../../platform/context/context.js';
import { unscopedSql } from '../../platform/db/scoped-sql.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { badInput } from '../../platform/errors/app-error.js';
import { LineApiError, type LineGateway } from '../../platform/line/line-gateway.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { AuditService } from '../audit/index.js';
import type { LineChannel, LineChannelService } from '../channels/index.js';
import { FormKind, FormStatus } from '../forms/index.js';
import { FollowStatus, Resident, TalkDirection, type ResidentServices } from '../residents/index.js';
import { FormOnboardingSetting, ReminderStatus } from './form-talk.entities.js';
import { formLinkMessage, ONBOARDING_TEXT } from './form-talk.messages.js';
import type { FormsPort, FormSummary } from './form-talk.port.js';

export const DEFAULT_REMINDER_DELAY_HOURS = 72;
export const MAX_REMINDER_DELAY_HOURS = 720;
/** Reminders claimed by one run; the next run (every 15 minutes) takes the rest. */
const REMINDER_BATCH = 500;
/** A claim older than this was left by a run that died: sent again with the same retry key. */
const STALE_CLAIM_MINUTES = 15;
const SYSTEM_WORK = 'registration reminders are the system’s work, for the residents of every channel and department';

export interface OnboardingView {
  readonly channelId: string;
  readonly registrationForm: FormSummary | null;
  readonly reminderDelayHours: number;
  readonly remindersEnabled: boolean;
  readonly remindersFrom: Date | null;
  readonly remindersSent: number;
}

export interface OnboardingInput {
  /** undefined: unchanged; null: no registration form. */
  readonly registrationFormId?: string | null;
  readonly reminderDelayHours?: number | null;
  readonly remindersEnabled?: boolean | null;
}

/**
 * RES-07: the follow greeting links to the channel's registration form, and a new friend who has
 * not registered after the set delay is reminded once by push.
 */
export class OnboardingService {
  constructor(
    private readonly orm: MikroORM,
    private readonly gateway: LineGateway,
    private readonly channels: LineChannelService,
    private readonly residents: ResidentServices,
    private readonly forms: FormsPort,
    private readonly audit: AuditService,
    private readonly formUrl: (formId: string) => string,
    private readonly logger: Logger,
  ) {}

  async get(ctx: ServiceContext, channelId: string): Promise<OnboardingView> {
    requirePermission(ctx.actor, 'channels.read');
    await this.channels.get(ctx, channelId);
    return this.view(ctx, channelId, await ctx.em.findOne(FormOnboardingSetting, { channelId }));
  }

  async registrationForms(ctx: ServiceContext): Promise<FormSummary[]> {
    requirePermission(ctx.actor, 'channels.read');
    return this.forms.registrationForms();
  }

  async update(ctx: ServiceContext, channelId: string, input: OnboardingInput): Promise<OnboardingView> {
    requirePermission(ctx.actor, 'channels.write');
    await this.channels.get(ctx, channelId); // channels.read too, as the resolver declares
    const problems: Record<string, string> = {};
    const delay = input.reminderDelayHours;
    if (delay !== undefined && delay !== null && (!Number.isInteger(delay) || delay < 1 || delay > MAX_REMINDER_DELAY_HOURS))
      problems['reminderDelayHours'] = `再案内までの時間は1〜${MAX_REMINDER_DELAY_HOURS}時間の整数で入力してください。`;
    if (input.registrationFormId) {
      const form = await this.forms.summary(input.registrationFormId);
      if (!form || form.kind !== FormKind.REGISTRATION) problems['registrationFormId'] = '種類が「登録」のフォームを選んでください。';
    }
    if (Object.keys(problems).length) throw badInput(problems);
    return inTransaction(
      ctx,
      async (tx) => {
        let setting = await tx.em.findOne(FormOnboardingSetting, { channelId });
        if (!setting) {
          setting = tx.em.create(FormOnboardingSetting, { channelId });
          tx.em.persist(setting);
        }
        const changed: string[] = [];
        if (input.registrationFormId !== undefined && (input.registrationFormId ?? null) !== setting.registrationFormId) {
          setting.registrationFormId = input.registrationFormId ?? null;
          // A newly chosen form is announced to friends who follow from now on, not to those before.
          setting.remindersFrom = setting.registrationFormId ? new Date() : null;
          changed.push('registrationFormId');
        }
        if (delay !== undefined && delay !== null && delay !== setting.reminderDelayHours) {
          setting.reminderDelayHours = delay;
          changed.push('reminderDelayHours');
        }
        if (
          input.remindersEnabled !== undefined &&
          input.remindersEnabled !== null &&
          input.remindersEnabled !== setting.remindersEnabled
        ) {
          setting.remindersEnabled = input.remindersEnabled;
          changed.push('remindersEnabled');
        }
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'forms.onboarding.update',
          targetType: 'LineChannel',
          targetId: channelId,
          summary: {
            changed,
            registrationFormId: setting.registrationFormId,
            reminderDelayHours: setting.reminderDelayHours,
            remindersEnabled: setting.remindersEnabled,
          },
          departmentId: null,
        });
        return this.view(tx, channelId, setting);
      },
      this.logger,
    );
  }

  private async view(ctx: ServiceContext, channelId: string, setting: FormOnboardingSetting | null): Promise<OnboardingView> {
    const [count] = await unscopedSql<{ n: string }>(
      ctx.em,
      SYSTEM_WORK,
      `select count(*) as n from form_registration_reminder m join resident r on r.id = m.resident_id
        where r.channel_id = ? and m.status = 'SENT'`,
      [channelId],
    );
    return {
      channelId,
      registrationForm: setting?.registrationFormId ? await this.forms.summary(setting.registrationFormId) : null,
      reminderDelayHours: setting?.reminderDelayHours ?? DEFAULT_REMINDER_DELAY_HOURS,
      remindersEnabled: setting?.remindersEnabled ?? true,
      remindersFrom: setting?.remindersFrom ?? null,
      remindersSent: Number(count?.n ?? 0),
    };
  }

  /** The follow greeting's second message: the channel's published registration form, if it has one. */
  async greetingMessages(channel: LineChannel): Promise<messagingApi.Message[]> {
    const form = await this.publishedRegistrationForm(channel.id);
    return form ? [this.registrationLink(form, ONBOARDING_TEXT.greeting)] : [];
  }

  private async publishedRegistrationForm(channelId: string): Promise<FormSummary | null> {
    const setting = await this.orm.em.fork().findOne(FormOnboardingSetting, { channelId });
    if (!setting?.registrationFormId) return null;
    const form = await this.forms.summary(setting.registrationFormId);
    return form?.status === FormStatus.PUBLISHED && form.kind === FormKind.REGISTRATION ? form : null;
  }

  private registrationLink(form: FormSummary, text: string): messagingApi.Message {
    const url = this.formUrl(form.id);
    return formLinkMessage({ url, title: form.title, text, label: ONBOARDING_TEXT.register, altText: `${text} ${url}` });
  }

  /**
   * The reminder job: claims, in one statement, the friends due a reminder (following, followed
   * after the form was chosen and longer ago than the delay, no submission of the form, never
   * reminded) by inserting their one reminder row; a run that overlaps finds those rows and claims
   * nothing. Claims a crashed run left behind are taken over. Each claimed reminder is one push.
   */
  async sendDueReminders(): Promise<{ sent: number; failed: number }> {
    const em = this.orm.em.fork();
    const claimed = await unscopedSql<ClaimedReminder>(
      em,
      SYSTEM_WORK,
      `insert into form_registration_reminder (id, resident_id, form_id, status, retry_key, claimed_at, attempts)
       select gen_random_uuid(), r.id, s.registration_form_id, 'SENDING', gen_random_uuid(), now(), 1
         from form_onboarding_setting s
         join form f on f.id = s.registration_form_id and f.status = 'PUBLISHED'
         join resident r on r.channel_id = s.channel_id
        where s.reminders_enabled
          and r.follow_status = 'FOLLOWING'
          and r.followed_at >= s.reminders_from
          and r.followed_at <= now() - make_interval(hours => s.reminder_delay_hours)
          and not exists (select 1 from form_submission fs where fs.form_id = s.registration_form_id and fs.resident_id = r.id)
          and not exists (select 1 from form_registration_reminder m where m.resident_id = r.id)
        order by r.followed_at
        limit ?
       on conflict (resident_id) do nothing
       returning id, resident_id, form_id, retry_key`,
      [REMINDER_BATCH],
    );
    const stale = await unscopedSql<ClaimedReminder>(
      em,
      SYSTEM_WORK,
      `update form_registration_reminder set claimed_at = now(), attempts = attempts + 1, updated_at = now()
        where id in (select id from form_registration_reminder
                      where status = 'SENDING' and claimed_at < now() - make_interval(mins => ?)
                      order by claimed_at limit ? for update skip locked)
        returning id, resident_id, form_id, retry_key`,
      [STALE_CLAIM_MINUTES, REMINDER_BATCH],
    );
    let sent = 0;
    let failed = 0;
    for (const reminder of [...claimed, ...stale]) {
      if (await this.sendReminder(reminder)) sent += 1;
      else failed += 1;
    }
    return { sent, failed };
  }

  private async sendReminder(reminder: ClaimedReminder): Promise<boolean> {
    const em = this.orm.em.fork();
    const resident = await em.findOne(Resident, { id: reminder.resident_id });
    const channel = resident?.channel ? (await this.channels.known(resident.channel.id))?.channel : null;
    const form = channel ? await this.publishedRegistrationForm(channel.id) : null;
    const finish = (status: ReminderStatus, error: string | null) =>
      unscopedSql(
        em,
        SYSTEM_WORK,
        `update form_registration_reminder set status = ?, sent_at = ?, last_error = ?, updated_at = now() where id = ?`,
        [status, status === ReminderStatus.SENT ? new Date() : null, error?.slice(0, 300) ?? null, reminder.id],
      );
    if (!resident || !channel || !form || form.id !== reminder.form_id || resident.followStatus !== FollowStatus.FOLLOWING) {
      await finish(ReminderStatus.FAILED, 'no longer due');
      return false;
    }
    const message = this.registrationLink(form, ONBOARDING_TEXT.reminder);
    try {
      await this.gateway.push(
        this.channels.credentialsOf(channel),
        { to: resident.lineUserId, messages: [message] },
        { retryKey: reminder.retry_key, ref: `form-talk.reminder:${reminder.id}` },
      );
    } catch (err) {
      const kind = err instanceof LineApiError ? err.kind : 'unknown';
      this.logger.warn({ reminder: reminder.id, kind }, 'registration reminder was not delivered');
      // Temporary failures stay claimed and are taken over later with the same retry key.
      if (kind !== 'SERVER_ERROR' && kind !== 'NETWORK' && kind !== 'RATE_LIMITED') await finish(ReminderStatus.FAILED, kind);
      return false;
    }
    await finish(ReminderStatus.SENT, null);
    await this.residents.talkLog.record({
      residentId: reminder.resident_id,
      direction: TalkDirection.OUTGOING,
      messageType: 'template',
      content: message.type === 'template' ? message.altText : '',
      origin: 'registration-reminder',
      occurredAt: new Date(),
      sourceEventId: `form-talk.reminder:${reminder.id}`,
    });
    return true;
  }
}

interface ClaimedReminder {
  id: string;
  resident_id: string;
  form_id: string;
  retry_key: string;
}
