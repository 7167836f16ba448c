/**
 * attribution-sanity on the reference CNN (quick): the verdict and every judged similarity, saliency's recomputed in
 * float64; a method that returns the input and a re-initialized net as the model under study must not hold.
 */
import * as tf from '@tensorflow/tfjs-core';
import { guidedBackprop, saliency } from '@openbox/attribution';
import { beforeAll, describe, expect, it } from 'vitest';
import { vegaLiteValidator } from '../../../charts/src/test-schema.js';
import { controlModels } from '../controls/control-models.js';
import { trainedControl } from '../controls/trained-controls.js';
import type { ExperimentOutput } from '../experiment.js';
import { SANITY_MARGIN, runAttributionSanity } from './attribution-sanity.js';
import { cnnSetup } from './cnn-setup.js';
import { spearmanAbs64, ssimAbs64 } from './test-attribution-reference.js';
import { expectRounded, quickContext } from './test-experiment-helpers.js';

const ID = 'attribution-sanity';
const ctx = () => quickContext(ID, 0);
const METHODS = ['saliency', 'input-x-gradient', 'guided-backprop', 'integrated-gradients'];
/**
 * This file's float64 similarities (mean over the 8 digits) vs the experiment's float32 ones as round4 reports them:
 * measured |Δ| ≤ 2.7e-5 for ρ of |Φ| and ≤ 3.1e-5 for SSIM (seed 0, judge and 4 controls), rounding included;
 * tolerance beyond round4's half last digit 1e-4 (float32 sums over 784 pixels and 121-pixel windows).
 */
const TOL = 1e-4;

let out: ExperimentOutput;
beforeAll(async () => {
  out = await runAttributionSanity(ctx());
}, 120_000);

describe('attribution-sanity (reference CNN, quick)', () => {
  it('guided backprop passes; saliency, input × gradient and integrated gradients do not: the verdict fails', () => {
    const m = out.metrics;
    expect(out.verdict.status).toBe('does-not-hold');
    expect(m['failingMethods']).toBe(3);
    const ev = out.verdict.evidence ?? [];
    expect(ev.length).toBe(2 * METHODS.length);
    expect(ev.map((e) => e.holds)).toEqual([false, true, false, false, true, true, false, false]);
    expect(
      out.verdict.reason.startsWith('3 of 4 methods fail on 8 digits: saliency (margin over the strongest'),
    ).toBe(true);
    for (const [k, e] of ev.entries()) {
      const label = METHODS[k >> 1]!;
      const key = k % 2 === 0 ? 'RankAbs' : 'Ssim';
      expect(e.trained).toBe(m[`${label}.judge${key}`]);
      expect(e.controls.map((c) => c.value)).toEqual(
        [1, 2, 3, 4].map((i) => m[`${label}.control${i}${key}`]),
      );
      expect(e.margin).toBe(m[`${label}.margin${key}`]);
      expect(e.requiredMargin).toBe(SANITY_MARGIN);
      expect(e.holds).toBe(e.margin >= SANITY_MARGIN);
      expect(out.verdict.reason).toContain(`: trained ${e.trained} vs `);
    }
    expect(out.charts.filter((c) => c.id.startsWith('controls-')).length).toBe(2 * METHODS.length);
  });

  it("saliency's similarities are those of a float64 recomputation from the maps", async () => {
    const c = ctx();
    const setup = await cnnSetup(c);
    const order = c.rng.shuffle(Array.from({ length: setup.test.shape[0]! }, (_, i) => i)).slice(0, 8);
    const labels = order.map((i) => setup.test.target[i]!);
    const x = tf.tensor4d(
      Float32Array.from(
        order.flatMap((i) => Array.from(setup.test.features.subarray(i * 784, (i + 1) * 784))),
      ),
      [8, 28, 28, 1],
    );
    const mapOf = (model: Parameters<typeof saliency.attribute>[0]) => {
      const { attributions } = saliency.attribute(model, x, { targets: labels });
      const v = attributions.dataSync() as Float32Array;
      attributions.dispose();
      return v;
    };
    const others = [
      (await trainedControl(c, 'judge')).adapter,
      ...(await controlModels(c, setup.adapter)).map((r) => r.adapter),
      (await trainedControl(c, 'shuffled-labels')).adapter,
    ];
    const own = mapOf(setup.adapter);
    others.forEach((o, k) => {
      const phi = mapOf(o);
      const per = (f: (a: Float32Array, b: Float32Array) => number) =>
        order.reduce(
          (s, _, i) => s + f(own.subarray(i * 784, (i + 1) * 784), phi.subarray(i * 784, (i + 1) * 784)),
          0,
        ) / 8;
      const name = k === 0 ? 'judge' : `control${k}`;
      expectRounded(out.metrics[`saliency.${name}RankAbs`], per(spearmanAbs64), TOL, `${name} ρ`);
      expectRounded(
        out.metrics[`saliency.${name}Ssim`],
        per((a, b) => ssimAbs64(a, b, 28, 28)),
        TOL,
        `${name} SSIM`,
      );
    });
    x.dispose();
  });

  it('a method that returns the input ignores the model and does not hold (every control ties it)', async () => {
    const echo = await runAttributionSanity(ctx(), {
      methods: [{ label: 'the input itself', explainer: (inputs) => tf.clone(inputs) }],
    });
    expect(echo.verdict.status).toBe('does-not-hold');
    expect(echo.verdict.evidence?.map((e) => [e.trained, e.margin, e.holds])).toEqual([
      [1, 0, false],
      [1, 0, false],
    ]);
    expect(echo.verdict.reason).toContain(
      '1 of 1 methods fail on 8 digits: the input itself (margin over the strongest control: ρ 0, SSIM 0; required 0.05).',
    );
    expect(echo.verdict.reason).toContain('trained on shuffled labels at 1 ties it');
  });

  it('a re-initialized copy of the CNN as the model under study does not hold, even for guided backprop', async () => {
    const c = ctx();
    const [control] = await controlModels(c, (await cnnSetup(c)).adapter);
    const res = await runAttributionSanity(c, {
      adapter: control!.adapter,
      modelLabel: control!.label,
      methods: [{ label: 'guided-backprop', explainer: guidedBackprop }],
    });
    expect(res.verdict.status).toBe('does-not-hold');
    expect(res.metrics['failingMethods']).toBe(1);
  });

  it('every chart is a valid Vega-Lite spec', () => {
    const validate = vegaLiteValidator();
    for (const chart of out.charts)
      expect(validate(chart.spec), `${chart.id}: ${JSON.stringify(validate.errors?.slice(0, 2))}`).toBe(true);
  });

  it('same seed, same metrics; no tensor left behind', async () => {
    const methods = [{ label: 'saliency', explainer: saliency }];
    const first = await runAttributionSanity(ctx(), { methods });
    const before = tf.memory().numTensors;
    const second = await runAttributionSanity(ctx(), { methods });
    expect(tf.memory().numTensors).toBe(before);
    expect(second.metrics).toEqual(first.metrics);
    expect(second.verdict.reason).toBe(first.verdict.reason);
  });
});
