/** first-layer-easy-deeper-hard: readings recomputed in float64; the reference holds; a net with a linear deeper layer does not. */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { loadReferenceCnn, ModelAdapter } from '@openbox/cnn-vis';
import { createRng, defaultCacheDir, initBackend } from '@openbox/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { vegaLiteValidator } from '../../../charts/src/test-schema.js';
import { controlSeeds } from '../controls/control-models.js';
import type { ExperimentContext, ExperimentOutput } from '../experiment.js';
import { compositeFilter } from './composite-filter.js';
import {
  firstLayerEasyDeeperHard,
  GAP_MARGIN,
  HIGH_READABILITY,
  RANDOM_MARGIN,
  runFirstLayerEasyExperiment,
} from './first-layer-easy-deeper-hard.js';
import { GREY, type UnitReading } from './layer-readability.js';
import { RANDOM_DRAWS, readabilityProfile, type ReadabilityProfile } from './readability-profile.js';
import { cnnWeights, type CnnWeights } from './test-cnn-reference.js';
import { conv1BoxMax64, conv1Pre64, conv2Composite64, conv2Pre64 } from './test-first-layer-reference.js';
import { expectRounded, quickContext } from './test-experiment-helpers.js';

const ID = 'first-layer-easy-deeper-hard';
const SEED = 0;
/**
 * tfjs (float32, wasm) vs float64 on the same image, measured on the quick readings: max |Δ| 3.9e-7 on conv1's values
 * and 2.7e-6 on conv2's; 2e-5 is ≈ 7× the larger. A ratio of two values ≥ 0.9 (the smallest optimized value is 0.92)
 * then moves by ≤ 6e-6 per unit, and so does a mean of them: 1e-4 leaves room for another backend's summation order.
 */
const VALUE_TOL = 2e-5;
const RATIO_TOL = 1e-4;
/** Composite filter vs its float64 sum written out: both float64 from the same float32 weights, measured max 1.6e-15 relative. */
const COMPOSITE_TOL = 1e-12;

const ctx = (): ExperimentContext => quickContext(ID, SEED);
const clip01 = (v: number) => Math.min(1, Math.max(0, v));
const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;

/** A toy 28×28×1 net: conv 5×5 1→8, average pooling, conv 5×5 8→8, both with `activation`, then a softmax layer. */
function toyNet(activation: 'linear' | 'relu', seed: number): tfl.LayersModel {
  const init = (s: number) => tfl.initializers.glorotUniform({ seed: s });
  const model = tfl.sequential();
  model.add(
    tfl.layers.conv2d({
      inputShape: [28, 28, 1],
      filters: 8,
      kernelSize: 5,
      activation,
      name: 'toy1',
      kernelInitializer: init(seed),
    }),
  );
  model.add(tfl.layers.averagePooling2d({ poolSize: 2, name: 'toypool' }));
  model.add(
    tfl.layers.conv2d({
      filters: 8,
      kernelSize: 5,
      activation,
      name: 'toy2',
      kernelInitializer: init(seed + 1),
    }),
  );
  model.add(tfl.layers.flatten({ name: 'toyflat' }));
  model.add(
    tfl.layers.dense({
      units: 10,
      activation: 'softmax',
      name: 'toyprobs',
      kernelInitializer: init(seed + 2),
    }),
  );
  return model;
}

describe('first-layer-easy-deeper-hard', () => {
  let adapter: ModelAdapter;
  let weights: CnnWeights;
  let result: ExperimentOutput;
  let profile: ReadabilityProfile;

  beforeAll(async () => {
    await initBackend();
    const c = ctx();
    result = await firstLayerEasyDeeperHard.run(c);
    adapter = new ModelAdapter((await loadReferenceCnn({ cacheDir: defaultCacheDir() })).model);
    weights = cnnWeights(adapter.model);
    const convLayers = adapter.layers().filter((l) => l.className === 'Conv2D');
    profile = readabilityProfile(
      adapter,
      convLayers,
      { steps: 64, deepChannels: 8 },
      result.metrics['profileSeed'] as number,
    );
  });

  it('conv1: the weights-alone image is 1[w > 0] on the receptive field, grey elsewhere, and reaches the closed form Σ max(w, 0) + b', () => {
    const conv1 = profile.readings[0]!;
    expect([conv1.layer, conv1.y, conv1.x, conv1.units.length]).toEqual(['conv1', 12, 12, 16]);
    for (const u of conv1.units) {
      for (let p = 0; p < 784; p++) {
        const [y, x] = [Math.floor(p / 28), p % 28];
        const inside = y >= 12 && y < 17 && x >= 12 && x < 17;
        const w = weights.conv1.kernel[((y - 12) * 5 + (x - 12)) * 16 + u.channel]!;
        expect(u.weightsImage[p]).toBe(inside ? (w > 0 ? 1 : 0) : GREY);
      }
      const closed = conv1BoxMax64(weights, u.channel);
      // The image is exactly 0/1 on the field, so the float64 convolution is the closed form to rounding.
      expect(Math.abs(conv1Pre64(weights, u.weightsImage, u.channel, 12, 12) - closed)).toBeLessThan(1e-12);
      expect(Math.abs(u.weightsValue - closed)).toBeLessThanOrEqual(VALUE_TOL);
      // No image in the box beats the box optimum: the optimizer's image stays at or below it.
      expect(conv1Pre64(weights, u.optimizedImage, u.channel, 12, 12)).toBeLessThanOrEqual(closed + 1e-12);
      expect(
        Math.abs(u.optimizedValue - conv1Pre64(weights, u.optimizedImage, u.channel, 12, 12)),
      ).toBeLessThanOrEqual(VALUE_TOL);
    }
  });

  it('conv2: the composite filter is the float64 sum over conv2 and conv1 taps; every reading matches the float64 forward pass', () => {
    const conv2 = profile.readings[1]!;
    expect([conv2.layer, conv2.y, conv2.x, conv2.units.length]).toEqual(['conv2', 4, 4, 8]);
    for (const u of conv2.units) {
      const exact = conv2Composite64(weights, u.channel, 4, 4);
      const composite = compositeFilter(adapter.model, 'conv2', u.channel, 4, 4);
      const scale = Math.max(...exact.map(Math.abs));
      for (let p = 0; p < 784; p++)
        expect(Math.abs(composite[p]! - exact[p]!)).toBeLessThanOrEqual(COMPOSITE_TOL * scale);
      // Inside the 14×14 field (pixels 8..21): 1 where the float64 filter is > 0 (the smallest non-zero |weight|
      // is 9e-4 of the largest, so no sign is in doubt).
      for (let p = 0; p < 784; p++) {
        const [y, x] = [Math.floor(p / 28), p % 28];
        const inside = y >= 8 && y < 22 && x >= 8 && x < 22;
        expect(u.weightsImage[p]).toBe(inside ? (exact[p]! > 0 ? 1 : 0) : GREY);
      }
      expect(
        Math.abs(u.weightsValue - conv2Pre64(weights, u.weightsImage, u.channel, 4, 4)),
      ).toBeLessThanOrEqual(VALUE_TOL);
      expect(
        Math.abs(u.optimizedValue - conv2Pre64(weights, u.optimizedImage, u.channel, 4, 4)),
      ).toBeLessThanOrEqual(VALUE_TOL);
    }
  });

  it('holds on the reference CNN: every readability recomputed in float64, and the reason states the numbers', () => {
    const m = result.metrics;
    if (process.env['FLEH_DUMP']) console.log(JSON.stringify(m), '\n', result.verdict.reason);
    const [conv1, conv2] = profile.readings;
    const seedOf = (i: number) =>
      createRng(m['profileSeed'] as number)
        .fork(`layer-${i}`)
        .fork('random-images');
    const recompute = (
      units: readonly UnitReading[],
      value: (im: ArrayLike<number>, ch: number) => number,
      i: number,
    ) => {
      const rng = seedOf(i);
      const random = Array.from({ length: RANDOM_DRAWS }, () =>
        units.map(() => Float64Array.from({ length: 784 }, () => rng.next())),
      );
      const opt = units.map((u) => value(u.optimizedImage, u.channel));
      return {
        readability: mean(units.map((u, j) => clip01(value(u.weightsImage, u.channel) / opt[j]!))),
        random: random.map((draw) => mean(units.map((u, j) => clip01(value(draw[j]!, u.channel) / opt[j]!)))),
      };
    };
    const r1 = recompute(conv1!.units, (im, ch) => conv1Pre64(weights, im, ch, 12, 12), 0);
    const r2 = recompute(conv2!.units, (im, ch) => conv2Pre64(weights, im, ch, 4, 4), 1);
    expectRounded(m['conv1Readability'], r1.readability, RATIO_TOL, 'conv1Readability');
    expectRounded(m['conv2Readability'], r2.readability, RATIO_TOL, 'conv2Readability');
    r1.random.forEach((v, d) => expectRounded(m[`conv1Random${d + 1}`], v, RATIO_TOL, `conv1Random${d + 1}`));
    r2.random.forEach((v, d) => expectRounded(m[`conv2Random${d + 1}`], v, RATIO_TOL, `conv2Random${d + 1}`));
    // The measured profile: conv1 reaches its optimum (every ratio ≥ 1), conv2 stays well below; random images far below.
    expect([m['conv1Readability'], m['conv1ClippedHigh'], m['conv1NotRaised'], m['conv2NotRaised']]).toEqual([
      1, 16, 0, 0,
    ]);
    expect(m['conv2Readability'] as number).toBeLessThan(1 - GAP_MARGIN);
    expect(result.verdict.status).toBe('holds');
    expect([m['firstLayerHigh'], m['randomMargin'], m['gapMargin'], m['highReadability']]).toEqual([
      true,
      RANDOM_MARGIN,
      GAP_MARGIN,
      HIGH_READABILITY,
    ]);
    const reason = result.verdict.reason;
    const randoms = [1, 2, 3].map((d) => m[`conv1Random${d}`]);
    expect(reason).toContain(
      `weights-alone readability of conv1 against random images: trained ${m['conv1Readability']} vs ` +
        `random image (draw 1) ${randoms[0]}, random image (draw 2) ${randoms[1]}, random image (draw 3) ${randoms[2]}; ` +
        `required margin ${RANDOM_MARGIN} (higher is better). It beats every control by at least ${RANDOM_MARGIN}: by ${m['observedRandomMargin']}`,
    );
    expect(reason).toContain(
      `weights-alone readability of conv1 (the first layer) against conv2 (the deepest): trained ${m['conv1Readability']} vs ` +
        `conv2 (deepest conv layer) ${m['conv2Readability']}; required margin ${GAP_MARGIN} (higher is better). It beats every control by at least ${GAP_MARGIN}: by ${m['observedGapMargin']}`,
    );
    expectRounded(
      m['gap'],
      (m['conv1Readability'] as number) - (m['conv2Readability'] as number),
      2e-4,
      'gap',
    );
    // The controls: their seeds, profiles and gaps, and what the reason concludes from them.
    const seeds = controlSeeds(SEED);
    expect(seeds.map((_, i) => m[`control${i + 1}Seed`])).toEqual(seeds);
    for (let i = 1; i <= 3; i++) {
      expect(reason).toContain(
        `re-initialized (seed ${seeds[i - 1]}): conv1 ${m[`control${i}conv1Readability`]} (`,
      );
      expect(reason).toContain(`conv2 ${m[`control${i}conv2Readability`]} (`);
      expect(reason).toContain(`; gap ${m[`control${i}Gap`]}`);
    }
    const gaps = [1, 2, 3].map((i) => m[`control${i}Gap`] as number);
    expect(m['controlGapsSimilar']).toBe(gaps.every((g) => Math.abs(g - (m['gap'] as number)) < GAP_MARGIN));
    expect(reason).toContain(m['controlGapsSimilar'] ? 'not of learning' : 'learning changed how readable');
    expect(result.verdict.evidence?.map((e) => [e.metric, e.holds])).toEqual([
      ['weights-alone readability of conv1 against random images', true],
      ['weights-alone readability of conv1 (the first layer) against conv2 (the deepest)', true],
    ]);
    const validate = vegaLiteValidator();
    for (const chart of result.charts) expect(validate(chart.spec), chart.id).toBe(true);
    expect(result.charts.map((c) => c.id)).toEqual(['profile', 'gaps', 'gallery']);
    expect(result.artifacts.map((a) => a.file)).toEqual(['gallery.png']);
  });

  it('is deterministic and leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const again = await firstLayerEasyDeeperHard.run(ctx());
    expect(tf.memory().numTensors).toBe(before);
    expect(again.metrics).toEqual(result.metrics);
    expect(again.verdict).toEqual(result.verdict);
  });

  it('does not hold on a net whose deeper layer is linear: the weights-alone reading is then exact at every layer', async () => {
    const toy = toyNet('linear', 5);
    const toyAdapter = new ModelAdapter(toy);
    const convLayers = toyAdapter.layers().filter((l) => l.className === 'Conv2D');
    const r = await runFirstLayerEasyExperiment(ctx(), {
      adapter: toyAdapter,
      modelLabel: 'linear toy',
      convLayers,
    });
    const m = r.metrics;
    expect(r.verdict.status).toBe('does-not-hold');
    // Both layers are linear in the pixels, so each box optimum is exact: nothing the optimizer finds beats it.
    expect([m['toy1Units'], m['toy2Units'], m['toy1Readability'], m['toy2Readability']]).toEqual([
      8, 8, 1, 1,
    ]);
    expect(m['gap']).toBe(0);
    expect(r.verdict.reason).toContain(
      `conv layer) 1; required margin ${GAP_MARGIN} (higher is better). It does not beat every control: toy2 (deepest conv layer) at 1 ties it.`,
    );
    expect(r.verdict.evidence?.map((e) => e.holds)).toEqual([true, false]);
    toy.dispose();
  });
});

describe('compositeFilter', () => {
  beforeAll(() => initBackend());

  it.each([
    ['valid, average pooling, same', { padding: 'same' as const, strides: 1 }],
    ['valid, average pooling, valid with stride 2', { padding: 'valid' as const, strides: 2 }],
  ])(
    'of a linear 2-layer toy conv net (%s) equals the exact end-to-end linear map (the gradient)',
    (_, second) => {
      const model = tfl.sequential();
      model.add(
        tfl.layers.conv2d({
          inputShape: [12, 12, 2],
          filters: 3,
          kernelSize: 3,
          name: 'a',
          kernelInitializer: tfl.initializers.randomNormal({ seed: 1, stddev: 1 }),
          biasInitializer: 'ones',
        }),
      );
      model.add(tfl.layers.averagePooling2d({ poolSize: 2, name: 'p' }));
      model.add(
        tfl.layers.conv2d({
          filters: 2,
          kernelSize: 3,
          name: 'b',
          ...second,
          kernelInitializer: tfl.initializers.randomNormal({ seed: 2, stddev: 1 }),
          biasInitializer: 'ones',
        }),
      );
      const out = model.outputs[0]!.shape as number[];
      const [y, x, ch] = [Math.floor(out[1]! / 2), out[2]! - 1, 1];
      const composite = compositeFilter(model, 'b', ch, y, x);
      const gradient = tf.tidy(() =>
        tf
          .grad((img: tf.Tensor) =>
            tf.sum(tf.slice(model.apply(img) as tf.Tensor4D, [0, y, x, ch], [1, 1, 1, 1])),
          )(tf.zeros([1, 12, 12, 2]))
          .dataSync(),
      );
      expect(composite.length).toBe(gradient.length);
      const scale = Math.max(...gradient.map(Math.abs));
      expect(scale).toBeGreaterThan(0.1);
      // float32 gradient vs float64 composite: measured max 1.1e-7 of the largest weight; 1e-6 is ≈ 10× that.
      for (let i = 0; i < gradient.length; i++)
        expect(Math.abs(composite[i]! - gradient[i]!)).toBeLessThanOrEqual(1e-6 * scale);
      model.dispose();
    },
  );

  it('rejects a layer that does not exist, a layer that is not Conv2D and a unit outside the map', () => {
    const model = toyNet('relu', 9);
    expect(() => compositeFilter(model, 'nope', 0, 0, 0)).toThrow(
      "compositeFilter: layer must be one of the model's layers (toy1, toypool, toy2, toyflat, toyprobs), got nope.",
    );
    expect(() => compositeFilter(model, 'toypool', 0, 0, 0)).toThrow(
      'compositeFilter: layer toypool must be a Conv2D layer, got a AveragePooling2D.',
    );
    expect(() => compositeFilter(model, 'toy2', 8, 4, 4)).toThrow(
      'compositeFilter: the unit must lie in layer toy2 (channel 0..7, y 0..7, x 0..7), got channel 8 at y=4, x=4.',
    );
    model.dispose();
  });

  it('the experiment rejects a model with one conv layer before any work', async () => {
    const model = tfl.sequential();
    model.add(tfl.layers.conv2d({ inputShape: [28, 28, 1], filters: 2, kernelSize: 5, name: 'only' }));
    const one = new ModelAdapter(model);
    const convLayers = one.layers().filter((l) => l.className === 'Conv2D');
    await expect(
      runFirstLayerEasyExperiment(ctx(), { adapter: one, modelLabel: 'one conv', convLayers }),
    ).rejects.toThrow(
      'runFirstLayerEasyExperiment: the model must have at least two Conv2D layers (a first and a deeper one to compare), got 1.',
    );
    model.dispose();
  });
});
