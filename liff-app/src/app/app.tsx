import { ApolloProvider } from '@apollo/client/react';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createApolloClient } from './apollo/apollo-client';
import { i18n } from './i18n/i18n';
import { SessionGate } from './session-gate';
import type { BootstrapDeps } from './session/bootstrap';
import { createBootstrapDeps } from './session/create-bootstrap-deps';
import { ResidentSessionProvider } from './session/resident-session-provider';

function createBrowserDeps(): {
  client: ReturnType<typeof createApolloClient>;
  deps: BootstrapDeps;
} {
  const client = createApolloClient();
  const params = new URLSearchParams(window.location.search);
  const deps = createBootstrapDeps({
    fetchFn: (...args) => window.fetch(...args),
    apolloClient: client,
    configUrl: `${import.meta.env.BASE_URL}config.json`,
    mockIdToken: params.get('mockIdToken'),
  });
  return { client, deps };
}

export function App() {
  const [{ client, deps }] = useState(createBrowserDeps);
  return (
    <I18nextProvider i18n={i18n}>
      <ApolloProvider client={client}>
        <ResidentSessionProvider deps={deps}>
          <SessionGate />
        </ResidentSessionProvider>
      </ApolloProvider>
    </I18nextProvider>
  );
}
