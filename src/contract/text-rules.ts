/**
 * Pure text rules the web app must apply exactly as the server does, shared through the
 * contract so that the web imports nothing else of the server: how an executor's name is keyed
 * (every spelling in a document reaches the same choice), how a name's «(далее – …)» note and
 * «по согласованию» marker are split off, and how a table column's header is recognised.
 * They live in the domain (no I/O, no DOM, no Node); this file is their one door to web/.
 */
export { normalizeOrgName, splitDefinition } from '../domain/directory/match-organisation.js';
export { executorWording, splitAgreementMarker } from '../domain/import-review/review.js';
export { classifyHeader } from '../domain/importers/columns.js';
