import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/** Whether a hop's address is a proxy we trust (proxy-addr's form, which Express takes as `trust proxy`). */
export type TrustProxy = (address: string, hop: number) => boolean;

/**
 * TRUST_PROXY compiled once, as Express compiles its `trust proxy` setting: `true` trusts every
 * hop, `false` none, a number that many hops, anything else a comma-separated list of addresses,
 * subnets or proxy-addr's names (loopback, linklocal, uniquelocal). Express is given the compiled
 * function, so `req.ip`, the WebSocket transport and the routes served ahead of Express read one
 * address the same way.
 */
export function compileTrustProxy(value: string): TrustProxy {
  if (value === 'true') return () => true;
  if (value === 'false') return () => false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
  return proxyaddr.compile(value.split(',').map((v) => v.trim()));
}

/** The client's address behind the trusted proxies; the socket's own when the forwarding headers cannot be read. */
export function clientAddress(trust: TrustProxy): (req: IncomingMessage) => string | null {
  return (req) => {
    try {
      return proxyaddr(req, trust);
    } catch {
      return req.socket.remoteAddress ?? null;
    }
  };
}
