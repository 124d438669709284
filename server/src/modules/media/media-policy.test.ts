import { describe, expect, it } from 'vitest';
import { BUILT_IN_UPLOAD_POLICIES, checkPolicy, sizeLabel, typeLabels, type MediaPolicy } from './media-policy.js';

describe('upload policies', () => {
  it('name their limits as people read them', () => {
    expect(typeLabels(['image/jpeg', 'image/png', 'application/pdf'])).toBe('JPEG・PNG・PDF');
    expect(sizeLabel(10 * 1024 * 1024)).toBe('10MB');
    expect(sizeLabel(1.5 * 1024 * 1024)).toBe('1.5MB');
    expect(sizeLabel(1024)).toBe('1KB');
  });

  it('built-in policies are valid, and a policy that cannot work is refused when registered', () => {
    for (const [name, policy] of Object.entries(BUILT_IN_UPLOAD_POLICIES)) expect(() => checkPolicy(name, policy)).not.toThrow();
    const base: MediaPolicy = { maxBytes: 1000, allowedTypes: ['application/pdf'], visibility: 'PRIVATE' };
    expect(() => checkPolicy('x', base)).not.toThrow();
    expect(() => checkPolicy('x', { ...base, maxBytes: 0 })).toThrow(/maxBytes/);
    expect(() => checkPolicy('x', { ...base, allowedTypes: [] })).toThrow(/empty/);
    expect(() => checkPolicy('x', { ...base, allowedTypes: ['image/gif' as never] })).toThrow(/unknown type/);
    expect(() => checkPolicy('x', { ...base, allowedTypes: ['image/png'] })).toThrow(/no image options/);
    expect(() => checkPolicy('x', { ...base, allowedTypes: ['image/png'], image: { maxEdge: 100, thumbnailEdge: 200 } })).toThrow(
      /thumbnailEdge/,
    );
  });
});
