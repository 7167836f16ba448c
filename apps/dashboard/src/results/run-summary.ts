/** `RunSummary` and `summarizeRun`: what a run picker shows of a run, computed once per manifest version. */
import type { Manifest, VerdictStatus } from '@openbox/suite';

/** What a run picker shows of a run. */
export interface RunSummary {
  readonly runId: string;
  readonly createdAt: string;
  readonly seed: number;
  readonly quick: boolean;
  readonly backend: string;
  readonly totalMs: number;
  /** Experiments per verdict, plus `failed` for those that threw. */
  readonly counts: Readonly<Record<VerdictStatus | 'failed', number>>;
}

/** Counts the experiments of a manifest per verdict (and failures). */
export function countVerdicts(manifest: Manifest): RunSummary['counts'] {
  const counts = { holds: 0, 'does-not-hold': 0, 'not-applicable': 0, failed: 0 };
  for (const e of manifest.experiments) {
    if (e.status === 'failed') counts.failed += 1;
    else if (e.verdict !== undefined) counts[e.verdict.status] += 1;
  }
  return counts;
}

/** The summary of one manifest. */
export function summarizeRun(m: Manifest): RunSummary {
  return {
    runId: m.runId,
    createdAt: m.createdAt,
    seed: m.seed,
    quick: m.quick === true,
    backend: m.backend,
    totalMs: m.totalMs,
    counts: countVerdicts(m),
  };
}

/** Newest first: by `createdAt`, then by run id (both descending). */
export function newestFirst(a: RunSummary, b: RunSummary): number {
  return b.createdAt < a.createdAt
    ? -1
    : b.createdAt > a.createdAt
      ? 1
      : b.runId < a.runId
        ? -1
        : b.runId > a.runId
          ? 1
          : 0;
}
