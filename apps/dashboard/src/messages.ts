/** User-facing messages of the dashboard: API errors and startup errors, each naming what was wrong. */
import { escapeForMessage } from '@openbox/safe-io';

/** A value from a request in double quotes, escaped (controls as `\xNN`, `"` as `\"`, at most 60 characters). */
const quoted = (value: string): string => `"${escapeForMessage(value).replaceAll('"', '\\"')}"`;

/** Every message the dashboard sends or throws. */
export const MESSAGES = {
  badParam: (name: string, pattern: string) => `invalid ${name}: it must match ${pattern}`,
  runNotFound: (runId: string) =>
    `run ${JSON.stringify(runId)} not found (or incomplete: no manifest.json yet)`,
  experimentNotFound: (runId: string, id: string) =>
    `experiment ${JSON.stringify(id)} not found in run ${JSON.stringify(runId)}`,
  chartNotFound: (id: string, chartId: string) =>
    `chart ${JSON.stringify(chartId)} not found in experiment ${JSON.stringify(id)}`,
  evidenceNotFound: (id: string, index: number, count: number) =>
    `evidence ${index} not found in experiment ${JSON.stringify(id)}: its verdict has ${count} comparison${count === 1 ? '' : 's'} with controls`,
  artifactUnreadable: (id: string, file: string) =>
    `artifact ${quoted(file)} of experiment ${quoted(id)} is not a regular file of at most 32 MiB`,
  artifactNotFound: (id: string, file: string) =>
    `artifact ${JSON.stringify(file)} not found in experiment ${JSON.stringify(id)}`,
  datasetNotFound: (runId: string, dataset: string) =>
    `dataset ${JSON.stringify(dataset)} not found in run ${JSON.stringify(runId)}`,
  notFound: (path: string) => `no route for ${escapeForMessage(path, 200)}`,
  badRequest: 'malformed request (bad Host header, URL or method)',
  hostMissing: 'an HTTP/1.1 request needs a Host header',
  bodyTooLarge: (maxBytes: number) => `request body too large: at most ${maxBytes} bytes`,
  internal: 'internal error; see the server log',
  liveDisabled: 'the live endpoint is not configured on this server (start it with a live model)',
  liveBadJson: 'body must be JSON: { "index": <integer> } or { "pixels": <784 numbers in [0, 1]> }',
  liveOneOf: 'body must have exactly one of "index" or "pixels"',
  liveBadIndex: (count: number) => `index must be an integer in [0, ${count - 1}]`,
  liveNoDigits: 'this server has no test digits; send { "pixels": [...] } instead',
  liveBadPixelsLength: (expected: number, got: number) =>
    `pixels must be an array of ${expected} numbers, got ${got}`,
  liveBadPixel: (i: number) => `pixels[${i}] must be a finite number in [0, 1]`,
  liveBusy: (max: number) => `live queue full (${max} waiting); retry shortly`,
  liveTimeout: (ms: number) => `live computation took longer than ${ms} ms`,
  liveBadResponse: (what: string) => `the live model returned an invalid response: ${what}`,
  liveFailed: 'the live model failed on this digit; see the server log',
  liveBadMethod: (got: unknown, methods: readonly string[]) =>
    methods.length === 0
      ? 'this live model does not compute attributions; send the body without "method"'
      : `method must be one of ${methods.join(', ')}, got ${typeof got === 'string' ? quoted(got) : (JSON.stringify(got) ?? 'undefined')}`,
  liveBadTarget: (classes: number) =>
    `target must be an integer class in [0, ${classes - 1}], or null for the predicted class`,
  liveTargetWithoutMethod: 'target needs a method: send { "method": <name>, "target": <class> }',
  badResultsDir: (dir: string, why: string) =>
    `createDashboardApp: options.resultsDir ${JSON.stringify(dir)} ${why}`,
  badOption: (fn: string, arg: string, expected: string, got: unknown) =>
    `${fn}: ${arg} must be ${expected}, got ${JSON.stringify(got)}`,
  // Host allowlist and cross-site requests.
  hostMalformed: (host: string) => `malformed Host header ${quoted(host)}`,
  hostNotAllowed: (host: string) =>
    `host ${quoted(host)} is not allowed: this dashboard answers to localhost, 127.0.0.1, [::1], *.localhost ` +
    `and the address it listens on; add a name with allowedHosts (openbox serve --allowed-host NAME)`,
  hostWrongPort: (host: string, port: number) =>
    `host ${quoted(host)} names another port: this dashboard listens on port ${port}`,
  crossSite: (method: string, site: string) =>
    `${method} refused: cross-site request (Sec-Fetch-Site: ${quoted(site)}); use the dashboard's own pages`,
  originNotAllowed: (method: string, origin: string, host: string) =>
    `${method} refused: Origin ${quoted(origin)} is not this dashboard's origin (host ${quoted(host)})`,
  unsupportedMediaType: (method: string, type: string | undefined) =>
    `${method} requests must have Content-Type: application/json, got ${type === undefined ? 'none' : quoted(type)}`,
  // Query parameters.
  badQuery: (name: string, expected: string, got: string) =>
    `invalid ${name}: it must be ${expected}, got ${quoted(got)}`,
  repeatedQuery: (name: string) => `invalid ${name}: give it at most once`,
  pagePastEnd: (page: number, last: number) => `page ${page} is past the last page (${last})`,
  // Live worker.
  liveWorkerFailed: (module: string, why: string) =>
    `the live model worker (${module}) failed: ${escapeForMessage(why, 200)}`,
  liveWorkerClosed: 'the live model worker was closed',
  liveWorkerAborted: 'the live computation was stopped (timeout); its worker is being restarted',
  liveWorkerBadModule: (module: string) =>
    `the live model module ${module} must export loadLiveFunction(data): Promise<LiveFunction>`,
} as const;
