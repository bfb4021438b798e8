/**
 * НОК — the independent assessment of service quality (issue 14): campaigns, the public
 * questionnaire, the operator's checklists, scores by domain/nok, improvement plans.
 * This file is the module's surface: other modules, the HTTP app, the CLI and the benches import
 * only what it exports.
 */
export { registerNokRoutes } from './nok.routes.js';
export { NOK_CODE_PATTERN } from './nok.routes.js';
