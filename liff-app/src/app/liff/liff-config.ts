/** `GET /liff/config.json`, served by the server for the channel this deployment uses. */
export interface LiffRuntimeConfig {
  liffId: string | null;
  /** Local development and tests without LINE: run on the LIFF mock. */
  mock: boolean;
}

export type LiffConfigErrorReason = 'unavailable' | 'invalid';

export class LiffConfigError extends Error {
  constructor(
    readonly reason: LiffConfigErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'LiffConfigError';
  }
}

export function parseLiffConfig(body: unknown): LiffRuntimeConfig {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new LiffConfigError('invalid', 'config.json is not an object');
  }
  const { liffId, mock } = body as Record<string, unknown>;
  if (liffId !== null && liffId !== undefined && typeof liffId !== 'string') {
    throw new LiffConfigError('invalid', 'config.json: liffId must be a string or null');
  }
  if (mock !== undefined && typeof mock !== 'boolean') {
    throw new LiffConfigError('invalid', 'config.json: mock must be a boolean');
  }
  return { liffId: liffId?.trim() ? liffId.trim() : null, mock: mock === true };
}

/**
 * Fetch errors (the request never reached a server) propagate as they are, so callers can tell
 * "offline" from "the server answered something unusable".
 */
export async function fetchLiffConfig(fetchFn: typeof fetch, url: string): Promise<LiffRuntimeConfig> {
  const response = await fetchFn(url, {
    credentials: 'same-origin',
    cache: 'no-store',
    headers: { accept: 'application/json' },
  });
  if (!response.ok) {
    throw new LiffConfigError('unavailable', `config.json answered ${String(response.status)}`);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new LiffConfigError('invalid', 'config.json is not JSON');
  }
  return parseLiffConfig(body);
}
