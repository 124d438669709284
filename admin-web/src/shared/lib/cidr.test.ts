import { describe, expect, it } from 'vitest';
import { ipInAnyCidr, ipInCidr, isValidCidr, parseCidr, parseIPv6 } from './cidr';

describe('isValidCidr', () => {
  it.each([
    '203.0.113.0/24',
    '10.0.0.0/8',
    '0.0.0.0/0',
    '192.0.2.7',
    '192.0.2.7/32',
    '2001:db8::/32',
    '::1',
    '::/0',
    'fe80::1:2/64',
    '::ffff:192.0.2.1/128',
  ])('accepts %s', (cidr) => {
    expect(isValidCidr(cidr)).toBe(true);
  });

  it.each([
    '',
    '203.0.113.0/33',
    '256.0.0.1',
    '1.2.3',
    '01.2.3.4',
    '1.2.3.4/',
    '1.2.3.4/-1',
    '1.2.3.4/ 8',
    '2001:db8::/129',
    '2001:db8:::1',
    '1::2::3',
    '12345::',
    'fe80::1%eth0',
    'example.com',
    '1.2.3.4/24/1',
  ])('rejects %s', (cidr) => {
    expect(isValidCidr(cidr)).toBe(false);
  });

  it('ignores surrounding spaces', () => {
    expect(parseCidr(' 10.1.0.0/16 ')).toEqual({ version: 4, address: 0x0a010000n, prefix: 16 });
  });
});

describe('parseIPv6', () => {
  it('expands :: and embedded IPv4', () => {
    expect(parseIPv6('::1')).toBe(1n);
    expect(parseIPv6('2001:db8::')).toBe(0x20010db8n << 96n);
    expect(parseIPv6('::ffff:192.0.2.1')).toBe((0xffffn << 32n) | 0xc0000201n);
    expect(parseIPv6('1:2:3:4:5:6:7:8')).toBe(0x00010002000300040005000600070008n);
    expect(parseIPv6('1:2:3:4:5:6:7:8:9')).toBeNull();
  });
});

describe('ipInCidr', () => {
  it('matches addresses inside the prefix only', () => {
    expect(ipInCidr('203.0.113.200', '203.0.113.0/24')).toBe(true);
    expect(ipInCidr('203.0.114.1', '203.0.113.0/24')).toBe(false);
    expect(ipInCidr('8.8.8.8', '0.0.0.0/0')).toBe(true);
    expect(ipInCidr('192.0.2.7', '192.0.2.7')).toBe(true);
    expect(ipInCidr('2001:db8:1::5', '2001:db8::/32')).toBe(true);
    expect(ipInCidr('2001:db9::5', '2001:db8::/32')).toBe(false);
  });

  it('matches IPv4-mapped IPv6 addresses against IPv4 ranges, not other families', () => {
    expect(ipInCidr('::ffff:10.1.2.3', '10.0.0.0/8')).toBe(true);
    expect(ipInCidr('10.1.2.3', '::/0')).toBe(false);
    expect(ipInCidr('2001:db8::1', '0.0.0.0/0')).toBe(false);
  });

  it('is false for anything unparsable', () => {
    expect(ipInCidr('not-an-ip', '10.0.0.0/8')).toBe(false);
    expect(ipInAnyCidr('10.0.0.1', ['bad', '10.0.0.0/30'])).toBe(true);
    expect(ipInAnyCidr('10.0.0.1', [])).toBe(false);
  });
});
