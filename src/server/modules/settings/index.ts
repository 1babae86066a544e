export { default as settingRoutes } from './settings.routes.js';
export { workflowFor, workdayOverridesFor, uncoveredYears } from './settings.service.js';
