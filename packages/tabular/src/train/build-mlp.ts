/** The untrained, seeded MLP that {@link trainMlp} fits: Dense layers `hidden1…hiddenL`, then `out`. */
import * as tfl from '@tensorflow/tfjs-layers';
import type { Rng } from '@openbox/runtime';
import type { MlpActivation } from './train-mlp-options.js';

/** The architecture {@link buildMlp} builds. */
export interface MlpSpec {
  readonly features: number;
  readonly classes: number;
  readonly hidden: readonly number[];
  readonly activation: MlpActivation;
  readonly l2: number;
}

/**
 * `Sequential[Dense(h₁, act) 'hidden1', …, Dense(h_L, act) 'hiddenL', out]`, where `out` is ONE sigmoid unit
 * (class 1's probability, so its pre-activation is the log-odds) for `classes = 2` and `classes` softmax units
 * otherwise. Kernels are Glorot-uniform (Keras's default) seeded by `rng.tfSeed()` layer by layer, biases 0, and
 * each kernel carries Keras's `l2` regularizer (l2 · ‖W‖², omitted when `l2 = 0`) so that the saved config records it.
 * @example const model = buildMlp({ features: 4, classes: 3, hidden: [8], activation: 'relu', l2: 0 }, createRng(0));
 */
export function buildMlp(spec: MlpSpec, rng: Rng): tfl.Sequential {
  const sizes = [...spec.hidden, spec.classes === 2 ? 1 : spec.classes];
  return tfl.sequential({
    layers: sizes.map((units, i) => {
      const last = i === sizes.length - 1;
      return tfl.layers.dense({
        ...(i === 0 ? { inputShape: [spec.features] } : {}),
        units,
        activation: last ? (spec.classes === 2 ? 'sigmoid' : 'softmax') : spec.activation,
        name: last ? 'out' : `hidden${i + 1}`,
        kernelInitializer: tfl.initializers.glorotUniform({ seed: rng.tfSeed() }),
        biasInitializer: 'zeros',
        ...(spec.l2 > 0 ? { kernelRegularizer: tfl.regularizers.l2({ l2: spec.l2 }) } : {}),
      });
    }),
  });
}
