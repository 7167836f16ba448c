/** Input-gradient rate (steps/s): d(picked logit)/d(input), the inner step of attribution and feature visualization. */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { buildReferenceCnn } from '../reference-cnn.js';
import type { ThroughputResult } from './measure-training.js';
import { syntheticBatch } from './synthetic-batch.js';
import { timeSteps } from './time-steps.js';

export interface InputGradientOptions {
  /** Default: a fresh reference CNN. */
  readonly model?: tfl.LayersModel;
  /** Default 8. */
  readonly batchSize?: number;
  /** Timed steps. Default 20. */
  readonly steps?: number;
  /** Untimed steps first. Default 3. */
  readonly warmup?: number;
  readonly seed?: number;
}

/**
 * Time `steps` evaluations of ∂(Σᵢ output[i, label_i])/∂x for a batch (labels picked with a one-hot mask, since wasm
 * has no UnsortedSegmentSum for `gather`'s gradient), each read back to JS as a real caller would.
 * @example const { stepsPerSecond } = await measureInputGradientRate({ batchSize: 8 });
 */
export async function measureInputGradientRate(
  options: InputGradientOptions = {},
): Promise<ThroughputResult> {
  const batchSize = options.batchSize ?? 8;
  const steps = options.steps ?? 20;
  const warmup = options.warmup ?? 3;
  const seed = options.seed ?? 0;
  const model = options.model ?? buildReferenceCnn({ seed });
  const inputShape = model.inputs[0]!.shape.slice(1) as number[];
  const classes = model.outputs[0]!.shape[1] as number;
  const { x, y } = syntheticBatch(batchSize, inputShape, classes, seed);
  const gradient = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(model.apply(input) as tf.Tensor, y)));
  const step = async () => {
    const g = gradient(x);
    await g.data();
    g.dispose();
  };
  try {
    return (await timeSteps(step, { steps, warmup, batchSize })).result;
  } finally {
    tf.dispose([x, y]);
    if (options.model === undefined) model.dispose();
  }
}
