/** attribution-deletion: AUCs recomputed in float64 from the model's own predictions; random maps and a re-initialized CNN do not hold. */
import { gaussianBlur } from '@openbox/attribution';
import { ModelAdapter, requireLayersModel, type ImageModel } from '@openbox/cnn-vis';
import { loadMnist } from '@openbox/datasets';
import { createRng, reinitializedCopy } from '@openbox/runtime';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { vegaLiteValidator } from '../../../charts/src/test-schema.js';
import { controlModels } from '../controls/control-models.js';
import type { ExperimentOutput } from '../experiment.js';
import {
  CURVE_STEPS,
  DELETION_AUC_MARGIN,
  DELETION_METHODS,
  isJudged,
  runAttributionDeletionExperiment,
} from './attribution-deletion.js';
import { MAP_METHODS, mapOf, meanDigit, sampleDigits, type MapMethod } from './attribution-methods.js';
import { cnnSetup } from './cnn-setup.js';
import { curveImages64, trapezoid64 } from './test-attribution-lr-reference.js';
import { expectRounded, quickContext } from './test-experiment-helpers.js';

const ID = 'attribution-deletion';
const SEED = 0;
const N = 10; // the quick budget
/**
 * This file's AUC (its own pixel order, masks and trapezoid over `model.predict` of the built images) vs the
 * experiment's unrounded means (one batched pass of `deletionInsertion`): measured |Δ| ≤ 3.7e-8 (input × gradient and
 * random map 1, seed 0); tolerance about 10× that, beside the half last digit `round4` moves a metric.
 */
const AUC_TOL = 4e-7;
/** A "method" whose map is uniform noise from a fixed seed: it knows nothing of the model. */
const randomMethod: MapMethod = {
  id: 'noise',
  label: 'uniform noise map',
  lrExact: 'zeros',
  attribute: (_a, x) => tf.randomUniform(x.shape, 0, 1, 'float32', 7),
};

/** Mean deletion and insertion AUC of `map` on the digits, from the model's probabilities of the true class. */
function meanAucs64(
  model: ImageModel,
  images: Float32Array,
  targets: number[],
  map: Float32Array,
): [number, number] {
  const canvas = tf.tidy(
    () => gaussianBlur(tf.tensor4d(images, [N, 28, 28, 1]), 3.5).dataSync() as Float32Array,
  );
  let del = 0;
  let ins = 0;
  targets.forEach((t, i) => {
    const at = (a: Float32Array) => a.subarray(i * 784, (i + 1) * 784);
    const { deletion, insertion } = curveImages64(at(images), at(map), at(canvas), CURVE_STEPS);
    const probs = (list: Float32Array[]) =>
      tf.tidy(() => {
        const x = tf.tensor4d(Float32Array.from(list.flatMap((a) => Array.from(a))), [
          list.length,
          28,
          28,
          1,
        ]);
        const p = (requireLayersModel(model, 'test').predict(x) as tf.Tensor).arraySync() as number[][];
        return p.map((row) => row[t]!);
      });
    del += trapezoid64(probs(deletion), 784) / N;
    ins += trapezoid64(probs(insertion), 784) / N;
  });
  return [del, ins];
}

describe('attribution-deletion: deletion/insertion AUC against random maps and maps from re-initialized CNNs', () => {
  let out: ExperimentOutput;
  beforeAll(async () => {
    out = await runAttributionDeletionExperiment(quickContext(ID, SEED));
  }, 120_000);

  it('recomputes input × gradient and random map 1 AUCs in float64; sub-verdicts and the verdict follow the margin', async () => {
    const ctx = quickContext(ID, SEED);
    const { adapter } = await cnnSetup(ctx);
    const { train, test } = loadMnist({ seed: 0 });
    const digits = sampleDigits(test, N, createRng(SEED).fork(ID).fork('digits'));
    const rng = createRng(SEED).fork(ID).fork('random-maps');
    const random1 = Float32Array.from({ length: N * 784 }, () => rng.next());
    const m = out.metrics;
    const [rd, ri] = meanAucs64(adapter, digits.images, digits.targets, random1);
    expectRounded(m['random1Deletion'], rd, AUC_TOL, 'random 1 deletion');
    expectRounded(m['random1Insertion'], ri, AUC_TOL, 'random 1 insertion');
    const env = { meanDigit: meanDigit(train), layer: 'conv2', igSteps: 16 };
    const ixg = MAP_METHODS[0]!;
    const [d, i] = meanAucs64(adapter, digits.images, digits.targets, mapOf(ixg, adapter, digits, env));
    env.meanDigit.dispose();
    expectRounded(m['ixgDeletion'], d, AUC_TOL, 'ixg deletion');
    expectRounded(m['ixgInsertion'], i, AUC_TOL, 'ixg insertion');
    // Each method's sub-verdict from the reported numbers: both curves beyond all 6 controls by the margin.
    for (const method of DELETION_METHODS) {
      const ctl = (kind: string) =>
        [1, 2, 3].flatMap((k) => [m[`random${k}${kind}`], m[`${method.id}Control${k}${kind}`]]) as number[];
      const ok =
        Math.min(...ctl('Deletion')) - (m[`${method.id}Deletion`] as number) >= DELETION_AUC_MARGIN &&
        (m[`${method.id}Insertion`] as number) - Math.max(...ctl('Insertion')) >= DELETION_AUC_MARGIN;
      expect(m[`${method.id}Holds`], method.id).toBe(ok);
    }
    // Measured at seed 0: the three contribution methods hold; saliency and guided backprop do not.
    expect(DELETION_METHODS.map((x) => [x.id, m[`${x.id}Holds`]])).toEqual([
      ['ixg', true],
      ['ig', true],
      ['deeplift', true],
      ['saliency', false],
      ['guided', false],
      ['gradcam', true],
    ]);
    expect(out.verdict.status).toBe('holds');
    expect(out.verdict.evidence?.length).toBe(2 * DELETION_METHODS.filter(isJudged).length);
    expect(out.verdict.reason).toContain(
      `mean deletion AUC of input × gradient: trained ${m['ixgDeletion']} vs random map 1 ${m['random1Deletion']}, random map 2 ${m['random2Deletion']}`,
    );
  }, 60_000);

  it('draws schema-valid control-comparison charts, two per method', () => {
    const validate = vegaLiteValidator();
    expect(out.charts.map((c) => c.id)).toEqual(
      DELETION_METHODS.flatMap((x) => [`deletion-${x.id}`, `insertion-${x.id}`]),
    );
    for (const chart of out.charts) expect(validate(chart.spec), chart.id).toBe(true);
  });

  it('does not hold for a uniform-noise "method"; the same seed gives the same output; no tensor is left', async () => {
    const ctx = () => quickContext(ID, SEED);
    const first = await runAttributionDeletionExperiment(ctx(), { methods: [randomMethod] });
    const before = tf.memory().numTensors;
    const again = await runAttributionDeletionExperiment(ctx(), { methods: [randomMethod] });
    expect(tf.memory().numTensors).toBe(before);
    expect(first.verdict.status).toBe('does-not-hold');
    expect([again.metrics, again.verdict]).toEqual([first.metrics, first.verdict]);
  }, 60_000);

  it('does not hold with a re-initialized CNN as the model under study', async () => {
    const { adapter } = await cnnSetup(quickContext(ID, SEED));
    const control = new ModelAdapter(reinitializedCopy(requireLayersModel(adapter, 'test'), { seed: 99 }));
    await controlModels(quickContext(ID, SEED), control);
    const r = await runAttributionDeletionExperiment(quickContext(ID, SEED), {
      adapter: control,
      methods: DELETION_METHODS.filter(isJudged),
    });
    expect(r.verdict.status).toBe('does-not-hold');
    expect(r.metrics['judgedHolding']).toBe(0);
  }, 60_000);
});
