/**
 * The part of the LIFF SDK the app uses. The real `liff` object and the LIFF mock satisfy it;
 * tests pass a plain object.
 */
export interface LiffClient {
  isInClient: () => boolean;
  isLoggedIn: () => boolean;
  /** Null when the LIFF app lacks the `openid` scope or the user is not logged in. */
  getIDToken: () => string | null;
  login: (options?: { redirectUri?: string }) => void;
  logout: () => void;
  getProfile: () => Promise<{ displayName: string; pictureUrl?: string }>;
}
