/** An error the client caused or may see: HTTP status, stable code, Chinese message, optional per-field messages. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const errors = {
  badRequest: (code: string, message: string, fields?: Record<string, string>) =>
    new AppError(400, code, message, fields),
  validation: (fields: Record<string, string>, message = '提交的内容有误，请检查标出的字段') =>
    new AppError(400, 'validation_failed', message, fields),
  unauthenticated: (message = '请先登录') => new AppError(401, 'auth.required', message),
  // immich's rule: a refused record says "not found or no access", never whether it exists.
  notFound: (entity: string) => new AppError(404, `${entity}.not_found`, '记录不存在或无权访问'),
  forbidden: (message = '当前角色无权执行此操作') => new AppError(403, 'access.forbidden', message),
  conflict: (code: string, message: string, fields?: Record<string, string>) =>
    new AppError(409, code, message, fields),
  csrf: () => new AppError(403, 'auth.csrf', '安全校验失败（CSRF 令牌缺失或无效），请刷新页面后重试'),
  locked: (until: Date) =>
    new AppError(423, 'auth.locked', `连续登录失败次数过多，账号已锁定至 ${formatTime(until)}，请稍后再试`),
};

function formatTime(d: Date): string {
  return d.toLocaleTimeString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' });
}
