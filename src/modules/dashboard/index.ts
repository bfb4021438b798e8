/**
 * Monitoring figures and search; the cache keyed by data version other lists reuse.
 * This file is the module's surface: other modules, the HTTP app, the CLI and the benches import
 * only what it exports.
 */
export { cachedByDataVersion } from './dashboard-cache.js';
export { registerDashboardRoutes } from './dashboard.routes.js';
export { getDashboard } from './dashboard.service.js';
