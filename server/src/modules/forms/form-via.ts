import { createHmac, timingSafeEqual } from 'node:crypto';

/** The query parameter of a form link that names what brought the resident (`/liff/forms/<id>?via=<token>`). */
export const VIA_PARAM = 'via';

/** Two ids of 32 hex digits, then a MAC of 32: what `FormVia.create` writes. */
const TOKEN = /^([0-9a-f]{32})([0-9a-f]{32})([0-9a-f]{32})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The delivery run a form answer came from, as its link named it. */
export interface FormViaSource {
  readonly deliveryId: string;
  readonly runId: string;
}

const compact = (uuid: string) => uuid.replace(/-/g, '').toLowerCase();
const expand = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

/**
 * A form link's reference to the delivery run that carried it: the delivery and run ids with a
 * MAC over them and the form id, under a key derived for this purpose. Nobody can make one for a
 * run or a form of their choosing, nor move one to another form; the link of every recipient of a
 * run is the same, so multicast stays one message. Verifying never fails loudly: a reference that
 * is not ours is no reference.
 */
export class FormVia {
  constructor(private readonly key: Buffer) {}

  create(formId: string, source: FormViaSource): string {
    for (const id of [formId, source.deliveryId, source.runId]) if (!UUID.test(id)) throw new TypeError(`form via: not a UUID: ${id}`);
    const delivery = compact(source.deliveryId);
    const run = compact(source.runId);
    return `${delivery}${run}${this.mac(compact(formId), delivery, run)}`;
  }

  /** The run a token names for `formId`, or null for anything else (malformed, altered, another form's). */
  verify(formId: string, token: string | null | undefined): FormViaSource | null {
    if (!token || !UUID.test(formId)) return null;
    const match = TOKEN.exec(token);
    if (!match) return null;
    const [, delivery, run, given] = match as unknown as [string, string, string, string];
    const expected = Buffer.from(this.mac(compact(formId), delivery, run));
    if (!timingSafeEqual(expected, Buffer.from(given))) return null;
    return { deliveryId: expand(delivery), runId: expand(run) };
  }

  private mac(form: string, delivery: string, run: string): string {
    return createHmac('sha256', this.key).update(`form-via:${form}:${delivery}:${run}`).digest('hex').slice(0, 32);
  }
}
