import { createContext, useContext } from 'react';
import type { BootstrapState } from './bootstrap';
import type { SessionResident } from './session-api';

export interface ResidentSession {
  state: BootstrapState;
  /** Runs the whole bootstrap again (after an error). */
  retry: () => void;
  /** LINE Login in an external browser; inside LINE this only retries. */
  login: () => void;
  /** Drops LIFF's cached (possibly expired) ID token and logs in with LINE again. */
  relogin: () => void;
  /** Resolves false when the server could not be reached; the session then stays. */
  signOut: () => Promise<boolean>;
}

export const ResidentSessionContext = createContext<ResidentSession | null>(null);

export function useResidentSession(): ResidentSession {
  const session = useContext(ResidentSessionContext);
  if (!session) throw new Error('useResidentSession outside ResidentSessionProvider');
  return session;
}

/** For pages, which are only rendered once the resident is signed in or previewing. */
export function useCurrentResident(): {
  resident: SessionResident;
  preview: boolean;
  canSignOut: boolean;
} {
  const { state } = useResidentSession();
  switch (state.status) {
    case 'signedIn':
      return {
        resident: state.resident,
        preview: false,
        // Inside LINE the session follows the LINE account; closing the window is the way out.
        canSignOut: !state.environment.inClient,
      };
    case 'preview':
      return { resident: state.resident, preview: true, canSignOut: false };
    case 'loading':
    case 'error':
    case 'signedOut':
      throw new Error(`no resident while the session is ${state.status}`);
  }
}
