import { PHONE_MESSAGE, RESIDENT_ID_MESSAGES, isValidPhone, residentIdProblem } from '../../shared/validators.js';

// A leader's ID number and phone, checked with the shared validators' own messages (the server gives the same ones).
// Empty passes, and so does null (a masked personal field the user cleared, see PersonalInput).
export const idRule = {
  validator: async (_r: unknown, v: string | null | undefined) => {
    if (!v) return;
    const problem = residentIdProblem(v);
    if (problem) throw new Error(RESIDENT_ID_MESSAGES[problem]);
  },
};
export const phoneRule = {
  validator: async (_r: unknown, v: string | null | undefined) => {
    if (v && !isValidPhone(v)) throw new Error(PHONE_MESSAGE);
  },
};
