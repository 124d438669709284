import type { LiffClient } from './liff-client';
import type { LiffRuntimeConfig } from './liff-config';

/** The mock accepts any LIFF id; a real one is only needed to talk to LINE. */
const mockLiffId = 'mock-liff-id';

export interface LoadLiffOptions {
  /**
   * Mock mode only: the ID token the mock hands out, so tests against a server running its test
   * verifier can sign in as a chosen resident. Without it the mock's fixed fake token is used.
   */
  mockIdToken?: string | null;
}

/**
 * Loads and initialises the LIFF SDK (and, in mock mode, the LIFF mock plugin). The SDK is loaded
 * on demand so the mock never ships in the main bundle.
 */
export async function loadLiff(config: LiffRuntimeConfig, options: LoadLiffOptions = {}): Promise<LiffClient> {
  const { default: liff } = await import('@line/liff');
  if (!config.mock) {
    if (config.liffId === null) throw new Error('LIFF id missing');
    await liff.init({ liffId: config.liffId });
    return liff;
  }

  const { LiffMockPlugin } = await import('@line/liff-mock');
  liff.use(new LiffMockPlugin());
  const mocked = liff as typeof liff & {
    init(config: { liffId: string; mock?: boolean }): Promise<void>;
    $mock: { set(update: (previous: Record<string, unknown>) => Record<string, unknown>): void };
  };
  await mocked.init({ liffId: config.liffId ?? mockLiffId, mock: true });
  // A browser preview behaves like a logged-in LINE user in an external browser.
  const mockIdToken = options.mockIdToken;
  mocked.$mock.set((previous) => ({
    ...previous,
    isLoggedIn: true,
    ...(mockIdToken ? { getIDToken: mockIdToken } : {}),
  }));
  return liff;
}

/**
 * Initialises LIFF at most once per page (React may run effects twice, the resident may press
 * "retry"); a failed attempt is forgotten so a retry initialises again.
 */
export function createLiffLoader(
  load: (config: LiffRuntimeConfig) => Promise<LiffClient>,
): (config: LiffRuntimeConfig) => Promise<LiffClient> {
  let pending: Promise<LiffClient> | null = null;
  return (config) => {
    pending ??= load(config).catch((error: unknown) => {
      pending = null;
      throw error;
    });
    return pending;
  };
}
