/**
 * The work that runs in the worker pool (see pool.ts): reading uploaded documents and
 * building exports. Each task returns plain data; a DomainError is passed back as data
 * because an Error crossing the thread boundary loses its class and fields.
 */
import { DomainError, isDomainError } from '../domain/errors.js';
import type { InterchangeDocument } from '../domain/importers/interchange.js';
import type { RawDocument } from '../domain/importers/raw-document.js';
import type { ReportFormat, ReportModel } from '../export/report-model.js';

export type HeavyTask =
  | { kind: 'import'; bytes: Uint8Array; name: string }
  | { kind: 'raw'; bytes: Uint8Array; name: string }
  | { kind: 'export'; model: ReportModel; format: ReportFormat };

export interface HeavyResults {
  import: InterchangeDocument;
  raw: RawDocument;
  export: Uint8Array;
}

export type TaskOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; error: { kind: DomainError['kind']; code: string; message: string; detail: string } };

export async function runHeavyTask(task: HeavyTask): Promise<TaskOutcome<unknown>> {
  try {
    switch (task.kind) {
      case 'import': {
        const { importDocument } = await import('../domain/importers/read-document.js');
        return { ok: true, value: await importDocument(task.bytes, task.name) };
      }
      case 'raw': {
        const { documentReadings } = await import('../domain/importers/read-document.js');
        return { ok: true, value: (await documentReadings(task.bytes, task.name))[0].read() };
      }
      case 'export': {
        const { buildReport } = await import('../export/index.js');
        return { ok: true, value: await buildReport(task.model, task.format) };
      }
    }
  } catch (e) {
    if (isDomainError(e))
      return { ok: false, error: { kind: e.kind, code: e.code, message: e.message, detail: e.detail } };
    throw e;
  }
}
