/** The attribution methods the attribution experiments compare, the digits they explain, and one map per method. */
import * as tf from '@tensorflow/tfjs-core';
import type { ImageModel } from '@openbox/cnn-vis';
import type { Dataset } from '@openbox/datasets';
import type { Rng } from '@openbox/runtime';
import { METHODS, gradCam, type AttributionMethod } from '@openbox/attribution';

/** Where LR's exact attribution of logit t is this method's own output on LR: `'zeros'` → w_t ⊙ x, `'mean'` → w_t ⊙ (x − x̄). */
export type LrExactBaseline = 'zeros' | 'mean';

/** One method as the experiments run it. */
export interface MapMethod {
  /** Kebab-case id, used in metric keys (`ig`, `gradcam`, …). */
  readonly id: string;
  readonly label: string;
  /** The method and its options; `meanDigit` (`[1, 28, 28, 1]`) is the mean training digit, `layer` the last conv. */
  readonly attribute: (adapter: ImageModel, x: tf.Tensor4D, targets: number[], env: MapEnv) => tf.Tensor;
  /** Set when, on multinomial LR, the method returns LR's exact attribution (see {@link LrExactBaseline}). */
  readonly lrExact?: LrExactBaseline;
}

/** What a method may need besides the digits. */
export interface MapEnv {
  readonly meanDigit: tf.Tensor4D;
  /** The spatial layer Grad-CAM reads (the model's last Conv2D). */
  readonly layer: string;
  /** Quadrature nodes of integrated gradients. */
  readonly igSteps: number;
}

const plain =
  (method: AttributionMethod, extra: (env: MapEnv) => object = () => ({})) =>
  (adapter: ImageModel, x: tf.Tensor4D, targets: number[], env: MapEnv): tf.Tensor => {
    const r = method.attribute(adapter, x, { targets, ...extra(env) });
    r.delta?.dispose();
    r.layerAttributions?.dispose();
    return r.attributions;
  };

/**
 * The methods, in the order they are reported. On a linear model f = w·x + b, input × gradient, integrated gradients
 * from b = 0 and DeepLIFT (rescale, zero reference) all return w ⊙ x, and IG from the mean digit w ⊙ (x − x̄) — LR's
 * exact (Shapley) attribution against that reference; saliency (w), guided backprop and Grad-CAM are not exact on LR.
 */
export const MAP_METHODS: readonly MapMethod[] = [
  { id: 'ixg', label: 'input × gradient', attribute: plain(METHODS['input-x-gradient']), lrExact: 'zeros' },
  {
    id: 'ig',
    label: 'integrated gradients (zero baseline)',
    attribute: plain(METHODS['integrated-gradients'], (e) => ({ steps: e.igSteps })),
    lrExact: 'zeros',
  },
  {
    id: 'ig-mean',
    label: 'integrated gradients (mean-digit baseline)',
    attribute: plain(METHODS['integrated-gradients'], (e) => ({ steps: e.igSteps, baselines: e.meanDigit })),
    lrExact: 'mean',
  },
  {
    id: 'deeplift',
    label: 'DeepLIFT (zero reference)',
    attribute: plain(METHODS.deeplift),
    lrExact: 'zeros',
  },
  { id: 'saliency', label: 'saliency', attribute: plain(METHODS.saliency) },
  { id: 'guided', label: 'guided backprop', attribute: plain(METHODS['guided-backprop']) },
  { id: 'gradcam', label: 'Grad-CAM (last conv)', attribute: plain(gradCam, (e) => ({ layer: e.layer })) },
];

/** A seeded sample of test digits with their true classes. */
export interface DigitSample {
  readonly images: Float32Array;
  readonly targets: number[];
  readonly n: number;
}

/** The first `n` test digits of a `rng` shuffle (the same rows for the same seed). */
export function sampleDigits(test: Dataset, n: number, rng: Rng): DigitSample {
  const order = rng.shuffle(Array.from({ length: test.shape[0]! }, (_, i) => i)).slice(0, n);
  const images = new Float32Array(n * 784);
  order.forEach((src, i) => images.set(test.features.subarray(src * 784, (src + 1) * 784), i * 784));
  return { images, targets: order.map((src) => test.target[src]!), n };
}

/** The mean of the training digits, `[1, 28, 28, 1]` (the caller disposes it). */
export function meanDigit(train: Dataset): tf.Tensor4D {
  const rows = train.shape[0]!;
  const mean = new Float64Array(784);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < 784; j++) mean[j] = mean[j]! + train.features[i * 784 + j]!;
  return tf.tensor4d(
    Float32Array.from(mean, (v) => v / rows),
    [1, 28, 28, 1],
  );
}

/** The method's map of the digits under `adapter`, read back (`[n · 784]`, channel 0); no tensor is left. */
export function mapOf(
  method: MapMethod,
  adapter: ImageModel,
  digits: DigitSample,
  env: MapEnv,
): Float32Array {
  const x = tf.tensor4d(digits.images, [digits.n, 28, 28, 1]);
  try {
    const phi = method.attribute(adapter, x, digits.targets, env);
    try {
      return phi.dataSync() as Float32Array;
    } finally {
      phi.dispose();
    }
  } finally {
    x.dispose();
  }
}
