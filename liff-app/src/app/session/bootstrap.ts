import { toApiError, type ApiError } from '../../shared/lib/api-error';
import type { LiffClient } from '../liff/liff-client';
import { LiffConfigError, type LiffRuntimeConfig } from '../liff/liff-config';
import type { SessionApi, SessionResident } from './session-api';

export type BootstrapStep = 'config' | 'init' | 'session' | 'signIn';

export type BootstrapErrorKind =
  'network' | 'configUnavailable' | 'configMissingLiffId' | 'liffInitFailed' | 'noIdToken' | 'tokenRejected' | 'rateLimited' | 'server';

export interface BootstrapError {
  kind: BootstrapErrorKind;
  /** The server's own (Japanese) message, shown below ours when present. */
  serverMessage: string | null;
}

/** Where the page runs; actions such as "log in again" depend on it. */
export interface LiffEnvironment {
  liff: LiffClient;
  inClient: boolean;
  mock: boolean;
}

export type BootstrapState =
  | { status: 'loading'; step: BootstrapStep }
  | { status: 'error'; error: BootstrapError; environment: LiffEnvironment | null }
  /** In an external browser without LINE login: offer "LINEでログイン". */
  | { status: 'signedOut'; environment: LiffEnvironment }
  | { status: 'signedIn'; resident: SessionResident; environment: LiffEnvironment }
  /**
   * Mock mode whose fake ID token the server did not accept: the app is shown with the mock's
   * profile so it can be looked at without LINE; nothing the resident does is saved.
   */
  | {
      status: 'preview';
      resident: SessionResident;
      environment: LiffEnvironment;
      reason: BootstrapError;
    };

export interface BootstrapDeps {
  loadConfig: () => Promise<LiffRuntimeConfig>;
  loadLiff: (config: LiffRuntimeConfig) => Promise<LiffClient>;
  api: SessionApi;
}

function errorFromApi(error: ApiError): BootstrapError {
  switch (error.kind) {
    case 'network':
      return { kind: 'network', serverMessage: null };
    case 'unauthenticated':
    case 'badUserInput':
      // The server refused the ID token (expired, wrong audience, malformed).
      return { kind: 'tokenRejected', serverMessage: error.message };
    case 'rateLimited':
      return { kind: 'rateLimited', serverMessage: error.message };
    case 'forbidden':
    case 'server':
      return { kind: 'server', serverMessage: error.message };
  }
}

function errorFromConfig(error: unknown): BootstrapError {
  if (error instanceof LiffConfigError) return { kind: 'configUnavailable', serverMessage: null };
  return errorFromApi(toApiError(error));
}

async function previewResident(liff: LiffClient): Promise<SessionResident> {
  let profile: { displayName: string; pictureUrl?: string } | null = null;
  try {
    profile = await liff.getProfile();
  } catch {
    // The preview works without a profile.
  }
  return {
    id: 'preview',
    displayName: profile?.displayName ?? null,
    pictureUrl: profile?.pictureUrl ?? null,
    language: 'ja',
  };
}

/**
 * config → LIFF init → (ID token → residentSignIn) → a final state. Every intermediate state is
 * reported through `onState`; the final one is also returned. Never throws.
 */
export async function runBootstrap(
  deps: BootstrapDeps,
  onState: (state: BootstrapState) => void = () => undefined,
): Promise<BootstrapState> {
  const report = (state: BootstrapState): BootstrapState => {
    onState(state);
    return state;
  };

  report({ status: 'loading', step: 'config' });
  let config: LiffRuntimeConfig;
  try {
    config = await deps.loadConfig();
  } catch (error) {
    return report({ status: 'error', error: errorFromConfig(error), environment: null });
  }
  if (!config.mock && config.liffId === null) {
    return report({
      status: 'error',
      error: { kind: 'configMissingLiffId', serverMessage: null },
      environment: null,
    });
  }

  report({ status: 'loading', step: 'init' });
  let environment: LiffEnvironment;
  try {
    const liff = await deps.loadLiff(config);
    environment = { liff, inClient: liff.isInClient(), mock: config.mock };
  } catch {
    return report({
      status: 'error',
      error: { kind: 'liffInitFailed', serverMessage: null },
      environment: null,
    });
  }
  const { liff } = environment;

  if (!environment.inClient && !liff.isLoggedIn()) {
    // An external browser without LINE login may still hold a resident session from earlier.
    report({ status: 'loading', step: 'session' });
    try {
      const resident = await deps.api.viewer();
      if (resident) return report({ status: 'signedIn', resident, environment });
    } catch {
      // Not knowing is the same as not signed in here: the login button still works.
    }
    return report({ status: 'signedOut', environment });
  }

  report({ status: 'loading', step: 'signIn' });
  let idToken: string | null;
  try {
    idToken = liff.getIDToken();
  } catch {
    idToken = null;
  }

  let failure: BootstrapError;
  if (idToken) {
    try {
      const resident = await deps.api.signIn(idToken);
      return report({ status: 'signedIn', resident, environment });
    } catch (error) {
      failure = errorFromApi(toApiError(error));
    }
  } else {
    failure = { kind: 'noIdToken', serverMessage: null };
  }

  if (environment.mock) {
    const resident = await previewResident(liff);
    return report({ status: 'preview', resident, environment, reason: failure });
  }
  return report({ status: 'error', error: failure, environment });
}
