import { randomUUID } from 'node:crypto';
import {
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  getNamedType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { ACCESS_EXTENSION, READ_PERMISSION_EXTENSION, type FieldAccess } from '../../src/platform/auth/access.js';

/**
 * Reading the emitted schema for the generated security tests: every root field, what access it
 * declares, and operations with well-typed placeholder (or deliberately malformed) arguments.
 */

export type OperationKind = 'query' | 'mutation' | 'subscription';

export interface RootField {
  kind: OperationKind;
  name: string;
  field: GraphQLField<unknown, unknown>;
}

export function rootFields(schema: GraphQLSchema): RootField[] {
  const out: RootField[] = [];
  for (const [kind, type] of [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ] as const) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) out.push({ kind, name: field.name, field });
  }
  return out;
}

export function accessOf(field: { extensions?: Record<string, unknown> | null }): FieldAccess | undefined {
  return field.extensions?.[ACCESS_EXTENSION] as FieldAccess | undefined;
}

export function readPermissionOf(type: GraphQLNamedType): string | undefined {
  return isObjectType(type) ? (type.extensions?.[READ_PERMISSION_EXTENSION] as string | undefined) : undefined;
}

/** A valid value of an input type, filling required fields only. */
export function placeholder(type: GraphQLInputType, depth = 0): unknown {
  if (isNonNullType(type)) return placeholder(type.ofType, depth);
  if (isListType(type)) return [placeholder(type.ofType, depth + 1)];
  // Variables carry an enum's name, not the resolver's internal value.
  if (type instanceof GraphQLEnumType) return type.getValues()[0]!.name;
  if (type instanceof GraphQLInputObjectType) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields())) if (isNonNullType(f.type) && depth < 10) out[f.name] = placeholder(f.type, depth + 1);
    return out;
  }
  switch (type.name) {
    case 'ID':
      return randomUUID();
    case 'String':
      return 'x';
    case 'Int':
      return 1;
    case 'Float':
      return 1.5;
    case 'Boolean':
      return false;
    case 'DateTimeISO':
      return new Date(Date.now() + 86_400_000).toISOString();
    case 'JSONObject':
      return {};
    default:
      return 'x';
  }
}

/** `{ __typename }` for object results (enough to run the resolver), nothing for leaves. */
export function selectionFor(type: GraphQLOutputType): string {
  return isLeafType(getNamedType(type)) ? '' : ' { __typename }';
}

export function typeName(type: GraphQLInputType): string {
  if (type instanceof GraphQLNonNull) return `${typeName(type.ofType)}!`;
  if (type instanceof GraphQLList) return `[${typeName(type.ofType)}]`;
  return type.name;
}

/** An operation calling one root field with every argument as a variable ($a0, $a1, ...). */
export function operation(
  root: RootField,
  values: Record<string, unknown> = {},
  selection = selectionFor(root.field.type),
): { query: string; variables: Record<string, unknown> } {
  const args = root.field.args;
  const defs = args.map((a, i) => `$a${i}: ${typeName(a.type)}`);
  const call = args.map((a, i) => `${a.name}: $a${i}`);
  const variables: Record<string, unknown> = {};
  args.forEach((a, i) => {
    const value = a.name in values ? values[a.name] : isNonNullType(a.type) ? placeholder(a.type) : undefined;
    if (value !== undefined) variables[`a${i}`] = value;
  });
  const query = `${root.kind}${defs.length ? `(${defs.join(', ')})` : ''} { ${root.name}${call.length ? `(${call.join(', ')})` : ''}${selection} }`;
  return { query, variables };
}

/** Every argument path of a field, down into input objects: [['input'], ['input', 'name'], ...]. */
export function argumentPaths(args: readonly GraphQLArgument[]): Array<{ path: string[]; type: GraphQLInputType }> {
  const out: Array<{ path: string[]; type: GraphQLInputType }> = [];
  const walk = (path: string[], type: GraphQLInputType, depth: number) => {
    out.push({ path, type });
    const named = getNamedType(type);
    if (isInputObjectType(named) && depth < 4) for (const f of Object.values(named.getFields())) walk([...path, f.name], f.type, depth + 1);
  };
  for (const a of args) walk([a.name], a.type, 0);
  return out;
}

/** The placeholder arguments of a field with the value at `path` replaced. */
export function withValueAt(args: readonly GraphQLArgument[], path: string[], value: unknown): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const a of args) values[a.name] = placeholder(a.type);
  let holder: Record<string, unknown> = values;
  for (const key of path.slice(0, -1)) {
    const next = holder[key];
    const object = Array.isArray(next) ? next[0] : next;
    if (!object || typeof object !== 'object') {
      holder[key] = {};
      holder = holder[key] as Record<string, unknown>;
    } else holder = object as Record<string, unknown>;
  }
  holder[path[path.length - 1]!] = value;
  return values;
}

/** The object types a field leads to, through list/non-null wrappers. */
export function targetType(field: GraphQLField<unknown, unknown>): GraphQLNamedType {
  return getNamedType(field.type);
}

export type { GraphQLObjectType };
