/** What mode-vs-typical compares optima with: the density of training digits, reference images, an RBF control unit. */
import {
  ModelAdapter,
  type ImageModel,
  RBF_LAYER,
  fitPcaDensity,
  pcaLogDensity,
  rbfUnitModel,
  startImage,
  type PcaDensity,
  type Unit,
} from '@openbox/cnn-vis';
import type { Dataset } from '@openbox/datasets';
import type { Rng } from '@openbox/runtime';

/** Principal components of the density: its Gaussian's own axes (the rest share one residual variance). */
export const DENSITY_COMPONENTS = 32;
/** Width σ of the RBF control unit exp(−‖x − d‖²/σ²), in pixel-L2 units (a digit's nearest neighbour lies ≈ 5.5 away). */
export const RBF_SIGMA = 8;
/** Training rows after the density's own among which the RBF centre is the one of median log-density. */
export const RBF_CANDIDATES = 100;

const densities = new WeakMap<Dataset, Map<number, PcaDensity>>();

/**
 * The PCA-Gaussian density of the first `rows` training digits (`fitPcaDensity`, {@link DENSITY_COMPONENTS}
 * components, Lanczos steps 3k, seed 0), fitted once per process and row count.
 */
export function trainingDensity(train: Dataset, rows: number): PcaDensity {
  let byRows = densities.get(train);
  if (byRows === undefined) densities.set(train, (byRows = new Map()));
  let density = byRows.get(rows);
  if (density === undefined) {
    density = fitPcaDensity(train.features, rows, 784, {
      components: DENSITY_COMPONENTS,
      steps: 3 * DENSITY_COMPONENTS,
    });
    byRows.set(rows, density);
  }
  return density;
}

/** The images that show what "atypical" looks like: flat grey, uniform noise, and the optimizer's start image. */
export interface ReferenceImage {
  readonly label: string;
  readonly image: Float32Array;
}

/**
 * Flat grey (0.5 everywhere), uniform noise (784 `rng.next()` draws in [0, 1)) and the image activation
 * maximization starts from for `renderSeed` (`startImage`: near-uniform grey with faint low-frequency noise).
 */
export function referenceImages(adapter: ImageModel, rng: Rng, renderSeed: number): ReferenceImage[] {
  return [
    { label: 'flat grey', image: new Float32Array(784).fill(0.5) },
    { label: 'uniform noise', image: Float32Array.from({ length: 784 }, () => rng.next()) },
    { label: 'start image', image: startImage(adapter, { seed: renderSeed }) },
  ];
}

/** The RBF control unit: a model of one unit whose optimum is a real digit. */
export interface RbfControl {
  readonly adapter: ImageModel;
  readonly unit: Unit;
  /** The test row of its centre d, and d's own log-density. */
  readonly row: number;
  readonly centreLogDensity: number;
  /** Disposes the model (it holds d). */
  dispose(): void;
}

/**
 * `rbfUnitModel` (σ = {@link RBF_SIGMA}) centred on a typical real digit that neither the density nor the compared
 * test digits contain: among training rows `density.rows … density.rows + RBF_CANDIDATES − 1` (the density is fitted
 * on the first `density.rows`), the one whose log-density is the median (the 50th of 100, ascending). Its optimum is
 * that digit, so a method that calls every optimum atypical is caught by this unit.
 */
export function rbfControl(train: Dataset, density: PcaDensity): RbfControl {
  const first = density.rows;
  const candidates = train.features.subarray(first * 784, (first + RBF_CANDIDATES) * 784);
  const lp = pcaLogDensity(density, candidates, RBF_CANDIDATES);
  const order = Array.from({ length: RBF_CANDIDATES }, (_, i) => i).sort((a, b) => lp[a]! - lp[b]!);
  const pick = order[RBF_CANDIDATES / 2]!;
  const model = rbfUnitModel(candidates.subarray(pick * 784, (pick + 1) * 784), [28, 28, 1], RBF_SIGMA);
  return {
    adapter: new ModelAdapter(model),
    unit: { layer: RBF_LAYER, channel: 0 },
    row: first + pick,
    centreLogDensity: lp[pick]!,
    dispose: () => model.dispose(),
  };
}
