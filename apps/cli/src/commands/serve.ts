/** `openbox serve`: the dashboard over a results folder, until Ctrl-C; its live page on the reference CNN or the user's model. */
import { parseAllowedHost, referenceLive, serveDashboard, SERVE_DEFAULTS } from '@openbox/dashboard';
import type { LiveOptions, RunningDashboard, WorkerLive } from '@openbox/dashboard';
import { defaultCacheDir, initBackend } from '@openbox/runtime';
import { escapeForMessage } from '@openbox/safe-io';
import { parseOptions, type OptionSpecs, type ParsedOptions } from '../args.js';
import { ATTRIBUTE_MESSAGES } from '../attribute/attribute-messages.js';
import { loadUserLive } from '../attribute/user-live.js';
import type { Command } from '../command.js';
import { UsageError } from '../errors.js';
import { IMAGE_FIT_OPTION, IMAGES_OPTION, SCALE_OPTION } from '../images-option.js';
import { MESSAGES } from '../messages.js';
import { MODEL_OPTION } from '../model-option.js';
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

/** `openbox serve` alone: the shared options plus the user's model and images for the live page. */
export const SERVE_COMMAND_OPTIONS = {
  ...SERVE_OPTIONS,
  model: {
    ...MODEL_OPTION,
    help: 'the live page on this tfjs model (layers or graph model.json) instead of the reference CNN; needs --images',
  },
  images: { ...IMAGES_OPTION, help: `${IMAGES_OPTION.help} (the live page's pictures; needs --model)` },
  scale: SCALE_OPTION,
  fit: IMAGE_FIT_OPTION,
} as const satisfies OptionSpecs;

/** Parsed `openbox serve` options, the user's model included. */
export type ServeCommandArgs = ParsedOptions<typeof SERVE_COMMAND_OPTIONS>;

/**
 * Refuses `--model` without `--images` (or the reverse), and either with `--no-live`, as usage errors.
 * @example checkUserLive(args) // throws '--model and --images go together: …'
 */
export function checkUserLive(args: ServeCommandArgs): boolean {
  const given = (['model', 'images'] as const).filter((k) => args[k] !== undefined);
  if (given.length === 1)
    throw new UsageError('missing-option', ATTRIBUTE_MESSAGES.modelWithImages(given[0]!), given[0]);
  if (given.length === 2 && args.noLive)
    throw new UsageError('invalid-value', ATTRIBUTE_MESSAGES.liveWithNoLive, 'no-live');
  return given.length === 2;
}

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
 * cached on first use) unless `live` is false, or on what `load` gives (the user's model: its failures end the
 * command rather than turning live off). Shared by `openbox serve` and `openbox start`.
 */
export async function serveUntilSignal(
  args: Pick<ServeArgs, 'results' | 'port' | 'host' | 'allowedHost'>,
  live: boolean,
  load?: () => Promise<WorkerLive>,
): Promise<void> {
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await initBackend();
    const model = load !== undefined ? await load() : live ? await loadLiveOrOff() : undefined;
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
  summary:
    'serve the dashboard (charts, verdicts, live page on the reference CNN or your model and images) over a results folder',
  usage: formatUsage(
    'openbox serve [--results DIR] [--port N] [--host HOST] [--allowed-host NAME,…] [--no-live | --model model.json --images DIR [--scale P] [--fit MODE]]',
    SERVE_COMMAND_OPTIONS,
    [
      "With --model and --images the live page runs that model (any input size, gray or RGB, layers or graph) on the folder's images; the MNIST logistic-regression templates are then omitted.",
    ],
  ),
  async run(argv) {
    const args = parseOptions(SERVE_COMMAND_OPTIONS, argv);
    checkAllowedHosts(args.allowedHost);
    const user = checkUserLive(args);
    await serveUntilSignal(args, !args.noLive, user ? () => loadUserLive(args) : undefined);
    return 0;
  },
};
