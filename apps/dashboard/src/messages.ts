/** User-facing messages of the dashboard: API errors and startup errors, each naming what was wrong. */

/** Every message the dashboard sends or throws. */
export const MESSAGES = {
  badParam: (name: string, pattern: string) => `invalid ${name}: it must match ${pattern}`,
  runNotFound: (runId: string) =>
    `run ${JSON.stringify(runId)} not found (or incomplete: no manifest.json yet)`,
  experimentNotFound: (runId: string, id: string) =>
    `experiment ${JSON.stringify(id)} not found in run ${JSON.stringify(runId)}`,
  chartNotFound: (id: string, chartId: string) =>
    `chart ${JSON.stringify(chartId)} not found in experiment ${JSON.stringify(id)}`,
  artifactNotFound: (id: string, file: string) =>
    `artifact ${JSON.stringify(file)} not found in experiment ${JSON.stringify(id)}`,
  datasetNotFound: (runId: string, dataset: string) =>
    `dataset ${JSON.stringify(dataset)} not found in run ${JSON.stringify(runId)}`,
  notFound: (path: string) => `no route for ${path}`,
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
  badResultsDir: (dir: string, why: string) =>
    `createDashboardApp: options.resultsDir ${JSON.stringify(dir)} ${why}`,
  badOption: (fn: string, arg: string, expected: string, got: unknown) =>
    `${fn}: ${arg} must be ${expected}, got ${JSON.stringify(got)}`,
} as const;
