/**
 * Sign-in, sessions and passwords.
 * This file is the module's surface: other modules, the HTTP app, the CLI and the benches import
 * only what it exports.
 */
export { assertPasswordAcceptable, generateOneTimePassword, hashPassword } from './passwords.js';
export { registerAuthRoutes } from './auth.routes.js';
export { DEVICE_COOKIE, type Session, endSessionsOf, loadSession, loginBucket } from './auth.service.js';
export { registerSettingsRoutes } from './settings.routes.js';
export { authenticateBearer, bearerToken } from './tokens.service.js';
export { registerTokenRoutes } from './tokens.routes.js';
