import { describe, expect, it } from 'vitest';
import { isLoopbackDestination, knownPurpose } from './mail-display';

describe('knownPurpose', () => {
  it('names the purposes the console knows and leaves others raw', () => {
    expect(knownPurpose('mail.test')).toBe('mail_test');
    expect(knownPurpose('forms.receipt')).toBeNull();
    expect(knownPurpose('mail_test_other')).toBeNull();
  });
});

describe('isLoopbackDestination', () => {
  it('recognises the local sink of npm start', () => {
    expect(isLoopbackDestination('smtp://127.0.0.1:2525')).toBe(true);
    expect(isLoopbackDestination('smtp://localhost:1025')).toBe(true);
    expect(isLoopbackDestination('smtp://[::1]:2525')).toBe(true);
  });

  it('does not mistake a real server or nothing for it', () => {
    expect(isLoopbackDestination('smtps://smtp.example.jp:465')).toBe(false);
    expect(isLoopbackDestination('smtp://127.example.jp:25')).toBe(false);
    expect(isLoopbackDestination(null)).toBe(false);
    expect(isLoopbackDestination('not a url')).toBe(false);
  });
});
