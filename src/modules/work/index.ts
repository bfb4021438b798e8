/**
 * The personal workspace: home, report lists, bulk review, reminders.
 * This file is the module's surface: other modules, the HTTP app, the CLI and the benches import
 * only what it exports.
 */
export { registerWorkRoutes } from './work.routes.js';
export { moveReminders } from './remind.service.js';
