/**
 * Ratings of municipalities: methodologies as versioned data, campaigns, values, results (issue 13).
 * This file is the module's surface: other modules, the HTTP app, the CLI and the benches import
 * only what it exports.
 */
export { registerRatingRoutes } from './ratings.routes.js';
export { getPublicRating } from './ratings.service.js';
