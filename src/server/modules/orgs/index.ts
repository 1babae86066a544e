export { default as orgRoutes } from './orgs.routes.js';
