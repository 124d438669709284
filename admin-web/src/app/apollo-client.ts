import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { ErrorLink } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { isSubscriptionOperation } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';
import { cacheTypePolicies } from './cache-policies';
import { emitSessionEvent } from './session-events';

const GRAPHQL_PATH = '/graphql';

/**
 * Operations whose UNAUTHENTICATED answers are about the credentials just typed (a wrong
 * password), not about an expired session.
 */
const CREDENTIAL_OPERATIONS = new Set(['Login', 'VerifyLoginTotp', 'Logout', 'ChangePassword', 'DisableTotp']);

function websocketUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}${GRAPHQL_PATH}`;
}

const errorLink = new ErrorLink(({ error, operation }) => {
  if (!CombinedGraphQLErrors.is(error)) return;
  if (operation.operationName && CREDENTIAL_OPERATIONS.has(operation.operationName)) return;
  for (const e of error.errors) {
    const code = e.extensions?.['code'];
    const reason = e.extensions?.['reason'];
    if (code === 'UNAUTHENTICATED') {
      emitSessionEvent({ type: 'unauthenticated' });
      return;
    }
    if (code === 'FORBIDDEN' && reason === 'PASSWORD_CHANGE_REQUIRED') {
      emitSessionEvent({ type: 'passwordChangeRequired' });
      return;
    }
    if (code === 'FORBIDDEN' && reason === 'TOTP_ENROLMENT_REQUIRED') {
      emitSessionEvent({ type: 'totpEnrolmentRequired' });
      return;
    }
  }
});

const httpLink = new HttpLink({
  uri: GRAPHQL_PATH,
  credentials: 'same-origin',
  // Apollo Server's CSRF prevention accepts requests that carry this header.
  headers: { 'apollo-require-preflight': 'true' },
});

const wsClient = createClient({
  url: websocketUrl,
  lazy: true,
  retryAttempts: 10,
  shouldRetry: () => true,
});

const wsLink = new GraphQLWsLink(wsClient);

const link = ApolloLink.from([errorLink, ApolloLink.split(({ query }) => isSubscriptionOperation(query), wsLink, httpLink)]);

export const apolloClient = new ApolloClient({
  link,
  cache: new InMemoryCache({
    typePolicies: cacheTypePolicies,
  }),
});

/**
 * The WebSocket authenticates once, with the cookie of its handshake; after a login or logout it
 * must reconnect so subscriptions run as the new session.
 */
export function restartRealtime(): void {
  wsClient.terminate();
}
