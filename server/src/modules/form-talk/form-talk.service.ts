import type { messagingApi } from '@line/bot-sdk';
import { LockMode } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { ServiceContext } from '../../platform/context/context.js';
import { unscopedSql } from '../../platform/db/scoped-sql.js';
import { AppError, ErrorCode } from '../../platform/errors/app-error.js';
import type { LineEvent } from '../../platform/line/line-event.js';
import { LineApiError, type LineGateway } from '../../platform/line/line-gateway.js';
import type { WebhookHandler } from '../../platform/line/webhook-router.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { LineChannel, LineChannelService } from '../channels/index.js';
import { FormKind, FormStatus } from '../forms/index.js';
import { Resident, TalkDirection, type ResidentServices } from '../residents/index.js';
import { talkEligibility, todayInJapan } from './engine.js';
import { FormTalkSession, TalkSessionStatus } from './form-talk.entities.js';
import { formLinkMessage, ONBOARDING_TEXT } from './form-talk.messages.js';
import type { FormsPort, FormSummary } from './form-talk.port.js';
import {
  advanceTalk,
  beginTalk,
  resumeTalk,
  type TalkForm,
  type TalkInput,
  type TalkOutcome,
  type TalkProgress,
} from './talk-conversation.js';
import { parseTalkPostback, startPostbackData, type TalkPostback } from './talk-postback.js';

/** A talk survey left alone this long is forgotten (its progress row is dropped). */
export const TALK_SESSION_HOURS = 24;
const SUBMITTING_STALE_MS = 5 * 60_000;
const SYSTEM_WORK = 'talk-screen surveys are the system’s work on webhook events, for residents of every department';

export const TALK_REPLY = {
  unavailable: 'このアンケートは現在回答できません。',
  busy: (title: string) => `いまは「${title}」に回答中です。こちらを最後まで答えるか、「やめる」と送ってから始めてください。`,
  expired: '回答の途中で時間が経ったため、入力した内容は破棄されました。お手数ですが、もう一度始めてください。',
  textOnly: 'メッセージかボタンでお答えください。',
  submitted: (receipt: string) => `送信しました。ご回答ありがとうございました。\n受付番号: ${receipt}`,
  refused: 'この内容では送信できませんでした。',
  changed: 'アンケートの内容が変わったため、送信できませんでした。お手数ですが、もう一度始めてください。',
} as const;

/**
 * FORM-14: surveys answered step by step in the LINE talk screen. Postbacks start a survey and
 * carry button taps; text messages carry typed answers while a survey is in progress (and are left
 * alone otherwise, for the features that answer other messages). Progress is one row per resident,
 * written before the reply goes out; the submission goes through the forms module's submit.
 */
export class FormTalkService {
  constructor(
    private readonly orm: MikroORM,
    private readonly gateway: LineGateway,
    private readonly channels: LineChannelService,
    private readonly residents: ResidentServices,
    private readonly forms: FormsPort,
    private readonly publicUrl: string,
    private readonly logger: Logger,
  ) {}

  handlers(): WebhookHandler[] {
    return [
      { type: 'postback', name: 'formTalk.postback', handle: (channelId, event) => this.onPostback(channelId, event) },
      { type: 'message', name: 'formTalk.message', handle: (channelId, event) => this.onMessage(channelId, event) },
    ];
  }

  formUrl(formId: string): string {
    return `${this.publicUrl}/liff/forms/${formId}`;
  }

  async onPostback(channelId: string, event: LineEvent): Promise<void> {
    const parsed = parseTalkPostback(event.postback?.data ?? '');
    if (!parsed) return;
    const picked = event.postback?.params?.['date'] ?? event.postback?.params?.['time'];
    const postback: TalkPostback = parsed.action === 'date' && picked ? { ...parsed, value: picked } : parsed;
    const target = await this.target(channelId, event);
    if (!target) return;
    if (postback.action === 'start') await this.start(target, event, postback.formId);
    else await this.apply(target, event, { kind: 'postback', postback });
  }

  async onMessage(channelId: string, event: LineEvent): Promise<void> {
    const target = await this.target(channelId, event);
    if (!target) return;
    const input: TalkInput | null = event.message?.type === 'text' ? { kind: 'text', text: event.message.text ?? '' } : null;
    await this.apply(target, event, input);
  }

  /** The channel and resident of a 1:1 event that can be replied to. */
  private async target(channelId: string, event: LineEvent): Promise<{ channel: LineChannel; residentId: string } | null> {
    const userId = event.source?.userId;
    if (!userId || event.source?.type !== 'user' || !event.replyToken) return null;
    const channel = (await this.channels.known(channelId))?.channel;
    if (!channel) return null;
    // The residents module's handler (listed before this one) created the resident for this event.
    const resident = await this.orm.em.fork().findOne(Resident, { channel: channel.id, lineUserIdHash: userId }, { fields: ['id'] });
    return resident ? { channel, residentId: resident.id } : null;
  }

  private async start(target: { channel: LineChannel; residentId: string }, event: LineEvent, formId: string): Promise<void> {
    const access = await this.forms.forResident(target.residentId, formId);
    if (access.kind === 'notFound') return this.reply(target, event, [text(TALK_REPLY.unavailable)]);
    if (access.kind === 'unavailable') return this.reply(target, event, [text(`「${access.title}」: ${access.reason}`)]);
    const { form, versionId, definition } = access;
    // NFR-25: anything personal, and anything the talk cannot ask, is answered on our page only.
    const eligibility = talkEligibility(definition);
    if (form.kind !== FormKind.SURVEY || !eligibility.eligible) {
      const personal = eligibility.reasons.some((r) => r.includes('個人情報'));
      return this.reply(target, event, [this.pageLink(form, personal ? ONBOARDING_TEXT.personalOnly : ONBOARDING_TEXT.pageOnly)]);
    }
    const talkForm: TalkForm = { id: form.id, title: form.title, definition };
    const messages = await this.orm.em.fork().transactional(async (em) => {
      const session = await em.findOne(FormTalkSession, { residentId: target.residentId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (session && session.expiresAt > new Date()) {
        if (session.lastEventId === event.webhookEventId) return null;
        session.lastEventId = event.webhookEventId;
        session.expiresAt = expiry();
        if (session.formId !== form.id) {
          const current = await this.sessionForm(session);
          if (current) return continueMessages(resumeTalk(current, readProgress(session), TALK_REPLY.busy(current.title)));
        } else {
          const current = await this.sessionForm(session);
          if (current) return continueMessages(resumeTalk(current, readProgress(session)));
        }
      }
      if (session) em.remove(session);
      await em.flush();
      const outcome = beginTalk(talkForm);
      if (outcome.kind !== 'continue') return null;
      em.persist(
        em.create(FormTalkSession, {
          residentId: target.residentId,
          formId: form.id,
          versionId,
          progress: JSON.stringify(outcome.progress),
          lastEventId: event.webhookEventId,
          expiresAt: expiry(),
        }),
      );
      await em.flush();
      return outcome.messages;
    });
    if (messages) await this.reply(target, event, messages);
  }

  /**
   * One answer (or null: a sticker, image ...) to the resident's survey in progress. Nothing
   * happens without one: the message belongs to whatever else answers the talk.
   */
  private async apply(target: { channel: LineChannel; residentId: string }, event: LineEvent, input: TalkInput | null): Promise<void> {
    type Step =
      | { kind: 'reply'; messages: messagingApi.Message[] }
      | { kind: 'submit'; session: { formId: string; versionId: string }; form: TalkForm; answers: Record<string, unknown> };
    const step = await this.orm.em.fork().transactional(async (em): Promise<Step | null> => {
      const session = await em.findOne(FormTalkSession, { residentId: target.residentId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!session || session.expiresAt <= new Date()) {
        if (session) {
          em.remove(session);
          await em.flush();
        }
        // A button of a survey that is gone: say so (a typed message is someone else's business).
        return input?.kind === 'postback'
          ? { kind: 'reply', messages: [text(session ? TALK_REPLY.expired : TALK_REPLY.unavailable)] }
          : null;
      }
      if (session.lastEventId === event.webhookEventId) return null;
      // A submission under way is left alone; one a crashed process left behind is answerable again.
      if (session.status === TalkSessionStatus.SUBMITTING) {
        if (session.updatedAt.getTime() > Date.now() - SUBMITTING_STALE_MS) return null;
        session.status = TalkSessionStatus.ACTIVE;
      }
      session.lastEventId = event.webhookEventId;
      const form = await this.sessionForm(session);
      if (!form) {
        em.remove(session);
        await em.flush();
        return { kind: 'reply', messages: [text(TALK_REPLY.changed)] };
      }
      const progress = readProgress(session);
      let outcome: TalkOutcome;
      if (input === null) outcome = resumeTalk(form, progress, TALK_REPLY.textOnly);
      else if (input.kind === 'postback' && input.postback.formId !== session.formId)
        outcome = resumeTalk(form, progress, TALK_REPLY.busy(form.title));
      else outcome = advanceTalk(form, progress, input, todayInJapan());
      switch (outcome.kind) {
        case 'continue':
          session.progress = JSON.stringify(outcome.progress);
          session.expiresAt = expiry();
          await em.flush();
          return { kind: 'reply', messages: outcome.messages };
        case 'cancelled':
          em.remove(session);
          await em.flush();
          return { kind: 'reply', messages: outcome.messages };
        case 'submit':
          session.progress = JSON.stringify(outcome.progress);
          session.status = TalkSessionStatus.SUBMITTING;
          await em.flush();
          return {
            kind: 'submit',
            session: { formId: session.formId, versionId: session.versionId },
            form,
            answers: { ...outcome.answers },
          };
      }
    });
    if (!step) return;
    if (step.kind === 'reply') return this.reply(target, event, step.messages);
    await this.reply(target, event, await this.submit(target.residentId, step.session, step.form, step.answers));
  }

  /** Through the forms module's submit (its own transaction); the progress row goes either way. */
  private async submit(
    residentId: string,
    session: { formId: string; versionId: string },
    form: TalkForm,
    answers: Record<string, unknown>,
  ): Promise<messagingApi.Message[]> {
    let messages: messagingApi.Message[];
    try {
      const result = await this.forms.submit(residentId, { formId: session.formId, versionId: session.versionId, answers });
      messages = [text([TALK_REPLY.submitted(result.receiptNumber), result.thankYouMessage ?? ''].filter(Boolean).join('\n\n'))];
    } catch (err) {
      if (!(err instanceof AppError)) {
        // Not the resident's doing: let them try 送信 again rather than lose their answers.
        await this.orm.em.fork().nativeUpdate(FormTalkSession, { residentId }, { status: TalkSessionStatus.ACTIVE, lastEventId: null });
        throw err;
      }
      const fields = err.code === ErrorCode.BAD_USER_INPUT ? Object.values(err.options.fields ?? {}) : [];
      const reason = err.code === ErrorCode.BAD_USER_INPUT ? TALK_REPLY.refused : err.message;
      messages = [
        text([reason, ...fields.slice(0, 5).map((f) => `・${f}`)].join('\n')),
        this.pageLink({ id: session.formId, title: form.title }, ONBOARDING_TEXT.pageOnly),
      ];
    }
    await unscopedSql(this.orm.em.fork(), SYSTEM_WORK, `delete from form_talk_session where resident_id = ?`, [residentId]);
    return messages;
  }

  /** The form of a session as it was published when the resident started; null once gone. */
  private async sessionForm(session: FormTalkSession): Promise<TalkForm | null> {
    const version = await this.forms.version(session.formId, session.versionId);
    return version ? { id: version.form.id, title: version.form.title, definition: version.definition } : null;
  }

  private pageLink(form: Pick<FormSummary, 'id' | 'title'>, why: string): messagingApi.Message {
    const url = this.formUrl(form.id);
    return formLinkMessage({
      url,
      title: form.title,
      text: why,
      label: ONBOARDING_TEXT.openPage,
      altText: `「${form.title}」の回答ページ: ${url}`,
    });
  }

  /** Replies with the event's token (free of the monthly quota) and logs what was said. */
  private async reply(
    target: { channel: LineChannel; residentId: string },
    event: LineEvent,
    messages: messagingApi.Message[],
  ): Promise<void> {
    try {
      await this.gateway.reply(this.channels.credentialsOf(target.channel), event.replyToken!, messages.slice(0, 5));
    } catch (err) {
      // A reply token works once and briefly: the resident can tap again; the progress is kept.
      this.logger.warn(
        { channel: target.channel.id, kind: err instanceof LineApiError ? err.kind : 'unknown' },
        'talk survey reply was not delivered',
      );
      return;
    }
    for (const [i, message] of messages.slice(0, 5).entries()) {
      await this.residents.talkLog.record({
        residentId: target.residentId,
        direction: TalkDirection.OUTGOING,
        messageType: message.type,
        content: message.type === 'text' ? message.text : 'altText' in message ? message.altText : `[${message.type}]`,
        origin: 'form-talk',
        occurredAt: new Date(),
        sourceEventId: `${event.webhookEventId}:form-talk:${i + 1}`,
      });
    }
  }

  /** What staff copy to start a survey in the talk (a rich-menu button, a delivery's button). */
  async startInfo(
    ctx: ServiceContext,
    formId: string,
  ): Promise<{ formId: string; postbackData: string; eligible: boolean; reasons: string[] }> {
    const { form, published } = await this.forms.forStaff(ctx, formId);
    const reasons: string[] = [];
    if (form.kind !== FormKind.SURVEY) reasons.push('トーク画面で回答できるのはアンケートだけです');
    if (form.status !== FormStatus.PUBLISHED || !published) reasons.push('公開中のフォームではありません');
    if (published) reasons.push(...talkEligibility(published).reasons);
    return { formId: form.id, postbackData: startPostbackData(form.id), eligible: reasons.length === 0, reasons };
  }

  /** Forgets surveys left alone for a day. */
  async purgeExpired(): Promise<number> {
    const rows = await unscopedSql<{ id: string }>(
      this.orm.em.fork(),
      SYSTEM_WORK,
      `delete from form_talk_session where expires_at < now() returning id`,
    );
    return rows.length;
  }
}

function text(body: string): messagingApi.Message {
  return { type: 'text', text: body.length > 5000 ? `${body.slice(0, 4999)}…` : body };
}

function expiry(): Date {
  return new Date(Date.now() + TALK_SESSION_HOURS * 3_600_000);
}

function readProgress(session: FormTalkSession): TalkProgress {
  return JSON.parse(session.progress) as TalkProgress;
}

function continueMessages(outcome: TalkOutcome): messagingApi.Message[] | null {
  return outcome.kind === 'continue' ? outcome.messages : null;
}
