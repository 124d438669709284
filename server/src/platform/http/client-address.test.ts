import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress, compileTrustProxy } from './client-address.js';

/** A request from `socket` whose X-Forwarded-For lists `forwarded` (the client first, as proxies append). */
const request = (socket: string, forwarded?: string) =>
  ({ socket: { remoteAddress: socket }, headers: forwarded ? { 'x-forwarded-for': forwarded } : {} }) as unknown as IncomingMessage;

describe('TRUST_PROXY', () => {
  it('false reads the socket, whatever the request claims', () => {
    expect(clientAddress(compileTrustProxy('false'))(request('10.0.0.2', '203.0.113.7'))).toBe('10.0.0.2');
  });

  it('a number trusts that many hops and no more', () => {
    const behind = request('10.0.0.2', '198.51.100.9, 203.0.113.7');
    expect(clientAddress(compileTrustProxy('1'))(behind)).toBe('203.0.113.7');
    expect(clientAddress(compileTrustProxy('2'))(behind)).toBe('198.51.100.9');
  });

  it('a list trusts only those proxies: a forged header from elsewhere is not believed', () => {
    const address = clientAddress(compileTrustProxy('loopback, 10.0.0.0/8'));
    expect(address(request('10.0.0.2', '203.0.113.7'))).toBe('203.0.113.7');
    expect(address(request('192.0.2.50', '203.0.113.7'))).toBe('192.0.2.50');
  });

  it('true trusts every hop (the first address of the header)', () => {
    expect(clientAddress(compileTrustProxy('true'))(request('10.0.0.2', '198.51.100.9, 203.0.113.7'))).toBe('198.51.100.9');
  });
});
