import { describe, expect, it } from 'vitest';
import { addressText, lookUpPostalCode } from './postal-code';

function fakeFetch(status: number, body: unknown, seen: string[] = []): typeof fetch {
  return (input) => {
    seen.push(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
  };
}

describe('lookUpPostalCode', () => {
  it('asks the server with the seven digits, whatever the resident typed', async () => {
    const seen: string[] = [];
    const result = await lookUpPostalCode(
      '〒１００－０００１',
      fakeFetch(200, { results: [{ postalCode: '1000001', prefecture: '東京都', city: '千代田区', town: '千代田' }] }, seen),
    );
    expect(seen).toEqual(['/api/postal-codes/1000001']);
    expect(result.kind).toBe('found');
    if (result.kind === 'found') expect(addressText(result.addresses[0]!)).toBe('東京都千代田区千代田');
  });

  it('does not ask for something that is not a postal code', async () => {
    const seen: string[] = [];
    expect(await lookUpPostalCode('12345', fakeFetch(200, {}, seen))).toEqual({ kind: 'invalid' });
    expect(seen).toEqual([]);
  });

  it('tells not found from a failure', async () => {
    expect(await lookUpPostalCode('9999999', fakeFetch(404, { results: [] }))).toEqual({ kind: 'notFound' });
    expect(await lookUpPostalCode('9999999', fakeFetch(200, { results: [] }))).toEqual({ kind: 'notFound' });
    expect(await lookUpPostalCode('1000001', fakeFetch(500, {}))).toEqual({ kind: 'failed' });
    expect(await lookUpPostalCode('1000001', () => Promise.reject(new TypeError('offline')))).toEqual({ kind: 'failed' });
  });
});
