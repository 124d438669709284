import { describe, expect, it, vi } from 'vitest';
import type { LiffClient } from './liff-client';
import { createLiffLoader } from './load-liff';

const config = { liffId: 'x', mock: false };
const liff = {} as LiffClient;

describe('createLiffLoader', () => {
  it('initialises LIFF once however often it is asked', async () => {
    const load = vi.fn(() => Promise.resolve(liff));
    const loader = createLiffLoader(load);
    const [a, b] = await Promise.all([loader(config), loader(config)]);
    expect(a).toBe(liff);
    expect(b).toBe(liff);
    await loader(config);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('tries again after a failed initialisation', async () => {
    const load = vi.fn<() => Promise<LiffClient>>().mockRejectedValueOnce(new Error('INIT_FAILED')).mockResolvedValueOnce(liff);
    const loader = createLiffLoader(load);
    await expect(loader(config)).rejects.toThrow('INIT_FAILED');
    await expect(loader(config)).resolves.toBe(liff);
    expect(load).toHaveBeenCalledTimes(2);
  });
});
