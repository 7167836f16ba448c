/** The objective contract (activations → one value per batch item) and its combinators sum, scale, negate. */
import * as tf from '@tensorflow/tfjs-core';
import { MESSAGES } from '../messages.js';
import type { Activations, ImageModel } from '@openbox/runtime';

/**
 * A value to maximize: maps the activations of `layers` for a batch of B images to B values, one per batch item,
 * so every item optimizes its own unit (Olah et al. 2017, "Feature Visualization", objectives section).
 * Objectives are plain values: combine them with {@link sum}, {@link scale} and {@link negate}.
 */
export interface Objective {
  readonly name: string;
  /** One sentence a person can read. */
  readonly description: string;
  /** Layers whose activations `evaluate` reads (`input` and `logits` included). */
  readonly layers: readonly string[];
  /** Batch size implied by per-item unit lists, when the objective has them. */
  readonly batchSize?: number;
  /** Throws a message listing what exists when a layer, channel or position is not in the model. */
  validate(adapter: ImageModel): void;
  /** `[B]` values; runs inside the caller's tidy. */
  evaluate(activations: Activations, batchSize: number): tf.Tensor1D;
}

function mergedBatchSize(parts: readonly Objective[]): number | undefined {
  const sizes = parts.map((p) => p.batchSize).filter((b): b is number => b !== undefined);
  return sizes.length === 0 ? undefined : Math.max(...sizes);
}

/**
 * The sum of objectives, item by item.
 * @example sum(channel('conv2d_2', [0, 1, 2]), scale(-1e-3, totalVariation()))
 */
export function sum(...parts: Objective[]): Objective {
  if (parts.length === 0) throw new Error(MESSAGES.emptySum('sum'));
  const batchSize = mergedBatchSize(parts);
  return {
    name: parts.map((p) => p.name).join(' + '),
    description: parts.map((p) => p.description).join('; plus '),
    layers: [...new Set(parts.flatMap((p) => p.layers))],
    ...(batchSize === undefined ? {} : { batchSize }),
    validate: (adapter) => parts.forEach((p) => p.validate(adapter)),
    evaluate: (acts, b) => tf.addN(parts.map((p) => p.evaluate(acts, b))) as tf.Tensor1D,
  };
}

/**
 * `factor · objective`; a negative factor turns a penalty into something to maximize.
 * @example scale(-0.05, l2())
 */
export function scale(factor: number, objective: Objective): Objective {
  return {
    ...objective,
    name: `${factor}·${objective.name}`,
    description: `${factor} times (${objective.description})`,
    evaluate: (acts, b) => tf.mul(objective.evaluate(acts, b), factor),
  };
}

/** `−objective`: minimize instead of maximize (e.g. negative class evidence). */
export function negate(objective: Objective): Objective {
  return {
    ...scale(-1, objective),
    name: `−${objective.name}`,
    description: `minus (${objective.description})`,
  };
}

/**
 * Per-item unit list: a single number applies to every item; an array must have one entry per item.
 * Returns the list expanded to `batchSize`.
 */
export function expandUnits(
  fn: string,
  argument: string,
  units: number | readonly number[],
  batchSize: number,
): number[] {
  if (typeof units === 'number') return Array.from({ length: batchSize }, () => units);
  if (units.length !== batchSize)
    throw new Error(MESSAGES.batchMismatch(fn, argument, units.length, batchSize));
  return [...units];
}

/** `[B, C]` one-hot rows: row i has a 1 at `channels[i]`. Built in JS, uploaded once per call. */
export function oneHotRows(channels: readonly number[], width: number): tf.Tensor2D {
  const values = new Float32Array(channels.length * width);
  channels.forEach((c, i) => (values[i * width + c] = 1));
  return tf.tensor2d(values, [channels.length, width]);
}

/** Mean over every axis but the first: `[B, ...] → [B]`. */
export function meanPerItem(t: tf.Tensor): tf.Tensor1D {
  return t.rank === 1
    ? (t as tf.Tensor1D)
    : (tf.mean(
        t,
        Array.from({ length: t.rank - 1 }, (_, i) => i + 1),
      ) as tf.Tensor1D);
}

/** Sum over every axis but the first: `[B, ...] → [B]`. */
export function sumPerItem(t: tf.Tensor): tf.Tensor1D {
  return t.rank === 1
    ? (t as tf.Tensor1D)
    : (tf.sum(
        t,
        Array.from({ length: t.rank - 1 }, (_, i) => i + 1),
      ) as tf.Tensor1D);
}

/** The activation of `layer`, or an error naming the objective when the caller did not compute it. */
export function activationOf(acts: Activations, layer: string): tf.Tensor {
  const t = acts[layer];
  if (t === undefined) throw new Error(`objective: activations for layer '${layer}' were not computed`);
  return t;
}
