import type { OutboundMailStatus } from '../../../gql/graphql';

/** The statuses in the order a mail goes through them (the filter's options). */
export const MAIL_STATUSES: readonly OutboundMailStatus[] = ['PENDING', 'SENDING', 'SENT', 'FAILED'];

export const MAIL_STATUS_COLOURS: Record<OutboundMailStatus, string> = {
  PENDING: 'gold',
  SENDING: 'blue',
  SENT: 'green',
  FAILED: 'red',
};

/** Purposes the console names (`mail.purposes.*`, dots as underscores); others are shown as the server's code. */
export const KNOWN_PURPOSES = ['mail_test'] as const;
export type KnownPurpose = (typeof KNOWN_PURPOSES)[number];

export function knownPurpose(purpose: string): KnownPurpose | null {
  const key = purpose.replaceAll('.', '_');
  return (KNOWN_PURPOSES as readonly string[]).includes(key) ? (key as KnownPurpose) : null;
}

/**
 * Whether the SMTP destination is on this machine (smtp://127.0.0.1:2525): what `npm start` sets
 * for its local sink, which keeps mail without delivering it. A relay on the same host looks the
 * same, so the page words it as a possibility.
 */
export function isLoopbackDestination(destination: string | null): boolean {
  if (!destination) return false;
  try {
    const host = new URL(destination).hostname;
    return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
  } catch {
    return false;
  }
}
