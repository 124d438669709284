import type { TFunction } from 'i18next';
import type { Rule } from 'antd/es/form';
import { passwordPolicyViolation } from '../../../shared/lib/password';

/** antd rule: the password policy (length, not the login ID), with the server's sentences. */
export function passwordPolicyRule(t: TFunction, loginId: () => string | null | undefined): Rule {
  return {
    validator: (_rule, value: unknown) => {
      if (typeof value !== 'string' || value === '') return Promise.resolve();
      switch (passwordPolicyViolation(value, loginId())) {
        case 'length':
          return Promise.reject(new Error(t('auth.validation.passwordLength')));
        case 'sameAsLoginId':
          return Promise.reject(new Error(t('auth.validation.passwordSameAsLoginId')));
        case null:
          return Promise.resolve();
      }
    },
  };
}
