import { CREDIT_CODE_MESSAGES, PHONE_MESSAGE, RESIDENT_ID_MESSAGES } from '../shared/validators.js';
import { currentLang } from './i18n.js';

/**
 * The server speaks Chinese by design (its messages are the working language's, the same in the API, the imports
 * and the logs). In English mode the web shows its own words where it knows the message: first by the error's
 * stable code (auth.invalid_credentials, *.version_conflict …), then by the exact text of the shared validators'
 * messages (the same constants the server uses, so they cannot drift apart). A message the web has no words for is
 * shown as the server wrote it: server text, like a name, is data (issue 22 item 9).
 */
const BY_TEXT: Record<string, string> = {
  [PHONE_MESSAGE]: 'Enter an 11-digit mobile number, or a landline with its area code (e.g. 0796-8221234; an extension after it: 0796-8221234 ext 801)',
  [RESIDENT_ID_MESSAGES.format]: 'An ID number has 18 characters; the last may be X',
  [RESIDENT_ID_MESSAGES.region]: 'The first two digits of the ID number are not a province code',
  [RESIDENT_ID_MESSAGES.birth_date]: 'The date of birth in the ID number is not a valid date',
  [RESIDENT_ID_MESSAGES.check]: 'The check character (18th) of the ID number is wrong',
  [CREDIT_CODE_MESSAGES.format]: 'A unified social credit code has 18 characters (digits and capital letters except I, O, S, V, Z)',
  [CREDIT_CODE_MESSAGES.org_check]: 'The 17th character of the credit code (the organization code check) is wrong',
  [CREDIT_CODE_MESSAGES.check]: 'The check character (18th) of the credit code is wrong',
  '提交的内容有误，请检查标出的字段': 'Some entries need correcting: see the marked fields',
  '记录不存在或无权访问': 'The record does not exist or is not yours to see',
  '服务器内部错误，请稍后重试': 'Server error: please try again later',
  '无法连接服务器，请检查网络后重试': 'Cannot reach the server: check the network and try again',
  '操作失败，请稍后重试': 'The action failed: please try again later',
  '请选择文件': 'Choose a file',
  '修改原因不超过 200 个字': 'The reason is at most 200 characters',
  '请填写修改原因': 'Give the reason for the change',
  '日期无效': 'Not a valid date',
};

const BY_CODE: Record<string, string> = {
  'auth.required': 'Please sign in',
  'auth.invalid_credentials': 'Wrong user name or password',
  'auth.disabled': 'This account is disabled: ask the system administrator',
  'auth.locked': 'Too many failed sign-ins: try again in 15 minutes',
  'auth.csrf': 'The page was open too long: reload it and try again',
  'access.forbidden': 'Your role may not do this',
  validation_failed: 'Some entries need correcting: see the marked fields',
  'import.not_spreadsheet': 'Not a spreadsheet: upload an .xlsx or .csv file (the import template is a good start)',
  'import.unreadable': 'Cannot read this Excel file: make sure it is .xlsx and not encrypted',
  'user.exists': 'This user name is taken',
  'user.self_change': 'You cannot disable your own account or change your own role',
  rate_limited: 'Too many requests: wait a moment and try again',
};

/** The English words for a server message, when the web has them; otherwise null (show the server's text). */
export function englishServerMessage(code: string | undefined, text: string): string | null {
  if (code && BY_CODE[code]) return BY_CODE[code];
  if (code?.endsWith('.not_found')) return BY_TEXT['记录不存在或无权访问'];
  if (code?.endsWith('.version_conflict')) return 'Someone else changed this record meanwhile: reload it and try again';
  const failed = /^请求失败（(\d+)）$/.exec(text);
  if (failed) return `Request failed (${failed[1]})`;
  return BY_TEXT[text] ?? null;
}

/** A server error's message and field messages in the page's language (unchanged in Chinese mode). */
export function localizeServerError(code: string, message: string, fields?: Record<string, string>): { message: string; fields?: Record<string, string> } {
  if (currentLang() !== 'en') return { message, fields };
  return {
    message: englishServerMessage(code, message) ?? message,
    fields: fields && Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, englishServerMessage(undefined, v) ?? v])),
  };
}

/** The words for a failure that has no server message (network down, a thrown error without text). */
export const clientFailure = (kind: 'network' | 'failed') =>
  currentLang() === 'en' ? englishServerMessage(undefined, kind === 'network' ? '无法连接服务器，请检查网络后重试' : '操作失败，请稍后重试')! : kind === 'network' ? '无法连接服务器，请检查网络后重试' : '操作失败，请稍后重试';

/**
 * A message of the shared validators (the same constants the server sends) in the page's language: the web's
 * form rules (lib/forms.ts idRule, phoneRule) check with them before anything is sent.
 */
export const localValidatorMessage = (message: string) => (currentLang() === 'en' ? (englishServerMessage(undefined, message) ?? message) : message);
