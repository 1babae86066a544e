import { PHONE_MESSAGE, RESIDENT_ID_MESSAGES, isValidPhone, residentIdProblem } from '../../shared/validators.js';
import { localValidatorMessage } from '../server.messages.js';

// A leader's ID number and phone, checked with the shared validators' own messages (the server gives the same ones).
// Empty passes, and so does null (a masked personal field the user cleared, see PersonalInput).
export const idRule = {
  validator: async (_r: unknown, v: string | null | undefined) => {
    if (!v) return;
    const problem = residentIdProblem(v);
    if (problem) throw new Error(localValidatorMessage(RESIDENT_ID_MESSAGES[problem]));
  },
};
export const phoneRule = {
  validator: async (_r: unknown, v: string | null | undefined) => {
    if (v && !isValidPhone(v)) throw new Error(localValidatorMessage(PHONE_MESSAGE));
  },
};

/**
 * A rule that lets a stored personal value pass as it is shown: masked (it is sealed at rest and never sent in
 * clear). Sent back untouched, the server keeps the stored value (keepSealed); anything else is checked by `rule`.
 */
export function unlessKept(kept: (v: string) => boolean, rule: typeof idRule) {
  return { validator: async (r: unknown, v: string | null | undefined) => (v && kept(v) ? undefined : rule.validator(r, v)) };
}

