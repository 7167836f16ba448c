/** `openbox serve`: the dashboard over a results folder, until Ctrl-C. */
import { parseArgs } from 'node:util';
import { referenceLive, serveDashboard, SERVE_DEFAULTS } from '@openbox/dashboard';
import { defaultCacheDir, initBackend } from '@openbox/runtime';
import type { LiveOptions, RunningDashboard } from '@openbox/dashboard';
import { UsageError, type Command } from '../command.js';

/** Parsed `openbox serve` options. */
export interface ServeArgs {
  readonly results: string;
  readonly port: number;
  readonly host: string;
}

export const SERVE_OPTIONS = {
  results: { type: 'string', default: 'results' },
  'no-live': { type: 'boolean', default: false },
  port: { type: 'string', default: String(SERVE_DEFAULTS.port) },
  host: { type: 'string', default: SERVE_DEFAULTS.hostname },
} as const;

/** Validates `--results`, `--port` (0–65535; 0 picks a free port) and `--host`. */
export function serveArgs(values: { results?: string; port?: string; host?: string }): ServeArgs {
  const port = Number(values.port ?? SERVE_DEFAULTS.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port must be an integer in [0, 65535], got '${values.port}'.`);
  }
  const results = values.results ?? 'results';
  if (results === '') throw new UsageError('--results must be a folder path.');
  return { results, port, host: values.host ?? SERVE_DEFAULTS.hostname };
}

/**
 * Serves the dashboard, prints its URL, and resolves when `signal` aborts (after closing the server).
 * `live` plugs a live model into `POST /api/live/digit` (none by default).
 */
export async function runServe(
  args: ServeArgs,
  signal: AbortSignal,
  live?: LiveOptions,
): Promise<RunningDashboard> {
  const server = await serveDashboard({
    resultsDir: args.results,
    port: args.port,
    hostname: args.host,
    ...(live === undefined ? {} : { live }),
  });
  console.log(`OpenBox dashboard: ${server.url}  (results from ${args.results}; Ctrl-C to stop)`);
  await new Promise<void>((resolve) =>
    signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true }),
  );
  await server.close();
  return server;
}

/**
 * Serve until SIGINT or SIGTERM, with the live endpoint on the reference CNN and the LR templates (trained and
 * cached on first use) unless `live` is false. Shared by `openbox serve` and `openbox start`.
 */
export async function serveUntilSignal(args: ServeArgs, live: boolean): Promise<void> {
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await initBackend();
    await runServe(args, stop.signal, live ? await referenceLive(defaultCacheDir()) : undefined);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

export const serveCommand: Command = {
  summary: 'serve the dashboard (charts, verdicts, live digit) over a results folder',
  usage: 'openbox serve [--results DIR] [--port 8787] [--host 127.0.0.1] [--no-live]',
  async run(argv) {
    const { values } = parseArgs({
      args: [...argv],
      options: SERVE_OPTIONS,
      allowPositionals: false,
      strict: true,
    });
    await serveUntilSignal(serveArgs(values), !values['no-live']);
    return 0;
  },
};
