import { z } from '../zod.js';
import { DateText, Paging } from './common.js';


export const AuditFilter = z.strictObject({
  actor: z.string().trim().max(40).optional(),
  action: z.string().trim().max(60).optional(),
  entityType: z.string().trim().max(40).optional(),
  entityId: z.string().trim().max(60).optional(),
  region: z.string().regex(/^[0-9]{2,15}$/, '区划代码为 2–15 位数字').optional(),
  from: DateText.optional(),
  to: DateText.optional(),
});

export const AuditListQuery = AuditFilter.extend({ ...Paging });
export type AuditListQuery = z.infer<typeof AuditListQuery>;
export type AuditFilter = z.infer<typeof AuditFilter>;

export const AuditEntry = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actorId: z.number().int().nullable(),
    actorName: z.string().nullable(),
    action: z.string(),
    entityType: z.string().nullable(),
    entityId: z.string().nullable(),
    oldValue: z.unknown(),
    newValue: z.unknown(),
    requestId: z.string().nullable(),
    ip: z.string().nullable(),
    regionCode: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditListResponse = z.object({ items: z.array(AuditEntry), total: z.number().int() });
export type AuditListResponse = z.infer<typeof AuditListResponse>;

/** Chinese names of audited actions, for the audit page and exports. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录成功',
  'auth.login_failed': '登录失败',
  'auth.logout': '退出登录',
  'auth.password_changed': '修改本人密码',
  'user.create': '新建账号',
  'user.signup': '申请人注册',
  'user.update': '修改账号',
  'user.disable': '停用账号',
  'user.password_reset': '重置密码',
  'user.unlock': '解除锁定',
  'region.population.update': '录入人口',
  'region.grid.create': '新建网格',
  'audit.export': '导出审计日志',
  'keys.rotate': '轮换个人信息加密密钥',
};
