/** The no-hidden-layer nets: Dense(1, sigmoid) for binary, Dense(K, softmax) for multinomial, K sigmoid nets one-vs-all. */
import { toDesign } from '../data/design.js';
import { checkFloat32Range } from '../data/float32-range.js';
import { toBinaryTarget, toClassTarget } from '../data/targets.js';
import type { BinaryData, MulticlassData } from '../data/types.js';
import { centreClasses } from '../exact/multinomial.js';
import { MESSAGES } from '../messages.js';
import { trainDense, type NetOptions } from './train-dense.js';

/** A trained binary net read back as logistic-regression parameters. */
export interface NetBinaryFit {
  readonly intercept: number;
  readonly coefficients: Float64Array;
  readonly epochs: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** ‖∇‖₂ of the per-row mean objective when training stopped (float32, from tfjs). */
  readonly gradientNorm: number;
}

/** A trained softmax net (centred across classes) or K one-vs-all sigmoid nets. */
export interface NetMulticlassFit {
  readonly intercepts: Float64Array;
  /** K × d row-major. */
  readonly coefficients: Float64Array;
  readonly epochs: number;
  readonly converged: boolean;
  readonly gradientNorm: number;
}

function checkOptions(fn: string, options: NetOptions): void {
  const l2 = options.l2 ?? 0;
  if (!(l2 >= 0) || !Number.isFinite(l2))
    throw new Error(MESSAGES.badOption(fn, 'l2', l2, 'a finite number >= 0'));
  if (options.seed !== undefined && !Number.isInteger(options.seed))
    throw new Error(MESSAGES.badOption(fn, 'seed', options.seed, 'an integer'));
}

/**
 * Logistic regression as a tfjs net: Dense(1, sigmoid) with binary cross-entropy + (l2/2)‖w‖², trained full-batch
 * to ‖∇‖ <= 1e-7 (mean scale) and an L-BFGS step <= 1e-6. P(y = 1 | x) = σ(b + xᵀw) is exactly the logistic model, and the loss is its negative
 * log-likelihood, so the trained kernel and bias estimate the same (w, b) as {@link fitExactLogistic}. Features that
 * float32 cannot hold (|x| > 3.4e38, nonzero |x| < 1.18e-38, or sums that overflow) are rejected first
 * (`checkFloat32Range`, an IllPosedError of kind `float32-range`).
 * @example const net = fitNetLogistic({ features, shape: [n, d], target }, { l2: 1, seed: 0 });
 */
export function fitNetLogistic(data: BinaryData, options: NetOptions = {}): NetBinaryFit {
  const fn = 'fitNetLogistic';
  checkOptions(fn, options);
  const design = toDesign(fn, data, false);
  checkFloat32Range(fn, design);
  const y = toBinaryTarget(fn, data.target, design.n);
  const t = trainDense(design, Float32Array.from(y), 1, 'sigmoid', options);
  return {
    intercept: t.theta[0]!,
    coefficients: t.theta.slice(1),
    epochs: t.epochs,
    iterations: t.iterations,
    converged: t.converged,
    gradientNorm: t.gradientNorm,
  };
}

function split(
  theta: Float64Array,
  numClasses: number,
  d: number,
): { intercepts: Float64Array; coefficients: Float64Array } {
  const p = d + 1;
  const intercepts = new Float64Array(numClasses);
  const coefficients = new Float64Array(numClasses * d);
  for (let k = 0; k < numClasses; k++) {
    intercepts[k] = theta[k * p]!;
    for (let j = 0; j < d; j++) coefficients[k * d + j] = theta[k * p + 1 + j]!;
  }
  return { intercepts, coefficients };
}

/**
 * Multinomial logistic regression as a tfjs net: Dense(K, softmax) + categorical cross-entropy + (l2/2)‖W‖².
 * Returned parameters are centred across classes (softmax is unchanged by adding one vector to every class), the
 * same normalization as {@link fitExactMultinomial}.
 * @example fitNetSoftmax(loadPenguins(), { l2: 1 }).coefficients
 */
export function fitNetSoftmax(data: MulticlassData, options: NetOptions = {}): NetMulticlassFit {
  const fn = 'fitNetSoftmax';
  checkOptions(fn, options);
  const design = toDesign(fn, data, false);
  checkFloat32Range(fn, design);
  const { y, numClasses } = toClassTarget(fn, data.target, design.n, data.numClasses, data.classNames);
  const labels = new Float32Array(design.n * numClasses);
  y.forEach((c, i) => (labels[i * numClasses + c] = 1));
  const t = trainDense(design, labels, numClasses, 'softmax', options);
  const theta = centreClasses(t.theta, numClasses, design.d + 1);
  return {
    ...split(theta, numClasses, design.d),
    epochs: t.epochs,
    converged: t.converged,
    gradientNorm: t.gradientNorm,
  };
}

/**
 * K independent Dense(1, sigmoid) nets, class k vs rest — the net counterpart of ml-logistic-regression's
 * one-vs-all (see {@link fitMlOneVsAll}). `epochs` sums over the K nets; `gradientNorm` is the largest.
 */
export function fitNetOneVsAll(data: MulticlassData, options: NetOptions = {}): NetMulticlassFit {
  const fn = 'fitNetOneVsAll';
  checkOptions(fn, options);
  const design = toDesign(fn, data, false);
  checkFloat32Range(fn, design);
  const { y, numClasses } = toClassTarget(fn, data.target, design.n, data.numClasses, data.classNames);
  const theta = new Float64Array(numClasses * (design.d + 1));
  let epochs = 0;
  let converged = true;
  let gradientNorm = 0;
  for (let k = 0; k < numClasses; k++) {
    const t = trainDense(
      design,
      Float32Array.from(y, (c) => (c === k ? 1 : 0)),
      1,
      'sigmoid',
      options,
    );
    theta.set(t.theta, k * (design.d + 1));
    epochs += t.epochs;
    converged &&= t.converged;
    gradientNorm = Math.max(gradientNorm, t.gradientNorm);
  }
  return { ...split(theta, numClasses, design.d), epochs, converged, gradientNorm };
}
