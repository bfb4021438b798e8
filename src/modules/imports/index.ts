/**
 * Reading documents into plans and report texts into measures.
 * This file is the module's surface: other modules, the HTTP app, the CLI and the benches import
 * only what it exports.
 */
export { registerImportRoutes } from './imports.routes.js';
export {
  type CommitInput,
  type ExecutorChoice,
  applyReportImport,
  commitImport,
  commitImportIntoPlan,
  previewImport,
} from './imports.service.js';
