/** The deep net's first-layer filters beside multinomial logistic regression's ten digit templates, same pixels. */
import { accuracyComparison, imageGallery } from '@openbox/charts';
import { filterGrid, filterGridPng, imagesToPng, accuracyOn } from '@openbox/cnn-vis';
import type { Experiment } from '../experiment.js';
import { cnnSetup } from './cnn-setup.js';
import { round4 } from './image-rows.js';
import { loadLrTemplates, lrTemplateAccuracy } from './lr-templates.js';

/**
 * |Σw| / Σ|w|: a filter's response to a uniform patch of ones relative to the largest response any patch with values
 * in [−1, 1] can give. Near 0 the filter ignores uniform brightness and responds to contrast (edge-like); near 1 it
 * is a brightness (blob) detector.
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

export const cnnFiltersVsLrTemplates: Experiment = {
  id: 'cnn-filters-vs-lr-templates',
  title: 'First-layer filters of the CNN vs logistic regression templates',
  claim:
    "A model with no hidden layer can be read directly (its weights are one template per digit), while a CNN's first layer learns small local contrast (edge) detectors and the deep net is more accurate.",
  async run(ctx) {
    // 1. Model and data.
    const { adapter, modelLabel, test, convLayers } = await cnnSetup(ctx);
    ctx.progress(1, 4, 'first-layer filters');
    // 2. First-layer filters and how edge-like they are.
    const grid = filterGrid(adapter.model, { scaling: 'per-filter' });
    // The raw kernel weights of each filter (channel 0), row-major over the kernel window.
    const [kh, kw] = grid.kernelSize;
    const weights = grid.filters.map((f) => {
      const w = new Array<number>(kh * kw).fill(0);
      for (const r of grid.rows) if (r.filter === f.filter && r.channel === 0) w[r.y * kw + r.x] = r.weight;
      return w;
    });
    const ratios = weights.map(flatToContrastRatio);
    const edgeLike = ratios.filter((r) => r < 0.5).length;
    // 3. Multinomial LR on the same pixels (exact L-BFGS in float64).
    ctx.progress(2, 4, 'multinomial logistic regression on the pixels');
    const lr = loadLrTemplates(ctx.cacheDir);
    ctx.progress(3, 4, 'accuracies');
    const cnnAccuracy = accuracyOn(adapter.model, test);
    const templates = Float32Array.from(lr.weights);
    const lrTestAccuracy = lrTemplateAccuracy(lr, test);
    // 4. Verdict, charts, images.
    const holds = cnnAccuracy > lrTestAccuracy && edgeLike >= grid.filters.length / 2;
    const reason = `CNN test accuracy ${(100 * cnnAccuracy).toFixed(1)}% vs logistic regression ${(100 * lrTestAccuracy).toFixed(1)}%; ${edgeLike} of ${grid.filters.length} first-layer filters respond mostly to contrast (|Σw|/Σ|w| < 0.5).`;
    return {
      metrics: {
        model: modelLabel,
        firstLayer: convLayers[0]!.name,
        cnnTestAccuracy: round4(cnnAccuracy),
        lrTestAccuracy: round4(lrTestAccuracy),
        lrTrainRows: lr.rows,
        lrL2: lr.l2,
        lrPixels: lr.varyingPixels,
        lrIterations: lr.iterations,
        lrConverged: lr.converged,
        lrGradientNorm: round4(lr.gradientNorm),
        edgeLikeFilters: edgeLike,
        filters: grid.filters.length,
        meanFlatToContrastRatio: round4(ratios.reduce((a, b) => a + b, 0) / ratios.length),
      },
      verdict: { status: holds ? 'holds' : 'does-not-hold', reason },
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
          id: 'templates',
          title: 'Logistic regression templates (one per digit)',
          spec: imageGallery(
            Array.from({ length: 10 }, (_, k) => ({
              label: `digit ${k}`,
              values: Array.from({ length: 28 }, (_, y) =>
                Array.from(templates.subarray(k * 784 + y * 28, k * 784 + (y + 1) * 28), round4),
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
          png: imagesToPng(templates, [10, 28, 28, 1], { normalize: 'per-image', scale: 4, columns: 5 }),
        },
      ],
    };
  },
};
