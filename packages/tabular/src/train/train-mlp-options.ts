/** The options of {@link trainMlp}, their defaults, and the one place they are checked. */
import { MESSAGES } from '../messages.js';

/** Hidden-unit nonlinearities {@link trainMlp} builds. */
export const MLP_ACTIVATIONS = ['relu', 'tanh'] as const;
/** A hidden-unit nonlinearity. */
export type MlpActivation = (typeof MLP_ACTIVATIONS)[number];

/** Options of {@link trainMlp}; only `seed` is required. */
export interface TrainMlpOptions {
  /** Units of each hidden Dense layer, in order; `[]` is logistic (softmax) regression trained as a net. Default [32, 16]. */
  readonly hidden?: readonly number[];
  /** Nonlinearity of the hidden layers. Default 'relu'. */
  readonly activation?: MlpActivation;
  /** Keras's L2 kernel regularizer on every Dense layer: the loss gains l2 · Σ‖W‖² (biases free). Default 1e-4. */
  readonly l2?: number;
  /** The most epochs (passes over the training rows). Default 300. */
  readonly epochs?: number;
  /** Rows per Adam step (the last batch of an epoch may be smaller). Default 32. */
  readonly batchSize?: number;
  /** Adam's step size (β₁ 0.9, β₂ 0.999, ε 1e-7: tfjs's defaults). Default 0.01. */
  readonly learningRate?: number;
  /** Share of each class held out for validation and early stopping, in [0, 1); 0 = neither. Default 0.2. */
  readonly validationFraction?: number;
  /** Stop after this many epochs without a lower validation loss, keeping the best epoch's weights. Default 20. */
  readonly patience?: number;
  /** Integer seed of the initializers, the split and the batch order; same seed, same weights. */
  readonly seed: number;
}

/** Every option with its default filled in, checked. */
export type ResolvedTrainMlpOptions = Required<TrainMlpOptions>;

const DEFAULTS = {
  hidden: [32, 16],
  activation: 'relu',
  l2: 1e-4,
  epochs: 300,
  batchSize: 32,
  learningRate: 0.01,
  validationFraction: 0.2,
  patience: 20,
} as const satisfies Omit<ResolvedTrainMlpOptions, 'seed'>;

const isPositiveInteger = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1;

/** Fill in the defaults and check every option, throwing the message of the first bad one (naming `fn`). */
export function resolveTrainMlpOptions(fn: string, options: TrainMlpOptions): ResolvedTrainMlpOptions {
  const o = { ...DEFAULTS, ...options };
  if (!Array.isArray(o.hidden)) throw new Error(MESSAGES.layerSizes(fn, 'options.hidden', o.hidden));
  o.hidden.forEach((units, i) => {
    if (!isPositiveInteger(units))
      throw new Error(MESSAGES.positiveInteger(fn, `options.hidden[${i}]`, units));
  });
  if (!(MLP_ACTIVATIONS as readonly unknown[]).includes(o.activation))
    throw new Error(MESSAGES.unknownName(fn, 'options.activation', o.activation, MLP_ACTIVATIONS));
  if (typeof o.l2 !== 'number' || !Number.isFinite(o.l2) || o.l2 < 0)
    throw new Error(MESSAGES.nonNegativeNumber(fn, 'options.l2', o.l2));
  for (const key of ['epochs', 'batchSize', 'patience'] as const)
    if (!isPositiveInteger(o[key])) throw new Error(MESSAGES.positiveInteger(fn, `options.${key}`, o[key]));
  if (typeof o.learningRate !== 'number' || !Number.isFinite(o.learningRate) || o.learningRate <= 0)
    throw new Error(MESSAGES.positiveNumber(fn, 'options.learningRate', o.learningRate));
  const f = o.validationFraction;
  if (typeof f !== 'number' || !(f >= 0 && f < 1))
    throw new Error(MESSAGES.fractionBelowOne(fn, 'options.validationFraction', f));
  if (!Number.isInteger(o.seed))
    throw new Error(MESSAGES.integerRange(fn, 'options.seed', o.seed, -(2 ** 31), 2 ** 31 - 1));
  return o;
}
