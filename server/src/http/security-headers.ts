import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** LINE's hosts a LIFF page talks to: the SDK, LINE's API and Login, and profile images. */
const LIFF_CONNECT = ['https://api.line.me', 'https://access.line.me', 'https://liffsdk.line-scdn.net', 'https://liff.line.me'];
const LIFF_IMAGES = ['https://profile.line-scdn.net', 'https://obs.line-scdn.net'];

/**
 * Security headers: no framing (clickjacking), a strict Content-Security-Policy, HSTS when
 * browsers reach us over TLS. One middleware chooses the policy per path, so the LIFF app's
 * (which must reach LINE's hosts) is never overwritten by the general one.
 */
export function securityHeaders(options: { hsts: boolean }): RequestHandler {
  const policy = (extraConnect: string[], extraImg: string[]) =>
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          // The LIFF SDK is bundled (npm @line/liff): no script comes from elsewhere.
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:', ...extraImg],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'", 'ws:', 'wss:', ...extraConnect],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
        },
      },
      frameguard: { action: 'deny' },
      strictTransportSecurity: options.hsts ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      referrerPolicy: { policy: 'same-origin' },
      crossOriginEmbedderPolicy: false,
    });
  const liff = policy(LIFF_CONNECT, LIFF_IMAGES);
  const general = policy([], []);
  return (req, res, next) => (req.path === '/liff' || req.path.startsWith('/liff/') ? liff : general)(req, res, next);
}
