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
  /** The method and its options; `meanDigit` (`[1, h, w, c]`) is the mean training image, `layer` the last conv. */
  readonly attribute: (adapter: ImageModel, x: tf.Tensor4D, targets: number[], env: MapEnv) => tf.Tensor;
  /** Set when, on multinomial LR, the method returns LR's exact attribution (see {@link LrExactBaseline}). */
  readonly lrExact?: LrExactBaseline;
  /** True for methods that swap activations' backward rules (DeepLIFT, guided backprop): a LayersModel's only. */
  readonly rewritesBackward?: boolean;
}

/** What a method may need besides the digits. */
export interface MapEnv {
  readonly meanDigit: tf.Tensor4D;
  /** The spatial layer Grad-CAM reads (the model's last conv layer or node). */
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
    rewritesBackward: true,
  },
  { id: 'saliency', label: 'saliency', attribute: plain(METHODS.saliency) },
  {
    id: 'guided',
    label: 'guided backprop',
    attribute: plain(METHODS['guided-backprop']),
    rewritesBackward: true,
  },
  { id: 'gradcam', label: 'Grad-CAM (last conv)', attribute: plain(gradCam, (e) => ({ layer: e.layer })) },
];

/**
 * The methods of `methods` that run on `adapter`, and those that do not: a graph model's nonlinearities cannot take
 * the modified backward rules of DeepLIFT and guided backprop (`rewritesBackward`), so those are skipped there.
 * @example const { runnable, skipped } = runnableMethods(MAP_METHODS, adapter);
 */
export function runnableMethods(
  methods: readonly MapMethod[],
  adapter: ImageModel,
): { runnable: MapMethod[]; skipped: MapMethod[] } {
  const runs = (m: MapMethod) => adapter.kind === 'layers' || m.rewritesBackward !== true;
  return { runnable: methods.filter(runs), skipped: methods.filter((m) => !runs(m)) };
}

/** What the reasons say of skipped methods. */
export function skippedText(skipped: readonly MapMethod[]): string {
  return skipped.length === 0
    ? ''
    : ` Not measured on this graph model (they rewrite activations' backward rules, which only a LayersModel's layers take): ${skipped.map((m) => m.label).join(', ')}.`;
}

/** A seeded sample of test images (MNIST digits or the user's) with their true classes. */
export interface DigitSample {
  /** `[n, h, w, c]` row-major. */
  readonly images: Float32Array;
  readonly targets: number[];
  readonly n: number;
  /** `[h, w, c]` of each image. Default (when a caller builds a sample by hand) MNIST's 28×28×1. */
  readonly shape?: readonly [number, number, number];
}

/** `[h, w, c]` and values per image of a sample. */
export function sampleShape(digits: DigitSample): { shape: [number, number, number]; pixels: number } {
  const [h, w, c] = digits.shape ?? [28, 28, 1];
  return { shape: [h, w, c], pixels: h * w * c };
}

/** `[h, w, c]` of an `[n, h, w, c]` image dataset. */
const imageShapeOf = (data: Dataset): [number, number, number] => {
  const [, h, w, c] = data.shape as [number, number, number, number];
  return [h, w, c];
};

/** The first `n` test images of a `rng` shuffle (the same rows for the same seed), any image size. */
export function sampleDigits(test: Dataset, n: number, rng: Rng): DigitSample {
  const shape = imageShapeOf(test);
  const size = shape[0] * shape[1] * shape[2];
  const order = rng.shuffle(Array.from({ length: test.shape[0]! }, (_, i) => i)).slice(0, n);
  const images = new Float32Array(order.length * size);
  order.forEach((src, i) => images.set(test.features.subarray(src * size, (src + 1) * size), i * size));
  return { images, targets: order.map((src) => test.target[src]!), n: order.length, shape };
}

/** The mean of the training images, `[1, h, w, c]` (the caller disposes it). */
export function meanDigit(train: Dataset): tf.Tensor4D {
  const rows = train.shape[0]!;
  const shape = imageShapeOf(train);
  const size = shape[0] * shape[1] * shape[2];
  const mean = new Float64Array(size);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < size; j++) mean[j] = mean[j]! + train.features[i * size + j]!;
  return tf.tensor4d(
    Float32Array.from(mean, (v) => v / rows),
    [1, ...shape],
  );
}

/** The method's map of the images under `adapter`, read back (`[n · h · w · c]`); no tensor is left. */
export function mapOf(
  method: MapMethod,
  adapter: ImageModel,
  digits: DigitSample,
  env: MapEnv,
): Float32Array {
  const x = tf.tensor4d(digits.images, [digits.n, ...sampleShape(digits).shape]);
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
