/** The control net: Dense(K, sigmoid | softmax) trained to convergence on squared error, which is NOT LR's likelihood. */
import { centreClasses, minimizeLbfgs } from '@openbox/logistic';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/** The converged squared-error net read back as K rows of (intercept, coefficients); softmax rows centred. */
export interface MseNetFit {
  readonly intercepts: Float64Array;
  /** K × d row-major. */
  readonly coefficients: Float64Array;
  readonly epochs: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly gradientNorm: number;
}

/**
 * Minimize (1/n)·[Σᵢ Σₖ (pᵢₖ − yᵢₖ)² + (l2/2)‖W‖²] over a tfjs `Dense(units, activation)` (glorot kernel seeded, zero
 * bias) by full-batch L-BFGS on tfjs gradients, to ‖∇‖ ≤ 1e-7 — the same optimizer and stopping rule as the
 * cross-entropy nets, only the loss differs. Squared error on σ(η) is not the Bernoulli log-likelihood, so the
 * converged weights are not the logistic-regression MLE: this is the experiment's control. Tensors are disposed.
 * @example fitMseDense(x, labels, [n, d, 1], 'sigmoid', { l2: 0, seed: 1 }).coefficients
 */
export function fitMseDense(
  x: Float64Array,
  labels: Float32Array,
  shape: readonly [number, number, number],
  activation: 'sigmoid' | 'softmax',
  options: { readonly l2: number; readonly seed: number },
): MseNetFit {
  const [n, d, units] = shape;
  const p = d + 1;
  const dense = tfl.layers.dense({
    units,
    activation,
    kernelInitializer: tfl.initializers.glorotUniform({ seed: options.seed }),
    biasInitializer: 'zeros',
  });
  const xt = tf.tensor2d(Float32Array.from(x), [n, d]);
  const yt = tf.tensor2d(labels, [n, units]);
  try {
    tf.tidy(() => void dense.apply(xt));
    const [kernelVar, biasVar] = dense.trainableWeights.map((w) => w.read() as tf.Variable) as [
      tf.Variable,
      tf.Variable,
    ];
    const loss = (): tf.Scalar =>
      tf.tidy(() => {
        const se = tf.sum(tf.square(tf.sub(dense.apply(xt) as tf.Tensor2D, yt)));
        return tf.div(tf.add(se, tf.mul(0.5 * options.l2, tf.sum(tf.square(kernelVar)))), n) as tf.Scalar;
      });
    const objective = (theta: Float64Array) => {
      const kernel = new Float32Array(d * units);
      const bias = new Float32Array(units);
      for (let k = 0; k < units; k++) {
        bias[k] = theta[k * p]!;
        for (let j = 0; j < d; j++) kernel[j * units + k] = theta[k * p + 1 + j]!;
      }
      const [value, kernelGrad, biasGrad] = tf.tidy(() => {
        kernelVar.assign(tf.tensor2d(kernel, [d, units]));
        biasVar.assign(tf.tensor1d(bias));
        const { value: v, grads } = tf.variableGrads(loss, [kernelVar, biasVar]);
        return [v, grads[kernelVar.name]!, grads[biasVar.name]!];
      });
      const theta64 = pack(kernelGrad.dataSync(), biasGrad.dataSync(), units, d);
      const out = { value: value.dataSync()[0]!, gradient: theta64 };
      tf.dispose([value, kernelGrad, biasGrad]);
      return out;
    };
    const theta0 = pack(kernelVar.dataSync(), biasVar.dataSync(), units, d);
    const r = minimizeLbfgs(objective, theta0, {
      gradientTolerance: 1e-7,
      stepTolerance: 1e-6,
      maxIterations: 2000,
      relativeNoise: 1e-6,
    });
    const theta = activation === 'softmax' ? centreClasses(r.theta, units, p) : r.theta;
    const intercepts = new Float64Array(units);
    const coefficients = new Float64Array(units * d);
    for (let k = 0; k < units; k++) {
      intercepts[k] = theta[k * p]!;
      for (let j = 0; j < d; j++) coefficients[k * d + j] = theta[k * p + 1 + j]!;
    }
    return {
      intercepts,
      coefficients,
      epochs: r.evaluations,
      iterations: r.iterations,
      converged: r.converged,
      gradientNorm: r.gradientNorm,
    };
  } finally {
    tf.dispose([xt, yt]);
    dense.dispose();
  }
}

/** Kernel (d × units) and bias as K rows of (b, w). */
function pack(kernel: ArrayLike<number>, bias: ArrayLike<number>, units: number, d: number): Float64Array {
  const p = d + 1;
  const theta = new Float64Array(units * p);
  for (let k = 0; k < units; k++) {
    theta[k * p] = bias[k]!;
    for (let j = 0; j < d; j++) theta[k * p + 1 + j] = kernel[j * units + k]!;
  }
  return theta;
}
