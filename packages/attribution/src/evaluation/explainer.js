/**
 * What the evaluation functions evaluate: an attribution method (called with the evaluation's targets and output and
 * `methodOptions`), or any function `(inputs, model, owners) => attributions`, or (for the metrics that only need the
 * map at the given inputs) a ready attribution tensor.
 */
import * as tf from '@tensorflow/tfjs-core';
import { MESSAGES } from '../messages.js';
/** The targets of rows owned by `owners`: one target stays one, a list is expanded to one per row. */
function expandTargets(targets, owners) {
  if (!Array.isArray(targets)) return targets;
  const list = targets;
  return Array.from(owners, (o) => list[o]);
}
/**
 * Attributions of `inputs` (rows owned by `owners`), checked to have the inputs' shape; the caller disposes them.
 * @example const phi = explain('infidelity', saliency, model, x, tiledOwners(n, 1), { targets: 3 });
 */
export function explain(fn, explainer, model, inputs, owners, options) {
  if (typeof explainer === 'function') {
    const attributions = explainer(inputs, model, owners);
    checkSameShape(fn, 'the attributions', attributions, inputs, () => attributions.dispose());
    return attributions;
  }
  const result = callMethod(fn, explainer, model, inputs, owners, options);
  result.delta?.dispose();
  result.layerAttributions?.dispose();
  return result.attributions;
}
/**
 * The method's whole result for `inputs` (rows owned by `owners`), its attributions checked to have the inputs'
 * shape; the caller disposes every tensor in it.
 * @example const { attributions, delta } = callMethod('completeness', ig, model, x, owners, { targets: 0 });
 */
export function callMethod(fn, method, model, inputs, owners, options) {
  const result = method.attribute(model, inputs, {
    ...options.methodOptions,
    targets: expandTargets(options.targets, owners),
    ...(options.output === undefined ? {} : { output: options.output }),
    ...(options.internalBatchSize === undefined ? {} : { internalBatchSize: options.internalBatchSize }),
  });
  checkSameShape(fn, 'the attributions', result.attributions, inputs, () => {
    for (const t of [result.attributions, result.delta, result.layerAttributions]) t?.dispose();
  });
  return result;
}
/**
 * Throws (after `cleanup`) unless `a` has the shape of `b`.
 * @example checkSameShape('ssim', 'the second maps', b, a);
 */
export function checkSameShape(fn, what, a, b, cleanup = () => {}) {
  if (a.rank === b.rank && a.shape.every((d, i) => d === b.shape[i])) return;
  cleanup();
  throw new Error(MESSAGES.evaluationShape(fn, what, a.shape, b.shape));
}
/**
 * The attributions of the evaluated inputs (one row per input): a given tensor is cloned after a shape check.
 * @example const phi = attributionsOf('deletionInsertion', saliency, model, x, { targets: 0 });
 */
export function attributionsOf(fn, attributions, model, inputs, options) {
  if (attributions instanceof tf.Tensor) {
    checkSameShape(fn, 'the attributions', attributions, inputs);
    return tf.clone(attributions);
  }
  const owners = Int32Array.from({ length: inputs.shape[0] }, (_, i) => i);
  return explain(fn, attributions, model, inputs, owners, options);
}
//# sourceMappingURL=explainer.js.map
