import { buildSchema, execute, parse, type ExecutionResult } from 'graphql';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { installFieldGuards } from './field-guards.js';
import { inputGuard } from './input-guard.js';
import { auditGuard } from './schema.js';

const sdl = `
  type Item { code: String! name: String! }
  type Query { items: [Item!]! item(code: String!): Item }
  type Mutation { rename(code: String!, name: String!): Item! touch: Boolean! }
`;
const items = [
  { code: 'a', name: 'あ' },
  { code: 'b', name: 'い' },
];

/** A schema with both guards, and resolvers that record audit writes the way services do. */
function guarded() {
  const schema = buildSchema(sdl);
  const fields = { ...schema.getQueryType()!.getFields(), ...schema.getMutationType()!.getFields() };
  fields['items']!.resolve = () => items;
  fields['item']!.resolve = (_r, args: { code: string }) => items.find((i) => i.code === args.code) ?? null;
  fields['rename']!.resolve = (_r, args: { code: string; name: string }, ctx: Ctx) => {
    ctx.meta.trace.auditWrites += 1;
    return { code: args.code, name: args.name };
  };
  fields['touch']!.resolve = () => true; // forgets its audit event
  return installFieldGuards(schema, [inputGuard, auditGuard(pino({ level: 'silent' }), true)]);
}
type Ctx = { actor: { kind: string }; meta: { trace: { auditWrites: number; unchanged?: boolean } } };
const staff = (): Ctx => ({ actor: { kind: 'staff' }, meta: { trace: { auditWrites: 0 } } });

describe('field guards', () => {
  const schema = guarded();
  const run = (query: string, ctx = staff()) => execute({ schema, document: parse(query), contextValue: ctx });

  it('leaves fields without arguments synchronous: a plain list resolves without a promise', () => {
    const result = run('{ items { code name } }');
    expect(result).not.toBeInstanceOf(Promise);
    expect((result as ExecutionResult).data).toEqual({ items });
  });

  it('refuses a NUL character in any argument, naming the field', async () => {
    const result = await run('{ item(code: "a\\u0000") { name } }');
    expect(result.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(result.errors?.[0]?.extensions)).toContain('code');
    expect((await run('{ item(code: "a") { name } }')).data).toEqual({ item: { name: 'あ' } });
  });

  it('fails a staff mutation that wrote no audit event, and passes one that did', async () => {
    expect((await run('mutation { rename(code: "a", name: "う") { name } }')).errors).toBeUndefined();
    const forgot = await run('mutation { touch }');
    expect(forgot.errors?.[0]?.message).toMatch(/wrote no audit event/);
    const unchanged = staff();
    unchanged.meta.trace.unchanged = true;
    expect((await run('mutation { touch }', unchanged)).errors).toBeUndefined();
    expect((await run('mutation { touch }', { actor: { kind: 'resident' }, meta: { trace: { auditWrites: 0 } } })).errors).toBeUndefined();
  });
});
