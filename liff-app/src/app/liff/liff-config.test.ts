import { describe, expect, it, vi } from 'vitest';
import { fetchLiffConfig, LiffConfigError, parseLiffConfig } from './liff-config';

describe('parseLiffConfig', () => {
  it('accepts a LIFF id and the mock flag', () => {
    expect(parseLiffConfig({ liffId: ' 2000000000-abc ', mock: false })).toEqual({
      liffId: '2000000000-abc',
      mock: false,
    });
    expect(parseLiffConfig({ liffId: null, mock: true })).toEqual({ liffId: null, mock: true });
  });

  it('treats a missing or empty LIFF id as none and a missing mock flag as false', () => {
    expect(parseLiffConfig({})).toEqual({ liffId: null, mock: false });
    expect(parseLiffConfig({ liffId: '' })).toEqual({ liffId: null, mock: false });
  });

  it('rejects anything that is not the documented shape', () => {
    for (const body of [null, [], 'x', { liffId: 42 }, { mock: 'yes' }]) {
      expect(() => parseLiffConfig(body)).toThrow(LiffConfigError);
    }
  });
});

describe('fetchLiffConfig', () => {
  it('fetches without caching, with same-origin credentials', async () => {
    const fetchFn = vi.fn(() => Promise.resolve(Response.json({ liffId: 'x', mock: false })));
    await expect(fetchLiffConfig(fetchFn, '/liff/config.json')).resolves.toEqual({
      liffId: 'x',
      mock: false,
    });
    expect(fetchFn).toHaveBeenCalledWith('/liff/config.json', expect.objectContaining({ cache: 'no-store', credentials: 'same-origin' }));
  });

  it('lets a fetch failure through unchanged so the caller can tell offline from broken', async () => {
    const failure = new TypeError('Failed to fetch');
    await expect(fetchLiffConfig(() => Promise.reject(failure), '/c')).rejects.toBe(failure);
  });

  it('rejects a non-2xx answer as unavailable', async () => {
    const fetchFn = () => Promise.resolve(new Response('', { status: 503 }));
    await expect(fetchLiffConfig(fetchFn, '/c')).rejects.toMatchObject({ reason: 'unavailable' });
  });
});
