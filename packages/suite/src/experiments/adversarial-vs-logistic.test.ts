/** adversarial-vs-logistic: holds on the reference CNN (numbers redone in float64); a re-initialized and a constant model do not. */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ModelAdapter, requireLayersModel, type ImageModel } from '@openbox/cnn-vis';
import { defaultCacheDir, initBackend, reinitializedCopy } from '@openbox/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { controlModels } from '../controls/control-models.js';
import type { ExperimentContext, ExperimentOutput } from '../experiment.js';
import { QUICK_BUDGET } from './adversarial-budget.js';
import { adversarialOutput } from './adversarial-output.js';
import { adversarialVsLogistic, runAdversarialExperiment } from './adversarial-vs-logistic.js';
import { cnnSetup, type CnnSetup } from './cnn-setup.js';
import { BOX_EXTENT, LOG2_RATIO_MARGIN } from './judge-adversarial.js';
import { lrLogits } from './lr-logits.js';
import { loadLrTemplates, type LrTemplates } from './lr-templates.js';
import { measureAdversarial, type AdversarialMeasurements } from './measure-adversarial.js';
import {
  argmax64,
  lrScores64,
  lrUnboxedRadius64,
  nearestOther64,
  perturbationSize64,
  quartiles64,
} from './test-adversarial-reference.js';
import { cnnWeights, forward } from './test-cnn-reference.js';
import { quickContext } from './test-experiment-helpers.js';

const ID = 'adversarial-vs-logistic';
const SEED = 0;
const PIXELS = 784;
const ctx = (): ExperimentContext => quickContext(ID, SEED);
const digit = (a: Float32Array, i: number) => a.subarray(i * PIXELS, (i + 1) * PIXELS);
/** |reported − exact| ≤ what round4 moves a value (half its 4th significant digit). */
const expectRound4 = (reported: unknown, exact: number, what: string) =>
  expect(Math.abs((reported as number) - exact), `${what}: ${reported} vs ${exact}`).toBeLessThanOrEqual(
    exact === 0 ? 0 : 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(exact))) - 3) + 1e-12,
  );

describe('adversarial-vs-logistic', () => {
  let setup: CnnSetup;
  let lrT: LrTemplates;
  let m: AdversarialMeasurements;
  let out: ExperimentOutput;
  beforeAll(async () => {
    await initBackend();
    setup = await cnnSetup(ctx());
    lrT = loadLrTemplates(defaultCacheDir());
    const lr = lrLogits(lrT);
    const controls = await controlModels(ctx(), setup.adapter);
    // The experiment's own steps, with the rng the runner gives it.
    m = await measureAdversarial({
      adapter: setup.adapter,
      modelLabel: setup.modelLabel,
      lr: lr.logits,
      controls,
      test: setup.test,
      budget: QUICK_BUDGET,
      rng: ctx().rng,
    });
    lr.dispose();
    out = adversarialOutput(m, QUICK_BUDGET, setup.modelLabel);
  }, 300_000);

  it('holds on the reference CNN: medians and quartiles redone from the per-digit radii; the reason states them', () => {
    expect(out.verdict.status).toBe('holds');
    expect(out.verdict.evidence?.map((e) => [e.metric.slice(0, 20), e.holds, e.requiredMargin])).toEqual([
      ['log₂ median minimal ', true, LOG2_RATIO_MARGIN],
      ['log₂ median minimal ', true, LOG2_RATIO_MARGIN],
      ['log₂ median minimal ', true, LOG2_RATIO_MARGIN],
      ['log₂ median minimal ', true, LOG2_RATIO_MARGIN],
    ]);
    const x = out.metrics;
    expect(x['digits']).toBe(QUICK_BUDGET.digits);
    for (const [norm, N] of [
      ['linf', 'Linf'],
      ['l2', 'L2'],
    ] as const) {
      const cnn = quartiles64(m.cnn[norm].epsilon, QUICK_BUDGET.cap[norm]);
      const lr = quartiles64(m.lr[norm].epsilon, QUICK_BUDGET.cap[norm]);
      const random = quartiles64(m.randomRadius[norm], BOX_EXTENT[norm]);
      const nearest = quartiles64(m.nearest[norm], Infinity);
      expectRound4(x[`cnnMedian${N}`], cnn.median, 'cnn median');
      expectRound4(x[`cnnQ1${N}`], cnn.q1, 'cnn q1');
      expectRound4(x[`lrQ3${N}`], lr.q3, 'lr q3');
      expectRound4(x[`randomDirectionMedian${N}`], random.median, 'random median');
      expectRound4(x[`nearestOtherClassMedian${N}`], nearest.median, 'nearest median');
      expect(x[`cnnNeedsLargerThanLr${N}`]).toBe(cnn.median > lr.median);
      // The judged margins: log₂ gaps to the strongest null and the strongest re-initialized copy.
      const controls = m.controls.map((c) =>
        Math.log2(quartiles64(c.epsilon[norm], BOX_EXTENT[norm]).median),
      );
      const special = Math.min(Math.log2(random.median), Math.log2(nearest.median)) - Math.log2(cnn.median);
      const learned = Math.log2(cnn.median) - Math.max(...controls);
      expectRound4(x[`specialObservedMargin${N}`], special, 'special margin');
      expectRound4(x[`learnedObservedMargin${N}`], learned, 'learned margin');
      expect(Math.min(special, learned)).toBeGreaterThanOrEqual(LOG2_RATIO_MARGIN);
      expect(x[`randomFlipFraction${N}`] as number).toBeLessThanOrEqual(0.05);
      const name = norm === 'linf' ? 'L∞' : 'L2';
      expect(out.verdict.reason).toContain(
        `${name}: median minimal radius CNN ${x[`cnnMedian${N}`]} (quartiles ${x[`cnnQ1${N}`]}–${x[`cnnQ3${N}`]}), LR ${x[`lrMedian${N}`]} (${x[`lrQ1${N}`]}–${x[`lrQ3${N}`]})`,
      );
      expect(out.verdict.reason).toContain(
        `random direction ${x[`randomDirectionMedian${N}`]}, nearest other-class digit ${x[`nearestOtherClassMedian${N}`]}`,
      );
    }
    expect(out.charts.map((c) => c.id)).toEqual([
      'special-linf',
      'learned-linf',
      'special-l2',
      'learned-l2',
      'adversarial-images',
      'perturbations',
    ]);
    expect(out.artifacts.map((a) => a.file)).toEqual(['adversarial-digits.png']);
  });

  it('every adversarial image flips its model in float64 and lies in the box and the ball of its radius', () => {
    const w = cnnWeights(requireLayersModel(setup.adapter, 'test'));
    for (const norm of ['linf', 'l2'] as const)
      for (let i = 0; i < m.labels.length; i++) {
        const x = digit(m.images, i);
        for (const [r, classify] of [
          [m.cnn[norm], (a: Float32Array) => argmax64(forward(w, a).logits)],
          [m.lr[norm], (a: Float32Array) => argmax64(lrScores64(lrT, a))],
        ] as const) {
          const adv = digit(r.adversarial, i);
          expect(Number.isFinite(r.epsilon[i]!)).toBe(true);
          expect(classify(x)).toBe(m.labels[i]);
          expect(classify(adv), `${norm} digit ${i}`).not.toBe(m.labels[i]);
          expect(classify(adv)).toBe(r.predicted[i]);
          const size = perturbationSize64(adv, x);
          expect(size.inBox).toBe(true);
          // float32 projection: the scale ε/‖δ‖ and x0 + δ err by ~1e-7 relative.
          expect(size[norm]).toBeLessThanOrEqual(r.epsilon[i]! * (1 + 1e-5));
        }
      }
  });

  it("LR's radii are never below the closed form that ignores the box; the nearest other-class distances are redone", () => {
    for (let i = 0; i < m.labels.length; i++) {
      const x = digit(m.images, i);
      // float32 scores near the boundary: measured slack ≪ 1e-4.
      for (const norm of ['linf', 'l2'] as const)
        expect(m.lr[norm].epsilon[i]!).toBeGreaterThanOrEqual(
          lrUnboxedRadius64(lrT, x, m.labels[i]!, norm) - 1e-4,
        );
      const near = nearestOther64(x, m.labels[i]!, setup.test.features, setup.test.target);
      expect(Math.abs(m.nearest.l2[i]! - near.l2)).toBeLessThan(1e-9);
      expect(m.nearest.linf[i]).toBe(near.linf);
    }
  });

  it('the experiment is its steps: same output twice through runAdversarialExperiment, no tensor left behind', async () => {
    const before = tf.memory().numTensors;
    const run = await adversarialVsLogistic.run(ctx());
    expect(tf.memory().numTensors).toBe(before);
    expect(run.metrics).toEqual({ ...out.metrics, data: setup.dataLabel }); // the run adds the data label
    expect(run.verdict).toEqual(out.verdict);
  }, 300_000);

  it('does not hold on the reference architecture re-initialized: its copies flip as easily as it does', async () => {
    const copy = reinitializedCopy(requireLayersModel(setup.adapter, 'test'), { seed: 12_345 });
    const r = await runAdversarialExperiment(ctx(), {
      model: { adapter: new ModelAdapter(copy), label: 're-initialized reference CNN (seed 12345)' },
      budget: { ...QUICK_BUDGET, digits: 8 },
    });
    expect(r.verdict.status).toBe('does-not-hold');
    const learned = r.verdict.evidence!.filter((e) => e.metric.includes('re-initialized copies'));
    expect(learned.map((e) => e.holds)).toEqual([false, false]);
    expect(r.verdict.reason).toContain('It does not beat every control');
    for (const N of ['Linf', 'L2'])
      expect(r.metrics[`learnedObservedMargin${N}`] as number).toBeLessThan(LOG2_RATIO_MARGIN);
  }, 300_000);

  it('does not hold on a constant-output model: nothing flips it, so its radius ties the random-direction bound', async () => {
    const model = tfl.sequential({
      layers: [
        tfl.layers.flatten({ inputShape: [28, 28, 1] }),
        tfl.layers.dense({ units: 10, activation: 'softmax' }),
      ],
    });
    model.layers[1]!.setWeights([tf.zeros([784, 10]), tf.tensor1d([1, 0, 0, 0, 0, 0, 0, 0, 0, 0])]);
    const r = await runAdversarialExperiment(ctx(), {
      model: { adapter: new ModelAdapter(model), label: 'constant model (always 0)' },
      budget: { ...QUICK_BUDGET, digits: 8 },
    });
    expect(r.verdict.status).toBe('does-not-hold');
    expect([r.metrics['cnnCensoredLinf'], r.metrics['cnnCensoredL2']]).toEqual([8, 8]);
    const special = r.verdict.evidence!.filter((e) => e.metric.includes('random perturbations'));
    expect(special.map((e) => e.holds)).toEqual([false, false]);
    model.dispose();
  }, 300_000);
});
