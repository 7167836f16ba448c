/** Activation maximization for a batch of units: one variable, Adam, transformation robustness, no per-step reads. */
import * as tf from '@tensorflow/tfjs-core';
import { createRng, explainGradientError } from '@openbox/runtime';
import { MESSAGES } from '../messages.js';
import { INPUT_LAYER, type ImageModel } from '@openbox/runtime';
import type { Objective } from '../objectives/objective.js';
import { resolveRenderOptions, type RenderOptions } from './render-options.js';

/** The outcome of {@link renderUnits}: plain arrays, ready to draw or save elsewhere. */
export interface RenderResult {
  /** `[B, h, w, c]` row-major, in the parameterization's range. */
  readonly images: Float32Array;
  readonly shape: readonly [number, number, number, number];
  /** Steps at which the objective was recorded. */
  readonly curveSteps: readonly number[];
  /** `curve[b][i]`: item b's objective at `curveSteps[i]` (on the transformed image of that step). */
  readonly curve: readonly Float32Array[];
  /** Objective per item on the final, untransformed image. */
  readonly finalValues: Float32Array;
  readonly objective: string;
  readonly steps: number;
  readonly seed: number;
}

/**
 * Adam's ε, fixed at Keras's 1e-7 instead of tfjs's per-backend default: tfjs's WebGL backend reports 1e-4 even when
 * it computes in float32, which changes every step's size, so the same seed gave another image in a browser.
 */
export const ADAM_EPSILON = 1e-7;

/** Model input of the right size: bilinear resize (differentiable) when transforms changed the size. */
function fitToInput(image: tf.Tensor4D, size: readonly [number, number, number]): tf.Tensor4D {
  const [, h, w] = image.shape;
  return h === size[0] && w === size[1] ? image : tf.image.resizeBilinear(image, [size[0], size[1]], true);
}

/**
 * Maximizes `objective` (one value per batch item) over images (Erhan et al. 2009; Olah et al. 2017):
 * 1. build the parameterization's variable for `[B, h, w, c]`;
 * 2. each step: image → random transforms → resize to the input → activations → objective → Adam step on −Σ_b value_b;
 *    the objective is appended to a device-side curve every `recordEvery` steps;
 *    the first step whose objective is NaN or ±Infinity is kept on the device too, and read (one scalar) every
 *    `progressEvery` steps and at the end: a non-finite objective stops the run with an error naming the objective,
 *    its layers and that step (`onProgress` never sees it);
 * 3. read images, curve and the final values once at the end (the final values must be finite too); dispose
 *    everything — also when an error is thrown, `onProgress`'s own included.
 * @example
 * const result = renderUnits(adapter, channel('conv2d_2', [0, 1, 2, 3]), { steps: 256, seed: 1 });
 * result.images; // Float32Array of 4 × 28 × 28 × 1
 */
export function renderUnits(
  adapter: ImageModel,
  objective: Objective,
  options: RenderOptions = {},
): RenderResult {
  // 1. Options, validation, parameters.
  objective.validate(adapter);
  const o = resolveRenderOptions(adapter, objective.batchSize, options);
  const [h, w, c] = adapter.inputShape;
  const shape = [o.batchSize, h, w, c] as const;
  if (objective.batchSize !== undefined && objective.batchSize !== o.batchSize) {
    throw new Error(MESSAGES.batchMismatch('renderUnits', 'the objective', objective.batchSize, o.batchSize));
  }
  const rng = createRng(o.seed);
  const transformRng = rng.fork('transforms');
  const param = o.param(shape, rng.fork('param'));
  const optimizer = tf.train.adam(o.learningRate, 0.9, 0.999, ADAM_EPSILON);
  const modelLayers = objective.layers.filter((l) => l !== INPUT_LAYER);
  const evaluate = (transform: boolean): tf.Tensor1D => {
    const image = param.image();
    const seen =
      transform && o.transforms !== null
        ? fitToInput(o.transforms(image, transformRng), adapter.inputShape)
        : image;
    const acts = { ...adapter.activations(seen, modelLayers), [INPUT_LAYER]: image };
    return objective.evaluate(acts, o.batchSize);
  };

  // 2. Optimize; the curve and the first step with a non-finite objective stay on the device.
  let curve: tf.Tensor2D = tf.zeros([0, o.batchSize]);
  let firstBadStep: tf.Scalar = tf.scalar(0, 'int32');
  const curveSteps: number[] = [];
  const nonFinite = (where: string) =>
    new Error(
      MESSAGES.nonFiniteObjective('renderUnits', objective.name, objective.layers, where, o.learningRate),
    );
  try {
    for (let step = 1; step <= o.steps; step++) {
      const record = step === 1 || step % o.recordEvery === 0 || step === o.steps;
      const check = step % o.progressEvery === 0 || step === o.steps;
      const report = o.onProgress !== undefined && check;
      const kept: { values?: tf.Tensor1D } = {};
      let cost: tf.Scalar | null = null;
      try {
        cost = optimizer.minimize(
          () => {
            const v = evaluate(true);
            if (record || report) kept.values = tf.keep(tf.clone(v));
            return tf.neg(tf.sum(v)) as tf.Scalar;
          },
          true,
          [param.params],
        );
        // −Σ value is finite iff every value is (an overflowing sum counts as non-finite too); x − x is 0 iff x is finite.
        const total = cost!;
        const next = tf.tidy(() =>
          tf.where(
            tf.logicalOr(tf.greater(firstBadStep, 0), tf.equal(tf.sub(total, total), 0)),
            firstBadStep,
            tf.scalar(step, 'int32'),
          ),
        );
        firstBadStep.dispose();
        firstBadStep = next;
        const { values } = kept;
        if (record && values !== undefined) {
          const grown = tf.tidy(() => tf.concat([curve, tf.expandDims(values, 0)]) as tf.Tensor2D);
          curve.dispose();
          curve = grown;
          curveSteps.push(step);
        }
        if (check) {
          const bad = firstBadStep.dataSync()[0]!;
          if (bad > 0) throw nonFinite(`at step ${bad} of ${o.steps}`);
        }
        if (report && values !== undefined)
          o.onProgress!({ step, steps: o.steps, values: values.dataSync() as Float32Array });
      } catch (error) {
        // An op without a gradient in a graph model: name it and its nodes (other errors pass unchanged).
        throw explainGradientError(error, adapter, 'renderUnits');
      } finally {
        kept.values?.dispose();
        cost?.dispose();
      }
    }
    // 3. Read back once.
    const [images, finalValues] = tf.tidy(() => [param.image(), evaluate(false)]);
    try {
      const finals = Float32Array.from(finalValues!.dataSync());
      if (!finals.every(Number.isFinite))
        throw nonFinite(`on the final, untransformed image after ${o.steps} steps`);
      const curveData = curve.dataSync() as Float32Array;
      const perItem = Array.from({ length: o.batchSize }, (_, b) =>
        Float32Array.from(curveSteps, (_, i) => curveData[i * o.batchSize + b]!),
      );
      return {
        images: Float32Array.from(images!.dataSync()),
        shape,
        curveSteps,
        curve: perItem,
        finalValues: finals,
        objective: objective.name,
        steps: o.steps,
        seed: o.seed,
      };
    } finally {
      tf.dispose([images!, finalValues!]);
    }
  } finally {
    curve.dispose();
    firstBadStep.dispose();
    optimizer.dispose();
    param.dispose();
  }
}
