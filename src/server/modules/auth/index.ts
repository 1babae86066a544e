export { default as authRoutes, SESSION_COOKIE } from './auth.routes.js';
export { resolveSession } from './auth.service.js';
export { hashPassword } from './password.js';
