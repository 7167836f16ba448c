/** User-facing error messages of @openbox/suite. */

export const MESSAGES = {
  unknownExperiments: (ids: readonly string[], known: readonly string[]) =>
    `runSuite: unknown experiment id${ids.length > 1 ? 's' : ''} ${ids.map((id) => `'${id}'`).join(', ')} in only; known ids: ${known.join(', ')}.`,
  badSeed: (seed: unknown) => `runSuite: seed must be a non-negative integer, got ${String(seed)}.`,
  badExperimentId: (id: string) => `runSuite: experiment id '${id}' is not kebab-case.`,
  duplicateExperimentId: (id: string) => `runSuite: experiment id '${id}' appears twice.`,
  badArtifactName: (id: string, file: string) =>
    `runSuite: experiment '${id}' produced an artifact named '${file}'; use a kebab-case name ending in .png.`,
  runExists: (dir: string) => `runSuite: ${dir} already exists; choose another --out or seed.`,
  notResultsDir: (dir: string) => `readRuns: ${dir} is not a folder.`,
  badRunId: (runId: string) => `readManifest: '${runId}' is not a valid run id.`,
  badManifest: (path: string, reason: string) => `readManifest: ${path} is not a valid manifest (${reason}).`,
} as const;
