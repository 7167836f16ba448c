/**
 * attribution-localization (quick): a CNN trained on the pattern images points at the bar far better than the input
 * image on the pointing game but not in mask AUC, so the verdict does not hold; the input-map null recomputed in
 * float64; a net trained on shuffled labels fails every method; same seed, same output; no tensor left behind.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng, initBackend } from '@openbox/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { vegaLiteValidator } from '../../../charts/src/test-schema.js';
import type { ExperimentOutput } from '../experiment.js';
import { AUC_MARGIN, POINTING_MARGIN, runAttributionLocalization } from './attribution-localization.js';
import { DISTRACTOR_SIDE, PATTERN_SIZE, patternSet, trainPatternCnn } from './pattern-cnn.js';
import { maskAuc64, pointingHit64 } from './test-localization-reference.js';
import { expectRounded, quickContext } from './test-experiment-helpers.js';

const ID = 'attribution-localization';
const ctx = () => quickContext(ID, 0);
const METHODS = ['saliency', 'input-x-gradient', 'guided-backprop', 'integrated-gradients'];
const PIXELS = PATTERN_SIZE * PATTERN_SIZE;
/** Float64 counting vs the experiment's float32 ranks on the same float32 pixels: both exact up to 1e-6 (mean of 64). */
const TOL = 1e-6;

let out: ExperimentOutput;
beforeAll(async () => {
  await initBackend();
  out = await runAttributionLocalization(ctx());
}, 120_000);

/** The held-out sets as the experiment draws them (same fork, same order of draws). */
function heldOut() {
  const rng = ctx().rng.fork('pattern-images');
  patternSet(256, 1, rng, true);
  return { test: patternSet(64, 2, rng, true), plain: patternSet(64, 2, rng, false) };
}

describe('attribution-localization (pattern CNN, quick)', () => {
  it('pointing beats every control for 3 methods (not saliency); mask AUC never beats the input image: fails', () => {
    const m = out.metrics;
    expect(out.verdict.status).toBe('does-not-hold');
    expect(m['failingMethods']).toBe(4);
    expect(m['trainAccuracy']).toBe(1);
    const ev = out.verdict.evidence ?? [];
    expect(ev.map((e) => e.holds)).toEqual([false, false, true, false, true, false, true, false]);
    for (const [k, e] of ev.entries()) {
      const label = METHODS[k >> 1]!;
      const key = k % 2 === 0 ? 'Pointing' : 'Auc';
      expect(e.trained).toBe(m[`${label}.${key === 'Pointing' ? 'pointing' : 'auc'}`]);
      expect(e.controls.map((c) => c.value)).toEqual([
        ...[1, 2, 3].map((i) => m[`${label}.copy${i}${key}`]),
        m[`random${key}`],
        m[`input${key}`],
      ]);
      expect(e.requiredMargin).toBe(key === 'Pointing' ? POINTING_MARGIN : AUC_MARGIN);
      expect(e.margin).toBe(m[`${label}.margin${key}`]);
      expect(out.verdict.reason).toContain(
        `${label}: ${key === 'Pointing' ? 'pointing-game accuracy' : 'mask ROC AUC'}: trained ${e.trained} vs `,
      );
    }
    expect(
      out.verdict.reason.startsWith(
        '4 of 4 methods fail on 64 held-out images: saliency, input-x-gradient, guided-backprop, integrated-gradients.',
      ),
    ).toBe(true);
    expect(out.charts.filter((c) => c.id.startsWith('controls-')).length).toBe(8);
  });

  it('the input-image null, recomputed in float64: perfect without the distractor, pointing 0.5 with it', () => {
    const { test, plain } = heldOut();
    const score = (set: typeof test) => {
      const hits = Array.from({ length: set.n }, (_, i) =>
        pointingHit64(
          set.images.subarray(i * PIXELS, (i + 1) * PIXELS),
          set.mask.subarray(i * PIXELS, (i + 1) * PIXELS),
        ),
      );
      const aucs = Array.from({ length: set.n }, (_, i) =>
        maskAuc64(
          set.images.subarray(i * PIXELS, (i + 1) * PIXELS),
          set.mask.subarray(i * PIXELS, (i + 1) * PIXELS),
        ),
      );
      return { pointing: hits.filter(Boolean).length / set.n, auc: aucs.reduce((a, b) => a + b, 0) / set.n };
    };
    const [d, p] = [score(test), score(plain)];
    expectRounded(out.metrics['inputPointing'], d.pointing, TOL, 'input pointing');
    expectRounded(out.metrics['inputAuc'], d.auc, TOL, 'input AUC');
    expect([out.metrics['plainInputPointing'], out.metrics['plainInputAuc']]).toEqual([1, 1]);
    expect([p.pointing, p.auc]).toEqual([1, 1]);
    // The distractor: DISTRACTOR_SIDE² pixels in [0.8, 1] off the bar, the only change to the plain image.
    for (let i = 0; i < test.n; i++) {
      const changed = Array.from({ length: PIXELS }, (_, j) => i * PIXELS + j).filter(
        (j) => test.images[j] !== plain.images[j],
      );
      expect(changed.length).toBe(DISTRACTOR_SIDE ** 2);
      expect(changed.every((j) => test.mask[j] === 0 && test.images[j]! >= 0.8 && test.images[j]! <= 1)).toBe(
        true,
      );
    }
  });

  it('a CNN trained on shuffled pattern labels as the model under study does not hold for any method', async () => {
    const rng = ctx().rng.fork('pattern-images');
    const train = patternSet(256, 1, rng, true);
    const labels = Int32Array.from(createRng(7).shuffle(Array.from(train.labels)));
    const { model } = await trainPatternCnn(train, 0, 12, labels);
    try {
      const res = await runAttributionLocalization(ctx(), {
        model,
        modelLabel: 'trained on shuffled labels',
      });
      expect(res.verdict.status).toBe('does-not-hold');
      expect(res.metrics['failingMethods']).toBe(4);
      // Not only the AUC, which no method wins: no method's pointing game beats the controls either.
      expect(
        res.verdict.evidence?.filter((e) => e.metric.endsWith('pointing-game accuracy')).map((e) => e.holds),
      ).toEqual([false, false, false, false]);
      expect(res.metrics['trainAccuracy']).toBeUndefined();
    } finally {
      model.dispose();
    }
  });

  it('every chart is a valid Vega-Lite spec', () => {
    const validate = vegaLiteValidator();
    for (const chart of out.charts)
      expect(validate(chart.spec), `${chart.id}: ${JSON.stringify(validate.errors?.slice(0, 2))}`).toBe(true);
  });

  it('same seed, same metrics; no tensor left behind', async () => {
    const before = tf.memory().numTensors;
    const again = await runAttributionLocalization(ctx());
    expect(tf.memory().numTensors).toBe(before);
    expect(again.metrics).toEqual(out.metrics);
    expect(again.verdict.reason).toBe(out.verdict.reason);
  });
});
