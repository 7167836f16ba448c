/** Where `openbox attribute` gets its model and images: a model file or the reference CNN, MNIST test digits, their mean. */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { loadReferenceCnn } from '@openbox/cnn-vis';
import { loadMnist } from '@openbox/datasets';
import { loadModel } from '@openbox/runtime';
import { UsageError } from '../errors.js';
import { MESSAGES } from '../messages.js';
import type { Images } from './read-images.js';

/** Digits in the test split of `loadMnist()` (seed 0), the one the reference CNN is evaluated on. */
export const MNIST_TEST_COUNT = 2000;
/** The shape of an MNIST digit. */
const DIGIT_SHAPE = [28, 28, 1] as const;

/**
 * The model at `path`, or the reference MNIST CNN (from the cache; trained on first use, progress on stderr).
 * @example const { model, name } = await loadAttributedModel(undefined); // the reference CNN
 */
export async function loadAttributedModel(
  path: string | undefined,
): Promise<{ model: tfl.LayersModel; name: string }> {
  if (path !== undefined) return { model: await loadModel(path), name: path };
  const ref = await loadReferenceCnn({
    onEpoch: (e, loss) =>
      console.error(`training the reference CNN (first use): epoch ${e}, loss ${loss.toFixed(4)}`),
  });
  return {
    model: ref.model,
    name: `reference MNIST CNN (${ref.dir}, test accuracy ${ref.meta.testAccuracy})`,
  };
}

/**
 * MNIST test digits by index (`loadMnist().test`, grey levels in [0, 1]); the model must take 28×28×1 images.
 * @example readDigits([0, 5, 9], adapter.inputShape).shape // [3, 28, 28, 1]
 */
export function readDigits(indices: readonly number[], inputShape: readonly number[]): Images {
  if (inputShape.some((d, i) => d !== DIGIT_SHAPE[i]))
    throw new UsageError('invalid-value', MESSAGES.digitsShape(inputShape), 'digits');
  const { test } = loadMnist();
  const size = 28 * 28;
  const data = new Float32Array(indices.length * size);
  indices.forEach((d, i) => data.set(test.features.subarray(d * size, (d + 1) * size), i * size));
  return { data, shape: [indices.length, 28, 28, 1] };
}

/** The mean MNIST training digit, `[1, 28, 28, 1]` (the `mean` baseline with `--digits`). */
export function mnistTrainMean(): tf.Tensor4D {
  const { train } = loadMnist();
  const size = 28 * 28;
  const mean = new Float32Array(size);
  const n = train.shape[0]!;
  for (let r = 0; r < n; r++) for (let p = 0; p < size; p++) mean[p]! += train.features[r * size + p]! / n;
  return tf.tensor4d(mean, [1, 28, 28, 1]);
}
