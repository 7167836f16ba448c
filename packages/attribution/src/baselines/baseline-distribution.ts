/** A baseline distribution `[m, ...input]` (m ≥ 1): the references GradientSHAP and DeepLIFT-SHAP average over. */
import * as tf from '@tensorflow/tfjs-core';
import { MESSAGES } from '../messages.js';

/** `baselines` when it is a tensor `[m, ...input]` with m ≥ 1, else an error naming the shape expected. */
export function checkDistribution(fn: string, baselines: unknown, inputs: tf.Tensor): tf.Tensor {
  const ok =
    baselines instanceof tf.Tensor &&
    baselines.rank === inputs.rank &&
    baselines.shape[0]! >= 1 &&
    baselines.shape.slice(1).every((d: number, i: number) => d === inputs.shape[i + 1]);
  if (!ok) {
    const got = baselines instanceof tf.Tensor ? baselines.shape : null;
    throw new Error(MESSAGES.baselineDistribution(fn, got, inputs.shape));
  }
  return baselines;
}
