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
