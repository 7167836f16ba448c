/** `createLiveApp`: `POST /digit` runs the injected live model on one digit, queued one at a time. */
import { Hono } from 'hono';
import { HttpError } from '../http-error.js';
import { MESSAGES } from '../messages.js';
import { checkLiveResponse } from './check-live-response.js';
import { MNIST_LIVE_MODEL } from './live-types.js';
import type { LiveDigitReply, LiveOptions } from './live-types.js';
import { parseLiveInput } from './parse-live-input.js';
import { createWorkQueue, QueueFullError } from './work-queue.js';

/** Defaults of `LiveOptions`. */
export const LIVE_DEFAULTS = { maxQueue: 8, timeoutMs: 10_000 } as const satisfies Pick<
  Required<LiveOptions>,
  'maxQueue' | 'timeoutMs'
>;

const TIMEOUT = Symbol('timeout');

/**
 * The live sub-app, mounted at `/api/live`: `GET /info` says whether it is enabled (and how many test images
 * there are, which attribution methods it runs, the model's input shape and class names: `model`); `POST /digit` takes `{ index }` or `{ pixels }` (and optionally
 * `{ method, target }`: the response then has `attribution`), waits its turn in a one-at-a-time queue
 * (503 + `Retry-After` when `maxQueue` requests already wait), and answers the model's response, the input
 * pixels and the argmax (`prediction`), or 504 after `timeoutMs` (counted from arrival, waiting included).
 * On timeout the call's `AbortSignal` is aborted: a job not started yet is dropped, a worker-backed model
 * (`createWorkerLive`) stops and restarts its worker, so the queue moves on. Without `live`, a 501.
 */
export function createLiveApp(live: LiveOptions | undefined): Hono {
  const app = new Hono();
  const opts = live === undefined ? undefined : { ...LIVE_DEFAULTS, model: MNIST_LIVE_MODEL, ...live };
  const queue = createWorkQueue(opts?.maxQueue ?? 0);

  app.get('/info', (c) =>
    c.json({
      enabled: opts !== undefined,
      digits: opts?.digits?.count ?? null,
      methods: opts?.methods ?? [],
      model: opts?.model ?? null,
      maxQueue: opts?.maxQueue ?? null,
      timeoutMs: opts?.timeoutMs ?? null,
      busy: queue.busy,
      waiting: queue.waiting,
    }),
  );

  app.post('/digit', async (c) => {
    // 1. Enabled, and a valid body.
    if (opts === undefined) throw new HttpError(501, MESSAGES.liveDisabled, 'live-disabled');
    const body: unknown = await c.req.json().catch(() => {
      throw new HttpError(400, MESSAGES.liveBadJson, 'live-bad-input');
    });
    const input = parseLiveInput(body, opts.digits, opts.methods, opts.model);
    // 2. Queue the computation, bounded in time.
    const started = performance.now();
    const abort = new AbortController();
    const job = queue.run(() =>
      abort.signal.aborted
        ? Promise.reject(new Error(MESSAGES.liveTimeout(opts.timeoutMs)))
        : input.attribution === null
          ? opts.predict(input.pixels, abort.signal)
          : opts.predict(input.pixels, abort.signal, input.attribution),
    );
    job.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<typeof TIMEOUT>(
      (resolve) =>
        (timer = setTimeout(() => {
          resolve(TIMEOUT);
          abort.abort();
        }, opts.timeoutMs)),
    );
    let outcome;
    try {
      outcome = await Promise.race([job, timeout]);
    } catch (error) {
      if (error instanceof QueueFullError) {
        c.header('Retry-After', '1');
        throw new HttpError(503, MESSAGES.liveBusy(opts.maxQueue), 'live-busy');
      }
      // The model threw, or its worker crashed or was closed: one log line, a 500 without details.
      console.error(
        `[openbox dashboard] live model: ${error instanceof Error ? error.message : String(error)}`,
      );
      throw new HttpError(500, MESSAGES.liveFailed, 'live-failed');
    } finally {
      clearTimeout(timer);
    }
    if (outcome === TIMEOUT) throw new HttpError(504, MESSAGES.liveTimeout(opts.timeoutMs), 'live-timeout');
    // 3. Check what the model answered and reply.
    const response = checkLiveResponse(outcome, input.attribution, opts.model);
    const p = response.probabilities;
    const reply: LiveDigitReply = {
      ...response,
      index: input.index,
      label: input.label,
      file: input.file,
      prediction: p.indexOf(Math.max(...p)),
      pixels: Array.from(input.pixels, (v) => Math.round(v * 1000) / 1000),
      ms: Math.round((performance.now() - started) * 10) / 10,
    };
    return c.json(reply);
  });

  return app;
}
