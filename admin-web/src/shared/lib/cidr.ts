/** IPv4/IPv6 address and CIDR parsing for the IP allowlist; the server validates again. */

export interface ParsedCidr {
  version: 4 | 6;
  /** The address as an unsigned integer (32 or 128 bits). */
  address: bigint;
  prefix: number;
}

const IPV4_OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

export function parseIPv4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    if (!IPV4_OCTET.test(part)) return null;
    value = (value << 8n) | BigInt(Number(part));
  }
  return value;
}

const HEXTET = /^[0-9a-fA-F]{1,4}$/;

function parseHextets(text: string): bigint[] | null {
  if (text === '') return [];
  const out: bigint[] = [];
  const parts = text.split(':');
  for (let i = 0; i < parts.length; i += 1) {
    const part = parts[i] ?? '';
    if (i === parts.length - 1 && part.includes('.')) {
      // An embedded IPv4 address (::ffff:192.0.2.1) takes the last two hextets.
      const v4 = parseIPv4(part);
      if (v4 === null) return null;
      out.push(v4 >> 16n, v4 & 0xffffn);
    } else {
      if (!HEXTET.test(part)) return null;
      out.push(BigInt(parseInt(part, 16)));
    }
  }
  return out;
}

export function parseIPv6(text: string): bigint | null {
  if (text.includes('%')) return null; // zone ids never appear in an allowlist
  const halves = text.split('::');
  if (halves.length > 2) return null;
  let hextets: bigint[];
  if (halves.length === 2) {
    const head = parseHextets(halves[0] ?? '');
    const tail = parseHextets(halves[1] ?? '');
    if (head === null || tail === null) return null;
    const missing = 8 - head.length - tail.length;
    if (missing < 1) return null;
    hextets = [...head, ...Array<bigint>(missing).fill(0n), ...tail];
  } else {
    const all = parseHextets(text);
    if (all === null) return null;
    hextets = all;
  }
  if (hextets.length !== 8) return null;
  return hextets.reduce((acc, h) => (acc << 16n) | h, 0n);
}

export function parseIp(text: string): { version: 4 | 6; address: bigint } | null {
  const trimmed = text.trim();
  if (trimmed.includes(':')) {
    const address = parseIPv6(trimmed);
    return address === null ? null : { version: 6, address };
  }
  const address = parseIPv4(trimmed);
  return address === null ? null : { version: 4, address };
}

/** Parses `a.b.c.d/n` or `x::y/n`; a bare address is read as a single-host range. */
export function parseCidr(text: string, options: { allowBareAddress?: boolean } = {}): ParsedCidr | null {
  const { allowBareAddress = true } = options;
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  const addressText = slash === -1 ? trimmed : trimmed.slice(0, slash);
  const prefixText = slash === -1 ? null : trimmed.slice(slash + 1);
  if (prefixText === null && !allowBareAddress) return null;
  const ip = parseIp(addressText);
  if (!ip) return null;
  const maxPrefix = ip.version === 4 ? 32 : 128;
  let prefix = maxPrefix;
  if (prefixText !== null) {
    if (!/^\d{1,3}$/.test(prefixText)) return null;
    prefix = Number(prefixText);
    if (prefix > maxPrefix) return null;
  }
  return { version: ip.version, address: ip.address, prefix };
}

export function isValidCidr(text: string): boolean {
  return parseCidr(text) !== null;
}

const IPV4_MAPPED_PREFIX = 0xffffn << 32n;

/** Whether an address lies in a range; IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) match IPv4 ranges. */
export function ipInCidr(ipText: string, cidrText: string): boolean {
  const range = parseCidr(cidrText);
  let ip = parseIp(ipText);
  if (!range || !ip) return false;
  if (ip.version === 6 && range.version === 4 && ip.address >> 32n === IPV4_MAPPED_PREFIX >> 32n) {
    ip = { version: 4, address: ip.address & 0xffffffffn };
  }
  if (ip.version !== range.version) return false;
  const bits = BigInt(range.version === 4 ? 32 : 128);
  const hostBits = bits - BigInt(range.prefix);
  return ip.address >> hostBits === range.address >> hostBits;
}

export function ipInAnyCidr(ipText: string, cidrs: readonly string[]): boolean {
  return cidrs.some((cidr) => ipInCidr(ipText, cidr));
}
