import { useQuery } from '@apollo/client/react';
import type { ErrorLike, OperationVariables, TypedDocumentNode, WatchQueryFetchPolicy } from '@apollo/client';
import { useState } from 'react';
import { nodesOf } from '../../lib/connection';

/** The part of a Relay connection a list shows. */
export interface Connection<N> {
  edges: ReadonlyArray<{ node: N }>;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  totalCount: number;
}

export interface LoadMoreFooter {
  kind: 'loadMore';
  shown: number;
  total: number;
  hasNextPage: boolean;
  loading: boolean;
  onLoadMore: () => void;
}

export interface PagesFooter {
  kind: 'pages';
  /** 1-based positions of the page's first and last rows. */
  from: number;
  to: number;
  total: number;
  onFirstPage: boolean;
  hasNextPage: boolean;
  onPrevious: () => void;
  onNext: () => void;
}

/** What a list table needs to know, whatever the list comes from. */
export interface ListState<N> {
  rows: N[];
  /** Whether rows have loaded (possibly those of the previous filter, while the new one loads). */
  hasData: boolean;
  loading: boolean;
  /** Loading with rows on screen: the table dims instead of blanking. */
  refreshing: boolean;
  error: ErrorLike | undefined;
  refetch: () => void;
  footer: LoadMoreFooter | PagesFooter | null;
}

export interface ConnectionList<N> extends ListState<N> {
  /** Back to the first page ('pages' paging; with 'loadMore' the list is always from the start). */
  toFirstPage: () => void;
  onFirstPage: boolean;
}

/** The server's usual page (DESIGN §4 allows up to MAX_PAGE_SIZE). */
export const DEFAULT_PAGE_SIZE = 50;

export interface ConnectionListOptions<TData, TVariables, N> {
  /** The query's variables except the paging ones, which the hook sets (`first`, `after`). */
  variables: Omit<TVariables, 'first' | 'after'>;
  /** The connection in the query's answer. */
  connection: (data: TData) => Connection<N> | null | undefined;
  pageSize?: number;
  /**
   * 'loadMore' (default): "さらに読み込む" appends the next page (the cache's connection policy
   * merges it). 'pages': previous / next page, each page read from the network.
   */
  paging?: 'loadMore' | 'pages';
  fetchPolicy?: WatchQueryFetchPolicy;
  /** Called when the viewer moves to another page ('pages' paging). */
  onPageChange?: () => void;
}

interface PagesState {
  /** The variables the cursors belong to: another filter starts again from the first page. */
  key: string;
  /** Cursors of the pages before the current one; empty on the first page. */
  cursors: string[];
}

/**
 * A Relay connection query as a list: its rows, loading and error states, and the next page by
 * "load more" or page by page. Rows of the previous variables stay on screen while new ones load.
 */
export function useConnectionList<TData, TVariables extends OperationVariables & { first: number; after?: string | null }, N>(
  document: TypedDocumentNode<TData, TVariables>,
  options: ConnectionListOptions<TData, TVariables, N>,
): ConnectionList<N> {
  const { pageSize = DEFAULT_PAGE_SIZE, paging = 'loadMore', onPageChange } = options;
  const variablesKey = JSON.stringify(options.variables);
  const [pages, setPages] = useState<PagesState>({ key: variablesKey, cursors: [] });
  const [loadingMore, setLoadingMore] = useState(false);
  // Other variables (a new filter) start again from the first page.
  if (pages.key !== variablesKey) setPages({ key: variablesKey, cursors: [] });
  const cursors = paging === 'pages' && pages.key === variablesKey ? pages.cursors : [];
  const after = cursors.at(-1);

  const variables = { ...options.variables, first: pageSize, ...(after ? { after } : {}) } as unknown as TVariables;
  const result = useQuery(document as TypedDocumentNode<TData, OperationVariables>, {
    variables,
    // One cache entry holds a "load more" list; pages of their own would be stitched into it.
    fetchPolicy: paging === 'pages' ? 'no-cache' : options.fetchPolicy,
  });
  const data = result.data ?? result.previousData;
  const connection = data === undefined ? undefined : options.connection(data);
  const rows = nodesOf(connection);
  const endCursor = connection?.pageInfo.endCursor ?? null;

  const goTo = (next: string[]) => {
    setPages({ key: variablesKey, cursors: next });
    onPageChange?.();
  };

  const loadMore = () => {
    if (!endCursor) return;
    setLoadingMore(true);
    void result.fetchMore({ variables: { after: endCursor } }).finally(() => {
      setLoadingMore(false);
    });
  };

  let footer: LoadMoreFooter | PagesFooter | null = null;
  if (connection && paging === 'pages') {
    const offset = cursors.length * pageSize;
    footer = {
      kind: 'pages',
      from: offset + 1,
      to: offset + rows.length,
      total: connection.totalCount,
      onFirstPage: cursors.length === 0,
      hasNextPage: connection.pageInfo.hasNextPage && endCursor !== null,
      onPrevious: () => {
        goTo(cursors.slice(0, -1));
      },
      onNext: () => {
        if (endCursor) goTo([...cursors, endCursor]);
      },
    };
  } else if (connection && rows.length > 0) {
    footer = {
      kind: 'loadMore',
      shown: rows.length,
      total: connection.totalCount,
      hasNextPage: connection.pageInfo.hasNextPage,
      loading: loadingMore,
      onLoadMore: loadMore,
    };
  }

  return {
    rows,
    hasData: data !== undefined,
    loading: result.loading,
    refreshing: result.loading && !loadingMore && data !== undefined,
    error: result.error,
    refetch: () => {
      void result.refetch();
    },
    footer,
    toFirstPage: () => {
      goTo([]);
    },
    onFirstPage: cursors.length === 0,
  };
}

/** A list query without paging (the whole list in one answer) as a list state. */
export function plainList<N>(
  result: { loading: boolean; error?: ErrorLike; refetch: () => Promise<unknown> },
  rows: readonly N[] | undefined,
): ListState<N> {
  return {
    rows: rows ? [...rows] : [],
    hasData: rows !== undefined,
    loading: result.loading,
    refreshing: result.loading && rows !== undefined,
    error: result.error,
    refetch: () => {
      void result.refetch();
    },
    footer: null,
  };
}
