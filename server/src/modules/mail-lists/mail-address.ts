import { isMailAddress } from '../../platform/mail/message.js';

/**
 * One form of an address for storing and looking up: NFKC (full-width ＠ and letters typed on a
 * phone become ASCII), trimmed, lower case. Null when it is not one plain address.
 */
export function normaliseAddress(value: string): string | null {
  const address = value.normalize('NFKC').trim().toLowerCase();
  return isMailAddress(address) ? address : null;
}

/**
 * The address as staff without mail_lists.read_personal see it: the first character of the local
 * part and of the domain, and the last label of the domain (`t***@e***.jp`).
 */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '***';
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  const labels = domain.split('.');
  const last = labels.length > 1 ? `.${labels[labels.length - 1]}` : '';
  return `${local[0]}***@${domain[0] ?? ''}***${last}`;
}
