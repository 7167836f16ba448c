/** The deep net's first-layer filters beside multinomial logistic regression's ten digit templates, same pixels. */
import { accuracyComparison, controlComparison, imageGallery } from '@openbox/charts';
import {
  filterGrid,
  filterGridPng,
  firstConvKernels,
  imagesToPng,
  type FirstConvKernels,
} from '@openbox/cnn-vis';
import type * as tfl from '@tensorflow/tfjs-layers';
import { bootstrapMeanInterval } from '../controls/bootstrap-mean.js';
import { judgeAgainstControls } from '../controls/judge-against-controls.js';
import type { Experiment } from '../experiment.js';
import { cnnSetup } from './cnn-setup.js';
import { round4 } from './image-rows.js';
import { judgeLrTemplates, TEMPLATE_MATCH_MARGIN } from './lr-template-match.js';
import { lrBaseline } from './lr-baseline.js';
import { lrTemplateAccuracy } from './lr-templates.js';
import { modelAccuracy } from './model-accuracy.js';
import { whenApplicable, withSetupLabels } from './not-applicable.js';
import { layersModelFor, setupControls } from './setup-models.js';

const KERNELS = "the first conv layer's kernel";

/**
 * How far the trained first layer's mean neighbour correlation must lie above every re-initialized control's. On the
 * reference CNN's 16 filters of 5×5 the trained value is 0.483; over 200 re-initialized copies the control value has
 * mean −0.044 and SD 0.039 (range −0.148 to 0.087). 0.2 is 5 control SDs — no random first layer comes near it by
 * chance — and under half the measured gap (≈ 0.47), so a first layer that learned spatial structure clears it.
 */
export const NEIGHBOUR_CORRELATION_MARGIN = 0.2;
/** Resamples of the bootstrap interval over the filters (cheap: 16 values). */
const BOOTSTRAP_RESAMPLES = 2000;

/**
 * Pearson correlation of a filter's horizontally and vertically adjacent weights: every pair (w[y][x][c], w[y][x+1][c])
 * and (w[y][x][c], w[y+1][x][c]) of one input channel is one (first, second) observation, all pairs of the filter
 * pooled. Near 0 for independent random weights (slightly below: −0.04 on average for 5×5, the small-sample bias of
 * overlapping pairs); large when neighbouring weights move together, as in the smooth, oriented filters a trained
 * first layer learns. A filter whose paired weights do not vary gives 0.
 */
export function neighbourCorrelation(kernels: FirstConvKernels, filter: number): number {
  const [kh, kw, cin, cout] = kernels.shape;
  const at = (y: number, x: number, c: number) => kernels.kernel[((y * kw + x) * cin + c) * cout + filter]!;
  const first: number[] = [];
  const second: number[] = [];
  for (let c = 0; c < cin; c++)
    for (let y = 0; y < kh; y++)
      for (let x = 0; x < kw; x++) {
        if (x + 1 < kw) (first.push(at(y, x, c)), second.push(at(y, x + 1, c)));
        if (y + 1 < kh) (first.push(at(y, x, c)), second.push(at(y + 1, x, c)));
      }
  const n = first.length;
  const m1 = first.reduce((a, b) => a + b, 0) / n;
  const m2 = second.reduce((a, b) => a + b, 0) / n;
  let s12 = 0;
  let s11 = 0;
  let s22 = 0;
  for (let i = 0; i < n; i++) {
    const d1 = first[i]! - m1;
    const d2 = second[i]! - m2;
    s12 += d1 * d2;
    s11 += d1 * d1;
    s22 += d2 * d2;
  }
  return s11 > 0 && s22 > 0 ? s12 / Math.sqrt(s11 * s22) : 0;
}

/** {@link neighbourCorrelation} of every filter of the model's first conv layer. */
export function firstLayerNeighbourCorrelations(model: tfl.LayersModel): number[] {
  const kernels = firstConvKernels(model, 'cnn-filters-vs-lr-templates');
  return Array.from({ length: kernels.shape[3] }, (_, f) => neighbourCorrelation(kernels, f));
}

/**
 * |Σw| / Σ|w|: a filter's response to a uniform patch of ones relative to the largest response any patch with values
 * in [−1, 1] can give. Reported only: 95.5% of random N(0, 1) 5×5 filters are below 0.5, so it cannot tell a trained
 * first layer from an untrained one.
 */
function flatToContrastRatio(weights: readonly number[]): number {
  let sum = 0;
  let abs = 0;
  for (const w of weights) {
    sum += w;
    abs += Math.abs(w);
  }
  return Math.abs(sum) / abs;
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

export const cnnFiltersVsLrTemplates: Experiment = {
  id: 'cnn-filters-vs-lr-templates',
  title: 'First-layer filters of the CNN vs logistic regression templates',
  claim:
    "A model with no hidden layer can be read directly (its weights are one template per digit), while a CNN's first layer learns spatially structured local filters — neighbouring weights correlated far more than in the same network re-initialized — and the deep net is more accurate.",
  studiesModel: true,
  run: whenApplicable(async (ctx) => {
    // 1. Model, data and the re-initialized controls.
    const setup = await cnnSetup(ctx);
    const { adapter, train, test, convLayers, imageShape } = setup;
    const model = layersModelFor(setup, adapter, KERNELS);
    const controls = await setupControls(ctx, setup);
    ctx.progress(1, 4, 'first-layer filters against re-initialized copies');
    // 2. Spatial structure of the first-layer filters: trained (with a bootstrap interval over filters) vs controls.
    const perFilter = firstLayerNeighbourCorrelations(model);
    const trained = bootstrapMeanInterval(perFilter, {
      rng: ctx.rng.fork('bootstrap'),
      resamples: BOOTSTRAP_RESAMPLES,
    });
    const controlValues = controls.map((c) => ({
      label: c.label,
      seed: c.seed,
      value: mean(firstLayerNeighbourCorrelations(layersModelFor(setup, c.adapter, KERNELS))),
    }));
    const structure = judgeAgainstControls({
      metric: 'mean neighbour correlation of the first-layer filters',
      trained: trained.mean,
      controls: controlValues,
      margin: NEIGHBOUR_CORRELATION_MARGIN,
      higherIsBetter: true,
      interval: trained,
    });
    // The former edge rule, reported only.
    const grid = filterGrid(model, { scaling: 'per-filter' });
    const [kh, kw] = grid.kernelSize;
    const weights = grid.filters.map((f) => {
      const w = new Array<number>(kh * kw).fill(0);
      for (const r of grid.rows) if (r.filter === f.filter && r.channel === 0) w[r.y * kw + r.x] = r.weight;
      return w;
    });
    const ratios = weights.map(flatToContrastRatio);
    const edgeLike = ratios.filter((r) => r < 0.5).length;
    // 3. Multinomial LR on the same pixels (exact L-BFGS in float64), and both accuracies.
    ctx.progress(2, 4, 'multinomial logistic regression on the pixels');
    const lr = lrBaseline(ctx, setup);
    const classes = lr.intercepts.length;
    const match = judgeLrTemplates(lr, train, ctx.rng.fork('template-null'));
    ctx.progress(3, 4, 'accuracies');
    const cnnAccuracy = modelAccuracy(adapter, test);
    const templates = Float32Array.from(lr.weights);
    const [h, w, c] = imageShape;
    const rows = setup.data === 'mnist' ? 'digits' : 'images';
    const lrTestAccuracy = lrTemplateAccuracy(lr, test);
    const cnnBeatsLr = cnnAccuracy > lrTestAccuracy;
    // 4. Verdict, metrics, charts, images.
    const holds = cnnBeatsLr && structure.status === 'holds' && match.holds;
    const reason =
      `CNN test accuracy ${(100 * cnnAccuracy).toFixed(1)}% vs logistic regression ${(100 * lrTestAccuracy).toFixed(1)}% ` +
      `(both trained on the same ${lr.rows} ${rows}): the CNN is ${cnnBeatsLr ? '' : 'not '}more accurate. ` +
      `${match.ownClassBest} of ${classes} LR templates correlate best with their own class-mean ${rows === 'digits' ? 'digit' : 'image'} (needs ${classes}). ${match.judged.reason} ` +
      structure.reason;
    const strongest = Math.max(...controlValues.map((c) => c.value));
    return withSetupLabels(setup, {
      metrics: {
        firstLayer: convLayers[0]!.name,
        cnnTestAccuracy: round4(cnnAccuracy),
        lrTestAccuracy: round4(lrTestAccuracy),
        cnnBeatsLr,
        lrTrainRows: lr.rows,
        lrL2: lr.l2,
        lrPixels: lr.varyingPixels,
        lrIterations: lr.iterations,
        lrConverged: lr.converged,
        lrGradientNorm: round4(lr.gradientNorm),
        filters: perFilter.length,
        meanNeighbourCorrelation: round4(trained.mean),
        neighbourCorrelationLower: round4(trained.lower),
        neighbourCorrelationUpper: round4(trained.upper),
        neighbourCorrelationLevel: trained.level,
        bootstrapResamples: trained.resamples,
        ...Object.fromEntries(
          controlValues.flatMap((c, i) => [
            [`control${i + 1}Seed`, c.seed],
            [`control${i + 1}MeanNeighbourCorrelation`, round4(c.value)],
          ]),
        ),
        requiredMargin: NEIGHBOUR_CORRELATION_MARGIN,
        observedMargin: structure.margin,
        filtersBeatControls: structure.status === 'holds',
        templatesOwnClassBest: match.ownClassBest,
        templatesOwnClassMeanCorrelation: round4(match.ownClassMean),
        ...Object.fromEntries(
          match.nulls.map((n, i) => [`templateNull${i + 1}MeanCorrelation`, round4(n.value)]),
        ),
        templateRequiredMargin: TEMPLATE_MATCH_MARGIN,
        templateObservedMargin: match.judged.margin,
        templatesOnePerDigit: match.holds,
        edgeLikeFilters: edgeLike,
        meanFlatToContrastRatio: round4(mean(ratios)),
      },
      verdict: {
        status: holds ? 'holds' : 'does-not-hold',
        reason,
        evidence: [structure.evidence, match.judged.evidence],
      },
      charts: [
        {
          id: 'filters',
          title: `First-layer filters (${grid.layer}, ${kh}×${kw})`,
          spec: imageGallery(
            weights.map((w, f) => ({
              label: `filter ${f}`,
              values: Array.from({ length: kh }, (_, y) => w.slice(y * kw, (y + 1) * kw).map(round4)),
            })),
            { title: 'CNN first-layer filters', columns: 8, cellSize: 10, sharedScale: false },
          ),
        },
        {
          id: 'controls',
          title: 'Neighbour correlation of the first-layer filters: trained vs re-initialized',
          spec: controlComparison(
            [
              {
                label: 'trained',
                value: round4(trained.mean),
                role: 'trained',
                lower: round4(trained.lower),
                upper: round4(trained.upper),
              },
              ...controlValues.map((c) => ({
                label: c.label,
                value: round4(c.value),
                role: 'control' as const,
              })),
            ],
            {
              valueTitle: 'mean neighbour correlation',
              threshold: round4(strongest + NEIGHBOUR_CORRELATION_MARGIN),
              thresholdLabel: `strongest control + ${NEIGHBOUR_CORRELATION_MARGIN}`,
            },
          ),
        },
        {
          id: 'templates',
          title: `Logistic regression templates (one per class${c > 1 ? ', mean over the channels' : ''})`,
          spec: imageGallery(
            Array.from({ length: classes }, (_, k) => ({
              label: setup.data === 'mnist' ? `digit ${k}` : setup.classNames[k]!,
              values: Array.from({ length: h }, (_, y) =>
                Array.from({ length: w }, (_, x) => {
                  let sum = 0;
                  for (let ch = 0; ch < c; ch++) sum += templates[k * h * w * c + (y * w + x) * c + ch]!;
                  return round4(sum / c);
                }),
              ),
            })),
            { title: 'Multinomial logistic regression weights', columns: 5, cellSize: 4, sharedScale: false },
          ),
        },
        {
          id: 'accuracy',
          title: 'Test accuracy',
          spec: accuracyComparison([
            { model: 'CNN', accuracy: cnnAccuracy },
            { model: 'logistic regression', accuracy: lrTestAccuracy },
          ]),
        },
      ],
      artifacts: [
        { file: 'filters.png', title: 'First-layer filters', png: filterGridPng(grid, { scale: 8 }) },
        {
          file: 'templates.png',
          title: 'Logistic regression templates',
          png: imagesToPng(templates, [classes, h, w, c], {
            normalize: 'per-image',
            scale: h > 64 ? 1 : 4,
            columns: 5,
          }),
        },
      ],
    });
  }),
};
