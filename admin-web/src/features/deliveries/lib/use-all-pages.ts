import { useQuery } from '@apollo/client/react';
import type { ErrorLike, OperationVariables, TypedDocumentNode } from '@apollo/client';
import { useEffect } from 'react';
import { MAX_PAGE_SIZE, nodesOf } from '../../../shared/lib/connection';

interface PagedConnection<N> {
  edges: ReadonlyArray<{ node: N }>;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

export interface AllPages<N> {
  nodes: N[];
  /** Until the last page has arrived. */
  loading: boolean;
  error: ErrorLike | undefined;
  refetch: () => void;
}

/**
 * Every node of a connection, page after page (the largest the server gives), for a view that
 * needs them all at once (the calendar): 500 recurring deliveries are normal (SEG-10). The cache's
 * Relay policy appends each page.
 */
export function useAllPages<TData, TVariables extends OperationVariables & { first: number; after?: string | null }, N>(
  document: TypedDocumentNode<TData, TVariables>,
  options: { variables: Omit<TVariables, 'first' | 'after'>; connection: (data: TData) => PagedConnection<N>; skip?: boolean },
): AllPages<N> {
  const variables = { ...options.variables, first: MAX_PAGE_SIZE } as unknown as TVariables;
  const result = useQuery(document as TypedDocumentNode<TData, OperationVariables>, {
    variables,
    skip: options.skip,
    fetchPolicy: 'cache-and-network',
  });
  const connection = result.data ? options.connection(result.data) : undefined;
  const hasNextPage = connection?.pageInfo.hasNextPage ?? false;
  const endCursor = connection?.pageInfo.endCursor ?? null;
  const { loading, fetchMore } = result;
  useEffect(() => {
    if (hasNextPage && endCursor && !loading) void fetchMore({ variables: { after: endCursor } });
  }, [hasNextPage, endCursor, loading, fetchMore]);
  return {
    nodes: options.skip ? [] : nodesOf(connection),
    loading: !options.skip && (loading || hasNextPage),
    error: result.error,
    refetch: () => void result.refetch(),
  };
}
