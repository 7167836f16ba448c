/**
 * The one number per row that an explainer explains: one class's probability or its logit (log-odds,
 * log p/(1 − p)), as SHAP's `link="identity"` and `link="logit"`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { MESSAGES } from '../messages.js';
import type { TabularClassifier } from './classifier.js';
import type { Matrix } from './matrix.js';

/** The output spaces; `logit` is log(p / (1 − p)) of the explained class (for a sigmoid head, its pre-activation). */
export const OUTPUT_SPACES = ['probability', 'logit'] as const;
export type OutputSpace = (typeof OUTPUT_SPACES)[number];
export const isOutputSpace = (value: unknown): value is OutputSpace =>
  OUTPUT_SPACES.includes(value as OutputSpace);

/** A batched function from rows to one number per row: what every tabular explainer takes. */
export interface ExplainedFunction {
  readonly features: number;
  /** What the number is, e.g. `logit P(class 2)`; explainers quote it in errors and results. */
  readonly label: string;
  /** f for every row of `x`, in float64. Deterministic; leaves no tensor behind. */
  evaluate(x: Matrix): Float64Array;
  /** The differentiable form `[n, features] → [n]` (gradient methods); absent for pure-JS functions. */
  readonly tensor?: (x: tf.Tensor2D) => tf.Tensor1D;
  /** Set when f is exactly affine, `f(x) = weights · x + intercept` (LinearSHAP's closed form). */
  readonly affine?: { readonly weights: Float64Array; readonly intercept: number };
}

/** What {@link explainedOutput} explains. */
export interface OutputOptions {
  /** The class whose output is explained. Default: 1 for a sigmoid head, 0 for softmax. */
  readonly target?: number;
  /** Default `probability`. */
  readonly output?: OutputSpace;
}

const logSigmoid = (z: number): number => (z >= 0 ? -Math.log1p(Math.exp(-z)) : z - Math.log1p(Math.exp(z)));

/** logit p_k = z_k − log Σ_{j≠k} e^{z_j} of the softmax scores at `z[at .. at + width)`, stable. */
function softmaxLogit(z: Float64Array, at: number, width: number, k: number): number {
  let max = -Infinity;
  for (let j = 0; j < width; j++) if (j !== k) max = Math.max(max, z[at + j]!);
  let sum = 0;
  for (let j = 0; j < width; j++) if (j !== k) sum += Math.exp(z[at + j]! - max);
  return z[at + k]! - (max + Math.log(sum));
}

function tensorFromScores(z: tf.Tensor2D, k: number, output: OutputSpace, sigmoid: boolean): tf.Tensor1D {
  return tf.tidy(() => {
    let logit: tf.Tensor1D;
    if (sigmoid) {
      const s = tf.squeeze(z, [1]) as tf.Tensor1D;
      logit = k === 1 ? s : tf.neg(s);
    } else {
      const classes = z.shape[1];
      const others = [...Array(classes).keys()].filter((j) => j !== k);
      const rest = tf.gather(z, others, 1);
      logit = tf.sub(tf.squeeze(tf.slice(z, [0, k], [-1, 1]), [1]), tf.logSumExp(rest, 1)) as tf.Tensor1D;
    }
    return output === 'logit' ? logit : (tf.sigmoid(logit) as tf.Tensor1D);
  });
}

/**
 * One class's probability or logit as an {@link ExplainedFunction}. Affine (LinearSHAP applies) for a logistic
 * regression in logit space with a sigmoid head or two softmax classes.
 * @example const f = explainedOutput(fromLogistic(fit), { output: 'logit' }); f.affine?.weights // β
 */
export function explainedOutput(
  classifier: TabularClassifier,
  options: OutputOptions = {},
): ExplainedFunction {
  const fn = 'explainedOutput';
  const sigmoid = classifier.head === 'sigmoid';
  const k = options.target ?? (sigmoid ? 1 : 0);
  if (!Number.isInteger(k) || k < 0 || k >= classifier.classes)
    throw new Error(MESSAGES.classOutOfRange(fn, options.target, classifier.classes));
  const output = options.output ?? 'probability';
  if (!isOutputSpace(output))
    throw new Error(MESSAGES.unknownName(fn, 'options.output', output, OUTPUT_SPACES));
  const width = sigmoid ? 1 : classifier.classes;
  const label = `${output === 'logit' ? 'logit ' : ''}P(class ${k}) of ${classifier.label}`;
  // One pass over the scores, no per-row views (exact Shapley evaluates millions of rows).
  const sign = k === 1 ? 1 : -1;
  const evaluate = (x: Matrix): Float64Array => {
    const scores = classifier.scores(x);
    const out = new Float64Array(x.rows);
    for (let r = 0; r < x.rows; r++) {
      const logit = sigmoid ? sign * scores[r]! : softmaxLogit(scores, r * width, width, k);
      out[r] = output === 'logit' ? logit : Math.exp(logSigmoid(logit));
    }
    return out;
  };
  const scoresTensor = classifier.scoresTensor;
  const tensor =
    scoresTensor === undefined
      ? undefined
      : (x: tf.Tensor2D) => tf.tidy(() => tensorFromScores(scoresTensor(x), k, output, sigmoid));
  let affine: ExplainedFunction['affine'];
  const a = classifier.affine;
  if (a !== undefined && output === 'logit' && (sigmoid || classifier.classes === 2)) {
    const d = classifier.features;
    const weights = new Float64Array(d);
    let intercept: number;
    if (sigmoid) {
      const sign = k === 1 ? 1 : -1;
      for (let c = 0; c < d; c++) weights[c] = sign * a.weights[c]!;
      intercept = sign * a.intercepts[0]!;
    } else {
      const o = 1 - k;
      for (let c = 0; c < d; c++) weights[c] = a.weights[k * d + c]! - a.weights[o * d + c]!;
      intercept = a.intercepts[k]! - a.intercepts[o]!;
    }
    affine = { weights, intercept };
  }
  return {
    features: classifier.features,
    label,
    evaluate,
    ...(tensor === undefined ? {} : { tensor }),
    ...(affine === undefined ? {} : { affine }),
  };
}
