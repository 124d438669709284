import { describe, expect, it } from 'vitest';
import { canonicalCidr, hostRange, ipInAnyCidr, ipInCidr, isValidCidr } from './cidr';

describe('isValidCidr (the form shows "IPアドレス範囲の形式が正しくありません" otherwise)', () => {
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
    ' 10.1.0.0/16 ',
  ])('accepts %s', (cidr) => {
    expect(isValidCidr(cidr)).toBe(true);
  });

  it.each([
    '',
    '203.0.113.0/33',
    '256.0.0.1',
    '1.2.3',
    '01.2.3.4',
    '0x7f.0.0.1',
    '1.2.3.4/',
    '1.2.3.4/-1',
    '1.2.3.4/ 8',
    '2001:db8::/129',
    '2001:db8:::1',
    '1::2::3',
    '12345::',
    'fe80::1%eth0',
    'fe80::1%eth0/64',
    'example.com',
    '1.2.3.4/24/1',
  ])('rejects %s', (cidr) => {
    expect(isValidCidr(cidr)).toBe(false);
  });
});

describe('canonicalCidr (what the list will show once added)', () => {
  it('keeps the network address of the range', () => {
    expect(canonicalCidr('203.0.113.5/24')).toBe('203.0.113.0/24');
    expect(canonicalCidr(' 10.1.0.0/16 ')).toBe('10.1.0.0/16');
    expect(canonicalCidr('2001:DB8:0:0:1::/32')).toBe('2001:db8::/32');
  });

  it('reads a bare address as one host, an IPv4-mapped one as its IPv4 host', () => {
    expect(canonicalCidr('192.0.2.7')).toBe('192.0.2.7/32');
    expect(canonicalCidr('2001:db8::1')).toBe('2001:db8::1/128');
    expect(canonicalCidr('::ffff:192.0.2.1')).toBe('192.0.2.1/32');
  });

  it('is null for what is not a range', () => {
    expect(canonicalCidr('203.0.113.0/33')).toBeNull();
  });
});

describe('hostRange (the "現在のIPアドレスを入力" button)', () => {
  it('fills in the viewer’s address as a one-host range the server matches', () => {
    expect(hostRange('203.0.113.9')).toBe('203.0.113.9/32');
    expect(hostRange('2001:db8::5')).toBe('2001:db8::5/128');
    expect(hostRange('::ffff:10.1.2.3')).toBe('10.1.2.3/32');
  });
});

describe('ipInCidr (the warning that the viewer would lock themselves out)', () => {
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
