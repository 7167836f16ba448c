/** The fits behind the logistic experiments: exact LR, the no-hidden-layer nets and ml-logistic-regression, compared. */
import {
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
}

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
 * 1. exact binary LR (l2 = 0, or l2 = 1 under separation) and its Wald inference on both scales; 2. Dense(1, sigmoid);
 * 3. ml-logistic-regression one-vs-all (its positive-class row is its binary fit) and the binary agreement; 4. exact
 * multinomial LR and Dense(K, softmax), both centred across classes; 5. exact one-vs-all and K sigmoid nets;
 * 6. the multinomial agreement and training accuracies.
 */
export function compareLogisticFits(
  problem: TabularProblem,
  options: LogisticFitOptions,
): LogisticComparison {
  const { progress } = options;
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
  const binaryNet = fitNetLogistic(data, { ...net, l2 });
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
  const softmaxNet = fitNetSoftmax(multi, { ...net, l2: multiExact.l2 });
  // 5. Exact one-vs-all and the K sigmoid nets.
  progress(5, FIT_STEPS, 'one-vs-all: exact and K sigmoid nets');
  const ova = fitWithSeparationFallback((l2o) => fitExactOneVsAll(multi, { l2: l2o }));
  const netOneVsAll = fitNetOneVsAll(multi, { ...net, l2: ova.l2 });
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
