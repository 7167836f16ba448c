/** activation-maximization: class optima judged by an independent CNN — the reference holds, an untrained net does not. */
import * as tf from '@tensorflow/tfjs-core';
import { ModelAdapter, loadReferenceCnn } from '@openbox/cnn-vis';
import { initBackend, reinitializedCopy, requireLayersModel } from '@openbox/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { vegaLiteValidator } from '../../../charts/src/test-schema.js';
import { controlModels, controlSeeds } from '../controls/control-models.js';
import { trainedControl } from '../controls/trained-controls.js';
import type { ExperimentContext } from '../experiment.js';
import type { ExperimentResult } from '../results-format.js';
import {
  CLASS_OPTIMA_BUDGET,
  CLASS_OPTIMA_MARGIN,
  runActivationMaximization,
  type ActivationMaximizationRun,
} from './activation-maximization.js';
import { cnnWeights, forward, galleryImage, galleryLabels, type CnnWeights } from './test-cnn-reference.js';
import { expectRounded, quickContext } from './test-experiment-helpers.js';

const ID = 'activation-maximization';
const SEED = 0;
const { starts: STARTS, steps: STEPS } = CLASS_OPTIMA_BUDGET.quick;
const N = 10 * STARTS;
/**
 * Float32 (tfjs, wasm) vs the float64 forward pass of `test-cnn-reference.ts`: on real digits the softmax differs by
 * ≤ 7.5e-7 (cnn-experiments.test.ts); 10× that for a probability. A class is compared exactly: the test first checks
 * that the top two float64 logits of every optimum differ by more than LOGIT_TIE (float32 logits of these nets differ
 * from float64 by ≤ 6.3e-6, so a gap of 1e-3 cannot swap the argmax).
 */
const PROB_TOL = 7.5e-6;
const LOGIT_TIE = 1e-3;

const ctx = (seed = SEED): ExperimentContext => quickContext(ID, seed);

/** The float64 judgement of `n` 28×28 images (start-major targets `i % 10`) by the net with `weights`. */
function judge64(weights: CnnWeights, images: Float32Array | readonly Float64Array[]) {
  const n = Array.isArray(images) ? images.length : (images as Float32Array).length / 784;
  const image = (i: number) =>
    Array.isArray(images) ? images[i]! : (images as Float32Array).subarray(i * 784, (i + 1) * 784);
  const predicted: number[] = [];
  let probability = 0;
  for (let i = 0; i < n; i++) {
    const z = Array.from(forward(weights, image(i)).logits);
    const top = [...z].sort((a, b) => b - a);
    expect(top[0]! - top[1]!, `optimum ${i}: top two logits nearly tie`).toBeGreaterThan(LOGIT_TIE);
    const e = z.map((v) => Math.exp(v - top[0]!));
    probability += e[i % 10]! / e.reduce((a, b) => a + b, 0);
    predicted.push(z.indexOf(top[0]!));
  }
  const recognized = predicted.filter((p, i) => p === i % 10).length;
  return { predicted, fraction: recognized / n, meanProbability: probability / n };
}

const asResult = (r: ActivationMaximizationRun) => ({ ...r.output, id: ID }) as unknown as ExperimentResult;

describe('activation-maximization: class optima judged by an independent CNN against controls', () => {
  let judgeWeights: CnnWeights;
  let netWeights: CnnWeights[];
  let reference: ActivationMaximizationRun;
  let untrained: ActivationMaximizationRun;
  let untrainedAdapter: ModelAdapter;
  beforeAll(async () => {
    // Before any model is loaded: without a backend, loadReferenceCnn takes the cache for damaged and retrains it.
    await initBackend();
    judgeWeights = cnnWeights((await trainedControl(ctx(), 'judge')).adapter.model);
    const { model } = await loadReferenceCnn({ seed: 0 });
    const shuffled = (await trainedControl(ctx(), 'shuffled-labels')).adapter.model;
    const controls = await controlModels(ctx(), new ModelAdapter(model));
    netWeights = [model, ...controls.map((c) => requireLayersModel(c.adapter, 'test')), shuffled].map(
      cnnWeights,
    );
    reference = await runActivationMaximization(ctx());
    untrainedAdapter = new ModelAdapter(reinitializedCopy(model, { seed: 7 }));
    model.dispose();
    untrained = await runActivationMaximization(ctx(), {
      subject: { adapter: untrainedAdapter, label: 'untrained (seed 7)' },
    });
  }, 300_000);

  it("holds on the reference CNN: the judge's classes of the drawn optima and the controls' recomputed in float64", () => {
    const m = reference.output.metrics;
    expect(reference.output.verdict.status).toBe('holds');
    expect([m['steps'], m['startsPerClass'], m['optimaPerModel']]).toEqual([STEPS, STARTS, N]);
    // The trained optima as drawn in the gallery, labelled `class k → judge's class (start s)`.
    const labels = galleryLabels(asResult(reference), 'classes');
    expect(labels).toHaveLength(N);
    const drawn = labels.map((label) => galleryImage(asResult(reference), 'classes', label));
    drawn.forEach((image, i) =>
      expect(Array.from(image), labels[i]).toEqual(
        Array.from(reference.models[0]!.optima.images.subarray(i * 784, (i + 1) * 784)),
      ),
    );
    const trained = judge64(judgeWeights, drawn);
    expect(labels).toEqual(
      trained.predicted.map((p, i) => `class ${i % 10} → ${p} (start ${Math.floor(i / 10)})`),
    );
    expect(m['judgedRecognized']).toBe(Math.round(trained.fraction * N));
    expect(m['judgedFraction']).toBe(trained.fraction);
    expectRounded(m['judgeMeanTargetProbability'], trained.meanProbability, PROB_TOL, 'trained probability');
    // Each control's optima (returned by the run) judged here, and each net judging its own optima.
    const controls = reference.models.slice(1);
    expect(controls.map((c) => c.label)).toEqual([
      ...controlSeeds(SEED).map((s) => `re-initialized (seed ${s})`),
      'trained on shuffled labels',
    ]);
    const fractions = controls.map((c, i) => {
      const j = judge64(judgeWeights, c.optima.images);
      expect(m[`control${i + 1}JudgedFraction`], c.label).toBe(j.fraction);
      expectRounded(m[`control${i + 1}JudgeMeanTargetProbability`], j.meanProbability, PROB_TOL, c.label);
      return j.fraction;
    });
    reference.models.forEach((net, i) => {
      const key = i === 0 ? 'selfJudgedFraction' : `control${i}SelfJudgedFraction`;
      expect(m[key], net.label).toBe(judge64(netWeights[i]!, net.optima.images).fraction);
    });
    // The margin, recomputed; the interval's lower end beats every control too.
    expect(m['observedMargin']).toBeCloseTo(trained.fraction - Math.max(...fractions), 12);
    expect(trained.fraction - Math.max(...fractions)).toBeGreaterThanOrEqual(CLASS_OPTIMA_MARGIN);
    expect(m['judgedFractionLower'] as number).toBeGreaterThan(Math.max(...fractions));
    expect(m['judgedFractionLower'] as number).toBeLessThanOrEqual(trained.fraction);
    expect(m['judgedFractionUpper'] as number).toBeGreaterThanOrEqual(trained.fraction);
  });

  it('states the metrics in the reason and draws them in the controls chart', () => {
    const m = reference.output.metrics;
    const c = [1, 2, 3, 4].map((i) => ({
      label: m[`control${i}Label`],
      judged: m[`control${i}JudgedFraction`],
      probability: m[`control${i}JudgeMeanTargetProbability`],
      self: m[`control${i}SelfJudgedFraction`],
    }));
    const strongest = c.findIndex((x) => x.judged === Math.max(...c.map((y) => y.judged as number)));
    expect(reference.output.verdict.reason).toBe(
      `fraction of the class optima the independent judge CNN classifies as their class: trained ${m['judgedFraction']} ` +
        `(95% bootstrap interval ${m['judgedFractionLower']} to ${m['judgedFractionUpper']}) vs ` +
        `${c.map((x) => `${x.label} ${x.judged}`).join(', ')}; required margin ${CLASS_OPTIMA_MARGIN} (higher is better). ` +
        `It beats every control by at least ${CLASS_OPTIMA_MARGIN}: by ${m['observedMargin']} over the strongest, ` +
        `${c[strongest]!.label}, and the interval's lower end beats every control. ` +
        `On ${N} optima per net (${STARTS} starts × 10 classes, ${STEPS} steps), the judge (test accuracy ` +
        `${m['judgeTestAccuracy']}) gives the target class a mean softmax probability of ${m['judgeMeanTargetProbability']} ` +
        `for the trained net vs ${c.map((x) => `${x.label} ${x.probability}`).join(', ')}. ` +
        `Judged by the net that made them (circular, not evidence): trained ${m['selfJudgedFraction']} vs ` +
        `${c.map((x) => `${x.label} ${x.self}`).join(', ')}.`,
    );
    const values = (id: string) =>
      (
        reference.output.charts.find((ch) => ch.id === id)!.spec as unknown as {
          layer: { data: { values: { value?: number }[] } }[];
        }
      ).layer[1]!.data.values.map((v) => v.value);
    expect(values('controls')).toEqual([m['judgedFraction'], ...c.map((x) => x.judged)]);
    expect(values('self-judged')).toEqual([m['selfJudgedFraction'], ...c.map((x) => x.self)]);
    expect(reference.output.verdict.evidence).toEqual([
      {
        metric: 'fraction of the class optima the independent judge CNN classifies as their class',
        trained: m['judgedFraction'],
        controls: c.map((x) => ({ label: x.label, value: x.judged })),
        requiredMargin: CLASS_OPTIMA_MARGIN,
        margin: m['observedMargin'],
        higherIsBetter: true,
        holds: true,
      },
    ]);
  });

  it('draws schema-valid charts: controls, self-judged, both galleries and the conv channels', () => {
    const validate = vegaLiteValidator();
    const charts = reference.output.charts;
    expect(charts.map((c) => c.id)).toEqual([
      'controls',
      'self-judged',
      'classes',
      'control-classes',
      'conv1-channels',
      'conv2-channels',
    ]);
    for (const chart of charts)
      expect(validate(chart.spec), `${chart.id}: ${JSON.stringify(validate.errors?.slice(0, 2))}`).toBe(true);
    // The controls' gallery shows each control's first start, labelled with the judge's class.
    const labels = galleryLabels(asResult(reference), 'control-classes');
    const expected = reference.models
      .slice(1)
      .flatMap((c, j) =>
        Array.from(
          { length: 10 },
          (_, k) => `control ${j + 1}: class ${k} → ${c.judged.predicted[k]} (start 0)`,
        ),
      );
    expect(labels).toEqual(expected);
    expect(reference.output.artifacts.map((a) => a.file)).toEqual([
      'classes.png',
      'control-classes.png',
      'conv1-channels.png',
      'conv2-channels.png',
    ]);
  });

  it('does not hold when the model under study is a re-initialized (untrained) network', () => {
    const m = untrained.output.metrics;
    expect(untrained.output.verdict.status).toBe('does-not-hold');
    expect(m['model']).toBe('untrained (seed 7)');
    const mine = judge64(judgeWeights, untrained.models[0]!.optima.images);
    expect(m['judgedFraction']).toBe(mine.fraction);
    const controls = untrained.models.slice(1).map((c) => judge64(judgeWeights, c.optima.images).fraction);
    controls.forEach((f, i) => expect(m[`control${i + 1}JudgedFraction`]).toBe(f));
    expect(mine.fraction - Math.max(...controls)).toBeLessThan(CLASS_OPTIMA_MARGIN);
    expect(untrained.output.verdict.reason).toContain('It does not beat every control: ');
    // Judged by itself, the untrained net "recognizes" its own optima: the circular test would pass it.
    const self = judge64(cnnWeights(untrainedAdapter.model), untrained.models[0]!.optima.images).fraction;
    expect(m['selfJudgedFraction']).toBe(self);
    expect(self).toBeGreaterThanOrEqual(0.5);
  });

  it('is deterministic per seed and leaves no tensor behind (a small budget)', async () => {
    const budget = { starts: 1, steps: 16 };
    const before = tf.memory().numTensors;
    const a = await runActivationMaximization(ctx(), { budget });
    expect(tf.memory().numTensors).toBe(before);
    const b = await runActivationMaximization(ctx(), { budget });
    expect(tf.memory().numTensors).toBe(before);
    expect([b.output.metrics, b.output.verdict]).toEqual([a.output.metrics, a.output.verdict]);
    b.models.forEach((net, i) => expect(net.optima.images, net.label).toEqual(a.models[i]!.optima.images));
    const other = await runActivationMaximization(ctx(1), { budget });
    expect(other.models[0]!.optima.images).not.toEqual(a.models[0]!.optima.images);
  }, 120_000);
});
