export { default as applicationRoutes } from './applications.routes.js';
