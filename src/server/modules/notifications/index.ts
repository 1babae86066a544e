// The inbox and the reminder-source registry (issue 13 item 6): what other modules may use.
export { default as notificationRoutes } from './notifications.routes.js';
export { notify, type NotifyInput } from './notify.js';
export { registerReminderSource, reminderSources, type DueItem, type ReminderSource } from './reminder-sources.js';
