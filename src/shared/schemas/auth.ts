import { z } from '../zod.js';
import { ROLES } from '../enums.js';
import { RegionRef } from './common.js';

export const LoginBody = z.strictObject({
  username: z.string().trim().min(1, '请输入用户名').max(40, '用户名不超过 40 个字符'),
  password: z.string().min(1, '请输入密码').max(128, '密码不超过 128 个字符'),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const SessionUser = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    region: RegionRef.nullable(),
    /** The path from the top of the hierarchy to the user's node, for the breadcrumb. */
    regionPath: z.array(RegionRef),
    permissions: z.array(z.string()),
    /** The organization a leader or hub manager speaks for (what they file for: an annual report); null otherwise. */
    orgId: z.number().int().nullable(),
  })
  .meta({ id: 'SessionUser' });
export type SessionUser = z.infer<typeof SessionUser>;

export const LoginResponse = z.object({ csrfToken: z.string(), user: SessionUser });
export type LoginResponse = z.infer<typeof LoginResponse>;

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1, '请输入当前密码').max(128),
  newPassword: z.string().min(1, '请输入新密码').max(128, '密码不超过 128 个字符'),
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;
