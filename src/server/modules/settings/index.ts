export { default as settingRoutes } from './settings.routes.js';
export { workflowFor, workdayOverridesFor, uncoveredYears, reviewChainFor } from './settings.service.js';
