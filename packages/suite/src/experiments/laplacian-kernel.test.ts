/** laplacian-kernel against random zero-sum kernels: the Laplacian holds (any scale); a random and a checkerboard kernel do not. */
import type { Kernel3x3 } from '@openbox/cnn-vis';
import { loadMnist } from '@openbox/datasets';
import { createRng } from '@openbox/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { vegaLiteValidator } from '../../../charts/src/test-schema.js';
import type { ExperimentContext, ExperimentOutput } from '../experiment.js';
import { EDGE_AUC_MARGIN, runKernelEdgeExperiment } from './laplacian-kernel.js';
import { aucByCounting, foregroundPatches64, patchResponse64 } from './test-cnn-reference.js';
import { expectRounded, quickContext } from './test-experiment-helpers.js';

const ID = 'laplacian-kernel';
const SEED = 0;
const DIGITS = 64; // the quick budget
const LAPLACIAN = [0, 1, 0, 1, -4, 1, 0, 1, 0];
const CHECKERBOARD = [1, -1, 1, -1, 1, -1, 1, -1, 1].map((v) => v - 1 / 9);
/** 9 × the checkerboard minus its mean, in integers: the same AUC, with exact responses on 1000 × the pixels. */
const CHECKERBOARD_9 = [1, -1, 1, -1, 1, -1, 1, -1, 1].map((v) => 9 * v - 1);
/**
 * This file's AUC vs the experiment's (which ties scores within 1e-7 of Σ|k|). The pixels are thousandths, so the
 * integer kernels (the Laplacian, 9 × the checkerboard − 1) give exact integer responses on 1000 × the pixels, whose
 * ties are the data's: measured |Δ| 0 (run seeds 0–2), compared exactly. The random kernels are summed here in float64
 * with exact ties only: measured |Δ| ≤ 1.2e-6 (seeds 0–2, 3 controls each); tolerance 10× that.
 */
const AUC_TOL = 1.2e-5;

const ctx = (): ExperimentContext => quickContext(ID, SEED);
const asKernel = (k: readonly number[]) =>
  [k.slice(0, 3), k.slice(3, 6), k.slice(6, 9)] as unknown as Kernel3x3;
/** 9 N(0, 1) draws in row-major order, minus their mean. */
const zeroSum = (draw: () => number) => {
  const k = Array.from({ length: 9 }, draw);
  const m = k.reduce((a, b) => a + b, 0) / 9;
  return k.map((v) => v - m);
};

let fg: ReturnType<typeof foregroundPatches64>;
/** This file's AUC of |Σ k·p| on edge vs non-edge patches. */
function auc64(kernel: readonly number[], thousandths = false): number {
  const pos: number[] = [];
  const neg: number[] = [];
  fg.patches.forEach((p, i) => {
    const r = Math.abs(patchResponse64(thousandths ? p.map((v) => Math.round(1000 * v)) : p, kernel));
    (fg.edge[i] ? pos : neg).push(r);
  });
  return aucByCounting(pos, neg);
}

/** The reason of a verdict that holds, sentence by sentence, as the metrics give each number. */
function expectedReason(m: ExperimentOutput['metrics'], label: string): string {
  const controls = [1, 2, 3].map((i) => m[`control${i}Auc`] as number);
  const strongest = controls.indexOf(Math.max(...controls)) + 1;
  return (
    `ROC AUC of |response| on edge vs non-edge patches (${label}): trained ${m['auc']} vs ` +
    controls.map((c, i) => `random zero-sum kernel ${i + 1} ${c}`).join(', ') +
    `; required margin 0.01 (higher is better). ` +
    `It beats every control by at least 0.01: by ${m['observedMargin']} over the strongest, random zero-sum kernel ${strongest}. ` +
    `On 64 digits, ${m['backgroundPatches']} of 43264 3×3 patches are all background and left out; of the rest, ` +
    `${m['edgePatches']} are edges (pixel range ≥ 0.5) and ${m['nonEdgePatches']} are not. Measured responses of the ${label}: ` +
    `step edge ${m['stepEdgeResponse']}, ramp ${m['rampResponse']}, line ${m['lineResponse']}, dot ${m['dotResponse']}, ` +
    `flat ${m['flatResponse']}. It beats ${m['poolBeaten']} of 100 further random zero-sum kernels (their AUC mean ` +
    `${m['poolMeanAuc']}, max ${m['poolMaxAuc']}).`
  );
}

describe('laplacian-kernel: edge/non-edge AUC against random zero-sum kernels', () => {
  let controls: number[][];
  let controlAucs: number[];
  let laplacian: ExperimentOutput;
  beforeAll(async () => {
    // The digits: the experiment's rng shuffles the test rows; the first 64 (quick) are used.
    const { test } = loadMnist({ seed: 0 });
    const order = createRng(SEED)
      .fork(ID)
      .shuffle(Array.from({ length: test.shape[0]! }, (_, i) => i))
      .slice(0, DIGITS);
    const images = order.map((src) => test.features.subarray(src * 784, (src + 1) * 784));
    // Every pixel is a multiple of 0.001 in float32 (the mnist package's JSON), so the Laplacian of 1000 × the pixels
    // is an exact integer: exact ties.
    for (const im of images) for (const v of im) expect(Math.fround(Math.round(1000 * v) / 1000)).toBe(v);
    fg = foregroundPatches64(images, 28, 28, 0.5);
    const rng = createRng(SEED).fork(ID).fork('random-kernels');
    controls = [0, 1, 2].map(() => zeroSum(() => rng.normal()));
    controlAucs = controls.map((k) => auc64(k));
    laplacian = await runKernelEdgeExperiment(ctx());
  }, 120_000);

  it('holds for the Laplacian: counts, AUC, control AUCs, margin and probes recomputed; the reason states them', () => {
    const m = laplacian.metrics;
    expect(laplacian.verdict.status).toBe('holds');
    expect([m['digits'], m['patches'], m['backgroundPatches']]).toEqual([DIGITS, 43264, fg.background]);
    expect([m['edgePatches'], m['nonEdgePatches']]).toEqual([
      fg.edge.filter(Boolean).length,
      fg.edge.filter((e) => !e).length,
    ]);
    const exact = auc64(LAPLACIAN, true);
    expectRounded(m['auc'], exact, 0, 'auc');
    controlAucs.forEach((c, i) => expectRounded(m[`control${i + 1}Auc`], c, AUC_TOL, `control ${i + 1}`));
    expectRounded(m['observedMargin'], exact - Math.max(...controlAucs), AUC_TOL, 'observed margin');
    expect(exact - Math.max(...controlAucs)).toBeGreaterThanOrEqual(EDGE_AUC_MARGIN);
    // Probes by hand: step (top row 0) 1 + 1 + 1 − 4; ramp (0, .5, 1) .5 + .5 + 0 + 1 − 2; line 1 + 1 − 4; dot −4.
    expect([
      m['stepEdgeResponse'],
      m['rampResponse'],
      m['lineResponse'],
      m['dotResponse'],
      m['flatResponse'],
    ]).toEqual([-1, 0, -2, -4, 0]);
    expect(laplacian.verdict.reason).toBe(expectedReason(m, 'Laplacian'));
    const drawn = (
      laplacian.charts.find((c) => c.id === 'controls')!.spec as unknown as {
        layer: { data: { values: { value?: number }[] } }[];
      }
    ).layer[1]!.data.values.map((v) => v.value);
    expect(drawn).toEqual([m['auc'], m['control1Auc'], m['control2Auc'], m['control3Auc']]);
  });

  it('draws five schema-valid charts and gives the same output again for the same seed', async () => {
    const validate = vegaLiteValidator();
    expect(laplacian.charts.map((c) => c.id)).toEqual([
      'kernel',
      'controls',
      'random-kernels',
      'digits',
      'responses',
    ]);
    for (const chart of laplacian.charts)
      expect(validate(chart.spec), `${chart.id}: ${JSON.stringify(validate.errors?.slice(0, 2))}`).toBe(true);
    const again = await runKernelEdgeExperiment(ctx());
    expect([again.metrics, again.verdict]).toEqual([laplacian.metrics, laplacian.verdict]);
  });

  it('recomputes the reported pool: how many of 100 further random zero-sum kernels the Laplacian beats', () => {
    const rng = createRng(SEED).fork(ID).fork('kernel-pool');
    const pool = Array.from({ length: 100 }, () => auc64(zeroSum(() => rng.normal())));
    const exact = auc64(LAPLACIAN, true);
    const m = laplacian.metrics;
    expect(m['poolBeaten']).toBe(pool.filter((a) => exact > a).length);
    expectRounded(m['poolMeanAuc'], pool.reduce((a, b) => a + b, 0) / 100, AUC_TOL, 'pool mean');
    expectRounded(m['poolMaxAuc'], Math.max(...pool), AUC_TOL, 'pool max');
  });

  it('gives the 0.1 × Laplacian the same AUC and verdict (the AUC is scale-free)', async () => {
    const r = await runKernelEdgeExperiment(ctx(), {
      kernel: asKernel(LAPLACIAN.map((v) => 0.1 * v)),
      kernelLabel: '0.1 × Laplacian',
    });
    expect(r.verdict.status).toBe('holds');
    for (const key of ['auc', 'control1Auc', 'control2Auc', 'control3Auc', 'observedMargin', 'poolBeaten'])
      expect(r.metrics[key], key).toBe(laplacian.metrics[key]);
    // Its probes are measured, not copied: one tenth of the Laplacian's (0.1·(−4) is −0.4 in float64 to 4 digits).
    expect([r.metrics['stepEdgeResponse'], r.metrics['lineResponse'], r.metrics['dotResponse']]).toEqual([
      -0.1, -0.2, -0.4,
    ]);
  });

  const other = createRng(2024).fork('kernel-under-test');
  // This one (AUC 0.887 as measured) beats all 3 controls, but by less than the margin; the checkerboard loses to all.
  const randomKernel = zeroSum(() => other.normal());
  it.each([
    // [label, kernel, this file's kernel with the same AUC, whether that one runs on 1000 × the pixels, controls it beats]
    ['a random zero-sum kernel', randomKernel, randomKernel, false, 3],
    ['the checkerboard minus its mean', CHECKERBOARD, CHECKERBOARD_9, true, 0],
  ] as const)(
    'does not hold for %s as the kernel under test',
    async (label, kernel, mine, thousandths, beaten) => {
      const r = await runKernelEdgeExperiment(ctx(), { kernel: asKernel(kernel), kernelLabel: label });
      const m = r.metrics;
      expect(r.verdict.status).toBe('does-not-hold');
      const exact = auc64(mine, thousandths);
      expectRounded(m['auc'], exact, thousandths ? 0 : AUC_TOL, 'auc');
      expect(exact - Math.max(...controlAucs)).toBeLessThan(EDGE_AUC_MARGIN);
      expect(controlAucs.filter((c) => exact > c).length).toBe(beaten);
      // The same digits and controls as the Laplacian's run.
      for (const key of ['control1Auc', 'control2Auc', 'control3Auc', 'edgePatches', 'nonEdgePatches'])
        expect(m[key], key).toBe(laplacian.metrics[key]);
      expect(r.verdict.reason).toContain('It does not beat every control: ');
      expect(r.verdict.reason).toContain(
        `(${label}): trained ${m['auc']} vs random zero-sum kernel 1 ${m['control1Auc']}, random zero-sum kernel 2 ${m['control2Auc']}, random zero-sum kernel 3 ${m['control3Auc']};`,
      );
      expect(r.verdict.reason).toContain(
        `step edge ${m['stepEdgeResponse']}, ramp ${m['rampResponse']}, line ${m['lineResponse']}, dot ${m['dotResponse']}, flat ${m['flatResponse']}.`,
      );
    },
  );
});
