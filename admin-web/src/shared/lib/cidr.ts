import ipaddr from 'ipaddr.js';

/**
 * IP addresses and CIDR ranges for the IP allowlist page, with ipaddr.js as the server does
 * (modules/identity/ip-allowlist.service.ts), so the page says what the server will store and
 * match. The server validates again.
 */

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * Only the forms staff type: dotted-decimal IPv4 (ipaddr.js would also read "010.1" as octal
 * shorthand) and IPv6 without a zone id (a link-local scope never appears in an allowlist).
 */
function parseRange(text: string): [Address, number] | null {
  const trimmed = text.trim();
  if (trimmed.includes('%')) return null;
  if (trimmed.includes('/')) {
    if (ipaddr.IPv4.isValidCIDRFourPartDecimal(trimmed)) return ipaddr.IPv4.parseCIDR(trimmed);
    return ipaddr.IPv6.isValidCIDR(trimmed) ? ipaddr.IPv6.parseCIDR(trimmed) : null;
  }
  // A bare address is one host; an IPv4-mapped one (::ffff:192.0.2.1) is that IPv4 host, as on the server.
  if (ipaddr.IPv4.isValidFourPartDecimal(trimmed)) return [ipaddr.IPv4.parse(trimmed), 32];
  if (!ipaddr.IPv6.isValid(trimmed)) return null;
  const address = ipaddr.IPv6.parse(trimmed);
  return address.isIPv4MappedAddress() ? [address.toIPv4Address(), 32] : [address, 128];
}

export function isValidCidr(text: string): boolean {
  return parseRange(text) !== null;
}

/**
 * The range as the server stores it: the network address and its prefix, IPv6 compressed
 * ("203.0.113.5/24" → "203.0.113.0/24", "192.0.2.7" → "192.0.2.7/32"); null when not a range.
 */
export function canonicalCidr(text: string): string | null {
  const range = parseRange(text);
  if (!range) return null;
  const [address, prefix] = range;
  const cidr = `${address.toString()}/${String(prefix)}`;
  const network = address.kind() === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(cidr) : ipaddr.IPv6.networkAddressFromCIDR(cidr);
  return `${network.toString()}/${String(prefix)}`;
}

/** The viewer's own address as a one-host range, for the "use my address" button. */
export function hostRange(ip: string): string | null {
  return canonicalCidr(ip);
}

/** A client address as the server reads it: an IPv4-mapped IPv6 address is its IPv4 address. */
function parseClientIp(text: string): Address | null {
  try {
    return ipaddr.process(text.trim());
  } catch {
    return null;
  }
}

/** Whether an address lies in a range; an IPv4-mapped IPv6 address (::ffff:a.b.c.d) matches IPv4 ranges. */
export function ipInCidr(ipText: string, cidrText: string): boolean {
  const range = parseRange(cidrText);
  const ip = parseClientIp(ipText);
  if (!range || !ip || ip.kind() !== range[0].kind()) return false;
  return ip.match(range);
}

export function ipInAnyCidr(ipText: string, cidrs: readonly string[]): boolean {
  return cidrs.some((cidr) => ipInCidr(ipText, cidr));
}
