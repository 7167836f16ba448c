/** Test fixtures shared by the tabular tests: backend, seeded tables, a small MLP, an affine model. Not built. */
import * as tfl from '@tensorflow/tfjs-layers';
import { createRng, initBackend } from '@openbox/runtime';
import type { ExplainedFunction } from './core/explained-output.js';
import type { Matrix } from './core/matrix.js';

/** The cpu backend: deterministic float32, fast enough for these small nets. */
export async function setupBackend(): Promise<void> {
  await initBackend({ backend: 'cpu' });
}

/** `rows × cols` seeded values uniform in [low, high). */
export function randomMatrix(rows: number, cols: number, seed: number, low = -1, high = 1): Matrix {
  const rng = createRng(seed);
  return {
    data: Float64Array.from({ length: rows * cols }, () => low + (high - low) * rng.next()),
    rows,
    cols,
  };
}

/** A seeded, untrained MLP `features → hidden… → classes` (softmax; `classes = 1` gives a sigmoid unit). */
export function smallMlp(
  features: number,
  hidden: readonly number[],
  classes: number,
  seed: number,
): tfl.LayersModel {
  const model = tfl.sequential();
  hidden.forEach((units, i) =>
    model.add(
      tfl.layers.dense({
        ...(i === 0 ? { inputShape: [features] } : {}),
        units,
        activation: 'tanh',
        name: `hidden${i + 1}`,
        kernelInitializer: tfl.initializers.glorotNormal({ seed: seed + i }),
        biasInitializer: tfl.initializers.randomNormal({ stddev: 0.3, seed: seed + 100 + i }),
      }),
    ),
  );
  model.add(
    tfl.layers.dense({
      ...(hidden.length === 0 ? { inputShape: [features] } : {}),
      units: classes,
      activation: classes === 1 ? 'sigmoid' : 'softmax',
      name: 'out',
      kernelInitializer: tfl.initializers.glorotNormal({ seed: seed + 50 }),
    }),
  );
  return model;
}

/** A pure-JS function from a per-row formula (no tensors), for closed-form tests. */
export function jsFunction(
  features: number,
  formula: (row: Float64Array) => number,
  label = 'f',
): ExplainedFunction {
  return {
    features,
    label,
    evaluate: (x) => {
      const out = new Float64Array(x.rows);
      for (let r = 0; r < x.rows; r++) out[r] = formula(x.data.subarray(r * features, (r + 1) * features));
      return out;
    },
  };
}
