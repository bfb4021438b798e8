/**
 * The one connection of embedded PGlite, shared so that the server keeps answering while
 * heavy database work runs (issue 10 §1: "long PGlite transactions split or queued so
 * reads keep answering").
 *
 * PGlite executes a statement synchronously on the calling thread and resolves its promise
 * without a trip through the event loop. Statements queued behind one another with promises
 * therefore run as one long stretch of microtasks during which the process reads no socket:
 * 30 exports queueing their reads kept /api/health unanswered for 27 s, and a long import
 * commit froze every request. Two rules here:
 * - every statement starts on a fresh turn of the event loop (setImmediate), so I/O — health
 *   checks, new requests, the worker pool's results — is served between statements, also
 *   between the statements of a long transaction (`turn` below);
 * - work waiting for the connection is served reads-first: a single statement waiting goes
 *   before a waiting transaction, up to SINGLES_BEFORE_TRANSACTION in a row, so a queue of
 *   imports being committed does not hold up every page's session lookup, while transactions
 *   still run in their order and are never starved.
 * A transaction holds the connection until it ends (nothing else may run inside it); its
 * statements are what gets interleaved with the event loop, not other requests' statements.
 * PostgreSQL needs none of this: its pool runs statements on other processes.
 */

/** Single statements served before the next waiting transaction gets the connection. */
export const SINGLES_BEFORE_TRANSACTION = 16;

/** Resolves on the next turn of the event loop, after pending I/O callbacks. */
export const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class ConnectionQueue {
  private singles: (() => void)[] = [];
  private transactions: (() => void)[] = [];
  private busy = false;
  private singlesInARow = 0;

  /** Runs `work` when the connection is free, alone on it. */
  run<T>(kind: 'single' | 'transaction', work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        work()
          .then(resolve, reject)
          .finally(() => {
            this.busy = false;
            this.next();
          });
      };
      (kind === 'single' ? this.singles : this.transactions).push(start);
      this.next();
    });
  }

  /** Statements and transactions waiting for the connection (for tests and diagnostics). */
  get waiting() {
    return { singles: this.singles.length, transactions: this.transactions.length };
  }

  private next() {
    if (this.busy) return;
    let job: (() => void) | undefined;
    if (this.singles.length && (!this.transactions.length || this.singlesInARow < SINGLES_BEFORE_TRANSACTION)) {
      job = this.singles.shift();
      this.singlesInARow++;
    } else {
      job = this.transactions.shift();
      this.singlesInARow = 0;
    }
    if (!job) return;
    this.busy = true;
    setImmediate(job);
  }
}
