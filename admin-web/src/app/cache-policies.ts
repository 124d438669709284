import type { TypePolicies } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import { CONNECTION_FIELDS } from '../gql/connection-fields';

/**
 * A Relay pagination policy for every field that returns a connection (listed by codegen from
 * the schema): "load more" appends to the list the field's other arguments (filter, page size)
 * name, so a new list query needs nothing here. Keying by `first` too keeps a list of another
 * page size (a `first: 1` count, a picker's long list) from replacing the page on screen.
 * Page-by-page lists read each page from the network instead (useConnectionList, `paging: 'pages'`).
 */
export function connectionTypePolicies(fields: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>): TypePolicies {
  return Object.fromEntries(
    Object.entries(fields).map(([typeName, connections]) => [
      typeName,
      {
        fields: Object.fromEntries(
          Object.entries(connections).map(([field, keyArgs]) => [field, relayStylePagination(keyArgs.length > 0 ? [...keyArgs] : false)]),
        ),
      },
    ]),
  );
}

/** Adds type policies to others, merging the field policies of a type both name. */
export function mergeTypePolicies(base: TypePolicies, extra: TypePolicies): TypePolicies {
  const merged: TypePolicies = { ...base };
  for (const [typeName, policy] of Object.entries(extra)) {
    const existing = merged[typeName];
    merged[typeName] = existing ? { ...existing, ...policy, fields: { ...existing.fields, ...policy.fields } } : policy;
  }
  return merged;
}

/** The console's cache: every connection paginated, plus the few types that need a word. */
export const cacheTypePolicies: TypePolicies = mergeTypePolicies(connectionTypePolicies(CONNECTION_FIELDS), {
  // Singletons without an id: merge rather than replace when another query selects more fields.
  Viewer: { keyFields: false, merge: true },
  AuditSettings: { keyFields: false, merge: true },
  AuditChainVerification: { keyFields: false, merge: true },
  Permission: { keyFields: ['key'] },
});
