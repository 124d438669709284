export const MIN_PASSWORD_LENGTH = 12;

export type PasswordPolicyViolation = 'length' | 'sameAsLoginId';

/** The client-side copy of the server's password policy, for early feedback only. */
export function passwordPolicyViolation(password: string, loginId?: string | null): PasswordPolicyViolation | null {
  if (password.length < MIN_PASSWORD_LENGTH) return 'length';
  if (loginId && password.trim().toLowerCase() === loginId.trim().toLowerCase()) return 'sameAsLoginId';
  return null;
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789-_!#%+=?';

/** A random password for an initial or reset password; unambiguous characters only. */
export function generatePassword(length = 16): string {
  const bytes = new Uint32Array(length);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length] ?? 'x').join('');
}
