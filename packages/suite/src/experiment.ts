/** The contract every suite experiment implements: a claim, and a `run` that measures it. */
import type { Rng } from '@openbox/runtime';
import type { ChartEntry, Verdict } from './results-format.js';

/** Reports progress inside an experiment: `step` of `total`, with an optional label. */
export type ProgressFn = (step: number, total: number, label?: string) => void;

/** What an experiment gets from the runner. */
export interface ExperimentContext {
  /** The run's seed; derive randomness from `rng`, never `Math.random`. */
  readonly seed: number;
  /** A generator forked for this experiment from the run's seed and the experiment id. */
  readonly rng: Rng;
  /** Smaller budgets for a fast look. */
  readonly quick: boolean;
  /** A user's `model.json` for the CNN experiments; `undefined` → the reference MNIST CNN. */
  readonly modelPath: string | undefined;
  /** Folder for caches that outlive a run (the trained reference CNN). */
  readonly cacheDir: string;
  readonly progress: ProgressFn;
}

/** A PNG the experiment produced; the runner writes it beside `result.json`. */
export interface PngArtifact {
  /** File name, kebab-case, ending in `.png`. */
  readonly file: string;
  readonly title: string;
  readonly png: Uint8Array;
}

/** What `run` returns; the runner adds id, title and claim and writes it. */
export interface ExperimentOutput {
  readonly metrics: Readonly<Record<string, number | string | boolean>>;
  readonly verdict: Verdict;
  readonly charts: readonly ChartEntry[];
  readonly artifacts: readonly PngArtifact[];
}

export interface Experiment {
  readonly id: string;
  readonly title: string;
  /** The claim under test, in one sentence. */
  readonly claim: string;
  run(ctx: ExperimentContext): Promise<ExperimentOutput>;
}
