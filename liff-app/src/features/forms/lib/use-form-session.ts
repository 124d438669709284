import { useResidentSession } from '../../../app/session/resident-session-context';

/**
 * Form pages also open without a resident (a plain browser, forms with BROWSER_ALLOWED), so they
 * ask the session what it is rather than requiring a signed-in resident.
 */
export function useFormSession(): { signedIn: boolean; login: () => void } {
  const { state, login } = useResidentSession();
  return { signedIn: state.status === 'signedIn', login };
}
