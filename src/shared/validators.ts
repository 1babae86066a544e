// Identity-number and phone rules, shared by server and web (one implementation, issue #4).
import { toHalfWidth } from './text-normalize.js';

/**
 * A code (credit code, ID number) as typed: half-width, spaces and dashes between groups dropped, upper case
 * (`５３３６ ０８０２ ｍｊｈ…` → `53360802MJH…`): what the rules check and what is stored.
 */
export function codeForm(raw: string): string {
  return toHalfWidth(raw).replace(/[\s-]/g, '').toUpperCase();
}

/** GB 32100-2015 character set: digits and capitals without I, O, S, V, Z. */
const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** GB 11714 organization code (positions 9–17): weights over its first 8 characters. */
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** Legal form → the credit code's position 2 for civil-affairs registrations (position 1 = 5). */
export const CREDIT_CODE_FORM_DIGIT = { social_group: '1', social_service: '2', foundation: '3' } as const;

function orgCodeValue(ch: string): number {
  // GB 11714 values letters over the whole alphabet: A=10 … Z=35.
  return /[0-9]/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55;
}

/** Position 17: the organization code's own check character. */
export function orgCodeCheckChar(body8: string): string {
  const sum = [...body8].reduce((s, ch, i) => s + orgCodeValue(ch) * ORG_CODE_WEIGHTS[i], 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** Position 18: the check character over positions 1–17. */
export function creditCodeCheckChar(first17: string): string {
  const sum = [...first17].reduce((s, ch, i) => s + CREDIT_CHARS.indexOf(ch) * CREDIT_WEIGHTS[i], 0);
  const c = 31 - (sum % 31);
  return CREDIT_CHARS[c === 31 ? 0 : c];
}

export type CreditCodeProblem = 'format' | 'org_check' | 'check';

/** Structure and both check characters of a unified social credit code; null when valid. */
export function creditCodeProblem(raw: string): CreditCodeProblem | null {
  const code = codeForm(raw);
  if (code.length !== 18 || [...code].some((ch) => !CREDIT_CHARS.includes(ch))) return 'format';
  if (!/^[0-9]{6}$/.test(code.slice(2, 8))) return 'format';
  if (orgCodeCheckChar(code.slice(8, 16)) !== code[16]) return 'org_check';
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) return 'check';
  return null;
}

export function isValidCreditCode(code: string): boolean {
  return creditCodeProblem(code) === null;
}

export const CREDIT_CODE_MESSAGES: Record<CreditCodeProblem, string> = {
  format: '统一社会信用代码应为 18 位（数字与大写字母，不含 I、O、S、V、Z）',
  org_check: '统一社会信用代码第 17 位（组织机构代码校验位）不正确',
  check: '统一社会信用代码第 18 位校验码不正确',
};

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function residentIdCheckChar(first17: string): string {
  const sum = [...first17].reduce((s, ch, i) => s + Number(ch) * ID_WEIGHTS[i], 0);
  return ID_CHECK[sum % 11];
}

export type ResidentIdProblem = 'format' | 'region' | 'birth_date' | 'check';

/** GB 11643-1999: 17 digits + check character, a province prefix, a real birth date not in the future. */
export function residentIdProblem(raw: string, today: Date = new Date()): ResidentIdProblem | null {
  const id = codeForm(raw);
  if (!/^[0-9]{17}[0-9X]$/.test(id)) return 'format';
  const province = Number(id.slice(0, 2));
  if (province < 11 || province > 82) return 'region';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d || birth > today) {
    return 'birth_date';
  }
  if (residentIdCheckChar(id.slice(0, 17)) !== id[17]) return 'check';
  return null;
}

export function isValidResidentId(id: string): boolean {
  return residentIdProblem(id) === null;
}

export const RESIDENT_ID_MESSAGES: Record<ResidentIdProblem, string> = {
  format: '身份证号应为 18 位，末位可为 X',
  region: '身份证号前两位不是有效的省级代码',
  birth_date: '身份证号中的出生日期无效',
  check: '身份证号校验码（第 18 位）不正确',
};

const MOBILE = /^1[3-9][0-9]{9}$/;
/** Area codes: 010 and 02x have three digits, every other one four (GB/T 15279 numbering plan). */
const THREE_DIGIT_AREA = /^0(10|2[0-9])/;
const EXTENSION = /\s*(?:转|轉|分机|分機|ext\.?|x|#|-)\s*([0-9]{1,6})$/i;

/**
 * The one phone rule (issue 11 item 7), for server, import and web forms: a mainland mobile number, or a landline
 * with its area code and optionally an extension, as people write them (`138 0013 8000`, `+86 138-0013-8000`,
 * `(0796)8221234`, `0796-8221234 转 801`, full-width digits). Returns the stored form (`13800138000`,
 * `0796-8221234`, `0796-8221234-801`), or null when it is not a phone number.
 */
export function normalizePhone(raw: string): string | null {
  let p = toHalfWidth(raw).trim();
  if (!p) return null;
  let ext = '';
  const m = EXTENSION.exec(p);
  // A trailing `-801` is an extension only after a complete landline (`0796-8221234-801`), never inside a mobile.
  if (m && (m[0].trim()[0] !== '-' || /^\(?0[0-9]{2,3}\)?[\s-]*[2-9][0-9]{6,7}$/.test(p.slice(0, m.index)))) {
    ext = m[1];
    p = p.slice(0, m.index);
  }
  // Separators between groups, and the country code of a mobile number.
  const areaSplit = /^\(?(0[1-9][0-9]{1,2})\)?[\s.-]+|^\((0[1-9][0-9]{1,2})\)/.exec(p);
  const digits = p.replace(/^(\+|00)86[\s-]*/, '').replace(/[\s().-]/g, '');
  if (!/^[0-9]+$/.test(digits)) return null;
  if (MOBILE.test(digits)) return ext ? null : digits;
  // Without a separator the area code's length is read from the plan (010, 02x: three digits), else the other one.
  const written = areaSplit ? (areaSplit[1] ?? areaSplit[2]) : null;
  const lengths = written ? [written.length] : THREE_DIGIT_AREA.test(digits) ? [3, 4] : [4, 3];
  for (const n of lengths) {
    const area = digits.slice(0, n);
    const local = digits.slice(n);
    if (/^0[1-9][0-9]{1,2}$/.test(area) && /^[2-9][0-9]{6,7}$/.test(local)) return `${area}-${local}${ext ? `-${ext}` : ''}`;
  }
  return null;
}

export function isValidPhone(raw: string): boolean {
  return normalizePhone(raw) !== null;
}

// The example is written with × for its last digits: an answer never carries a phone number in full, not even a made-up one
// (the leak scan, issue 12 item 2, cannot tell an example from a leader's number).
export const PHONE_MESSAGE = '请填写 11 位手机号，或带区号的固定电话（如 0796-822××××，分机写在后面：0796-822×××× 转 801）';

/**
 * `340802199001011234` → `3408**********1234`. Counted in characters, not UTF-16 units: a draft may hold any text,
 * and half an emoji (a lone surrogate) is no text PostgreSQL's json takes (a 500 the route fuzz found).
 */
export function maskResidentId(id: string): string {
  const c = [...id];
  return c.length < 8 ? '*'.repeat(c.length) : `${c.slice(0, 4).join('')}${'*'.repeat(c.length - 8)}${c.slice(-4).join('')}`;
}

/**
 * Every resident ID number (valid check digit), mobile and landline written out in a text, masked: for what is logged
 * as typed (a search for a phone number in a request's address), never for what is stored.
 */
export function maskPersonalDataIn(text: string): string {
  return text
    .replace(/(?<![0-9A-Za-z])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])/g, (m) => (isValidResidentId(m.toUpperCase()) ? maskResidentId(m) : m))
    .replace(/(?<![0-9A-Za-z])(1[3-9][0-9]{9}|0[1-9][0-9]{1,2}-[2-9][0-9]{6,7})(?![0-9A-Za-z])/g, (m) => maskPhone(m));
}

/** `13812345678` → `138****5678`; a landline keeps its area code and last 4 digits. */
export function maskPhone(phone: string): string {
  const p = phone.trim();
  if (MOBILE.test(p)) return `${p.slice(0, 3)}****${p.slice(7)}`;
  const m = /^(0[0-9]{2,3}-?)([0-9]+)(.*)$/.exec(p);
  if (m && m[2].length > 4) return `${m[1]}${'*'.repeat(m[2].length - 4)}${m[2].slice(-4)}${m[3]}`;
  const c = [...p]; // characters, as in maskResidentId
  return c.length <= 4 ? '*'.repeat(c.length) : `${'*'.repeat(c.length - 4)}${c.slice(-4).join('')}`;
}
