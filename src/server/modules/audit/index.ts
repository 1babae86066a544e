export { default as auditRoutes } from './audit.routes.js';
