import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { Factories } from '../support/factories.js';

/**
 * Every HTTP route the server registers (read from its router, so routes that features add are
 * included) gets malformed paths, methods, bodies and encodings, anonymously and with a session.
 * No answer may be a 5xx, and the process must go on serving.
 */

let t: TestServer;
let cookie: string;
beforeAll(async () => {
  t = await startTestServer();
  cookie = (await new Factories(t).newStaff({ isSystemAdmin: true })).cookie;
});
afterAll(async () => {
  await t?.close();
});

/** A concrete path for a route pattern: parameters filled in, wildcards given one segment. */
function samplePath(pattern: string): string {
  return pattern
    .replace(/\{\/\*\w+\}/g, '/x')
    .replace(/\*\w+/g, 'x')
    .replace(/:\w+/g, '00000000-0000-0000-0000-000000000000');
}

const PATH_VARIANTS: Array<[string, (p: string) => string]> = [
  ['as registered', (p) => p],
  ['with malformed percent-encoding', (p) => `${p.replace(/\/$/, '')}/%E0%A4%A`],
  ['with malformed percent-encoding in the last segment', (p) => `${p}%E0%A4%A`],
  ['with an encoded NUL', (p) => `${p}%00`],
  ['with traversal', (p) => `${p.replace(/\/$/, '')}/..%2f..%2f..%2fetc%2fpasswd`],
  ['with a very long segment', (p) => `${p.replace(/\/$/, '')}/${'a'.repeat(6000)}`],
  ['with a hostile query string', (p) => `${p}?q=%E0%A4%A&x[]=1&x[y]=2&from=not-a-date&channelId=%00&${'k=v&'.repeat(200)}`],
];

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'PROPFIND'];

const BODIES: Array<[string, Record<string, string>, Buffer | string | undefined]> = [
  ['no body', {}, undefined],
  ['malformed JSON', { 'content-type': 'application/json' }, '{"query": "{'],
  ['deeply nested JSON', { 'content-type': 'application/json' }, '['.repeat(200_000)],
  ['a body over 1 MB', { 'content-type': 'application/json' }, JSON.stringify({ x: 'x'.repeat(1_200_000) })],
  ['gzip that is not gzip', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, 'not gzip at all'],
  ['gzip of malformed JSON', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, gzipSync('{"a":')],
  ['an unsupported encoding', { 'content-type': 'application/json', 'content-encoding': 'br;q=weird' }, '{}'],
  ['an unsupported charset', { 'content-type': 'application/json; charset=utf-7' }, '{}'],
  ['a form', { 'content-type': 'application/x-www-form-urlencoded' }, 'a=%E0%A4%A&b[]=1'],
  ['bytes that are not UTF-8', { 'content-type': 'application/json' }, Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28])],
];

async function send(method: string, path: string, headers: Record<string, string>, body?: Buffer | string): Promise<number> {
  try {
    const res = await fetch(`${t.url}${path}`, {
      method,
      headers,
      body: method === 'GET' || method === 'HEAD' ? undefined : body,
      redirect: 'manual',
    });
    await res.arrayBuffer();
    return res.status;
  } catch (err) {
    // The server may close a connection on a request it will not read (an oversized body): not a 5xx.
    if ((err as { cause?: { code?: string } }).cause?.code === 'UND_ERR_SOCKET') return 400;
    throw err;
  }
}

describe('every HTTP route (generated from the router)', () => {
  it('knows the routes: the webhook, downloads, health, metrics, GraphQL and the clients', () => {
    const paths = t.server.routes.map((r) => r.path);
    for (const expected of [
      '/webhook/:channel',
      '/api/talk-log.csv',
      '/api/audit-events.csv',
      '/healthz',
      '/readyz',
      '/metrics',
      '/graphql',
    ]) {
      expect(paths).toContain(expected);
    }
    expect(t.server.routes.filter((r) => r.download).length).toBeGreaterThanOrEqual(2);
  });

  // About a second per route (some 150 requests each): the time grows with the routes features add.
  it.each([
    ['anonymous', false],
    ['with a staff session', true],
  ])('answers malformed paths, methods, bodies and encodings without a 5xx (%s)', { timeout: 180_000 }, async (_who, withSession) => {
    const failures: string[] = [];
    const headers: Record<string, string> = withSession ? { cookie } : {};
    for (const route of t.server.routes) {
      const base = samplePath(route.path);
      // Every malformed path with every method, then every malformed body on the route itself.
      for (const [variant, make] of PATH_VARIANTS) {
        for (const method of METHODS) {
          const status = await send(method, make(base), headers);
          if (status >= 500) failures.push(`${method} ${route.path} ${variant}: ${status}`);
        }
      }
      for (const method of METHODS.filter((m) => m !== 'GET' && m !== 'HEAD')) {
        for (const [bodyName, bodyHeaders, body] of BODIES) {
          const status = await send(method, base, { ...bodyHeaders, ...headers }, body);
          if (status >= 500) failures.push(`${method} ${route.path} with ${bodyName}: ${status}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });

  it('answers the malformed webhook path of the probe with 400 and keeps serving', async () => {
    const res = await fetch(`${t.url}/webhook/%E0%A4%A`, { method: 'POST', body: '{}', headers: { 'x-line-signature': 'x' } });
    expect(res.status).toBe(400);
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });
});

describe('HTTP that is not HTTP', () => {
  /** Sends raw bytes and resolves with whatever comes back before the connection closes. */
  function raw(bytes: string | Buffer): Promise<string> {
    const { port } = new URL(t.url);
    return new Promise((resolve) => {
      const socket = connect(Number(port), '127.0.0.1');
      let got = '';
      socket.on('data', (d) => (got += d.toString('latin1')));
      socket.on('error', () => resolve(got));
      socket.on('close', () => resolve(got));
      socket.write(bytes);
      setTimeout(() => socket.end(), 300);
    });
  }

  it.each([
    ['a garbage request line', 'HELLO WORLD\r\n\r\n'],
    ['a header with a NUL', 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n\r\n'],
    ['headers beyond the limit', `GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: ${'a'.repeat(70_000)}\r\n\r\n`],
    ['a bad Content-Length', 'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n'],
    ['two Content-Lengths', 'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}'],
    [
      'broken chunked encoding',
      'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n',
    ],
    ['an HTTP/2 preface', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'],
    ['a truncated webhook request', 'POST /webhook/%E0%A4%A HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"a"'],
  ])('answers %s with a 4xx or a closed connection, and keeps serving', async (_name, bytes) => {
    const answer = await raw(bytes);
    if (answer) expect(answer).toMatch(/^HTTP\/1\.1 4\d\d/);
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });
});
