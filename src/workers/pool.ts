/**
 * A pool of worker threads for parsing uploads and building exports (issue 10 §1), so
 * that one person's 3,000-measure export or a hostile spreadsheet never stalls the
 * event loop that answers everyone else. Piscina (maintained, used by Fastify's own
 * ecosystem) gives the queue, the concurrency cap and per-thread heap limits; the time
 * limit is an AbortSignal, on which Piscina terminates the thread running the task.
 *
 * Every failure of the pool becomes a DomainError with a Russian message:
 * - queue full → 503 with Retry-After (`busy`); waiting tasks take turns by owner (user);
 * - a thread killed for memory → 413 (the document or report is too heavy to process);
 * - a task over its time (counted from when it starts running) → 503 with Retry-After.
 * The server process itself is never at risk: a worker's heap is its own.
 */
import { COMPILED, workerEntry } from '../paths.js';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { DomainError } from '../domain/errors.js';
import type { HeavyResults, HeavyTask, TaskOutcome } from './heavy-tasks.js';

export interface HeavyPoolOptions {
  /** Threads at most (the concurrency cap). */
  threads: number;
  /** Tasks waiting beyond the running ones before new work is refused with 503. */
  queue: number;
  /** Old-generation heap of one thread (MB). */
  memoryMb: number;
  /** Longest a task may run (ms). */
  timeoutMs: number;
}

export const defaultPoolOptions = (): HeavyPoolOptions => ({
  threads: Math.max(1, Math.min(4, availableParallelism() - 1)),
  queue: 32,
  memoryMb: 768,
  timeoutMs: 60_000,
});

/** Seconds a client is told to wait when the pool is saturated. */
export const BUSY_RETRY_AFTER_SECONDS = 15;

export class BusyError extends DomainError {
  readonly retryAfterSeconds = BUSY_RETRY_AFTER_SECONDS;
}

export interface HeavyPool {
  /**
   * Runs a task in a thread. `owner` (the user it is for) takes turns with other owners: the
   * waiting tasks are served round-robin across owners, so one person's thirty exports do not
   * keep another's import waiting behind all of them.
   */
  run<K extends HeavyTask['kind']>(task: Extract<HeavyTask, { kind: K }>, owner?: string): Promise<HeavyResults[K]>;
  readonly stats: { threads: number; queued: number; running: number };
  close(): Promise<void>;
}

// Under tsx the .mjs entry registers tsx in the thread; compiled, heavy-tasks.ts is its own
// bundle (scripts/build.mjs builds every src/workers/*.ts), found from the package root because
// import.meta.url here is the server bundle's.
const WORKER_FILE = COMPILED
  ? fileURLToPath(workerEntry('heavy-tasks'))
  : fileURLToPath(new URL('./heavy.worker.mjs', import.meta.url));

export function createHeavyPool(options: Partial<HeavyPoolOptions> = {}): HeavyPool {
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const o: HeavyPoolOptions = { ...defaultPoolOptions(), ...given };
  const piscina = new Piscina({
    filename: WORKER_FILE,
    name: 'runHeavyTask',
    minThreads: 0,
    maxThreads: o.threads,
    // A thread runs one task at a time: parsing and building are CPU-bound.
    concurrentTasksPerWorker: 1,
    // Tasks are handed over only when a thread is free (the queue below): Piscina's own
    // queue holds at most those waiting for a thread to start.
    maxQueue: o.threads,
    idleTimeout: 30_000,
    resourceLimits: {
      maxOldGenerationSizeMb: o.memoryMb,
      maxYoungGenerationSizeMb: Math.min(64, Math.max(8, o.memoryMb / 8)),
    },
  });

  // The waiting tasks, by owner; a Map keeps insertion order, so taking the first owner and
  // putting it back last (when it has more) is round-robin. Piscina's queue is FIFO only, and
  // its time limit would count the wait too: here a task's time starts when it runs.
  const waiting = new Map<string, (() => void)[]>();
  let queued = 0;
  let running = 0;
  const dispatch = () => {
    while (running < o.threads && queued > 0) {
      const [owner, tasks] = waiting.entries().next().value!;
      const start = tasks.shift()!;
      waiting.delete(owner);
      if (tasks.length) waiting.set(owner, tasks);
      queued--;
      running++;
      start();
    }
  };

  return {
    async run(task, owner = '') {
      const what = task.kind === 'export' ? 'Формирование отчёта' : 'Чтение документа';
      if (running >= o.threads && queued >= o.queue) {
        throw new BusyError(
          'unavailable',
          'server.busy',
          'Сервер сейчас занят обработкой других документов. Повторите попытку через несколько секунд.',
          `heavy pool saturated (${queued} queued, ${running} running on ${o.threads} threads): ${task.kind} refused`,
        );
      }
      let outcome: TaskOutcome<unknown>;
      try {
        outcome = await new Promise<TaskOutcome<unknown>>((resolve, reject) => {
          const start = () => {
            piscina
              .run(task, { signal: AbortSignal.timeout(o.timeoutMs) })
              .then(resolve, reject)
              .finally(() => {
                running--;
                dispatch();
              });
          };
          const mine = waiting.get(owner);
          if (mine) mine.push(start);
          else waiting.set(owner, [start]);
          queued++;
          dispatch();
        });
      } catch (e) {
        const err = e as { message?: string; code?: string; name?: string };
        if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          throw new DomainError(
            'too_large',
            'server.out_of_memory',
            `${what} потребовало слишком много памяти и было прервано. Уменьшите документ или выберите раздел плана.`,
            `heavy ${task.kind} task exceeded the worker heap of ${o.memoryMb} MB`,
          );
        }
        if (err.name === 'AbortError' || err.name === 'TimeoutError') {
          throw new BusyError(
            'unavailable',
            'server.timeout',
            `${what} заняло слишком много времени и было прервано. Повторите попытку позже или уменьшите объём.`,
            `heavy ${task.kind} task exceeded ${o.timeoutMs} ms`,
          );
        }
        throw e;
      }
      if (!outcome.ok)
        throw new DomainError(outcome.error.kind, outcome.error.code, outcome.error.message, outcome.error.detail);
      return outcome.value as never;
    },
    get stats() {
      return { threads: piscina.threads.length, queued, running };
    },
    close: () => piscina.destroy(),
  };
}
