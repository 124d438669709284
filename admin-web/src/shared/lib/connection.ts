/** The nodes of a Relay connection, tolerant of a missing connection while loading. */
export function nodesOf<N>(connection: { edges: ReadonlyArray<{ node: N }> } | null | undefined): N[] {
  return connection ? connection.edges.map((edge) => edge.node) : [];
}

/** The largest page the server accepts (DESIGN §4). */
export const MAX_PAGE_SIZE = 100;
