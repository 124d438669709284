/**
 * The browser's copy of the server's address check (server/src/platform/mail/message.ts), for
 * early feedback only: one plain address (`taro@example.jp`), never a list or a display name.
 * RFC 5321 limits: 64 characters for the local part, 254 in all.
 */
const ADDRESS =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

const MAX_ADDRESS_LENGTH = 254;

export function isMailAddress(value: string): boolean {
  if (value.length > MAX_ADDRESS_LENGTH || !ADDRESS.test(value)) return false;
  const local = value.slice(0, value.indexOf('@'));
  return !value.includes('..') && !local.startsWith('.') && !local.endsWith('.');
}

export type MailAddressProblem = 'required' | 'invalid';

/** What is wrong with what was typed into an address field (surrounding spaces do not count), or null. */
export function mailAddressProblem(value: string | undefined): MailAddressProblem | null {
  const trimmed = value?.trim() ?? '';
  if (trimmed === '') return 'required';
  return isMailAddress(trimmed) ? null : 'invalid';
}
