import { GraphQLJSONObject } from 'graphql-scalars';

/**
 * The `JSONObject` scalar (form definitions and answers, segment conditions, ...). One instance
 * for the whole schema: every field that carries JSON uses this export.
 */
export const JSONObject = GraphQLJSONObject;

/** JSON from a client is bounded before anything walks it (a hostile client may nest or pad it). */
export const JSON_LIMITS = { bytes: 512 * 1024, depth: 12 } as const;

export function jsonDepth(value: unknown, depth = 0): number {
  if (depth > JSON_LIMITS.depth) return depth;
  if (value === null || typeof value !== 'object') return depth;
  let deepest = depth + 1;
  for (const item of Array.isArray(value) ? value : Object.values(value)) deepest = Math.max(deepest, jsonDepth(item, depth + 1));
  return deepest;
}

/** Whether client JSON is within the limits (size and nesting). */
export function withinJsonLimits(value: unknown): boolean {
  if (jsonDepth(value) > JSON_LIMITS.depth) return false;
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8') <= JSON_LIMITS.bytes;
}

/** A stable serialisation (sorted keys), to compare definitions whatever order jsonb gave their keys. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
