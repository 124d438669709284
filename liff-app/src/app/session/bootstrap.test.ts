import { describe, expect, it, vi } from 'vitest';
import { createApolloClient } from '../apollo/apollo-client';
import type { LiffClient } from '../liff/liff-client';
import type { LiffRuntimeConfig } from '../liff/liff-config';
import { runBootstrap, type BootstrapState } from './bootstrap';
import { createBootstrapDeps } from './create-bootstrap-deps';

const configUrl = '/liff/config.json';

const hanako = {
  __typename: 'ResidentViewer',
  id: 'res_1',
  displayName: '山田花子',
  pictureUrl: 'https://profile.line-scdn.net/hanako',
  language: 'ja',
};

function json(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), {
    status: 200,
    headers: { 'content-type': 'application/graphql-response+json' },
    ...init,
  });
}

function graphqlError(code: string, message: string): Response {
  return json({ errors: [{ message, extensions: { code } }], data: null });
}

interface GraphQLRequest {
  operationName: string;
  variables: Record<string, unknown>;
  headers: Headers;
  credentials: RequestCredentials | undefined;
}

/** A same-origin backend: config.json plus GraphQL operations answered by name. */
function fakeBackend(options: {
  config?: (() => Response | Promise<Response>) | LiffRuntimeConfig;
  operations?: Record<string, (variables: Record<string, unknown>) => Response>;
}) {
  const graphqlRequests: GraphQLRequest[] = [];
  const fetchFn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url === configUrl) {
      const { config = { liffId: '2000000000-abcdefgh', mock: false } } = options;
      return typeof config === 'function' ? config() : json(config, { headers: {} });
    }
    if (url === '/graphql') {
      const body = JSON.parse(typeof init?.body === 'string' ? init.body : '{}') as {
        operationName: string;
        variables?: Record<string, unknown>;
      };
      graphqlRequests.push({
        operationName: body.operationName,
        variables: body.variables ?? {},
        headers: new Headers(init?.headers),
        credentials: init?.credentials,
      });
      const handler = options.operations?.[body.operationName];
      if (!handler) throw new Error(`unexpected operation ${body.operationName}`);
      return handler(body.variables ?? {});
    }
    throw new Error(`unexpected fetch ${url}`);
  });
  return { fetchFn, graphqlRequests };
}

function fakeLiff(options: {
  inClient?: boolean;
  loggedIn?: boolean;
  idToken?: string | null;
  profile?: { displayName: string; pictureUrl?: string };
}): LiffClient {
  return {
    isInClient: () => options.inClient ?? false,
    isLoggedIn: () => options.loggedIn ?? false,
    getIDToken: () => (options.idToken === undefined ? 'line-id-token' : options.idToken),
    login: vi.fn(),
    logout: vi.fn(),
    getProfile: () => Promise.resolve(options.profile ?? { displayName: 'Brown' }),
  };
}

async function bootstrap(backend: ReturnType<typeof fakeBackend>, liff: LiffClient | Error) {
  const loadLiff = vi.fn<(config: LiffRuntimeConfig) => Promise<LiffClient>>(() =>
    liff instanceof Error ? Promise.reject(liff) : Promise.resolve(liff),
  );
  const deps = createBootstrapDeps({
    fetchFn: backend.fetchFn,
    apolloClient: createApolloClient({ fetchFn: backend.fetchFn }),
    configUrl,
    loadLiff,
  });
  const states: BootstrapState[] = [];
  const final = await runBootstrap(deps, (state) => states.push(state));
  return { final, states, loadLiff };
}

const signInAccepting = {
  ResidentSignIn: () => json({ data: { residentSignIn: { __typename: 'ResidentSignInPayload', resident: hanako } } }),
};

describe('runBootstrap', () => {
  it('signs in with the LIFF ID token when opened inside LINE', async () => {
    const backend = fakeBackend({ operations: signInAccepting });
    const { final, states, loadLiff } = await bootstrap(backend, fakeLiff({ inClient: true, loggedIn: true, idToken: 'token-from-line' }));

    expect(states.map((s) => (s.status === 'loading' ? `loading:${s.step}` : s.status))).toEqual([
      'loading:config',
      'loading:init',
      'loading:signIn',
      'signedIn',
    ]);
    expect(loadLiff).toHaveBeenCalledWith({ liffId: '2000000000-abcdefgh', mock: false });
    expect(final).toMatchObject({
      status: 'signedIn',
      resident: { id: 'res_1', displayName: '山田花子' },
    });
    expect(final.status === 'signedIn' && final.environment.inClient).toBe(true);

    const [request] = backend.graphqlRequests;
    expect(request?.operationName).toBe('ResidentSignIn');
    expect(request?.variables).toEqual({ input: { idToken: 'token-from-line' } });
    expect(request?.headers.get('apollo-require-preflight')).toBe('true');
    expect(request?.credentials).toBe('same-origin');
  });

  it('signs in a resident who logged in with LINE in an external browser', async () => {
    const backend = fakeBackend({ operations: signInAccepting });
    const { final } = await bootstrap(backend, fakeLiff({ inClient: false, loggedIn: true }));
    expect(final.status).toBe('signedIn');
    expect(backend.graphqlRequests.map((r) => r.operationName)).toEqual(['ResidentSignIn']);
  });

  it('offers LINE login in an external browser without a LINE login or a session', async () => {
    const backend = fakeBackend({
      operations: { ResidentViewer: () => json({ data: { residentViewer: null } }) },
    });
    const liff = fakeLiff({ inClient: false, loggedIn: false });
    const { final, states } = await bootstrap(backend, liff);
    expect(final.status).toBe('signedOut');
    expect(states.some((s) => s.status === 'loading' && s.step === 'session')).toBe(true);
    // Logging in is the resident's decision, never automatic.
    expect(liff.login).not.toHaveBeenCalled();
  });

  it('keeps an existing resident session in an external browser without a LINE login', async () => {
    const backend = fakeBackend({
      operations: { ResidentViewer: () => json({ data: { residentViewer: hanako } }) },
    });
    const { final } = await bootstrap(backend, fakeLiff({ inClient: false, loggedIn: false }));
    expect(final).toMatchObject({ status: 'signedIn', resident: { id: 'res_1' } });
  });

  it('shows the login button when the session check itself fails', async () => {
    const backend = fakeBackend({
      operations: {
        ResidentViewer: () => {
          throw new TypeError('Failed to fetch');
        },
      },
    });
    const { final } = await bootstrap(backend, fakeLiff({ loggedIn: false }));
    expect(final.status).toBe('signedOut');
  });

  it('reports a network error when config.json cannot be fetched, without loading LIFF', async () => {
    const backend = fakeBackend({
      config: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    const { final, loadLiff } = await bootstrap(backend, fakeLiff({}));
    expect(final).toEqual({
      status: 'error',
      error: { kind: 'network', serverMessage: null },
      environment: null,
    });
    expect(loadLiff).not.toHaveBeenCalled();
  });

  it('reports unavailable settings when config.json answers 404 or HTML', async () => {
    for (const response of [
      () => new Response('not found', { status: 404 }),
      () => new Response('<!doctype html><html></html>', { headers: { 'content-type': 'text/html' } }),
    ]) {
      const { final } = await bootstrap(fakeBackend({ config: response }), fakeLiff({}));
      expect(final).toMatchObject({ status: 'error', error: { kind: 'configUnavailable' } });
    }
  });

  it('refuses to start LIFF without a LIFF id outside mock mode', async () => {
    const backend = fakeBackend({ config: { liffId: null, mock: false } });
    const { final, loadLiff } = await bootstrap(backend, fakeLiff({}));
    expect(final).toMatchObject({ status: 'error', error: { kind: 'configMissingLiffId' } });
    expect(loadLiff).not.toHaveBeenCalled();
  });

  it('reports a failed LIFF init', async () => {
    const { final } = await bootstrap(fakeBackend({}), new Error('INIT_FAILED'));
    expect(final).toMatchObject({ status: 'error', error: { kind: 'liffInitFailed' } });
  });

  it('reports a missing ID token (no openid scope) without calling the server', async () => {
    const backend = fakeBackend({ operations: signInAccepting });
    const { final } = await bootstrap(backend, fakeLiff({ inClient: true, idToken: null }));
    expect(final).toMatchObject({ status: 'error', error: { kind: 'noIdToken' } });
    expect(backend.graphqlRequests).toHaveLength(0);
  });

  it('reports a rejected ID token with the server message and keeps LIFF for a new login', async () => {
    const backend = fakeBackend({
      operations: {
        ResidentSignIn: () => graphqlError('UNAUTHENTICATED', 'IDトークンの有効期限が切れています'),
      },
    });
    const { final } = await bootstrap(backend, fakeLiff({ loggedIn: true }));
    expect(final).toMatchObject({
      status: 'error',
      error: { kind: 'tokenRejected', serverMessage: 'IDトークンの有効期限が切れています' },
      environment: { inClient: false },
    });
  });

  it('reports rate limiting', async () => {
    const backend = fakeBackend({
      operations: {
        ResidentSignIn: () => graphqlError('RATE_LIMITED', 'しばらくしてからお試しください'),
      },
    });
    const { final } = await bootstrap(backend, fakeLiff({ inClient: true }));
    expect(final).toMatchObject({ status: 'error', error: { kind: 'rateLimited' } });
  });

  it('reports a server error for an HTTP 500 without a GraphQL body', async () => {
    const backend = fakeBackend({
      operations: {
        ResidentSignIn: () =>
          new Response('Internal Server Error', {
            status: 500,
            headers: { 'content-type': 'text/plain' },
          }),
      },
    });
    const { final } = await bootstrap(backend, fakeLiff({ inClient: true }));
    expect(final).toMatchObject({
      status: 'error',
      error: { kind: 'server', serverMessage: null },
    });
  });

  it('falls back to the browser preview in mock mode when the server rejects the fake token', async () => {
    const backend = fakeBackend({
      config: { liffId: null, mock: true },
      operations: {
        ResidentSignIn: () => graphqlError('UNAUTHENTICATED', 'IDトークンを確認できません'),
      },
    });
    const { final, loadLiff } = await bootstrap(
      backend,
      fakeLiff({ loggedIn: true, idToken: 'id_token', profile: { displayName: 'Brown' } }),
    );
    expect(loadLiff).toHaveBeenCalledWith({ liffId: null, mock: true });
    expect(final).toMatchObject({
      status: 'preview',
      resident: { id: 'preview', displayName: 'Brown', pictureUrl: null, language: 'ja' },
      reason: { kind: 'tokenRejected' },
      environment: { mock: true },
    });
  });

  it('signs in for real in mock mode when the server runs its test verifier', async () => {
    const backend = fakeBackend({
      config: { liffId: null, mock: true },
      operations: signInAccepting,
    });
    const { final } = await bootstrap(backend, fakeLiff({ loggedIn: true }));
    expect(final).toMatchObject({ status: 'signedIn', environment: { mock: true } });
  });
});
