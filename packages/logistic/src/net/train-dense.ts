/** Trains a no-hidden-layer tfjs net (Dense + sigmoid/softmax) full-batch by L-BFGS on tfjs gradients. */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { Design } from '../data/types.js';
import { minimizeLbfgs } from '../exact/lbfgs.js';

/** Options of the net fits. */
export interface NetOptions {
  /** Same convention as the exact fit: Σ log-loss + (l2/2)‖W‖², bias not penalized. Default 0. */
  readonly l2?: number;
  /** Seed of the Glorot-uniform kernel initializer. Default 0. */
  readonly seed?: number;
  /** Stop when ‖∇‖₂ of the per-row mean objective (computed by tfjs, float32) is <= this. Default 1e-7. */
  readonly gradientTolerance?: number;
  /**
   * And stop only when the L-BFGS step −H̃∇ (its estimate of the distance to the minimum) is <= this in every
   * coordinate: on ill-conditioned problems (near-separated classes) a small gradient alone leaves errors of 1e-3.
   * Default 1e-6 (float32 evaluation leaves errors near 1e-5; on MNIST-size problems 1e-5 left 8e-4).
   */
  readonly stepTolerance?: number;
  /** L-BFGS iterations. Default 1000. */
  readonly maxIterations?: number;
  /**
   * The data term. `cross-entropy` (default) is logistic regression's negative log-likelihood; `squared-error`,
   * Σᵢ Σₖ (pᵢₖ − yᵢₖ)² on the activation's output, is NOT (its minimizer is not the MLE): the suite's control net.
   */
  readonly loss?: 'cross-entropy' | 'squared-error';
}

/** What training returned: θ as K rows of (bₖ, wₖ) and the optimizer's account. */
export interface DenseTraining {
  readonly theta: Float64Array;
  readonly iterations: number;
  /** Full-batch passes (loss + gradient evaluations through tfjs). */
  readonly epochs: number;
  readonly converged: boolean;
  readonly gradientNorm: number;
  /** Mean objective at the end (float32). */
  readonly loss: number;
}

/**
 * Build `Sequential[Dense(units), Activation(sigmoid | softmax)]` (= Dense(units, activation)) and minimize
 * (1/n)·[Σ cross-entropy (or squared error, `options.loss`) + (l2/2)‖kernel‖²] over its kernel and bias with {@link minimizeLbfgs}: tfjs computes the
 * loss (from the Dense layer's logits, the numerically stable form of cross-entropy) and its gradient by autodiff
 * (`tf.variableGrads`) on the current backend; only the L-BFGS update is done in float64 JS.
 * `labels` is n × units (0/1, one-hot for softmax). Every tensor is disposed before returning.
 */
export function trainDense(
  design: Design,
  labels: Float32Array,
  units: number,
  activation: 'sigmoid' | 'softmax',
  options: NetOptions,
): DenseTraining {
  const { n, d } = design;
  const l2 = options.l2 ?? 0;
  const p = d + 1;
  const model = tfl.sequential({
    layers: [
      tfl.layers.dense({
        units,
        inputShape: [d],
        kernelInitializer: tfl.initializers.glorotUniform({ seed: options.seed ?? 0 }),
        biasInitializer: 'zeros',
      }),
      tfl.layers.activation({ activation }),
    ],
  });
  const dense = model.layers[0]!;
  const [kernelVar, biasVar] = dense.trainableWeights.map((w) => w.read() as tf.Variable) as [
    tf.Variable,
    tf.Variable,
  ];
  const x = tf.tensor2d(Float32Array.from(design.x), [n, d]);
  const y = tf.tensor2d(labels, [n, units]);
  const pack = (kernel: Float32Array, bias: Float32Array): Float64Array => {
    const theta = new Float64Array(units * p);
    for (let k = 0; k < units; k++) {
      theta[k * p] = bias[k]!;
      for (let j = 0; j < d; j++) theta[k * p + 1 + j] = kernel[j * units + k]!;
    }
    return theta;
  };
  const loss = (): tf.Scalar =>
    tf.tidy(() => {
      const logits = dense.apply(x) as tf.Tensor2D;
      const data =
        options.loss === 'squared-error'
          ? tf.sum(tf.square(tf.sub(activation === 'sigmoid' ? tf.sigmoid(logits) : tf.softmax(logits), y)))
          : activation === 'sigmoid'
            ? tf.losses.sigmoidCrossEntropy(y, logits, undefined, 0, tf.Reduction.SUM)
            : tf.losses.softmaxCrossEntropy(y, logits, undefined, 0, tf.Reduction.SUM);
      return tf.div(tf.add(data, tf.mul(0.5 * l2, tf.sum(tf.square(kernelVar)))), n) as tf.Scalar;
    });
  const objective = (theta: Float64Array) => {
    const kernel = new Float32Array(d * units);
    const bias = new Float32Array(units);
    for (let k = 0; k < units; k++) {
      bias[k] = theta[k * p]!;
      for (let j = 0; j < d; j++) kernel[j * units + k] = theta[k * p + 1 + j]!;
    }
    const [valueT, kernelGradT, biasGradT] = tf.tidy(() => {
      kernelVar.assign(tf.tensor2d(kernel, [d, units]));
      biasVar.assign(tf.tensor1d(bias));
      const { value, grads } = tf.variableGrads(loss, [kernelVar, biasVar]);
      return [value, grads[kernelVar.name]!, grads[biasVar.name]!];
    });
    const value = valueT.dataSync()[0]!;
    const gradient = pack(kernelGradT.dataSync() as Float32Array, biasGradT.dataSync() as Float32Array);
    tf.dispose([valueT, kernelGradT, biasGradT]);
    return { value, gradient };
  };
  try {
    const theta0 = pack(kernelVar.dataSync() as Float32Array, biasVar.dataSync() as Float32Array);
    const r = minimizeLbfgs(objective, theta0, {
      gradientTolerance: options.gradientTolerance ?? 1e-7,
      stepTolerance: options.stepTolerance ?? 1e-6,
      maxIterations: options.maxIterations ?? 1000,
      relativeNoise: 1e-6,
    });
    return {
      theta: r.theta,
      iterations: r.iterations,
      epochs: r.evaluations,
      converged: r.converged,
      gradientNorm: r.gradientNorm,
      loss: r.value,
    };
  } finally {
    tf.dispose([x, y]);
    model.dispose();
  }
}
