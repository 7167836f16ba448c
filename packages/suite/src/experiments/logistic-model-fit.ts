/** The `model.fit` arm: a tfjs Dense(K, sigmoid | softmax) LayersModel trained the usual way (Adam, mini-batches). */
import { centreClasses } from '@openbox/logistic';
import type { Rng } from '@openbox/runtime';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/** Budget and settings of {@link trainWithModelFit}. */
export interface ModelFitOptions {
  /** Adam's learning rate (β₁ 0.9, β₂ 0.999, ε 1e-7: tfjs's defaults). */
  readonly learningRate: number;
  /** Rows per step; `'full'` = every row (one step per epoch). */
  readonly batchSize: number | 'full';
  /** Epochs after which the parameters are read back, increasing; the last is the budget. */
  readonly checkpoints: readonly number[];
  /** Same convention as the exact fit: Σ cross-entropy + (l2/2)‖W‖², bias not penalized. */
  readonly l2: number;
  /** Seed of the Glorot-uniform kernel initializer. */
  readonly seed: number;
  /** Draws each epoch's row order (mini-batches only; a full batch needs none). */
  readonly shuffleRng: Rng;
}

/** Parameters as K rows: intercepts (K) and coefficients (K × d row-major); softmax rows centred across classes. */
export interface ModelFitParameters {
  readonly intercepts: Float64Array;
  readonly coefficients: Float64Array;
}

/** The parameters read back after each checkpoint epoch. */
export interface ModelFitTrace {
  readonly checkpoints: readonly { readonly epoch: number; readonly parameters: ModelFitParameters }[];
  /** The tfjs kernel-regularizer strength used, l2 / (2n) (see {@link tfjsL2}). */
  readonly tfjsL2: number;
}

/**
 * tfjs's `regularizers.l2({ l2: λ })` adds λ·Σw² to the per-batch MEAN loss, so the per-row objective of a fit is
 * (1/n)Σ log-loss + λ‖w‖²; the exact fit minimizes Σ log-loss + (l2/2)‖w‖², i.e. per row (1/n)Σ log-loss +
 * (l2/(2n))‖w‖². The two have the same minimizer when λ = l2 / (2n).
 */
export function tfjsL2(l2: number, n: number): number {
  return l2 / (2 * n);
}

function readParameters(
  dense: tfl.layers.Layer,
  units: number,
  d: number,
  softmax: boolean,
): ModelFitParameters {
  const [kernel, bias] = dense.getWeights().map((w) => w.dataSync()) as [Float32Array, Float32Array];
  const p = d + 1;
  const theta = new Float64Array(units * p);
  for (let k = 0; k < units; k++) {
    theta[k * p] = bias[k]!;
    for (let j = 0; j < d; j++) theta[k * p + 1 + j] = kernel[j * units + k]!;
  }
  const rows = softmax ? centreClasses(theta, units, p) : theta;
  const intercepts = new Float64Array(units);
  const coefficients = new Float64Array(units * d);
  for (let k = 0; k < units; k++) {
    intercepts[k] = rows[k * p]!;
    for (let j = 0; j < d; j++) coefficients[k * d + j] = rows[k * p + 1 + j]!;
  }
  return { intercepts, coefficients };
}

/**
 * Train `Sequential[Dense(units, activation, kernelRegularizer l2(l2/(2n)))]` with `model.fit`: Adam at
 * `learningRate`, `binaryCrossentropy` (sigmoid) or `categoricalCrossentropy` (softmax, one-hot `labels`), glorot
 * kernel seeded, zero bias, on `x` (n × d, the standardized features). `model.fit`'s own shuffle draws from
 * `Math.random`, so it is off and each epoch's row order comes from `shuffleRng` instead (one `model.fit` call per
 * epoch, Adam's state kept across calls). Every tensor and the model are disposed before returning.
 */
export async function trainWithModelFit(
  x: Float64Array,
  labels: Float32Array,
  shape: readonly [number, number, number],
  activation: 'sigmoid' | 'softmax',
  options: ModelFitOptions,
): Promise<ModelFitTrace> {
  const [n, d, units] = shape;
  const lambda = tfjsL2(options.l2, n);
  const model = tfl.sequential({
    layers: [
      tfl.layers.dense({
        units,
        activation,
        inputShape: [d],
        kernelInitializer: tfl.initializers.glorotUniform({ seed: options.seed }),
        biasInitializer: 'zeros',
        ...(lambda > 0 ? { kernelRegularizer: tfl.regularizers.l2({ l2: lambda }) } : {}),
      }),
    ],
  });
  const optimizer = tf.train.adam(options.learningRate);
  model.compile({
    optimizer,
    loss: activation === 'sigmoid' ? 'binaryCrossentropy' : 'categoricalCrossentropy',
  });
  const full = options.batchSize === 'full';
  const batchSize = full ? n : (options.batchSize as number);
  const xs = Float32Array.from(x);
  const order = Array.from({ length: n }, (_, i) => i);
  const checkpoints: { epoch: number; parameters: ModelFitParameters }[] = [];
  const fitEpochs = async (epochs: number, rowOrder: readonly number[] | null) => {
    const [xt, yt] = tf.tidy(() => {
      const xa = tf.tensor2d(xs, [n, d]);
      const ya = tf.tensor2d(labels, [n, units]);
      if (rowOrder === null) return [xa, ya];
      const idx = tf.tensor1d(Int32Array.from(rowOrder), 'int32');
      return [tf.gather(xa, idx), tf.gather(ya, idx)];
    });
    try {
      await model.fit(xt, yt, { epochs, batchSize, shuffle: false, verbose: 0 });
    } finally {
      tf.dispose([xt, yt]);
    }
  };
  try {
    let done = 0;
    for (const epoch of options.checkpoints) {
      if (full) await fitEpochs(epoch - done, null);
      else for (let e = done; e < epoch; e++) await fitEpochs(1, options.shuffleRng.shuffle(order));
      done = epoch;
      checkpoints.push({
        epoch,
        parameters: readParameters(model.layers[0]!, units, d, activation === 'softmax'),
      });
    }
    return { checkpoints, tfjsL2: lambda };
  } finally {
    model.dispose();
    optimizer.dispose();
  }
}
