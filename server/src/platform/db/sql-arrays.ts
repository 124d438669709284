const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A PostgreSQL array literal of UUIDs, for `= any(?::uuid[])`: knex expands a JS array parameter
 * into a list of placeholders, which `any` does not take. Only UUIDs (checked) ever go in.
 */
export function uuidArray(ids: readonly string[]): string {
  for (const id of ids) if (!UUID.test(id)) throw new TypeError('not a UUID');
  return `{${ids.join(',')}}`;
}

/**
 * A PostgreSQL array literal of strings, for `?::text[]` (knex would expand a JS array): every
 * element quoted, with its backslashes and double quotes escaped as the array syntax wants.
 */
export function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
}
