import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getNamedType, isObjectType, type GraphQLField, type GraphQLNamedType, type GraphQLObjectType } from 'graphql';
import { pino } from 'pino';
import { buildAppSchema } from '../../src/schema.js';
import { MemoryPubSub } from '../../src/platform/pubsub/pubsub.js';
import { isKnownPermission, permissionCatalogue } from '../../src/platform/auth/permissions.js';
import type { FieldAccess } from '../../src/platform/auth/access.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { Factories } from '../support/factories.js';
import type { GqlClient, GqlError } from '../support/graphql-client.js';
import { WsClient } from '../support/ws-client.js';
import { accessOf, operation, readPermissionOf, rootFields, type RootField } from './schema-walk.js';

/**
 * The authorization matrix, generated from the schema the server emits: every root field and
 * every field that exposes another feature's object is called as each kind of actor, and must be
 * refused exactly as its declared access says. A field added without declaring its access fails
 * here, so the features still to come are covered by existing in the schema.
 */

// The schema's shape, read at collection time (the resolvers are never called on this copy).
const schema = await buildAppSchema({ pubsub: new MemoryPubSub(), logger: pino({ level: 'silent' }) }, { strictAudit: true });
const roots = rootFields(schema);
const ALL = permissionCatalogue().map((p) => p.key);

let t: TestServer;
let f: Factories;
beforeAll(async () => {
  t = await startTestServer();
  f = new Factories(t);
});
afterAll(async () => {
  await t?.close();
});

interface Outcome {
  code?: string;
  reason?: string;
  errors: GqlError[];
}

/** The first error's code and reason, and every error (to check for internal ones). */
async function call(client: GqlClient | WsClient, root: RootField): Promise<Outcome> {
  const { query, variables } = operation(root);
  if (client instanceof WsClient) {
    if (root.kind === 'subscription') {
      const sub = client.subscribe(query, variables);
      // A refusal comes at once; an accepted subscription just waits for events. "At once" is a
      // session look-up or two, which a loaded 2-core machine has taken longer than 400 ms to do.
      await Promise.race([sub.ended, new Promise((r) => setTimeout(r, 1500))]);
      sub.stop();
      const errors = sub.events.flatMap((e) => e.errors ?? []);
      return { code: errors[0]?.extensions?.code, reason: errors[0]?.extensions?.reason, errors };
    }
    const res = await client.request(query, variables);
    const errors = res.errors ?? [];
    return { code: errors[0]?.extensions?.code, reason: errors[0]?.extensions?.reason, errors };
  }
  const res = await client.request(query, variables);
  const errors = res.errors ?? [];
  return { code: errors[0]?.extensions?.code, reason: errors[0]?.extensions?.reason, errors };
}

/** Subscriptions go over WebSocket with the same credentials; everything else over HTTP. */
function transport(root: RootField, http: GqlClient, ws: () => WsClient): GqlClient | WsClient {
  return root.kind === 'subscription' ? ws() : http;
}

const refusedAs = (outcome: Outcome, code: string) => {
  expect(outcome.code, JSON.stringify(outcome.errors)).toBe(code);
};
/** Passed the gate: whatever else happens (NOT_FOUND for a made-up id, say), not an authorization refusal. */
const admitted = (outcome: Outcome) => {
  const refused = outcome.code === 'UNAUTHENTICATED' || (outcome.code === 'FORBIDDEN' && !outcome.reason);
  expect(refused, JSON.stringify(outcome.errors)).toBe(false);
};
const noInternalError = (outcome: Outcome) => {
  expect(outcome.errors.map((e) => e.extensions?.code)).not.toContain('INTERNAL_SERVER_ERROR');
};

function wsFor(headers: Record<string, string>, connectionParams?: Record<string, unknown>) {
  const clients: WsClient[] = [];
  return {
    make: () => {
      const c = new WsClient(t.url, { headers, connectionParams });
      clients.push(c);
      return c;
    },
    close: () => Promise.all(clients.map((c) => c.close())),
  };
}

describe('declared access (generated from the schema)', () => {
  it('every Query, Mutation and Subscription field declares who may use it', () => {
    const undeclared = roots.filter((r) => !accessOf(r.field)).map((r) => `${r.kind} ${r.name}`);
    expect(undeclared, 'declare @Public, @SignedIn, @ResidentOnly or @RequirePermission on each').toEqual([]);
  });

  it('every permission a field or type declares is in the catalogue', () => {
    const declared = new Set<string>();
    for (const type of Object.values(schema.getTypeMap())) {
      const read = readPermissionOf(type);
      if (read) declared.add(read);
      if (!isObjectType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        const access = accessOf(field);
        if (access?.kind === 'permission') access.permissions.forEach((p) => declared.add(p));
      }
    }
    expect([...declared].filter((p) => !isKnownPermission(p))).toEqual([]);
  });

  it('every entity type names the permission that reading it needs', () => {
    const entities = new Set(t.app.orm.getMetadata().getAll() ? Object.keys(t.app.orm.getMetadata().getAll()) : []);
    const exposed = Object.values(schema.getTypeMap()).filter((type) => isObjectType(type) && entities.has(type.name));
    expect(exposed.length).toBeGreaterThan(5);
    expect(exposed.filter((type) => !readPermissionOf(type)).map((type) => type.name)).toEqual([]);
  });
});

describe.each(roots.map((r) => [`${r.kind} ${r.name}`, r] as const))('%s', (_name, root) => {
  const access = accessOf(root.field) as FieldAccess;
  const required = access?.kind === 'permission' ? access.permissions : [];
  const others = ALL.filter((p) => !required.includes(p));

  it('is refused or admitted as declared, for anonymous callers, residents, staff and API keys', async () => {
    expect(access, 'no access declared').toBeDefined();
    const sockets: Array<{ close(): Promise<unknown> }> = [];
    const via = (client: GqlClient, headers: Record<string, string>, params?: Record<string, unknown>) => {
      const ws = wsFor(headers, params);
      sockets.push(ws);
      return transport(root, client, ws.make);
    };
    try {
      const anonymous = await call(via(t.client(), {}), root);
      const resident = await f.newResident();
      const asResident = await call(via(resident.client, { cookie: resident.cookie }), root);
      const bare = await f.newStaff({ permissions: [] });
      const asBareStaff = await call(via(bare.client, { cookie: bare.cookie }), root);
      const lacking = await f.newStaff({ permissions: others });
      const asLackingStaff = await call(via(lacking.client, { cookie: lacking.cookie }), root);
      const key = await f.newApiKey({ permissions: others.length ? others : ['departments.read'] });
      const asLackingKey = await call(via(key.client, {}, { authorization: `Bearer ${key.secret}` }), root);
      for (const outcome of [anonymous, asResident, asBareStaff, asLackingStaff, asLackingKey]) noInternalError(outcome);

      switch (access.kind) {
        case 'public':
          break;
        case 'signedIn':
          refusedAs(anonymous, 'UNAUTHENTICATED');
          refusedAs(asResident, 'FORBIDDEN');
          admitted(asBareStaff);
          admitted(asLackingKey);
          break;
        case 'staff':
          refusedAs(anonymous, 'UNAUTHENTICATED');
          refusedAs(asResident, 'FORBIDDEN');
          admitted(asBareStaff);
          refusedAs(asLackingKey, 'FORBIDDEN');
          break;
        case 'resident':
          refusedAs(anonymous, 'UNAUTHENTICATED');
          admitted(asResident);
          refusedAs(asBareStaff, 'FORBIDDEN');
          refusedAs(asLackingKey, 'FORBIDDEN');
          break;
        case 'permission': {
          refusedAs(anonymous, 'UNAUTHENTICATED');
          refusedAs(asResident, 'FORBIDDEN');
          refusedAs(asBareStaff, 'FORBIDDEN');
          refusedAs(asLackingStaff, 'FORBIDDEN');
          refusedAs(asLackingKey, 'FORBIDDEN');
          // With exactly the declared permissions the gate lets staff and keys through.
          const exact = await f.newStaff({ permissions: required });
          admitted(await call(via(exact.client, { cookie: exact.cookie }), root));
          const exactKey = await f.newApiKey({ permissions: required });
          admitted(await call(via(exactKey.client, {}, { authorization: `Bearer ${exactKey.secret}` }), root));
          // ... but not a staff member who must first enrol TOTP or change their password.
          const unenrolled = await f.newStaff({ permissions: required, totpEnrolmentRequired: true });
          const gated = await call(via(unenrolled.client, { cookie: unenrolled.cookie }), root);
          expect(gated.reason, JSON.stringify(gated.errors)).toBe('TOTP_ENROLMENT_REQUIRED');
          const mustChange = await f.newStaff({ permissions: required, mustChangePassword: true });
          const gated2 = await call(via(mustChange.client, { cookie: mustChange.cookie }), root);
          expect(gated2.reason, JSON.stringify(gated2.errors)).toBe('PASSWORD_CHANGE_REQUIRED');
          break;
        }
        case 'self':
          throw new Error('a root field cannot expose only the actor itself; declare @Public or @SignedIn');
      }
    } finally {
      await Promise.all(sockets.map((s) => s.close()));
    }
  });
});

// --- Fields that expose another feature's objects -------------------------------------------------

const entityTypes = () => Object.values(schema.getTypeMap()).filter((type): type is GraphQLObjectType => Boolean(readPermissionOf(type)));

/**
 * The entity types a field leads to, looking through types that belong to no feature (payloads,
 * connections, edges) and stopping at fields that declare their own access.
 */
function reachedEntities(field: GraphQLField<unknown, unknown>, seen = new Set<string>()): Array<{ type: GraphQLNamedType; via: string }> {
  const type = getNamedType(field.type);
  if (readPermissionOf(type)) return [{ type, via: field.name }];
  if (!isObjectType(type) || seen.has(type.name)) return [];
  seen.add(type.name);
  const out: Array<{ type: GraphQLNamedType; via: string }> = [];
  for (const inner of Object.values(type.getFields())) {
    const access = accessOf(inner);
    if (access?.kind === 'self' || access?.kind === 'permission') continue; // checked where declared
    for (const reached of reachedEntities(inner, seen)) out.push({ type: reached.type, via: `${field.name}.${reached.via}` });
  }
  return out;
}

/** Every field of an entity type whose result belongs to another feature, with what it must require. */
function crossingFields(): Array<{ parent: GraphQLObjectType; field: GraphQLField<unknown, unknown>; needs: string[] }> {
  const out: Array<{ parent: GraphQLObjectType; field: GraphQLField<unknown, unknown>; needs: string[] }> = [];
  for (const parent of entityTypes()) {
    const own = readPermissionOf(parent)!;
    for (const field of Object.values(parent.getFields())) {
      const needs = [...new Set(reachedEntities(field).map((r) => readPermissionOf(r.type)!))].filter((p) => p !== own);
      const access = accessOf(field);
      if (access?.kind === 'permission') {
        const reached = getNamedType(field.type);
        const target = readPermissionOf(reached);
        if (target && target !== own) needs.push(target);
      }
      if (needs.length) out.push({ parent, field, needs: [...new Set(needs)] });
    }
  }
  return out;
}

describe('fields that expose another feature (generated from the schema)', () => {
  it("every such field requires that feature's read permission", () => {
    const missing: string[] = [];
    for (const { parent, field, needs } of crossingFields()) {
      const access = accessOf(field);
      const held = access?.kind === 'permission' ? access.permissions : [];
      const lacking = needs.filter((p) => !held.includes(p));
      if (lacking.length && access?.kind !== 'self') missing.push(`${parent.name}.${field.name} needs ${lacking.join(', ')}`);
    }
    expect(missing).toEqual([]);
  });

  it("every query and subscription needs the read permission of the objects it returns (or returns the caller's own)", () => {
    const missing: string[] = [];
    for (const root of roots.filter((r) => r.kind !== 'mutation')) {
      const access = accessOf(root.field);
      const held = access?.kind === 'permission' ? access.permissions : [];
      for (const { type, via } of reachedEntities(root.field)) {
        const needed = readPermissionOf(type)!;
        if (!held.includes(needed)) missing.push(`${root.kind} ${via} reaches ${type.name} (${needed})`);
      }
    }
    expect(missing).toEqual([]);
  });

  /**
   * A path from a list query down to objects of `target`, through types of no feature:
   * `staffUsers { edges { node { ... } } }` for StaffUser.
   */
  function pathTo(target: GraphQLObjectType): { root: RootField; open: string; close: string } | null {
    for (const root of roots.filter((r) => r.kind === 'query' && accessOf(r.field)?.kind === 'permission')) {
      if (root.field.args.some((a) => a.type.toString().endsWith('!'))) continue;
      const search = (type: GraphQLNamedType, open: string, close: string, depth: number): { open: string; close: string } | null => {
        if (type === target) return { open, close };
        if (!isObjectType(type) || readPermissionOf(type) || depth > 3) return null;
        for (const inner of Object.values(type.getFields())) {
          if (inner.args.some((a) => a.type.toString().endsWith('!')) || accessOf(inner)) continue;
          const found = search(getNamedType(inner.type), `${open} ${inner.name} {`, `} ${close}`, depth + 1);
          if (found) return found;
        }
        return null;
      };
      const found = search(getNamedType(root.field.type), `{ ${root.name} {`, '} }', 0);
      if (found) return { root, ...found };
    }
    return null;
  }

  it('refuses each such field to staff and API keys without the permission, and gives it with it', async () => {
    // One of everything, so every list has a node to look into.
    const channel = await f.newChannel();
    await f.newResident({ channel });
    const dept = await f.newDepartment();
    await f.newRole({ permissions: ['departments.read'], departmentId: dept.id });
    const issuer = await f.newStaff({ permissions: ['apikeys.write', 'departments.read'], departmentId: dept.id });
    await issuer.client.ok(`mutation { createApiKey(input: { name: "発行者つき", permissions: ["departments.read"] }) { apiKey { id } } }`);
    // A form of the department with one resident's submission (Form.department, FormSubmission.form, .resident …).
    const author = await f.newStaff({ permissions: ['forms.manage'], departmentId: dept.id });
    const created = await author.client.ok<{ createForm: { form: { id: string } } }>(
      `mutation { createForm(input: { title: "行列用フォーム", kind: SURVEY }) { form { id } } }`,
    );
    const formId = created.createForm.form.id;
    const definition = { schemaVersion: 1, pages: [{ id: 'p_1', fields: [{ id: 'f_1', type: 'text', label: 'ご意見' }] }] };
    await author.client.ok(`mutation($id: ID!, $d: JSONObject!) { updateForm(id: $id, input: { definition: $d }) { form { id } } }`, {
      id: formId,
      d: definition,
    });
    const published = await author.client.ok<{ publishForm: { form: { publishedVersion: { id: string } } } }>(
      `mutation($id: ID!) { publishForm(id: $id) { form { publishedVersion { id } } } }`,
      { id: formId },
    );
    const submitter = await f.newResident({ channel });
    await submitter.client.ok(`mutation($input: SubmitFormInput!) { submitForm(input: $input) { receiptNumber } }`, {
      input: { formId, versionId: published.publishForm.form.publishedVersion.id, answers: { f_1: '行列テスト' } },
    });

    // A segment of the department (Segment.department).
    const segmenter = await f.newStaff({ permissions: ['segments.manage'], departmentId: dept.id });
    await segmenter.client.ok(
      `mutation($c: JSONObject!) { createSegment(input: { name: "行列用セグメント", condition: $c }) { segment { id } } }`,
      {
        c: { type: 'tag', tag: '行列' },
      },
    );

    // A delivery of the department (Delivery.department, .channel, .segments).
    const composer = await f.newStaff({ permissions: ['deliveries.manage'], departmentId: dept.id });
    await composer.client.ok(`mutation($c: ID!) { createDelivery(input: { title: "行列用配信", channelId: $c }) { delivery { id } } }`, {
      c: channel.id,
    });

    const checked: string[] = [];
    for (const { parent, field, needs } of crossingFields()) {
      const path = pathTo(parent);
      expect(path, `no list query reaches ${parent.name}: add one or a fixture`).not.toBeNull();
      const rootAccess = accessOf(path!.root.field);
      const base = rootAccess?.kind === 'permission' ? rootAccess.permissions : [];
      const query = `${path!.open} id ${field.name}${isObjectType(getNamedType(field.type)) ? ' { __typename }' : ''} ${path!.close}`;
      const withIt = await f.newStaff({ permissions: [...new Set([...base, ...needs])], departmentId: dept.id });
      const given = await withIt.client.request(query);
      expect(given.errors, JSON.stringify(given.errors)).toBeUndefined();
      expect(JSON.stringify(given.data), `${parent.name} list is empty for ${query}: seed one`).toContain('"id"');

      const lacking = base.filter((p) => !needs.includes(p));
      const onField = (res: { errors?: GqlError[] }) =>
        (res.errors ?? []).filter((e) => (e as { path?: unknown[] }).path?.at(-1) === field.name).map((e) => e.extensions?.code);
      const without = await f.newStaff({ permissions: lacking, departmentId: dept.id });
      const refused = onField(await without.client.request(query));
      expect(refused.length, `${parent.name}.${field.name} given to staff without ${needs.join(', ')}`).toBeGreaterThan(0);
      expect(new Set(refused)).toEqual(new Set(['FORBIDDEN']));
      const key = await f.newApiKey({ permissions: lacking, departmentId: dept.id });
      const keyRefused = onField(await key.client.request(query));
      expect(keyRefused.length, `${parent.name}.${field.name} given to an API key without ${needs.join(', ')}`).toBeGreaterThan(0);
      expect(new Set(keyRefused)).toEqual(new Set(['FORBIDDEN']));
      checked.push(`${parent.name}.${field.name}`);
    }
    expect(checked).toEqual(expect.arrayContaining(['Resident.channel', 'StaffUser.department', 'StaffUser.roles', 'ApiKey.createdBy']));
  });
});
