import type { GraphQLFieldResolver } from 'graphql';
import type { GraphQLContext } from '../context/context.js';
import { badInput } from '../errors/app-error.js';
import type { FieldGuard } from './field-guards.js';

/** Where in the arguments a NUL character hides, e.g. `input.name`, or null. */
function nulAt(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (depth > 20 || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = nulAt(item, path, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    const found = nulAt(item, path ? `${path}.${key}` : key, depth + 1);
    if (found) return found;
  }
  return null;
}

function refuseNul(args: Record<string, unknown>): void {
  for (const key in args) {
    const at = nulAt(args[key], key);
    if (at) throw badInput({ [at.split('.').pop()!]: '使用できない文字（NUL文字）が含まれています。' });
  }
}

/**
 * Refuses arguments that no field can store: PostgreSQL text cannot hold a NUL character, so a
 * string with one answers BAD_USER_INPUT naming the field, before any resolver or SQL sees it.
 * Only fields that take arguments are wrapped, and synchronously.
 */
export const inputGuard: FieldGuard = {
  appliesTo: (field) => field.args.length > 0,
  wrap: (resolve: GraphQLFieldResolver<unknown, GraphQLContext>) => (root, args: Record<string, unknown>, context, info) => {
    refuseNul(args);
    return resolve(root, args, context, info);
  },
};
