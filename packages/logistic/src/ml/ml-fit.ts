/** ml-logistic-regression (mljs) wrapped so its fits compare with the exact ones: ones column, sign flip, gradient norm. */
import { createRequire } from 'node:module';
import type { Matrix as MatrixType } from 'ml-matrix';
import { toDesign } from '../data/design.js';
import { toBinaryTarget, toClassTarget } from '../data/targets.js';
import type { BinaryData, Design, MulticlassData } from '../data/types.js';
import { binaryObjective } from '../exact/binary-newton.js';
import { resolveMlOptions, type MlOptions } from './resolve-ml-options.js';

/** The parts of ml-logistic-regression 2.0.0 used here (it ships no types; read from its source). */
interface MlLogisticRegression {
  classifiers: ({ weights: MatrixType } | undefined)[];
  train(features: MatrixType, target: MatrixType): void;
}
type MlLogisticRegressionClass = new (options: {
  numSteps: number;
  learningRate: number;
}) => MlLogisticRegression;

// Both through CommonJS, so that the package and this file share one ml-matrix instance.
const require = createRequire(import.meta.url);
const LogisticRegression = require('ml-logistic-regression') as MlLogisticRegressionClass;
const { Matrix } = require('ml-matrix') as { Matrix: typeof MatrixType };

export { ML_DEFAULTS } from './ml-budget.js';
export type { MlOptions } from './resolve-ml-options.js';

/** One fitted ml-logistic-regression classifier, on the same parameterization as the exact fit. */
export interface MlBinaryFit {
  readonly intercept: number;
  readonly coefficients: Float64Array;
  /** ‖∇ log-likelihood‖₂ (unpenalized: the package has no L2) where it stopped; 0 at the MLE. */
  readonly gradientNorm: number;
  readonly numSteps: number;
  readonly learningRate: number;
}

/** K one-vs-all classifiers: row k models logit P(class k) (sign flipped from the package's P(not k)). */
export interface MlOneVsAllFit {
  readonly intercepts: Float64Array;
  /** K × d row-major. */
  readonly coefficients: Float64Array;
  readonly gradientNorms: Float64Array;
  readonly numSteps: number;
  readonly learningRate: number;
}

function withOnes(design: Design): MatrixType {
  const { n, d, x } = design;
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) {
    const r = [1];
    for (let j = 0; j < d; j++) r.push(x[i * d + j]!);
    rows.push(r);
  }
  return new Matrix(rows);
}

/**
 * Train `ml-logistic-regression` on every class one-vs-all and read back its weights. The package has no intercept,
 * so a ones column is prepended; it runs `numSteps` steps (default `mlDefaultSteps`: its own 50,000 cut to a ~2 s
 * work budget) of w += learningRate·Xᵀ(y − σ(Xw)) (gradient ascent on the summed log-likelihood, no convergence
 * check, no L2); its classifier i is trained with class i coded 0, i.e. it models P(not i), so the weights are
 * negated here.
 * @example fitMlOneVsAll(loadPenguins(), { numSteps: 5000 }).coefficients
 */
export function fitMlOneVsAll(data: MulticlassData, options: MlOptions = {}): MlOneVsAllFit {
  const fn = 'fitMlOneVsAll';
  const design = toDesign(fn, data, false);
  const { y, numClasses } = toClassTarget(fn, data.target, design.n, data.numClasses, data.classNames);
  const o = resolveMlOptions(fn, options, design.n, design.d, new Set(y).size);
  const model = new LogisticRegression({ numSteps: o.numSteps, learningRate: o.learningRate });
  model.train(withOnes(design), Matrix.columnVector(Array.from(y)));
  const d = design.d;
  const intercepts = new Float64Array(numClasses);
  const coefficients = new Float64Array(numClasses * d);
  const gradientNorms = new Float64Array(numClasses);
  // The package numbers classifiers 0 … (number of distinct labels − 1); labels are our class indices.
  for (let k = 0; k < numClasses; k++) {
    const classifier = model.classifiers[k];
    if (!classifier) {
      intercepts[k] = NaN;
      coefficients.fill(NaN, k * d, (k + 1) * d);
      gradientNorms[k] = NaN;
      continue;
    }
    const w = classifier.weights.to1DArray().map((v) => -v);
    intercepts[k] = w[0]!;
    for (let j = 0; j < d; j++) coefficients[k * d + j] = w[1 + j]!;
    const yk = Float64Array.from(y, (c) => (c === k ? 1 : 0));
    gradientNorms[k] = Math.hypot(...binaryObjective(design, yk, Float64Array.from(w), 0, false).gradient);
  }
  return { intercepts, coefficients, gradientNorms, numSteps: o.numSteps, learningRate: o.learningRate };
}

/**
 * Binary logistic regression by `ml-logistic-regression` (see {@link fitMlOneVsAll}): trained on the 0/1 target as the
 * package's two classes; its classifier 1 models P(not 1) = P(y = 0), so its weights negated are the binary fit.
 * @example fitMlLogisticRegression({ features, shape: [n, d], target }).gradientNorm
 */
export function fitMlLogisticRegression(data: BinaryData, options: MlOptions = {}): MlBinaryFit {
  const fn = 'fitMlLogisticRegression';
  const design = toDesign(fn, data, false);
  const y = toBinaryTarget(fn, data.target, design.n);
  const o = resolveMlOptions(fn, options, design.n, design.d, 2); // checked here so errors name this function
  const all = fitMlOneVsAll({ ...data, target: y, numClasses: 2 }, o);
  const d = design.d;
  return {
    intercept: all.intercepts[1]!,
    coefficients: all.coefficients.slice(d, 2 * d),
    gradientNorm: all.gradientNorms[1]!,
    numSteps: all.numSteps,
    learningRate: all.learningRate,
  };
}
