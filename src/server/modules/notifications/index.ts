export { registerReminderSource, reminderSources, type DueItem, type ReminderSource } from './reminder-sources.js';
