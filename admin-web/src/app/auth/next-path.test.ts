import { describe, expect, it } from 'vitest';
import { loginPath, safeNextPath } from './next-path';

describe('safeNextPath', () => {
  it('keeps paths inside the app', () => {
    expect(safeNextPath('/staff?search=tanaka')).toBe('/staff?search=tanaka');
  });

  it('refuses other origins and the login page itself', () => {
    expect(safeNextPath('https://evil.example/')).toBe('/');
    expect(safeNextPath('//evil.example/')).toBe('/');
    expect(safeNextPath('/\\evil.example')).toBe('/');
    expect(safeNextPath('/login?next=/x')).toBe('/');
    expect(safeNextPath(null)).toBe('/');
  });
});

describe('loginPath', () => {
  it('carries the reason and where to go back to', () => {
    expect(loginPath({ reason: 'expired', next: '/audit' })).toBe('/login?reason=expired&next=%2Faudit');
    expect(loginPath({ next: '/' })).toBe('/login');
    expect(loginPath({ next: '//evil.example' })).toBe('/login');
  });
});
