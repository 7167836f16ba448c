/**
 * Adebayo et al. 2018, "Sanity checks for saliency maps", §3.1: cascading model randomization. The layers with
 * weights are re-initialized one more at a time from the output down (`cascadingRandomization`, seeded); at each
 * step the same inputs and targets are explained again and compared with the trained model's maps (Spearman's ρ of
 * |Φ| and of Φ, SSIM of normalized |Φ|). A method whose maps survive the cascade (ρ stays high) does not depend on
 * what the model learned: it fails the check.
 */
import * as tf from '@tensorflow/tfjs-core';
import { cascadingRandomization } from '@openbox/runtime';
import { prepare } from '../core/prepare.js';
import { compareMaps, similarityOf } from './compare-maps.js';
import { attributionsOf, explain } from './explainer.js';
/**
 * Runs the cascade and compares maps; every randomized copy is disposed, and nothing else is left.
 * @example const { rows, summary } = modelRandomization(cnn, digits, saliency, { targets: [3, 7], seed: 1 });
 */
export function modelRandomization(model, inputs, explainer, options) {
  const fn = 'modelRandomization';
  // 1. Check the arguments, explain with the trained model, build the cascade.
  const { n } = prepare(fn, model, inputs, options);
  const threshold = options.threshold ?? 0.5;
  const owners = Int32Array.from({ length: n }, (_, i) => i);
  const original = attributionsOf(fn, explainer, model, inputs, options);
  const sims = [];
  let steps = [];
  try {
    steps = cascadingRandomization(model, { seed: options.seed ?? 0 });
    sims.push(compareMaps(original, original));
    // 2. Explain again at every step and compare (the copies are disposed below, also on an error).
    for (const step of steps) {
      const phi = explain(fn, explainer, step.model, inputs, owners, options);
      sims.push(compareMaps(original, phi));
      phi.dispose();
    }
    // 3. One read back for every row.
    const stacked = tf.stack(sims);
    const values = stacked.dataSync();
    stacked.dispose();
    const all = sims.map((_, k) => similarityOf(values.subarray(k * 3 * n, (k + 1) * 3 * n), n));
    const rows = steps.map((s, k) => ({ layer: s.layer, ...all[k + 1] }));
    const last = rows[rows.length - 1];
    return {
      reference: all[0],
      rows,
      summary: {
        finalRankAbs: last.meanRankAbs,
        finalSsim: last.meanSsim,
        threshold,
        passes: last.meanRankAbs < threshold,
      },
    };
  } finally {
    for (const s of steps) s.model.dispose();
    for (const t of [original, ...sims]) t.dispose();
  }
}
//# sourceMappingURL=model-randomization.js.map
