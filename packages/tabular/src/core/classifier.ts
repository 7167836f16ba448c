/**
 * A classifier as the tabular explainers see it: rows in, class probabilities and logits out, batched — a tfjs
 * LayersModel ({@link fromLayersModel}) or a fitted logistic regression ({@link fromLogistic}).
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { Matrix } from './matrix.js';

/** The logit of a binary or one-class score: a log-odds (sigmoid) or pre-softmax score (softmax). */
export interface TabularClassifier {
  /** Input features. */
  readonly features: number;
  /** Classes (2 for a sigmoid output: class 1 is the sigmoid's). */
  readonly classes: number;
  /** What the classifier is, e.g. "MLP 4-16-8-3 (softmax)" or "logistic regression (binary)". */
  readonly label: string;
  /** `'sigmoid'` (one output unit for class 1) or `'softmax'`. */
  readonly head: 'sigmoid' | 'softmax';
  /**
   * Scores `rows × (1 | classes)`: for a sigmoid head the one log-odds z (P(class 1) = σ(z)), for softmax the
   * pre-softmax scores. Deterministic; leaves no tensor behind.
   */
  scores(x: Matrix): Float64Array;
  /** The same as a differentiable tfjs function `[n, features] → [n, 1 | classes]` (absent for pure-JS models). */
  readonly scoresTensor?: (x: tf.Tensor2D) => tf.Tensor2D;
  /** Exactly affine scores `z = x Wᵀ + b` (logistic regression): `weights` is `(1 | classes) × features`. */
  readonly affine?: { readonly weights: Float64Array; readonly intercepts: Float64Array };
}
