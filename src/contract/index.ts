/**
 * The shared contract: zod schemas of what the API answers. The server documents and (in
 * tests) validates its answers with them; the web client takes its types from them with
 * `import type`, so that both sides read one declaration.
 */
export * from './common.js';
export * from './auth.js';
export * from './councils.js';
export * from './audit.js';
export * from './deadlines.js';
export * from './directory.js';
export * from './imports.js';
export * from './plans.js';
export * from './reports.js';
export * from './substance.js';
export * from './workspace.js';
export * from './nok.js';
export * from './indicators.js';
export * from './ratings.js';
export {
  responses,
  isBinaryResponse,
  type BinaryResponse,
  type ResponseOf,
  type ResponseSchema,
  type RouteKey,
  type RouteResponses,
} from './responses.js';
