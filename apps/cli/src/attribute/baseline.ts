/** `--baseline`: a named kind, `mean` (resolved here to the data's mean image), or a JSON file of images. */
import * as tf from '@tensorflow/tfjs-core';
import { BASELINE_KINDS, type BaselineKind } from '@openbox/attribution';
import { escapeForMessage } from '@openbox/safe-io';
import { mnistTrainMean } from './inputs.js';
import { readImagesFile } from './read-images.js';

/**
 * What to pass as the method's `baselines`: `undefined` (the method's default), `zeros` / `blur` / `uniform` as
 * named, `mean` as a `[1, h, w, c]` tensor — of the MNIST training digits with `--digits`, else of the inputs given
 * (the CLI has no other data) — or the image(s) of a JSON file as `[1 | m, h, w, c]`. The caller disposes a tensor.
 * @example const b = await resolveBaseline('mean', x, true, [28, 28, 1]); // the mean training digit
 */
export async function resolveBaseline(
  spec: string | undefined,
  x: tf.Tensor4D,
  digits: boolean,
  inputShape: readonly [number, number, number],
): Promise<BaselineKind | tf.Tensor | undefined> {
  if (spec === undefined) return undefined;
  if (spec === 'mean') return digits ? mnistTrainMean() : tf.tidy(() => tf.mean(x, 0, true));
  if ((BASELINE_KINDS as readonly string[]).includes(spec)) return spec as BaselineKind;
  const file = escapeForMessage(spec);
  const b = await readImagesFile(spec, inputShape, { option: 'baseline', file, single: true });
  return tf.tensor4d(b.data, b.shape);
}
