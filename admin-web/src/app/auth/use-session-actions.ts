import { useCallback } from 'react';
import { useApolloClient } from '@apollo/client/react';
import { useNavigate } from 'react-router';
import { LogoutDocument, ViewerDocument } from '../../gql/graphql';
import type { ViewerFieldsFragment } from '../../gql/graphql';
import { restartRealtime } from '../apollo-client';
import { loginPath, safeNextPath } from './next-path';

export interface SessionActions {
  /** After login: forget the previous session's data, remember the new viewer, go on. */
  signedIn: (viewer: ViewerFieldsFragment, next?: string | null) => Promise<void>;
  /** After a mutation answered with a fresh viewer (password changed, TOTP enrolled). */
  viewerChanged: (viewer: ViewerFieldsFragment) => void;
  signOut: () => Promise<void>;
}

export function useSessionActions(): SessionActions {
  const client = useApolloClient();
  const navigate = useNavigate();

  const signedIn = useCallback(
    async (viewer: ViewerFieldsFragment, next?: string | null) => {
      await client.clearStore();
      restartRealtime();
      client.writeQuery({ query: ViewerDocument, data: { viewer } });
      await navigate(safeNextPath(next), { replace: true });
    },
    [client, navigate],
  );

  const viewerChanged = useCallback(
    (viewer: ViewerFieldsFragment) => {
      client.writeQuery({ query: ViewerDocument, data: { viewer } });
    },
    [client],
  );

  const signOut = useCallback(async () => {
    try {
      await client.mutate({ mutation: LogoutDocument });
    } catch {
      // The session may already be gone; the local state is cleared either way.
    }
    await client.clearStore();
    restartRealtime();
    await navigate(loginPath({ reason: 'loggedOut' }), { replace: true });
  }, [client, navigate]);

  return { signedIn, viewerChanged, signOut };
}
