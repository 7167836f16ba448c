/**
 * Deletion and insertion curves (Petsiuk et al. 2018, "RISE", §4.1): the pixels are ordered most important first by
 * the attribution map (Σ over channels of Φ, or of |Φ|); the deletion curve scores the input with the first fraction
 * t of them replaced by a baseline (zeros by default), the insertion curve a blurred canvas with the first fraction
 * t of them put back. A faithful map makes deletion fall fast (low AUC) and insertion rise fast (high AUC). Points at
 * t_j = round(j P / steps) / P, j = 0..steps, of P = height × width pixels; AUC = ∫₀¹ by the trapezoid rule over t.
 * Every curve point of every input is one row of one batched forward pass (in chunks).
 */
import * as tf from '@tensorflow/tfjs-core';
import { makeBaseline } from '../baselines/make-baseline.js';
import { forwardValues } from '../core/forward-values.js';
import { checkPositiveInteger, prepare } from '../core/prepare.js';
import { attributionsOf } from './explainer.js';
/**
 * @example const { deletionAuc, insertionAuc } = deletionInsertion(cnn, digits, saliency, { targets: [3, 7], steps: 28 });
 */
export function deletionInsertion(model, inputs, attributions, options) {
  const fn = 'deletionInsertion';
  // 1. Resolve the options; count the pixels deleted at each step.
  const resolved = { ...options, output: options.output ?? 'model' };
  const { adapter, n, targets, batchSize } = prepare(fn, model, inputs, resolved);
  const [, h, w, c] = inputs.shape;
  const pixels = h * w;
  const steps = checkPositiveInteger(fn, 'options.steps', options.steps ?? Math.min(pixels, 100));
  const counts = Float32Array.from({ length: steps + 1 }, (_, j) => Math.round((j * pixels) / steps));
  const fractions = counts.map((k) => k / pixels);
  const owners = Int32Array.from({ length: n * (steps + 1) }, (_, r) => Math.floor(r / (steps + 1)));
  const phi = attributionsOf(fn, attributions, model, inputs, resolved);
  let values;
  try {
    values = tf.tidy(() => {
      const deleted = makeBaseline(fn, options.deletionBaseline ?? 'zeros', inputs, options.baselineOptions);
      const canvas = makeBaseline(fn, options.insertionBaseline ?? 'blur', inputs, options.baselineOptions);
      // 2. Each pixel's rank (0 = most important), by inverting the descending order.
      const score = tf.reshape(tf.sum(options.abs === true ? tf.abs(phi) : phi, 3), [n, pixels]);
      const order = tf.topk(score, pixels).indices;
      const rank = tf.topk(tf.neg(tf.cast(order, 'float32')), pixels).indices;
      // 3. Masks [n · (steps + 1), h, w, 1]: 1 where a pixel is among the first counts[j].
      const mask = tf.reshape(
        tf.cast(
          tf.less(tf.expandDims(rank, 1), tf.reshape(tf.tensor1d(counts, 'int32'), [1, -1, 1])),
          'float32',
        ),
        [n * (steps + 1), h, w, 1],
      );
      const tiled = (t) =>
        tf.reshape(tf.tile(tf.expandDims(t, 1), [1, steps + 1, 1, 1, 1]), [n * (steps + 1), h, w, c]);
      const [x, d, b] = [tiled(inputs), tiled(deleted), tiled(canvas)];
      const keep = tf.sub(1, mask);
      const rows = tf.concat([
        tf.add(tf.mul(x, keep), tf.mul(d, mask)),
        tf.add(tf.mul(b, keep), tf.mul(x, mask)),
      ]);
      // 4. One batched scoring of every point, then the trapezoid AUC per curve.
      const scores = tf.reshape(
        forwardValues(adapter, rows, Int32Array.from([...owners, ...owners]), targets, batchSize),
        [2 * n, steps + 1],
      );
      const dt = tf.tensor1d(fractions.subarray(1).map((f, j) => f - fractions[j]));
      const mid = tf.div(
        tf.add(tf.slice(scores, [0, 1], [-1, steps]), tf.slice(scores, [0, 0], [-1, steps])),
        2,
      );
      return tf.concat([tf.reshape(scores, [-1]), tf.sum(tf.mul(mid, dt), 1)]).dataSync();
    });
  } finally {
    phi.dispose();
  }
  // 5. Split the one read back into curves and AUCs.
  const len = steps + 1;
  const curve = (k) =>
    Array.from({ length: n }, (_, i) => values.slice((k * n + i) * len, (k * n + i + 1) * len));
  const auc = values.subarray(2 * n * len);
  return {
    fractions,
    deletion: curve(0),
    insertion: curve(1),
    deletionAuc: auc.slice(0, n),
    insertionAuc: auc.slice(n, 2 * n),
  };
}
//# sourceMappingURL=deletion-insertion.js.map
