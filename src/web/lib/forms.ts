import type { FormInstance } from 'antd';

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
