import type { ApolloClient } from '@apollo/client';
import type { LiffClient } from '../liff/liff-client';
import { fetchLiffConfig, type LiffRuntimeConfig } from '../liff/liff-config';
import { createLiffLoader, loadLiff } from '../liff/load-liff';
import type { BootstrapDeps } from './bootstrap';
import { createSessionApi } from './session-api';

export interface BootstrapDepsOptions {
  fetchFn: typeof fetch;
  apolloClient: ApolloClient;
  /** `/liff/config.json` under the app's base path. */
  configUrl: string;
  /** Replaces the LIFF SDK (tests). */
  loadLiff?: (config: LiffRuntimeConfig) => Promise<LiffClient>;
  /** Mock mode only, see LoadLiffOptions. */
  mockIdToken?: string | null;
}

export function createBootstrapDeps(options: BootstrapDepsOptions): BootstrapDeps {
  const load = options.loadLiff ?? ((config: LiffRuntimeConfig) => loadLiff(config, { mockIdToken: options.mockIdToken ?? null }));
  return {
    loadConfig: () => fetchLiffConfig(options.fetchFn, options.configUrl),
    loadLiff: createLiffLoader(load),
    api: createSessionApi(options.apolloClient),
  };
}
