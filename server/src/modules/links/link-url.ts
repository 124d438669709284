import { LinkRefusal, linkRefused } from './links.errors.js';

/** The longest URL a link may lead to, in its stored (normalised, ASCII) form. */
export const MAX_LINK_URL_LENGTH = 2000;

/**
 * The URL a link leads to, as it is stored and redirected to: parsed and written back by the WHATWG
 * URL parser (host in punycode, everything else percent-encoded), so the stored text is plain
 * ASCII that is safe in a Location header and two spellings of one address are one link.
 * Only http and https: `javascript:`, `data:` and the like would run in the resident's browser
 * under our domain's trust. User names and passwords are refused (`https://city.jp@evil.example/`
 * reads as our city to a resident).
 */
export function normaliseLinkUrl(input: string, field = 'url'): string {
  const text = typeof input === 'string' ? input.trim() : '';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw linkRefused(LinkRefusal.LINK_URL_INVALID, 'リンクのURLが正しくありません（例: https://www.city.example.jp/）。', field);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw linkRefused(LinkRefusal.LINK_URL_SCHEME_NOT_ALLOWED, 'リンクにできるのは http:// または https:// で始まるURLだけです。', field);
  }
  if (url.username || url.password) {
    throw linkRefused(LinkRefusal.LINK_URL_HAS_CREDENTIALS, 'ユーザー名やパスワードを含むURLはリンクにできません。', field);
  }
  if (!url.hostname) {
    throw linkRefused(LinkRefusal.LINK_URL_INVALID, 'リンクのURLが正しくありません（例: https://www.city.example.jp/）。', field);
  }
  const href = url.href;
  if (href.length > MAX_LINK_URL_LENGTH) {
    throw linkRefused(LinkRefusal.LINK_URL_TOO_LONG, `リンクのURLが長すぎます（${MAX_LINK_URL_LENGTH}文字まで）。`, field);
  }
  // The parser leaves only printable ASCII; checked anyway, because this text becomes a header.
  if (!/^[\x21-\x7e]+$/.test(href)) {
    throw linkRefused(LinkRefusal.LINK_URL_INVALID, 'リンクのURLが正しくありません（例: https://www.city.example.jp/）。', field);
  }
  return href;
}
