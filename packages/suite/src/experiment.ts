/** The contract every suite experiment implements: a claim, and a `run` that measures it. */
import { IMAGE_FITS, IMAGE_SCALES, type ImageFit, type ImageScale } from '@openbox/datasets';
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
  /**
   * The user's own image folder for the CNN experiments (`--images DIR`), read at the model's input size; `undefined`
   * → MNIST digits.
   */
  readonly images?: SuiteImages;
  /** Folder for caches that outlive a run (the trained reference CNN). */
  readonly cacheDir: string;
  readonly progress: ProgressFn;
}

/** How pixel values 0–255 become model inputs (`readImageFolder`'s scales): v/255, v/127.5 − 1, or ImageNet's. */
export const SUITE_IMAGE_SCALES = IMAGE_SCALES;
export type SuiteImageScale = ImageScale;
/** How an image of another size meets the model's input (`readImageFolder`'s fits): resize, or exactly that size. */
export const SUITE_IMAGE_FITS = IMAGE_FITS;
export type SuiteImageFit = ImageFit;

/**
 * A user's image folder for the CNN experiments: one sub-folder per class (sorted by name, the i-th folder is the
 * model's output i), PNG or JPEG files.
 * @example const images: SuiteImages = { dir: 'photos', scale: '0-1', fit: 'resize' };
 */
export interface SuiteImages {
  readonly dir: string;
  /** Default `0-1`. */
  readonly scale: SuiteImageScale;
  /** Default `resize`. */
  readonly fit: SuiteImageFit;
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
  /**
   * True for the CNN experiments, which study the model and data of `cnnSetup` (`--model`, `--images`): `runSuite`
   * loads and checks those once before any experiment runs, so a bad model or image folder fails the run up front.
   */
  readonly studiesModel?: boolean;
  run(ctx: ExperimentContext): Promise<ExperimentOutput>;
}
