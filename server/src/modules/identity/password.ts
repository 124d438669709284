import argon2 from 'argon2';

/** OWASP's argon2id parameters (19 MiB, 2 passes). */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

const COMMON = new Set(['password1234', 'passw0rd1234', '123456789012', 'qwertyuiop12', 'administrator', 'password123!']);

/**
 * The password policy; returns a Japanese message when the password is not acceptable.
 * Length over composition (NIST SP 800-63B), plus two character kinds because many municipal
 * security policies ask for a mix.
 */
export function checkPasswordPolicy(password: string, loginId: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `パスワードは${PASSWORD_MIN_LENGTH}文字以上にしてください。`;
  if (password.length > PASSWORD_MAX_LENGTH) return `パスワードは${PASSWORD_MAX_LENGTH}文字以内にしてください。`;
  const kinds = [/[A-Za-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (kinds < 2) return 'パスワードには英字・数字・記号のうち2種類以上を含めてください。';
  if (loginId && password.toLowerCase().includes(loginId.toLowerCase())) return 'パスワードにログインIDを含めることはできません。';
  if (/^(.)\1+$/.test(password) || COMMON.has(password.toLowerCase())) return '推測されやすいパスワードは使用できません。';
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/** Verifies; with no hash (unknown login ID) still spends the same time, so timing reveals nothing. */
export async function verifyPassword(hash: string | undefined, password: string): Promise<boolean> {
  if (!hash) {
    dummyHash ??= argon2.hash('dummy-password-for-timing', OPTIONS);
    await argon2.verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return argon2.verify(hash, password).catch(() => false);
}

/** Login IDs compare without regard to case or full-width forms. */
export function normaliseLoginId(loginId: string): string {
  return loginId.normalize('NFKC').trim().toLowerCase();
}
