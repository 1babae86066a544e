import { z } from '../zod.js';
import { codeForm, normalizePhone } from '../validators.js';

export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional(),
    }),
  })
  .meta({ id: 'ErrorResponse' });
export type ErrorResponse = z.infer<typeof ErrorResponse>;

/** The 4xx answers every API route may give, all in the one error shape (a unique-value race is a 409 anywhere). */
export const ERROR_RESPONSES = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

export const RegionRef = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  level: z.number().int(),
});
export type RegionRef = z.infer<typeof RegionRef>;

/** Page numbers from a query string: 1-based page, bounded page size. */
export const Paging = {
  page: z.coerce.number().int().min(1, '页码从 1 开始').default(1),
  pageSize: z.coerce.number().int().min(1).max(200, '每页最多 200 条').default(20),
};

/** Whether a YYYY-MM-DD text names a day of the calendar (years 1–9999, as PostgreSQL's date takes them). */
export function isCalendarDate(text: string): boolean {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  date.setUTCFullYear(y);
  return y >= 1 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * A date as YYYY-MM-DD that exists: `2026-02-30` or `2026-13-01` has the form but no day, and PostgreSQL refuses
 * it mid-query (a 500, or an export cut off after its first bytes). The one date rule of every schema.
 */
export const DateText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine(isCalendarDate, '没有这一天，请检查日期');

/**
 * The version an editor saw (a stale edit is refused, not silently applied). Stored as integer (int4): a larger
 * number is no version of anything, and PostgreSQL refuses it mid-query (a 500) rather than saying so.
 */
export const VersionNumber = z.number().int().positive('缺少版本号').max(2_147_483_647, '版本号无效');

/** Free text in a query string: trimmed, bounded. */
export const SearchText = z.string().trim().max(100, '搜索内容不超过 100 个字符');

/**
 * A phone number as typed: stored in the one phone rule's form when it is one (`138 0013 8000` → `13800138000`),
 * left as typed otherwise so the rule reports it by field (validators.ts normalizePhone).
 */
export const PhoneText = z
  .string()
  .trim()
  .overwrite((s) => normalizePhone(s) ?? s)
  .max(30, '电话号码过长');

/** A credit code or ID number as typed: stored half-width, without spaces or dashes, upper case (codeForm). */
export const CodeText = z.string().overwrite(codeForm);
