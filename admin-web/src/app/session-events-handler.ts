import { ViewerDocument } from '../gql/graphql';
import { apolloClient, restartRealtime } from './apollo-client';
import { loginPath } from './auth/next-path';
import { currentAppPath, router } from './router';
import { setSessionEventListener } from './session-events';
import type { SessionEvent } from './session-events';

let handling = false;

async function handle(event: SessionEvent): Promise<void> {
  const path = currentAppPath();
  switch (event.type) {
    case 'unauthenticated': {
      if (path.startsWith('/login')) return;
      await apolloClient.clearStore();
      restartRealtime();
      await router.navigate(loginPath({ reason: 'expired', next: path }), { replace: true });
      return;
    }
    case 'passwordChangeRequired':
    case 'totpEnrolmentRequired': {
      // Refresh the viewer first: the session gate decides from its flags.
      await apolloClient.query({ query: ViewerDocument, fetchPolicy: 'network-only' });
      await router.navigate(event.type === 'passwordChangeRequired' ? '/password-change' : '/totp-enrolment', {
        replace: true,
      });
      return;
    }
  }
}

/** Several operations fail together when a session ends; react to the first only. */
export function installSessionEventHandler(): void {
  setSessionEventListener((event) => {
    if (handling) return;
    handling = true;
    void handle(event)
      .catch(() => undefined)
      .finally(() => {
        handling = false;
      });
  });
}
