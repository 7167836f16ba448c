/** `attributionReport`: an attribution result as the `--json` object, every number checked finite. */
import type * as tf from '@tensorflow/tfjs-core';
import type { AttributionResult } from '@openbox/attribution';
import { CommandError } from '../errors.js';
import { MESSAGES } from '../messages.js';

/** Nested arrays of numbers, as `tensor.arraySync()` returns them. */
export type Nested = number | Nested[];

/** What is known of one input: its file and class (image folders), its label, the name of the class explained. */
export interface InputDescription {
  /** The file, relative to the image folder. */
  readonly file?: string;
  /** The class (sub-folder) it belongs to. */
  readonly class?: string;
  /** Its class index. */
  readonly label?: number;
  /** The name of the class explained (`targets[i]`), when the classes have names. */
  readonly targetClass?: string;
}

/** What `openbox attribute --json` prints and `attributions.json` holds. */
export interface AttributionReport {
  readonly method: string;
  /** The class explained for each input. */
  readonly targets: readonly number[];
  /** NHWC, the inputs' shape. */
  readonly attributions: Nested;
  /** Per input: Σ attributions − (f(x) − f(baseline)), for methods with a convergence delta. */
  readonly delta?: readonly number[];
  /** Layer methods: the map at the layer's resolution (before ReLU and upsampling). */
  readonly layerAttributions?: Nested;
  /** One per input, for labelled inputs (`--images`, `--digits`): file, class, label, the target's name. */
  readonly inputs?: readonly InputDescription[];
  /** How the inputs were preprocessed (`--images`), in words. */
  readonly preprocessing?: string;
}

/** Throws unless every value of `t` is finite, naming the first input (row) that is not. */
function checkFinite(method: string, what: string, t: tf.Tensor): Float32Array {
  const data = t.dataSync() as Float32Array;
  const perRow = data.length / Math.max(1, t.shape[0] ?? 1);
  const bad = data.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0)
    throw new CommandError(
      'non-finite-output',
      MESSAGES.nonFiniteAttribution(method, what, Math.floor(bad / perRow)),
    );
  return data;
}

/**
 * The report of `result` (the caller still owns its tensors) and the attributions as one flat array, for drawing.
 * @example const { report } = attributionReport('saliency', [3, 7], result); JSON.stringify(report);
 */
export function attributionReport(
  method: string,
  targets: readonly number[],
  result: AttributionResult,
): { report: AttributionReport; flat: Float32Array } {
  const flat = checkFinite(method, 'attributions', result.attributions);
  if (result.delta !== undefined) checkFinite(method, 'deltas', result.delta);
  if (result.layerAttributions !== undefined)
    checkFinite(method, 'layer attributions', result.layerAttributions);
  const report: AttributionReport = {
    method,
    targets,
    attributions: result.attributions.arraySync() as Nested,
    ...(result.delta === undefined ? {} : { delta: Array.from(result.delta.dataSync()) }),
    ...(result.layerAttributions === undefined
      ? {}
      : { layerAttributions: result.layerAttributions.arraySync() as Nested }),
  };
  return { report, flat };
}
