export { default as statsRoutes } from './stats.routes.js';
export { recomputeStats } from './stats.recompute.js';
