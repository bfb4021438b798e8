/**
 * The organisation directory with abbreviations, and merging near-duplicates.
 * This file is the module's surface: other modules, the HTTP app, the CLI and the benches import
 * only what it exports.
 */
export {
  ORG_KINDS,
  type OrgKind,
  addOrganisationAlias,
  insertImportedOrganisation,
  listOrganisations,
} from './organisations.service.js';
export { registerOrganisationRoutes } from './organisations.routes.js';
