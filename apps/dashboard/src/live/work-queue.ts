/** `createWorkQueue`: runs async jobs one at a time with a bounded waiting line, yielding to I/O between jobs. */

/** Thrown by `WorkQueue.run` when the waiting line is full. */
export class QueueFullError extends Error {
  override readonly name = 'QueueFullError';
}

/** A one-at-a-time queue. */
export interface WorkQueue {
  /** Runs `job` after every job queued before it; rejects with `QueueFullError` at once when the line is full. */
  run<T>(job: () => Promise<T>): Promise<T>;
  /** Jobs waiting (not counting the running one). */
  readonly waiting: number;
  /** True while a job runs. */
  readonly busy: boolean;
}

/**
 * A queue that runs one job at a time and lets at most `maxWaiting` wait. Between two jobs it yields to the
 * event loop (`setImmediate`), so pending HTTP requests are served even under a steady stream of jobs.
 * @example const q = createWorkQueue(8); const y = await q.run(() => model.predict(x));
 */
export function createWorkQueue(maxWaiting: number): WorkQueue {
  const line: (() => void)[] = [];
  let busy = false;

  const next = (): void => {
    const start = line.shift();
    if (start === undefined) {
      busy = false;
      return;
    }
    setImmediate(start);
  };

  return {
    get waiting() {
      return line.length;
    },
    get busy() {
      return busy;
    },
    run<T>(job: () => Promise<T>): Promise<T> {
      if (busy && line.length >= maxWaiting)
        return Promise.reject(new QueueFullError(`queue full (${maxWaiting} waiting)`));
      return new Promise<T>((resolve, reject) => {
        const start = (): void => {
          busy = true;
          job().then(resolve, reject).finally(next);
        };
        if (busy) line.push(start);
        else start();
      });
    },
  };
}
