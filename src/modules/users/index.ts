/**
 * User accounts managed by administrators.
 * This file is the module's surface: other modules, the HTTP app, the CLI and the benches import
 * only what it exports.
 */
export { registerUserRoutes } from './users.routes.js';
export { markUsersOfOrganisationEdited } from './users.service.js';
