import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from '../logging/logger.js';
import { bodyText, headerText, isListUnsubscribeUrl, isMailAddress, type MailMessage } from './message.js';

export interface SmtpSettings {
  /** smtp://[user:password@]host[:port] or smtps://…; unset: nothing is sent. */
  readonly url?: string;
  /** The From header: `〇〇市 <no-reply@city.example.jp>` or a bare address. */
  readonly from: string;
}

/** A refusal by the SMTP server or the network; `permanent` for 5xx answers (no retry helps). */
export class MailDeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'MailDeliveryError';
  }
}

/**
 * Outbound mail through SMTP (nodemailer). Every message is rebuilt from checked parts: one
 * recipient address, header text without line breaks, plain-text body; nodemailer encodes the
 * Japanese subject and body (MIME, UTF-8). The password in SMTP_URL never reaches a log.
 */
export class SmtpMailer {
  private readonly transport?: Transporter;

  constructor(
    private readonly settings: SmtpSettings,
    private readonly logger: Logger,
  ) {
    if (settings.url) {
      this.transport = nodemailer.createTransport(settings.url, {
        from: settings.from,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
        disableFileAccess: true,
        disableUrlAccess: true,
      });
    }
  }

  /** Whether an SMTP server is configured (without one, mail waits in the outbox). */
  get configured(): boolean {
    return this.transport !== undefined;
  }

  /** Where mail goes, for the console, without credentials: `smtp://mail.example.jp:587`. */
  get destination(): string | null {
    if (!this.settings.url) return null;
    const url = new URL(this.settings.url);
    return `${url.protocol}//${url.host}`;
  }

  async send(message: MailMessage, headers: Record<string, string> = {}): Promise<{ messageId: string }> {
    if (!this.transport) throw new MailDeliveryError('SMTP_URL is not set', false);
    if (!isMailAddress(message.to)) throw new MailDeliveryError('the recipient is not one plain address', true);
    if (message.replyTo !== undefined && !isMailAddress(message.replyTo))
      throw new MailDeliveryError('reply-to is not one plain address', true);
    if (message.listUnsubscribe !== undefined && !isListUnsubscribeUrl(message.listUnsubscribe))
      throw new MailDeliveryError('the List-Unsubscribe URL is not one http(s) URL', true);
    const safeHeaders = Object.fromEntries(
      Object.entries(headers)
        .filter(([name]) => /^X-[A-Za-z0-9-]{1,60}$/.test(name))
        .map(([name, value]) => [name, headerText(value, 200)]),
    );
    try {
      const info = (await this.transport.sendMail({
        to: message.to,
        subject: headerText(message.subject, 150),
        text: bodyText(message.text),
        ...(message.replyTo ? { replyTo: message.replyTo } : {}),
        // RFC 2369 List-Unsubscribe (nodemailer writes <url>) and RFC 8058 one-click.
        ...(message.listUnsubscribe ? { list: { unsubscribe: message.listUnsubscribe } } : {}),
        headers: message.listUnsubscribe ? { ...safeHeaders, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : safeHeaders,
        textEncoding: 'base64',
      })) as { messageId?: string };
      return { messageId: info.messageId ?? '' };
    } catch (err) {
      const e = err as { responseCode?: number; code?: string; message?: string };
      const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500;
      this.logger.warn({ code: e.code, responseCode: e.responseCode }, 'SMTP delivery failed');
      throw new MailDeliveryError(
        `${e.responseCode ? `SMTP ${e.responseCode}: ` : ''}${headerText(e.message ?? 'unknown error', 300)}`,
        permanent,
      );
    }
  }

  close(): void {
    this.transport?.close();
  }
}
