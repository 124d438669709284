import { normalizePostalCode } from '@machi/form-engine';

export interface PostalAddress {
  postalCode: string;
  prefecture: string;
  city: string;
  town: string;
}

export type PostalLookup = { kind: 'found'; addresses: PostalAddress[] } | { kind: 'notFound' } | { kind: 'invalid' } | { kind: 'failed' };

/** `GET /api/postal-codes/<7 digits>` → `{ results: [...] }`, from the server's offline dataset. */
export async function lookUpPostalCode(input: string, fetchFn: typeof fetch = (...args) => window.fetch(...args)): Promise<PostalLookup> {
  const code = normalizePostalCode(input);
  if (!code) return { kind: 'invalid' };
  let response: Response;
  try {
    response = await fetchFn(`/api/postal-codes/${code.replace('-', '')}`, { headers: { accept: 'application/json' } });
  } catch {
    return { kind: 'failed' };
  }
  if (response.status === 404) return { kind: 'notFound' };
  if (!response.ok) return { kind: 'failed' };
  try {
    const body = (await response.json()) as { results?: unknown };
    const addresses = Array.isArray(body.results) ? body.results.filter(isAddress) : [];
    return addresses.length > 0 ? { kind: 'found', addresses } : { kind: 'notFound' };
  } catch {
    return { kind: 'failed' };
  }
}

function isAddress(value: unknown): value is PostalAddress {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['prefecture'] === 'string' && typeof v['city'] === 'string' && typeof v['town'] === 'string';
}

/** 「東京都千代田区千代田」: how an address text field is filled. */
export function addressText(address: PostalAddress): string {
  return `${address.prefecture}${address.city}${address.town}`;
}
