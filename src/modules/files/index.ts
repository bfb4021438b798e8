/**
 * Uploaded files: stored by content, named by a row.
 * This file is the module's surface: other modules, the HTTP app, the CLI and the benches import
 * only what it exports.
 */
export { configureFileStorage, readPlacedFile } from './file-store.js';
export { type UploadedFile, storeFile } from './files.service.js';
export { contentMatchesExtension, detectFileKind, servedMime } from './file-type.js';
