import type { FormInstance } from 'antd';
import { PHONE_MESSAGE, RESIDENT_ID_MESSAGES, isValidPhone, residentIdProblem } from '../../shared/validators.js';
import { localValidatorMessage } from '../server.messages.js';

/**
 * The form's values when every rule passes, otherwise null. The fields already show their messages;
 * a rejected validateFields() left uncaught would surface as an unhandled promise rejection.
 */
export async function validValues<T>(form: FormInstance<T>): Promise<T | null> {
  try {
    return await form.validateFields();
  } catch {
    return null;
  }
}

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
