/** `openbox serve`: the dashboard over a results folder, until Ctrl-C. */
import { parseAllowedHost, referenceLive, serveDashboard, SERVE_DEFAULTS } from '@openbox/dashboard';
import type { LiveOptions, RunningDashboard, WorkerLive } from '@openbox/dashboard';
import { defaultCacheDir, initBackend } from '@openbox/runtime';
import { escapeForMessage } from '@openbox/safe-io';
import { parseOptions, type OptionSpecs, type ParsedOptions } from '../args.js';
import type { Command } from '../command.js';
import { UsageError } from '../errors.js';
import { MESSAGES } from '../messages.js';
import { formatUsage } from '../usage.js';

/** The options of `openbox serve` (shared with `openbox start`). */
export const SERVE_OPTIONS = {
  results: {
    kind: 'string',
    pathLike: true,
    default: 'results',
    placeholder: 'DIR',
    help: 'the results folder (runs written by `openbox suite`)',
  },
  port: {
    kind: 'integer',
    min: 0,
    max: 65535,
    default: SERVE_DEFAULTS.port,
    help: 'TCP port; 0 picks a free one',
  },
  host: {
    kind: 'string',
    default: SERVE_DEFAULTS.hostname,
    placeholder: 'HOST',
    help: 'address to listen on',
  },
  'allowed-host': {
    kind: 'list',
    item: { kind: 'string' },
    maxItems: 64,
    placeholder: 'NAME,…',
    help: "extra names accepted in the Host header besides loopback names and the listen address (e.g. a LAN name; '.example.org' for a domain and its subdomains)",
  },
  'no-live': { kind: 'flag', help: 'no live digit model (skips loading the reference CNN and LR templates)' },
} as const satisfies OptionSpecs;

/** Parsed `openbox serve` options. */
export type ServeArgs = ParsedOptions<typeof SERVE_OPTIONS>;

/**
 * Serves the dashboard, prints its URL, and resolves when `signal` aborts (after closing the server).
 * `live` plugs a live model into `POST /api/live/digit` (none by default).
 */
export async function runServe(
  args: Pick<ServeArgs, 'results' | 'port' | 'host' | 'allowedHost'>,
  signal: AbortSignal,
  live?: LiveOptions,
): Promise<RunningDashboard> {
  const server = await serveDashboard({
    resultsDir: args.results,
    port: args.port,
    hostname: args.host,
    ...(args.allowedHost === undefined ? {} : { allowedHosts: args.allowedHost }),
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
 * The live model from `load` (default: the reference CNN and LR templates in the cache), or `undefined` when it
 * cannot be loaded (its worker cannot start a backend, the cache cannot be read or written, …): then one line
 * "live model off: <reason>" on stderr (the first line of the error, escaped) and the dashboard runs without it.
 */
export async function loadLiveOrOff(
  load: () => Promise<WorkerLive> = () => referenceLive(defaultCacheDir()),
): Promise<WorkerLive | undefined> {
  try {
    return await load();
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    console.error(MESSAGES.liveModelOff(escapeForMessage(reason, 400)));
    return undefined;
  }
}

/**
 * Serve until SIGINT or SIGTERM, with the live endpoint on the reference CNN and the LR templates (trained and
 * cached on first use) unless `live` is false. Shared by `openbox serve` and `openbox start`.
 */
export async function serveUntilSignal(
  args: Pick<ServeArgs, 'results' | 'port' | 'host' | 'allowedHost'>,
  live: boolean,
): Promise<void> {
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await initBackend();
    const model = live ? await loadLiveOrOff() : undefined;
    try {
      await runServe(args, stop.signal, model);
    } finally {
      await model?.close();
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** Refuses an `--allowed-host` entry the dashboard would not accept (a port, a scheme, a path), as a usage error. */
export function checkAllowedHosts(entries: readonly string[] | undefined): void {
  for (const entry of entries ?? []) {
    if (parseAllowedHost(entry) === undefined)
      throw new UsageError(
        'invalid-value',
        MESSAGES.invalidValue(
          'allowed-host',
          'a host name or IP address without scheme, port or path',
          escapeForMessage(entry),
        ),
        'allowed-host',
      );
  }
}

export const serveCommand: Command = {
  summary: 'serve the dashboard (charts, verdicts, live digit) over a results folder',
  usage: formatUsage(
    'openbox serve [--results DIR] [--port N] [--host HOST] [--allowed-host NAME,…] [--no-live]',
    SERVE_OPTIONS,
  ),
  async run(argv) {
    const args = parseOptions(SERVE_OPTIONS, argv);
    checkAllowedHosts(args.allowedHost);
    await serveUntilSignal(args, !args.noLive);
    return 0;
  },
};
