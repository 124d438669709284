import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';

export function createApolloClient(options: { fetchFn?: typeof fetch; uri?: string } = {}) {
  return new ApolloClient({
    link: new HttpLink({
      uri: options.uri ?? '/graphql',
      credentials: 'same-origin',
      // Makes every request a CORS-preflighted one: the server's CSRF protection relies on it.
      headers: { 'apollo-require-preflight': 'true' },
      ...(options.fetchFn ? { fetch: options.fetchFn } : {}),
    }),
    cache: new InMemoryCache(),
  });
}
