import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { buildAppSchema } from '../../src/schema.js';
import { MemoryPubSub } from '../../src/platform/pubsub/pubsub.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { Factories } from '../support/factories.js';
import { WsClient } from '../support/ws-client.js';
import { argumentPaths, operation, rootFields, withValueAt, type RootField } from './schema-walk.js';

/**
 * Input fuzzing generated from the schema: every argument of every root field (down into input
 * objects) gets malformed values, over HTTP and over WebSocket, as a system administrator (who
 * reaches the deepest code). Whatever comes back must be the client's error, never an internal
 * one, never a stack trace or SQL, and the process must still be serving afterwards.
 */

const schema = await buildAppSchema({ pubsub: new MemoryPubSub(), logger: pino({ level: 'silent' }) }, { strictAudit: true });
const roots = rootFields(schema);

const deep = (levels: number): unknown => {
  let value: unknown = 'x';
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
};

/** Malformed values: wrong types, made-up and malformed ids, NUL, very long, emoji, SQL, deep nesting. */
const MALFORMED: Array<[string, unknown]> = [
  ['null', null],
  ['empty string', ''],
  ['NUL', 'a\u0000b'],
  ['not a UUID', 'not-a-uuid'],
  ['out-of-range number as text', '99999999999999999999999999'],
  ['100k characters', 'x'.repeat(100_000)],
  ['3,000 emoji', '🙂'.repeat(3_000)],
  ['SQL', "' or 1=1; drop table staff_user; --"],
  ['bad percent-encoding', '%E0%A4%A'],
  ['formula', '=HYPERLINK("http://evil.example","x")'],
  ['negative', -1],
  ['largest Int', 2_147_483_647],
  ['too large for Int', 2 ** 40],
  ['fraction', 1.5],
  ['boolean', true],
  ['object', { x: 1 }],
  ['list', ['x', 'y']],
  ['deep nesting', deep(200)],
  ['invalid date', '2026-13-45T99:99:99Z'],
];

const SQL_TEXT = /\b(select|insert|update|delete)\b[\s\S]{0,200}\b(from|into|set|where)\b/i;
const STACK = /\n\s+at |\w\.(ts|js):\d+|node_modules|MikroORM|DriverException/;

interface Case {
  label: string;
  root: RootField;
  variables: Record<string, unknown>;
  query: string;
}

function casesFor(root: RootField): Case[] {
  const cases: Case[] = [];
  const base = operation(root);
  cases.push({ label: `${root.name} with placeholder arguments`, root, ...base });
  for (const { path } of argumentPaths(root.field.args)) {
    for (const [name, value] of MALFORMED) {
      const values = withValueAt(root.field.args, path, value);
      cases.push({ label: `${root.name}(${path.join('.')} = ${name})`, root, ...operation(root, values) });
    }
  }
  return cases;
}

let t: TestServer;
let f: Factories;
beforeAll(async () => {
  // Sign-in would otherwise be rate limited long before the fuzzing is through.
  t = await startTestServer({ LOGIN_RATE_LIMIT_PER_MINUTE: '10000' });
  f = new Factories(t);
});
afterAll(async () => {
  await t?.close();
});

function problems(label: string, status: number, text: string): string[] {
  const found: string[] = [];
  if (status >= 500) found.push(`${label}: HTTP ${status}`);
  if (text.includes('INTERNAL_SERVER_ERROR')) found.push(`${label}: INTERNAL_SERVER_ERROR ${text.slice(0, 300)}`);
  if (SQL_TEXT.test(text)) found.push(`${label}: SQL in the response ${text.slice(0, 300)}`);
  if (STACK.test(text)) found.push(`${label}: stack or internals in the response ${text.slice(0, 300)}`);
  return found;
}

describe('input fuzzing over HTTP (generated from the schema)', () => {
  it.each(roots.filter((r) => r.kind !== 'subscription').map((r) => [r.name, r] as const))('%s', async (_name, root) => {
    // A session of its own, so that logout or a password change affects only this field's cases.
    const admin = await f.newStaff({ isSystemAdmin: true });
    const found: string[] = [];
    for (const c of casesFor(root)) {
      const res = await fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: admin.cookie },
        body: JSON.stringify({ query: c.query, variables: c.variables }),
      });
      found.push(...problems(c.label, res.status, await res.text()));
    }
    expect(found).toEqual([]);
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });
});

describe('input fuzzing over WebSocket (generated from the schema)', () => {
  it.each(roots.map((r) => [r.name, r] as const))('%s', async (_name, root) => {
    const admin = await f.newStaff({ isSystemAdmin: true });
    const ws = new WsClient(t.url, { headers: { cookie: admin.cookie } });
    const found: string[] = [];
    try {
      for (const c of casesFor(root)) {
        if (root.kind === 'subscription') {
          const sub = ws.subscribe(c.query, c.variables);
          await Promise.race([sub.ended, new Promise((r) => setTimeout(r, 100))]);
          sub.stop();
          found.push(...problems(c.label, 200, JSON.stringify(sub.events)));
        } else {
          found.push(...problems(c.label, 200, JSON.stringify(await ws.request(c.query, c.variables))));
        }
      }
    } finally {
      await ws.close();
    }
    expect(found).toEqual([]);
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });
});

describe('malformed documents', () => {
  const documents: Array<[string, string]> = [
    ['a syntax error', '{ viewer { '],
    ['nesting far beyond the depth limit', `{ ${'viewer { staff { department { '.repeat(40)}id${' } } }'.repeat(40)} }`],
    [
      'a thousand aliases of a list',
      `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: departments(first: 100) { totalCount }`).join(' ')} }`,
    ],
    ['an unknown field', '{ nothingHere }'],
    ['introspection of every type', '{ __schema { types { name fields { name args { name } } } } }'],
    ['an unknown operation name', 'query A { viewer { ip } }'],
  ];

  it.each(documents)('answers %s as the client’s error, over HTTP and WebSocket', async (_label, query) => {
    const admin = await f.newStaff({ isSystemAdmin: true });
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin.cookie },
      body: JSON.stringify({ query, operationName: query.startsWith('query A') ? 'B' : undefined }),
    });
    expect(problems('HTTP', res.status, await res.text())).toEqual([]);
    const ws = new WsClient(t.url, { headers: { cookie: admin.cookie } });
    try {
      const result = await ws.request(query);
      expect(problems('WebSocket', 200, JSON.stringify(result))).toEqual([]);
    } finally {
      await ws.close();
    }
  });

  it('answers malformed JSON with 400 and an oversized body with 413, in the API’s error shape', async () => {
    const post = (body: string, type = 'application/json') =>
      fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': type }, body });
    const malformed = await post('{"query": "{ viewer { ip } }"');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe(
      'BAD_USER_INPUT',
    );
    const nested = await post('['.repeat(900_000));
    expect(nested.status).toBeLessThan(500);
    const huge = await post(JSON.stringify({ query: '{ viewer { ip } }', variables: { x: 'x'.repeat(2_000_000) } }));
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { errors: Array<{ extensions: { reason: string } }> }).errors[0]!.extensions.reason).toBe(
      'PAYLOAD_TOO_LARGE',
    );
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });
});
