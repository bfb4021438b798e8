/** In-app notifications: what other modules may use (the routes are registered by http/app). */
export {
  notifyOrganisations,
  writeAddressedNotices,
  listNotifications,
  markRead,
  countUnread,
  type NotificationView,
} from './notifications.service.js';
export { notifyNewExecutors, notifyPlanActivated, measureFacts } from './assignments.js';
export { registerNotificationRoutes } from './notifications.routes.js';
