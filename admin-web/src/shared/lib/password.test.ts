import { describe, expect, it } from 'vitest';
import { generatePassword, passwordPolicyViolation } from './password';

describe('passwordPolicyViolation', () => {
  it('asks for at least 12 characters', () => {
    expect(passwordPolicyViolation('short-pass1')).toBe('length');
    expect(passwordPolicyViolation('long-enough-1')).toBeNull();
  });

  it('refuses the login ID, whatever the case', () => {
    expect(passwordPolicyViolation('Tanaka.Taro.2024', 'tanaka.taro.2024')).toBe('sameAsLoginId');
    expect(passwordPolicyViolation('tanaka.taro.2024', 'tanaka')).toBeNull();
  });

  it('generates passwords that satisfy the policy', () => {
    const password = generatePassword();
    expect(password).toHaveLength(16);
    expect(passwordPolicyViolation(password, 'someone')).toBeNull();
  });
});
