import type { ApolloClient } from '@apollo/client';
import {
  ResidentSignInDocument,
  ResidentSignOutDocument,
  ResidentViewerDocument,
  type ResidentSession_ResidentFragment,
} from '../../gql/graphql';

export type SessionResident = ResidentSession_ResidentFragment;

/** The resident session operations the bootstrap needs; errors are Apollo's, unchanged. */
export interface SessionApi {
  /** Exchanges a LIFF ID token for an httpOnly session cookie. */
  signIn: (idToken: string) => Promise<SessionResident>;
  /** The resident of the current session cookie, or null. */
  viewer: () => Promise<SessionResident | null>;
  signOut: () => Promise<void>;
}

export function createSessionApi(client: ApolloClient): SessionApi {
  return {
    async signIn(idToken) {
      const { data } = await client.mutate({
        mutation: ResidentSignInDocument,
        variables: { input: { idToken } },
      });
      if (!data) throw new Error('residentSignIn returned no data');
      const { resident } = data.residentSignIn;
      // Pages that later ask for residentViewer are answered from the cache.
      client.writeQuery({ query: ResidentViewerDocument, data: { residentViewer: resident } });
      return resident;
    },
    async viewer() {
      const { data } = await client.query({
        query: ResidentViewerDocument,
        fetchPolicy: 'network-only',
      });
      return data?.residentViewer ?? null;
    },
    async signOut() {
      await client.mutate({ mutation: ResidentSignOutDocument });
      await client.clearStore();
    },
  };
}
