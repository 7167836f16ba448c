/** What the main thread sends an exact-Shapley worker and what it answers: plain data, typed arrays transferred. */
import type * as tfl from '@tensorflow/tfjs-layers';
import type { OutputSpace } from '../core/explained-output.js';

/** One weight of the model: its values (a copy, transferred), shape and dtype, in `model.weights` order. */
export interface WeightData {
  readonly data: Float32Array | Int32Array | Uint8Array;
  readonly shape: number[];
  readonly dtype: 'float32' | 'int32' | 'bool';
}

/** The `workerData` of one worker: the model, its block of rows, the background and the options. */
export interface ExactShapleyJob {
  /** `model.toJSON(null, false)`: the topology that `tfl.models.modelFromJSON` rebuilds. */
  readonly topology: Parameters<typeof tfl.models.modelFromJSON>[0];
  readonly weights: readonly WeightData[];
  readonly backend: 'wasm' | 'cpu';
  /** The block's rows, row-major, `rows × cols`. */
  readonly x: { readonly data: Float64Array; readonly rows: number; readonly cols: number };
  readonly background: { readonly data: Float64Array; readonly rows: number; readonly cols: number };
  readonly target?: number;
  readonly output?: OutputSpace;
  readonly batchRows?: number;
}

/** A worker's answer: its block's explanation fields, or the message of what it threw. */
export type ExactShapleyReply =
  | {
      readonly ok: true;
      readonly method: string;
      readonly label: string;
      readonly baseValue: number;
      readonly values: Float64Array;
      readonly predictions: Float64Array;
      readonly delta: Float64Array;
    }
  | { readonly ok: false; readonly error: string };

/** The topology and a transferable copy of every weight of `model` (float32 bits unchanged: exact). */
export function serializeModel(model: tfl.LayersModel): Pick<ExactShapleyJob, 'topology' | 'weights'> {
  const topology = model.toJSON(null, false) as ExactShapleyJob['topology'];
  // getWeights() returns the variables' own tensors (not to be disposed); dataSync() may be their backing store
  // (cpu), so it is copied before being transferred.
  const weights = model.getWeights().map((w) => ({
    data: w.dataSync().slice() as WeightData['data'],
    shape: [...w.shape],
    dtype: w.dtype as WeightData['dtype'],
  }));
  return { topology, weights };
}
