export { default as settingRoutes } from './settings.routes.js';
export { workflowFor, workdayOverridesFor, uncoveredYears, reviewChainFor, ledgerSettingsFor, declarationSettingsFor, annualReportSettingsFor, reminderSettingsFor } from './settings.service.js';
