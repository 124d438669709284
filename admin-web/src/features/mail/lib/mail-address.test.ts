import { describe, expect, it } from 'vitest';
import { isMailAddress, mailAddressProblem } from './mail-address';

describe('isMailAddress', () => {
  it('accepts one plain address', () => {
    expect(isMailAddress('taro@example.jp')).toBe(true);
    expect(isMailAddress('taro.yamada+test@mail.city.example.lg.jp')).toBe(true);
  });

  it('refuses lists, display names, line breaks and malformed addresses', () => {
    expect(isMailAddress('')).toBe(false);
    expect(isMailAddress('taro')).toBe(false);
    expect(isMailAddress('taro@example')).toBe(false);
    expect(isMailAddress('taro@example.jp, hanako@example.jp')).toBe(false);
    expect(isMailAddress('山田 <taro@example.jp>')).toBe(false);
    expect(isMailAddress('taro@example.jp\nBcc: x@example.jp')).toBe(false);
    expect(isMailAddress(' taro@example.jp')).toBe(false);
    expect(isMailAddress('.taro@example.jp')).toBe(false);
    expect(isMailAddress('taro.@example.jp')).toBe(false);
    expect(isMailAddress('ta..ro@example.jp')).toBe(false);
    expect(isMailAddress('たろう@example.jp')).toBe(false);
  });

  it('refuses addresses over the RFC 5321 lengths', () => {
    expect(isMailAddress(`${'a'.repeat(64)}@example.jp`)).toBe(true);
    expect(isMailAddress(`${'a'.repeat(65)}@example.jp`)).toBe(false);
    const label = 'a'.repeat(63);
    expect(isMailAddress(`taro@${label}.${label}.${label}.jp`)).toBe(true);
    expect(isMailAddress(`taro@${label}.${label}.${label}.${label}.jp`)).toBe(false);
  });
});

describe('mailAddressProblem', () => {
  it('asks for an address when the field is empty or blank', () => {
    expect(mailAddressProblem(undefined)).toBe('required');
    expect(mailAddressProblem('')).toBe('required');
    expect(mailAddressProblem('   ')).toBe('required');
  });

  it('refuses what is not one plain address, ignoring surrounding spaces', () => {
    expect(mailAddressProblem('taro')).toBe('invalid');
    expect(mailAddressProblem('taro@example.jp; hanako@example.jp')).toBe('invalid');
    expect(mailAddressProblem(' taro@example.jp ')).toBeNull();
  });
});
