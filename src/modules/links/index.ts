/**
 * «Одна и та же работа»: links between measures of different plans and the candidates for them (issue 15).
 * This file is the module's surface: other modules, the HTTP app, the CLI and the benches import
 * only what it exports.
 */
export { registerLinkRoutes } from './links.routes.js';
export { listLinkCandidates, listMeasureLinks } from './links.service.js';
