/** `functionalRgbNet`: a small functional RGB LayersModel with BatchNorm, a branch/merge, Dropout and slashed names. */
import * as tfl from '@tensorflow/tfjs-layers';
import { MESSAGES } from '../messages.js';

/** Options of {@link functionalRgbNet}. */
export interface FunctionalRgbNetOptions {
  /** Input height and width in pixels (the input is `[size, size, 3]`); at least 8. Default 64. */
  readonly size?: number;
  /** Seed of every initializer (kernels, biases, BatchNorm's gamma, beta and moving statistics). */
  readonly seed: number;
  /** Softmax outputs; at least 2. Default 2. */
  readonly classes?: number;
}

/** The layer names of {@link functionalRgbNet}, input to output (the input layer is `image`). */
export const FUNCTIONAL_RGB_NET_LAYERS = [
  'block1/conv',
  'block1/bn',
  'block1/relu',
  'block1/pool',
  'block2/conv_a',
  'block2/conv_b',
  'block2/add',
  'block2/concat',
  'block3/conv',
  'head/dropout',
  'head/gap',
  'head/dense',
] as const;

/**
 * A functional (not sequential) tfjs LayersModel on `[size, size, 3]`, every initializer seeded:
 * `block1/conv` (3×3, 8, same, linear, random bias) → `block1/bn` (BatchNormalization whose gamma, beta, moving mean
 * and moving variance are drawn, so inference-mode BN is not the identity) → `block1/relu` (Activation) →
 * `block1/pool` (MaxPool 2) → two branches `block2/conv_a` (3×3, 8, relu) and `block2/conv_b` (1×1, 8, relu) →
 * `block2/add` → `block2/concat` (with the pooled input: 16 channels) → `block3/conv` (3×3, stride 2, valid, 16,
 * relu) → `head/dropout` (0.25) → `head/gap` (global average pooling) → `head/dense` (softmax over `classes`).
 * Untrained: tests compare implementations on it, never against numbers measured from it.
 * @example const model = functionalRgbNet({ seed: 1 }); // input [null, 64, 64, 3], output [null, 2]
 */
export function functionalRgbNet(options: FunctionalRgbNetOptions): tfl.LayersModel {
  const { size = 64, seed, classes = 2 } = options;
  if (!Number.isInteger(size) || size < 8)
    throw new Error(MESSAGES.badFixtureOption('functionalRgbNet', 'size', size, 'an integer >= 8'));
  if (!Number.isInteger(classes) || classes < 2)
    throw new Error(MESSAGES.badFixtureOption('functionalRgbNet', 'classes', classes, 'an integer >= 2'));
  if (!Number.isFinite(seed))
    throw new Error(MESSAGES.badFixtureOption('functionalRgbNet', 'seed', seed, 'a finite number'));
  let next = 0;
  const s = (): number => seed * 101 + ++next;
  const kernel = () => tfl.initializers.glorotUniform({ seed: s() });
  const uniform = (minval: number, maxval: number) =>
    tfl.initializers.randomUniform({ minval, maxval, seed: s() });
  const conv = (
    name: string,
    filters: number,
    kernelSize: number,
    extra: Partial<Parameters<typeof tfl.layers.conv2d>[0]> = {},
  ) =>
    tfl.layers.conv2d({
      name,
      filters,
      kernelSize,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: kernel(),
      biasInitializer: uniform(-0.1, 0.1),
      ...extra,
    });

  const image = tfl.input({ shape: [size, size, 3], name: 'image' });
  const c1 = conv('block1/conv', 8, 3, { activation: 'linear' }).apply(image) as tfl.SymbolicTensor;
  const bn = tfl.layers
    .batchNormalization({
      name: 'block1/bn',
      gammaInitializer: uniform(0.5, 1.5),
      betaInitializer: uniform(-0.3, 0.3),
      movingMeanInitializer: uniform(-0.2, 0.2),
      movingVarianceInitializer: uniform(0.5, 2),
    })
    .apply(c1) as tfl.SymbolicTensor;
  const r1 = tfl.layers
    .activation({ name: 'block1/relu', activation: 'relu' })
    .apply(bn) as tfl.SymbolicTensor;
  const p1 = tfl.layers.maxPooling2d({ name: 'block1/pool', poolSize: 2 }).apply(r1) as tfl.SymbolicTensor;
  const a = conv('block2/conv_a', 8, 3).apply(p1) as tfl.SymbolicTensor;
  const b = conv('block2/conv_b', 8, 1).apply(p1) as tfl.SymbolicTensor;
  const added = tfl.layers.add({ name: 'block2/add' }).apply([a, b]) as tfl.SymbolicTensor;
  const cat = tfl.layers.concatenate({ name: 'block2/concat' }).apply([added, p1]) as tfl.SymbolicTensor;
  const c3 = conv('block3/conv', 16, 3, { strides: 2, padding: 'valid' }).apply(cat) as tfl.SymbolicTensor;
  const drop = tfl.layers
    .dropout({ name: 'head/dropout', rate: 0.25, seed: s() })
    .apply(c3) as tfl.SymbolicTensor;
  const gap = tfl.layers.globalAveragePooling2d({ name: 'head/gap' }).apply(drop) as tfl.SymbolicTensor;
  const out = tfl.layers
    .dense({
      name: 'head/dense',
      units: classes,
      activation: 'softmax',
      kernelInitializer: kernel(),
      biasInitializer: uniform(-0.1, 0.1),
    })
    .apply(gap) as tfl.SymbolicTensor;
  return tfl.model({ inputs: image, outputs: out, name: 'functional_rgb_net' });
}
