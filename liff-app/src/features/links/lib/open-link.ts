import { toApiError } from '../../../shared/lib/api-error';

/** What a link's token looks like (the server's TOKEN_PATTERN). */
const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

export type LinkDestination = { kind: 'go'; url: string } | { kind: 'invalid' };

export interface OpenLinkDeps {
  /** The resident is signed in (LIFF ID token or an earlier session): the tap can be recorded for them. */
  signedIn: boolean;
  /** `openTrackedLink`: counts the tap, records it for the signed-in resident, answers the stored URL. */
  open: (token: string) => Promise<{ url: string }>;
  /** This app's origin: the plain redirect `/r/<token>` is served beside it. */
  origin: string;
}

/** The plain redirect of a token: counted without knowing who, then sent on to the stored URL. */
export function plainRedirect(token: string, origin: string): string {
  return new URL(`/r/${token}`, origin).href;
}

/** Only http and https addresses are followed, whatever an answer says. */
function webUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * Where a tap on a link goes (docs/adr/0016). A signed-in resident's tap is recorded by the server,
 * which answers the URL stored for the token; the page goes nowhere the address bar names. Without
 * a session, or when the server cannot be asked, the plain redirect counts the tap: the resident
 * always reaches the page. A token that names no link is invalid.
 */
export async function linkDestination(token: string, deps: OpenLinkDeps): Promise<LinkDestination> {
  if (!TOKEN.test(token)) return { kind: 'invalid' };
  const plain: LinkDestination = { kind: 'go', url: plainRedirect(token, deps.origin) };
  if (!deps.signedIn) return plain;
  try {
    const { url } = await deps.open(token);
    const safe = webUrl(url);
    return safe ? { kind: 'go', url: safe } : plain;
  } catch (error) {
    return toApiError(error).code === 'NOT_FOUND' ? { kind: 'invalid' } : plain;
  }
}
