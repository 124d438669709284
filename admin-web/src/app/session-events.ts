/**
 * Session-level reactions to API errors. The Apollo link raises them; the app (which owns the
 * router) decides what to do. Kept apart so the link needs no router and the router no link.
 */
export type SessionEvent = { type: 'unauthenticated' } | { type: 'passwordChangeRequired' } | { type: 'totpEnrolmentRequired' };

type Listener = (event: SessionEvent) => void;

let listener: Listener | null = null;

export function setSessionEventListener(next: Listener | null): void {
  listener = next;
}

export function emitSessionEvent(event: SessionEvent): void {
  listener?.(event);
}
