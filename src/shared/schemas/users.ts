import { z } from '../zod.js';
import { ROLES } from '../enums.js';
import { Paging, PhoneText, RegionRef, SearchText } from './common.js';
import { PHONE_MESSAGE, isValidPhone } from '../validators.js';

export const UserResponse = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    region: RegionRef.nullable(),
    phone: z.string().nullable(),
    disabled: z.boolean(),
    lockedUntil: z.string().nullable(),
    lastLoginAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'User' });
export type UserResponse = z.infer<typeof UserResponse>;

export const UserListQuery = z.strictObject({
  q: SearchText.optional(),
  role: z.enum(ROLES).optional(),
  region: z.string().regex(/^[0-9]{2,15}$/, '区划代码为 2–15 位数字').optional(),
  disabled: z.enum(['true', 'false']).optional(),
  sort: z.enum(['username', '-username', 'createdAt', '-createdAt', 'lastLoginAt', '-lastLoginAt']).default('username'),
  ...Paging,
});
export type UserListQuery = z.infer<typeof UserListQuery>;

export const UserListResponse = z.object({ items: z.array(UserResponse), total: z.number().int() });

const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, '用户名为 3–40 位小写字母、数字或 . _ -，以字母或数字开头');
const DisplayName = z.string().trim().min(2, '姓名至少 2 个字').max(40, '姓名不超过 40 个字');
const Phone = PhoneText.refine(isValidPhone, PHONE_MESSAGE).nullable();

export const UserCreateBody = z.strictObject({
  username: Username,
  displayName: DisplayName,
  role: z.enum(ROLES, { error: '请选择角色' }),
  regionCode: z.string().regex(/^[0-9]{2,15}$/, '请选择所属区划').nullable(),
  phone: Phone.optional(),
  password: z.string().max(128, '密码不超过 128 个字符'),
});
export type UserCreateBody = z.infer<typeof UserCreateBody>;

export const UserUpdateBody = z.strictObject({
  displayName: DisplayName.optional(),
  role: z.enum(ROLES).optional(),
  regionCode: z.string().regex(/^[0-9]{2,15}$/, '请选择所属区划').nullable().optional(),
  phone: Phone.optional(),
  disabled: z.boolean().optional(),
});
export type UserUpdateBody = z.infer<typeof UserUpdateBody>;

export const PasswordResetBody = z.strictObject({ password: z.string().max(128, '密码不超过 128 个字符') });

export const UserIdParam = z.object({ id: z.coerce.number().int().positive('用户编号无效') });
