import type { FormRule } from 'antd';
import { checkPasswordPolicy } from '../../shared/password-policy.js';

/** The shared password policy as a form rule, so the field explains itself while the user types. */
export function passwordPolicyRule(username: () => string | undefined): FormRule {
  return {
    validator: async (_rule, value: string | undefined) => {
      if (!value) return;
      const msg = checkPasswordPolicy(value, username() || undefined);
      if (msg) throw new Error(msg);
    },
  };
}

/** The confirmation field must repeat `field`. */
export function sameAsRule(field: string, message: string): FormRule {
  return ({ getFieldValue }) => ({
    validator: async (_rule, value: string | undefined) => {
      if (value && value !== getFieldValue(field)) throw new Error(message);
    },
  });
}
