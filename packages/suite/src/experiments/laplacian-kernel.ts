/** The seed thread's 3×3 Laplacian on real digits: does |response| separate edges better than random zero-sum kernels? */
import { controlComparison, imageGallery, imageHeatmap } from '@openbox/charts';
import { EDGE_RANGE, LAPLACIAN_KERNEL, edgeSeparation, imagesToPng, type Kernel3x3 } from '@openbox/cnn-vis';
import { loadMnist } from '@openbox/datasets';
import type { Rng } from '@openbox/runtime';
import { judgeAgainstControls } from '../controls/judge-against-controls.js';
import type { Experiment, ExperimentContext, ExperimentOutput } from '../experiment.js';
import { galleryOf, round4 } from './image-rows.js';

/**
 * How far the kernel's edge/non-edge AUC must lie above every random zero-sum kernel's. Measured on 64 test digits
 * (quick) with range-≥-0.5 edges: the Laplacian gives 0.923–0.946 over 100 run seeds; 300 random zero-sum kernels give
 * mean 0.870, SD 0.033, max 0.935. The Laplacian's AUC minus a fixed random kernel's moves by SD 0.004–0.005 from one
 * 64-digit sample to another, so 0.01 (2 of those SDs) is a gap the digit sample alone does not produce. Its gap over
 * the strongest of 3 seeded controls is 0.060 at seed 0 (median 0.038 over 100 seeds; under 0.01 at 7 of them, where
 * a random kernel nearly matches it and the verdict honestly says "does not hold"). The margin does work: a random
 * zero-sum kernel of middling AUC (0.887) can beat all 3 controls, by less than 0.01. And the claim is narrow: the best
 * of 100 further random kernels (reported, `poolMaxAuc`) comes within 0.008 of the Laplacian at seed 0.
 */
export const EDGE_AUC_MARGIN = 0.01;
/** Random zero-sum kernels the verdict is judged against. */
export const CONTROL_KERNELS = 3;
/** Further random zero-sum kernels, reported only: how many of them the kernel beats. */
export const POOL_KERNELS = 100;
const SHOWN = 8;

/** A random zero-sum 3×3 kernel: 9 N(0, 1) draws in row-major order, each minus their mean. */
export function randomZeroSumKernel(rng: Rng): Kernel3x3 {
  const draws = Array.from({ length: 9 }, () => rng.normal());
  const mean = draws.reduce((a, b) => a + b, 0) / 9;
  const row = (y: number) =>
    [draws[3 * y]! - mean, draws[3 * y + 1]! - mean, draws[3 * y + 2]! - mean] as const;
  return [row(0), row(1), row(2)];
}

/** Options of {@link runKernelEdgeExperiment}. */
export interface KernelEdgeOptions {
  /** The kernel under test. Default {@link LAPLACIAN_KERNEL}. */
  readonly kernel?: Kernel3x3;
  /** Its name in the reason and the charts. Default `'Laplacian'`. */
  readonly kernelLabel?: string;
}

/**
 * The experiment for any 3×3 kernel: on a seeded sample of MNIST test digits (64 quick, 512 full), the ROC AUC of
 * |response| on edge vs non-edge patches (patches not all background; edge: pixel range ≥ {@link EDGE_RANGE}) must
 * beat each of {@link CONTROL_KERNELS} random zero-sum kernels (`ctx.rng.fork('random-kernels')`) by
 * {@link EDGE_AUC_MARGIN}; the responses to a step edge, a ramp, a line, a dot and a flat patch are measured too.
 */
export async function runKernelEdgeExperiment(
  ctx: ExperimentContext,
  options: KernelEdgeOptions = {},
): Promise<ExperimentOutput> {
  const kernel = options.kernel ?? LAPLACIAN_KERNEL;
  const kernelLabel = options.kernelLabel ?? 'Laplacian';
  // 1. Digits: a seeded sample of the test split.
  const { test } = loadMnist({ seed: 0 });
  const n = ctx.quick ? 64 : 512;
  const order = ctx.rng.shuffle(Array.from({ length: test.shape[0]! }, (_, i) => i)).slice(0, n);
  const images = new Float32Array(n * 784);
  order.forEach((src, i) => images.set(test.features.subarray(src * 784, (src + 1) * 784), i * 784));
  ctx.progress(1, 3, 'edge separation of the kernel and its random zero-sum controls');
  // 2. The kernel under test, its controls, and a larger pool of random kernels (reported only).
  const report = edgeSeparation(images, n, 28, 28, { kernel });
  const controlRng = ctx.rng.fork('random-kernels');
  const controlKernels = Array.from({ length: CONTROL_KERNELS }, () => randomZeroSumKernel(controlRng));
  const controls = controlKernels.map((k, i) => ({
    label: `random zero-sum kernel ${i + 1}`,
    value: edgeSeparation(images, n, 28, 28, { kernel: k }).auc,
  }));
  ctx.progress(2, 3, `${POOL_KERNELS} further random kernels`);
  const poolRng = ctx.rng.fork('kernel-pool');
  const pool = Array.from(
    { length: POOL_KERNELS },
    () => edgeSeparation(images, n, 28, 28, { kernel: randomZeroSumKernel(poolRng) }).auc,
  );
  const poolBeaten = pool.filter((auc) => report.auc > auc).length;
  // 3. The verdict against the controls.
  const judged = judgeAgainstControls({
    metric: `ROC AUC of |response| on edge vs non-edge patches (${kernelLabel})`,
    trained: report.auc,
    controls,
    margin: EDGE_AUC_MARGIN,
    higherIsBetter: true,
  });
  const p = report.probes;
  const metrics = {
    kernel: kernelLabel,
    digits: n,
    patches: report.patches,
    backgroundPatches: report.backgroundPatches,
    edgePatches: report.edgePatches,
    nonEdgePatches: report.nonEdgePatches,
    edgeRange: report.edgeRange,
    auc: round4(report.auc),
    ...Object.fromEntries(controls.map((c, i) => [`control${i + 1}Auc`, round4(c.value)])),
    requiredMargin: EDGE_AUC_MARGIN,
    observedMargin: judged.margin,
    meanAbsOnEdges: round4(report.meanAbsOnEdges),
    meanAbsOnNonEdges: round4(report.meanAbsOnNonEdges),
    stepEdgeResponse: round4(p.step),
    rampResponse: round4(p.ramp),
    lineResponse: round4(p.line),
    dotResponse: round4(p.dot),
    flatResponse: round4(p.flat),
    poolKernels: POOL_KERNELS,
    poolBeaten,
    poolMeanAuc: round4(pool.reduce((a, b) => a + b, 0) / POOL_KERNELS),
    poolMaxAuc: round4(Math.max(...pool)),
  };
  const reason =
    `${judged.reason} On ${n} digits, ${metrics.backgroundPatches} of ${metrics.patches} 3×3 patches are all background ` +
    `and left out; of the rest, ${metrics.edgePatches} are edges (pixel range ≥ ${metrics.edgeRange}) and ` +
    `${metrics.nonEdgePatches} are not. Measured responses of the ${kernelLabel}: step edge ${metrics.stepEdgeResponse}, ` +
    `ramp ${metrics.rampResponse}, line ${metrics.lineResponse}, dot ${metrics.dotResponse}, flat ${metrics.flatResponse}. ` +
    `It beats ${poolBeaten} of ${POOL_KERNELS} further random zero-sum kernels (their AUC mean ${metrics.poolMeanAuc}, ` +
    `max ${metrics.poolMaxAuc}).`;
  // 4. Charts and images.
  const [, oh, ow] = report.responseShape;
  const responses = Float32Array.from(report.responses.subarray(0, SHOWN * oh * ow));
  const strongest = Math.max(...controls.map((c) => c.value));
  return {
    metrics,
    verdict: { status: judged.status, reason, evidence: [judged.evidence] },
    charts: [
      {
        id: 'kernel',
        title: 'The kernel',
        spec: imageHeatmap(
          kernel.map((row) => row.map(round4)),
          { title: `${kernelLabel} kernel`, cellSize: 36 },
        ),
      },
      {
        id: 'controls',
        title: 'Edge/non-edge ROC AUC: the kernel vs random zero-sum kernels',
        spec: controlComparison(
          [
            { label: kernelLabel, value: metrics.auc, role: 'trained' },
            ...controls.map((c) => ({ label: c.label, value: round4(c.value), role: 'control' as const })),
          ],
          {
            valueTitle: 'ROC AUC of |response| (edge vs non-edge)',
            threshold: round4(strongest + EDGE_AUC_MARGIN),
            thresholdLabel: `strongest control + ${EDGE_AUC_MARGIN}`,
          },
        ),
      },
      {
        id: 'random-kernels',
        title: 'The random zero-sum control kernels',
        spec: imageGallery(
          controlKernels.map((k, i) => ({
            label: controls[i]!.label,
            values: k.map((row) => row.map(round4)),
          })),
          { title: 'Control kernels', columns: CONTROL_KERNELS, cellSize: 24, sharedScale: false },
        ),
      },
      {
        id: 'digits',
        title: 'Digits',
        spec: imageGallery(
          galleryOf(images, SHOWN, 28, 28, (i) => `#${i}: digit ${test.target[order[i]!]}`),
          { title: 'Input digits', columns: SHOWN, cellSize: 4, scale: 'sequential' },
        ),
      },
      {
        id: 'responses',
        title: 'Responses',
        spec: imageGallery(
          galleryOf(responses, SHOWN, oh, ow, (i) => `#${i}: response`).map((g) => ({
            ...g,
            values: g.values.map((r) => r.map(round4)),
          })),
          { title: `${kernelLabel} responses`, columns: SHOWN, cellSize: 4 },
        ),
      },
    ],
    artifacts: [
      {
        file: 'digits.png',
        title: 'Input digits',
        png: imagesToPng(images.subarray(0, SHOWN * 784), [SHOWN, 28, 28, 1], { scale: 3 }),
      },
      {
        file: 'responses.png',
        title: `${kernelLabel} responses`,
        png: imagesToPng(responses, [SHOWN, oh, ow, 1], { scale: 3, normalize: 'per-image' }),
      },
    ],
  };
}

export const laplacianKernel: Experiment = {
  id: 'laplacian-kernel',
  title: "The thread's Laplacian kernel is an edge detector",
  claim:
    'On real digits, |response| of the 3×3 kernel [[0,1,0],[1,−4,1],[0,1,0]] separates edge patches (pixel range ≥ 0.5) from the other non-background patches — ROC AUC — better than each of 3 seeded random zero-sum 3×3 kernels, by at least 0.01.',
  run: (ctx) => runKernelEdgeExperiment(ctx),
};
