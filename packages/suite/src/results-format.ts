/** The on-disk format of a suite run: `results/<run-id>/manifest.json` plus one folder per experiment. */
import type { TopLevelSpec } from 'vega-lite';

/** Verdict of a claim: it holds, it does not, or it cannot be tested here (and why). */
export const VERDICT_STATUSES = ['holds', 'does-not-hold', 'not-applicable'] as const;
export type VerdictStatus = (typeof VERDICT_STATUSES)[number];

export interface Verdict {
  readonly status: VerdictStatus;
  /** One or two sentences with the numbers behind the verdict. */
  readonly reason: string;
  /**
   * The comparisons against controls the verdict rests on (`judgeAgainstControls`' `evidence`, one per judged
   * metric), so that readers can draw the trained value against its controls and show the margin. Absent for
   * verdicts that are not a comparison with controls (the logistic experiments compare with an exact fit).
   */
  readonly evidence?: readonly ControlEvidence[];
}

/** One metric of a verdict, on the network under study and on each control, with the margin required and achieved. */
export interface ControlEvidence {
  /** What is measured, e.g. `mean neighbour correlation of the first-layer filters`. */
  readonly metric: string;
  /** The metric on the network under study (`round4`). */
  readonly trained: number;
  /** The metric on each control (`round4`). */
  readonly controls: readonly { readonly label: string; readonly value: number }[];
  /** How far beyond every control the trained value had to lie. */
  readonly requiredMargin: number;
  /** How far beyond the strongest control it lies (negative when a control beats it; `round4`). */
  readonly margin: number;
  readonly higherIsBetter: boolean;
  /** Whether this comparison passed (trained beyond every control by at least `requiredMargin`). */
  readonly holds: boolean;
}

/** A chart an experiment produced: a complete Vega-Lite spec with inline data. */
export interface ChartEntry {
  readonly id: string;
  readonly title: string;
  readonly spec: TopLevelSpec;
}

/** A file an experiment wrote beside its result (PNG images). `file` is relative to the experiment folder. */
export interface ArtifactEntry {
  readonly file: string;
  readonly title: string;
  readonly mediaType: 'image/png';
}

/** `results/<run-id>/<experiment-id>/result.json`. */
export interface ExperimentResult {
  readonly id: string;
  readonly title: string;
  /** The claim under test, in one sentence. */
  readonly claim: string;
  /** Flat named numbers (and short strings) that back the verdict. */
  readonly metrics: Readonly<Record<string, number | string | boolean>>;
  readonly verdict: Verdict;
  readonly charts: readonly ChartEntry[];
  readonly artifacts: readonly ArtifactEntry[];
}

/** One line of the manifest per experiment. `failed` means it threw; `error` says what. */
export interface ManifestExperiment {
  readonly id: string;
  readonly title: string;
  readonly claim: string;
  readonly status: 'ok' | 'failed';
  readonly verdict?: Verdict;
  readonly error?: string;
  readonly durationMs: number;
}

/** `results/<run-id>/manifest.json`, written last and atomically: a run without one is incomplete. */
export interface Manifest {
  readonly runId: string;
  readonly createdAt: string;
  readonly seed: number;
  readonly quick: boolean;
  readonly backend: string;
  readonly versions: Readonly<Record<string, string>>;
  readonly totalMs: number;
  readonly experiments: readonly ManifestExperiment[];
}

export const MANIFEST_FILE = 'manifest.json';
export const RESULT_FILE = 'result.json';
/**
 * Run ids as readers accept them: one safe folder name (no `/`, `\\`, leading dot; at most 81 characters).
 * `runSuite` writes `<UTC time to the second>-seed<N>-<6 random hex chars>`, e.g. `2026-11-25T21-04-05Z-seed0-3fa9c1`
 * (see `newRunId`); ids of earlier versions (`2026-11-25T21-04-05Z-seed0`, `…-seed0-2`) match too.
 */
export const RUN_ID_PATTERN = /^[0-9A-Za-z][0-9A-Za-z._-]{0,80}$/;
/** Experiment ids are kebab-case. */
export const EXPERIMENT_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
