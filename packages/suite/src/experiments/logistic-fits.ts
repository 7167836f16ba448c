/** The fits behind the logistic experiments: exact LR, the no-hidden-layer nets and ml-logistic-regression, compared. */
import {
  compareParameters,
  binaryAgreement,
  fitExactLogistic,
  fitExactMultinomial,
  fitExactOneVsAll,
  fitMlOneVsAll,
  fitNetLogistic,
  fitNetOneVsAll,
  fitNetSoftmax,
  logisticInference,
  multinomialAgreement,
  toDesign,
  type BinaryAgreement,
  type BinaryData,
  type ExactLogisticFit,
  type ExactMultinomialFit,
  type ExactOneVsAllFit,
  type LogisticInference,
  type MlBinaryFit,
  type MlOneVsAllFit,
  type MultinomialAgreement,
  type NetBinaryFit,
  type NetMulticlassFit,
} from '@openbox/logistic';
import type { ProgressFn } from '../experiment.js';
import { fitMseDense, type MseNetFit } from './logistic-mse-net.js';
import {
  argmaxAccuracy,
  binaryAccuracy,
  binaryView,
  fitWithSeparationFallback,
  multiclassView,
  type TabularProblem,
} from './tabular-data.js';

/** Training accuracy of every fit, in [0, 1]. */
export interface LogisticAccuracies {
  readonly binaryExact: number;
  readonly binaryNet: number;
  readonly binaryMl: number;
  readonly multinomialExact: number;
  readonly softmaxNet: number;
  readonly oneVsAllExact: number;
  readonly oneVsAllNet: number;
  readonly oneVsAllMl: number;
}

/**
 * The loss the nets under study are trained on: `cross-entropy` (the claim: LR's negative log-likelihood) or
 * `squared-error` (the control: the same nets and optimizer on Σ (p − y)², which must NOT come out as LR).
 */
export const NET_LOSSES = ['cross-entropy', 'squared-error'] as const;
export type NetLoss = (typeof NET_LOSSES)[number];

/** Budgets and seeds of {@link compareLogisticFits}. */
export interface LogisticFitOptions {
  /** The binary task's positive class (class vs rest). */
  readonly positiveClass: string;
  /** Seed of the nets' Glorot initializers. */
  readonly netSeed: number;
  /** The nets stop when ‖∇‖₂ of their mean objective (float32, from tfjs) is ≤ this. */
  readonly netGradientTolerance: number;
  /** ml-logistic-regression: fixed gradient-ascent steps and step size (it has no convergence check). */
  readonly mlSteps: number;
  readonly mlLearningRate: number;
  /** Max |Δ| allowed between a net's and the exact parameters (standardized features). */
  readonly tolerance: number;
  /** The nets' training loss. Default `cross-entropy`. */
  readonly netLoss?: NetLoss;
  readonly progress: ProgressFn;
}

/** Everything fitted, binary task first, then the multinomial one. */
export interface LogisticComparison {
  readonly problem: TabularProblem;
  readonly binary: {
    readonly data: BinaryData;
    readonly l2: number;
    readonly separable: boolean;
    readonly exact: ExactLogisticFit;
    readonly inference: LogisticInference;
    readonly net: NetBinaryFit;
    readonly ml: MlBinaryFit;
    /** ml has no L2: it is compared with the exact fit, the MLE when it exists (l2 = 0), else the penalized fit. */
    readonly mlReference: {
      readonly intercept: number;
      readonly coefficients: Float64Array;
      readonly l2: number;
    };
    readonly agreement: BinaryAgreement;
    /** The control: Dense(1, sigmoid) converged on squared error (same seed, L2 and optimizer), vs the exact fit. */
    readonly squaredErrorNet: MseNetFit;
    readonly squaredErrorNetVsExactMaxAbs: number;
  };
  readonly multinomial: {
    readonly l2: number;
    readonly separable: boolean;
    readonly exact: ExactMultinomialFit;
    readonly softmaxNet: NetMulticlassFit;
    /** One-vs-all with one L2 for every class (l2 > 0 when some class is separable). */
    readonly oneVsAllL2: number;
    readonly exactOneVsAll: ExactOneVsAllFit;
    readonly netOneVsAll: NetMulticlassFit;
    readonly mlOneVsAll: MlOneVsAllFit;
    readonly agreement: MultinomialAgreement;
  };
  readonly accuracy: LogisticAccuracies;
  readonly netLoss: NetLoss;
}

/** One-hot n × K labels of a class target. */
export function oneHot(target: ArrayLike<number>, numClasses: number): Float32Array {
  const labels = new Float32Array(target.length * numClasses);
  for (let i = 0; i < target.length; i++) labels[i * numClasses + target[i]!] = 1;
  return labels;
}

/** A squared-error net as the nets' fit types (one row → binary). */
const asBinary = (f: MseNetFit): NetBinaryFit => ({
  ...f,
  intercept: f.intercepts[0]!,
  coefficients: f.coefficients,
});
const asMulti = (f: MseNetFit): NetMulticlassFit => f;

/** Row `k` of ml's one-vs-all fit as a binary fit (class k vs rest). */
export function mlBinaryOf(fit: MlOneVsAllFit, k: number, d: number): MlBinaryFit {
  return {
    intercept: fit.intercepts[k]!,
    coefficients: fit.coefficients.slice(k * d, (k + 1) * d),
    gradientNorm: fit.gradientNorms[k]!,
    numSteps: fit.numSteps,
    learningRate: fit.learningRate,
  };
}

/** Steps reported through `progress`. */
export const FIT_STEPS = 6;

/**
 * Fit the binary task (positive class vs rest) and the multinomial task three ways each on standardized features:
 * 1. exact binary LR (l2 = 0, or l2 = 1 under separation) and its Wald inference on both scales; 2. Dense(1, sigmoid)
 * and the control, Dense(1, sigmoid) converged on squared error (the same seed and L2; it IS the net under study when
 * `netLoss` is `squared-error`, where every net below is trained on squared error too);
 * 3. ml-logistic-regression one-vs-all (its positive-class row is its binary fit) and the binary agreement; 4. exact
 * multinomial LR and Dense(K, softmax), both centred across classes; 5. exact one-vs-all and K sigmoid nets;
 * 6. the multinomial agreement and training accuracies.
 */
export function compareLogisticFits(
  problem: TabularProblem,
  options: LogisticFitOptions,
): LogisticComparison {
  const { progress } = options;
  const netLoss = options.netLoss ?? 'cross-entropy';
  const squared = netLoss === 'squared-error';
  const shape = (units: number) => [problem.n, problem.d, units] as const;
  const net = { seed: options.netSeed, gradientTolerance: options.netGradientTolerance };
  const ml = { numSteps: options.mlSteps, learningRate: options.mlLearningRate };
  const design = toDesign(
    'compareLogisticFits',
    { features: problem.features, shape: [problem.n, problem.d] },
    false,
  );
  // 1. Exact binary fit and inference.
  progress(1, FIT_STEPS, 'exact binary logistic regression');
  const data = binaryView(problem, options.positiveClass);
  const multi = multiclassView(problem);
  const binaryExact = fitWithSeparationFallback((l2) => fitExactLogistic(data, { l2 }));
  const l2 = binaryExact.l2;
  const inference = logisticInference(binaryExact.fit, problem.standardization);
  // 2. The net.
  progress(2, FIT_STEPS, 'Dense(1, sigmoid) net');
  const squaredErrorNet = fitMseDense(problem.features, Float32Array.from(data.target), shape(1), 'sigmoid', {
    l2,
    seed: options.netSeed,
  });
  const binaryNet = squared ? asBinary(squaredErrorNet) : fitNetLogistic(data, { ...net, l2 });
  // 3. ml-logistic-regression one-vs-all; its classifier for the positive class IS its binary fit (same 0/1 target,
  //    same zero start, same steps), so it is read from there instead of training it twice.
  progress(3, FIT_STEPS, 'ml-logistic-regression (one-vs-all)');
  const mlOneVsAll = fitMlOneVsAll(multi, ml);
  const binaryMl = mlBinaryOf(mlOneVsAll, problem.classNames.indexOf(options.positiveClass), problem.d);
  const mlReference = {
    intercept: binaryExact.fit.intercept,
    coefficients: binaryExact.fit.coefficients,
    l2,
  };
  const agreement = binaryAgreement(design, binaryExact.fit, binaryNet, binaryMl, {
    tolerance: options.tolerance,
    mlReference,
  });
  // 4. Exact multinomial and the softmax net.
  progress(4, FIT_STEPS, 'exact multinomial logistic regression and Dense(K, softmax)');
  const multiExact = fitWithSeparationFallback((l2m) => fitExactMultinomial(multi, { l2: l2m }));
  const k = problem.classNames.length;
  const softmaxNet = squared
    ? asMulti(
        fitMseDense(problem.features, oneHot(problem.target, k), shape(k), 'softmax', {
          l2: multiExact.l2,
          seed: options.netSeed,
        }),
      )
    : fitNetSoftmax(multi, { ...net, l2: multiExact.l2 });
  // 5. Exact one-vs-all and the K sigmoid nets.
  progress(5, FIT_STEPS, 'one-vs-all: exact and K sigmoid nets');
  const ova = fitWithSeparationFallback((l2o) => fitExactOneVsAll(multi, { l2: l2o }));
  const netOneVsAll = squared
    ? squaredErrorOneVsAll(problem, ova.l2, options.netSeed)
    : fitNetOneVsAll(multi, { ...net, l2: ova.l2 });
  // 6. Multinomial agreement and accuracies.
  progress(6, FIT_STEPS, 'agreement');
  const multiAgreement = multinomialAgreement(
    design,
    { exact: multiExact.fit, softmaxNet, exactOneVsAll: ova.fit, netOneVsAll, mlOneVsAll },
    { tolerance: options.tolerance },
  );
  const accuracy: LogisticAccuracies = {
    binaryExact: binaryAccuracy(data, binaryExact.fit.intercept, binaryExact.fit.coefficients),
    binaryNet: binaryAccuracy(data, binaryNet.intercept, binaryNet.coefficients),
    binaryMl: binaryAccuracy(data, binaryMl.intercept, binaryMl.coefficients),
    multinomialExact: argmaxAccuracy(problem, multiExact.fit.intercepts, multiExact.fit.coefficients),
    softmaxNet: argmaxAccuracy(problem, softmaxNet.intercepts, softmaxNet.coefficients),
    oneVsAllExact: argmaxAccuracy(problem, ova.fit.intercepts, ova.fit.coefficients),
    oneVsAllNet: argmaxAccuracy(problem, netOneVsAll.intercepts, netOneVsAll.coefficients),
    oneVsAllMl: argmaxAccuracy(problem, mlOneVsAll.intercepts, mlOneVsAll.coefficients),
  };
  return {
    accuracy,
    netLoss,
    problem,
    binary: {
      data,
      l2,
      separable: binaryExact.separable,
      exact: binaryExact.fit,
      inference,
      net: binaryNet,
      ml: binaryMl,
      mlReference,
      agreement,
      squaredErrorNet,
      squaredErrorNetVsExactMaxAbs: compareParameters(
        design,
        { intercepts: [binaryExact.fit.intercept], coefficients: binaryExact.fit.coefficients },
        squaredErrorNet,
        false,
      ).maxAbs,
    },
    multinomial: {
      l2: multiExact.l2,
      separable: multiExact.separable,
      exact: multiExact.fit,
      softmaxNet,
      oneVsAllL2: ova.l2,
      exactOneVsAll: ova.fit,
      netOneVsAll,
      mlOneVsAll,
      agreement: multiAgreement,
    },
  };
}

/** K squared-error sigmoid nets, class k vs rest (the control's one-vs-all). */
function squaredErrorOneVsAll(problem: TabularProblem, l2: number, seed: number): NetMulticlassFit {
  const { n, d, classNames } = problem;
  const k = classNames.length;
  const intercepts = new Float64Array(k);
  const coefficients = new Float64Array(k * d);
  let epochs = 0;
  let converged = true;
  let gradientNorm = 0;
  for (let c = 0; c < k; c++) {
    const labels = Float32Array.from(problem.target, (t) => (t === c ? 1 : 0));
    const f = fitMseDense(problem.features, labels, [n, d, 1], 'sigmoid', { l2, seed });
    intercepts[c] = f.intercepts[0]!;
    coefficients.set(f.coefficients, c * d);
    epochs += f.epochs;
    converged &&= f.converged;
    gradientNorm = Math.max(gradientNorm, f.gradientNorm);
  }
  return { intercepts, coefficients, epochs, converged, gradientNorm };
}
