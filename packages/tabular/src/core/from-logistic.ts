/** A fitted logistic regression (`@openbox/logistic`'s exact fits) as a {@link TabularClassifier}, in float64. */
import * as tf from '@tensorflow/tfjs-core';
import type { ExactLogisticFit, ExactMultinomialFit } from '@openbox/logistic';
import type { TabularClassifier } from './classifier.js';
import type { Matrix } from './matrix.js';

/**
 * Binary fits give a sigmoid head (class 1 is the fit's positive class), multinomial fits a softmax head. Scores are
 * computed exactly in float64 from the coefficients; `scoresTensor` is the same map in float32 (gradient methods).
 * @example explainedOutput(fromLogistic(fitExactLogistic(data)), { output: 'logit' }).affine // β and b
 */
export function fromLogistic(fit: ExactLogisticFit | ExactMultinomialFit, label?: string): TabularClassifier {
  const binary = !('numClasses' in fit);
  const weights = Float64Array.from(fit.coefficients);
  const intercepts = binary ? Float64Array.of(fit.intercept) : Float64Array.from(fit.intercepts);
  const width = intercepts.length;
  const d = weights.length / width;
  const scores = (x: Matrix): Float64Array => {
    const out = new Float64Array(x.rows * width);
    for (let r = 0; r < x.rows; r++) {
      for (let k = 0; k < width; k++) {
        let z = intercepts[k]!;
        for (let c = 0; c < d; c++) z += weights[k * d + c]! * x.data[r * d + c]!;
        out[r * width + k] = z;
      }
    }
    return out;
  };
  const w32 = Float32Array.from(weights);
  const b32 = Float32Array.from(intercepts);
  const scoresTensor = (x: tf.Tensor2D): tf.Tensor2D =>
    tf.tidy(() => tf.add(tf.matMul(x, tf.tensor2d(w32, [width, d]), false, true), tf.tensor1d(b32)));
  return {
    features: d,
    classes: binary ? 2 : width,
    label: label ?? `logistic regression (${binary ? 'binary' : `${width} classes`}, l2 ${fit.l2})`,
    head: binary ? 'sigmoid' : 'softmax',
    scores,
    scoresTensor,
    affine: { weights, intercepts },
  };
}
