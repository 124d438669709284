import { CombinedGraphQLErrors } from '@apollo/client/errors';

/**
 * BAD_USER_INPUT's per-field Japanese messages (`extensions.fields`), keyed by field id. The server
 * may name a field `answers.<id>` or `<id>`; both map onto the field. `contactEmail` stays as is.
 */
export function fieldErrorsOf(error: unknown): Record<string, string> | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const result: Record<string, string> = {};
  for (const e of error.errors) {
    const extensions = e.extensions;
    if (extensions?.['code'] !== 'BAD_USER_INPUT') continue;
    const fields = extensions['fields'];
    if (typeof fields !== 'object' || fields === null) continue;
    for (const [key, message] of Object.entries(fields as Record<string, unknown>)) {
      if (typeof message !== 'string') continue;
      result[key.replace(/^(?:input\.)?answers\./, '')] = message;
    }
  }
  return Object.keys(result).length > 0 ? result : null;
}
