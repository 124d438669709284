import type { EntityManager } from '@mikro-orm/postgresql';
import type { ServiceContext } from '../../platform/context/context.js';
import { badInput, notFound } from '../../platform/errors/app-error.js';
import { Form, FormAccess, FormAudience, FormKind, FormStatus, VIA_PARAM, type FormService, type FormVia } from '../forms/index.js';
import { collectUris, LIMITS, rewriteUris, validateMessages, type ComposedCardMessage, type ComposedMessage } from '../messages/index.js';
import type { DeliveryVariant } from './delivery.entity.js';
import { UUID, VARIANT_LANGUAGES } from './delivery-owner.js';

const BUTTON_LABELS: Record<FormKind, string> = {
  [FormKind.REGISTRATION]: '登録する',
  [FormKind.SURVEY]: '回答する',
  [FormKind.APPLICATION]: '申し込む',
  [FormKind.PUBLIC_COMMENT]: '意見を送る',
};

/** A text as a card stores it: `{` written `{{` (a card's texts take resident variables), cut to `max` as written. */
function literal(text: string, max: number): string {
  let out = '';
  for (const char of text.replace(/\s+/g, ' ').trim()) {
    const piece = char === '{' ? '{{' : char;
    if (out.length + piece.length > max) return `${out.slice(0, max - 1)}…`;
    out += piece;
  }
  return out;
}

/**
 * A delivery that carries a form (FORM-08): the form must be its own department's, published,
 * not closed and for residents; each language's messages link to it, with a link card added where
 * staff have not put one. The link is the form's resident page, `/liff/forms/<id>` (the forms
 * module's residentPath), which opens in LINE and, for forms that allow it, in a browser.
 */
export class DeliveryFormService {
  constructor(
    private readonly forms: FormService,
    private readonly via: FormVia,
    private readonly publicUrl: string,
  ) {}

  url(formId: string): string {
    return `${this.publicUrl}/liff/forms/${formId}`;
  }

  /**
   * A real run's messages with each link to the form carrying the run's signed reference
   * (`?via=<token>`), so answers through it are counted for the run. Done before the links are
   * tracked: the redirect and the LIFF link page go to the stored URL, reference included, and one
   * run's recipients share one link, so multicast stays one message.
   */
  withRunReference(messages: readonly ComposedMessage[], formId: string, source: { deliveryId: string; runId: string }): ComposedMessage[] {
    const token = this.via.create(formId, source);
    return rewriteUris(messages, (uri) => {
      if (!this.isFormLink(uri, formId)) return uri;
      const url = new URL(uri);
      url.searchParams.set(VIA_PARAM, token);
      return url.href;
    });
  }

  private isFormLink(uri: string, formId: string): boolean {
    const url = this.url(formId);
    return uri === url || uri.startsWith(`${url}?`) || uri.startsWith(`${url}#`);
  }

  /**
   * The form for a delivery of `departmentId` (null: any of the actor's): NOT_FOUND outside the
   * actor's departments or in another department, BAD_USER_INPUT on `formId` when residents cannot
   * answer it. Needs forms.read, as choosing it in the console does.
   */
  async usable(ctx: ServiceContext, formId: string, departmentId: string | null, now = new Date()): Promise<Form> {
    if (!UUID.test(formId)) throw notFound('フォーム');
    const form = await this.forms.get(ctx, formId);
    if (departmentId && form.department.id !== departmentId) throw notFound('フォーム');
    const problem = this.problem(form, now, { opening: false });
    if (problem) throw badInput({ formId: problem });
    return form;
  }

  /**
   * Why residents could not answer the form at `at`, in Japanese; null when they can. Without
   * `opening`, a form that opens later is accepted (a delivery may be scheduled for then).
   */
  problem(form: Form, at: Date, { opening }: { opening: boolean }): string | null {
    if (form.status === FormStatus.DRAFT || !form.publishedVersionId)
      return `フォーム「${form.title}」はまだ公開されていません。公開してから配信に載せてください。`;
    if (form.status === FormStatus.CLOSED || (form.closesAt && form.closesAt <= at))
      return `フォーム「${form.title}」は受付を終了しています。`;
    if (form.audience === FormAudience.STAFF_ONLY) return `フォーム「${form.title}」は職員専用のため、配信に載せられません。`;
    if (opening && form.opensAt && form.opensAt > at)
      return `フォーム「${form.title}」の受付はまだ始まっていません（${form.opensAt.toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo' })}から）。`;
    return null;
  }

  /**
   * Why the delivery's form stops a run starting at `at` (it was closed, or does not open by then);
   * null when residents can answer it. Read in the caller's scope, without forms.read: whoever may
   * send the delivery may send the form staff chose for it.
   */
  async stopsRun(em: EntityManager, formId: string, at: Date, { opening }: { opening: boolean }): Promise<string | null> {
    const form = await em.findOne(Form, { id: formId });
    if (!form) return 'この配信に載せたフォームが見つかりません（削除された可能性があります）。';
    return this.problem(form, at, { opening });
  }

  /** Whether someone without LINE (a mail reader) can answer it in a browser. */
  answerableInBrowser(form: Form): boolean {
    return form.access === FormAccess.BROWSER_ALLOWED && form.audience === FormAudience.EVERYONE;
  }

  /** The link card to the form that staff insert in the console, and that is added where they did not. */
  card(form: Form): ComposedCardMessage {
    const text = form.description?.trim();
    return {
      type: 'card',
      title: literal(form.title, LIMITS.card.title),
      ...(text ? { text: literal(text, LIMITS.card.text) } : {}),
      buttonLabel: BUTTON_LABELS[form.kind],
      url: this.url(form.id),
    };
  }

  /** Whether the messages link to the form (a card's button, a Flex or imagemap action, a URL in a text). */
  linksTo(messages: readonly ComposedMessage[], formId: string): boolean {
    return collectUris(messages).some(({ uri }) => this.isFormLink(uri, formId));
  }

  /** The variants, each linking to the form: its card is added to those without a link to it. */
  withCard(variants: readonly DeliveryVariant[], form: Form): DeliveryVariant[] {
    const fields: Record<string, string> = {};
    const out = variants.map((variant, index) => {
      const messages = variant.messages as ComposedMessage[];
      if (this.linksTo(messages, form.id)) return variant;
      if (messages.length >= LIMITS.messages.max) {
        fields[`variants.${index}.messages`] =
          `${VARIANT_LANGUAGES[variant.language] ?? variant.language}の内容にフォームへのリンクがなく、カードを加える余地もありません（${LIMITS.messages.max}通まで）。1通減らすか、リンクを入れてください。`;
        return variant;
      }
      const withCard = [...messages, this.card(form)];
      const checked = validateMessages(withCard);
      if (!checked.ok) {
        fields[`variants.${index}.messages`] = `フォームのカードを加えられません: ${checked.problems[0]!.message}`;
        return variant;
      }
      return { language: variant.language, messages: checked.messages };
    });
    if (Object.keys(fields).length) throw badInput(fields, 'フォームへのリンクを入れられない言語があります。');
    return out;
  }
}
