/** "The max-activating patch is not the filter": it depends on the constraint put on the patch. */
import type * as tfl from '@tensorflow/tfjs-layers';
import { coefficientScatter, imageGallery } from '@openbox/charts';
import { firstConvKernels, maxActivatingPatches } from '@openbox/cnn-vis';
import type { Experiment, ExperimentOutput } from '../experiment.js';
import { cnnSetup } from './cnn-setup.js';
import { assertFiniteMetrics, assertFiniteWeights } from './finite-guards.js';
import { round4 } from './image-rows.js';

const ID = 'max-patch-vs-filter';

/**
 * The experiment's output for `model`: (1) its first conv layer's weights, which must be finite; (2) the closed-form
 * maximizing patches of every filter; (3) every measured number finite; (4) verdict, metrics and charts. Throws a
 * `SuiteError` (`non-finite`) naming the layer on a NaN or infinite weight or metric.
 */
export function maxPatchVsFilterOutput(model: tfl.LayersModel): ExperimentOutput {
  // 1. Inputs: a NaN weight would make every patch 0 and every correlation 0, a vacuous "holds".
  const kernels = firstConvKernels(model, ID);
  assertFiniteWeights(ID, kernels.layer, 'kernel weight', kernels.kernel);
  if (kernels.bias !== undefined) assertFiniteWeights(ID, kernels.layer, 'bias', kernels.bias);
  // 2. Closed-form maximizing patches of every first-layer filter.
  const report = maxActivatingPatches(model);
  const side = Math.round(Math.sqrt(report.patches[0]!.boxPatch.length));
  const rows = (values: Float32Array) =>
    Array.from({ length: side }, (_, y) => Array.from(values.subarray(y * side, (y + 1) * side), round4));
  // 3. Measured numbers, all finite.
  const meanL2Correlation = report.patches.reduce((a, p) => a + p.l2Correlation, 0) / report.patches.length;
  const minL2Correlation = Math.min(...report.patches.map((p) => p.l2Correlation));
  assertFiniteMetrics(ID, `layer '${report.layer}'`, {
    meanBoxCorrelation: report.meanBoxCorrelation,
    minBoxCorrelation: report.minBoxCorrelation,
    meanL2Correlation,
    minL2Correlation,
  });
  for (const p of report.patches)
    assertFiniteMetrics(ID, `filter ${p.filter} of layer '${report.layer}'`, {
      boxResponse: p.boxResponse,
      l2Response: p.l2Response,
    });
  // 4. Verdict: under the pixel box the patch is a thresholded filter; under an L2 ball it is the filter.
  const status = report.verdict === 'holds-under-box' ? 'holds' : 'does-not-hold';
  const reason =
    `Under the [0,1] box the max-activating patch of '${report.layer}' correlates ${report.meanBoxCorrelation.toFixed(3)} ` +
    `on average (min ${report.minBoxCorrelation.toFixed(3)}) with its filter — a thresholded sign pattern, not the ` +
    `filter; under an L2 ball the patch is w/‖w‖, which correlates ${meanL2Correlation.toFixed(3)} on average ` +
    `(min ${minL2Correlation.toFixed(3)}).`;
  return {
    metrics: {
      layer: report.layer,
      filters: report.patches.length,
      meanBoxCorrelation: round4(report.meanBoxCorrelation),
      minBoxCorrelation: round4(report.minBoxCorrelation),
      meanL2Correlation: round4(meanL2Correlation),
    },
    verdict: { status, reason },
    charts: [
      {
        id: 'box-patches',
        title: 'Maximizing patches under the [0, 1] pixel box',
        spec: imageGallery(
          report.patches.map((p) => ({ label: `filter ${p.filter}`, values: rows(p.boxPatch) })),
          { title: 'argmax over [0,1] patches', columns: 8, cellSize: 10, scale: 'sequential' },
        ),
      },
      {
        id: 'correlations',
        title: 'Correlation with the filter: box vs L2 constraint',
        spec: coefficientScatter(
          report.patches.map((p) => ({
            feature: `filter ${p.filter}`,
            x: round4(p.l2Correlation),
            y: round4(p.boxCorrelation),
          })),
          { title: 'corr(patch, filter)', xTitle: 'L2 ball', yTitle: '[0,1] box' },
        ),
      },
    ],
    artifacts: [],
  };
}

export const maxPatchVsFilter: Experiment = {
  id: ID,
  title: 'The patch that maximizes a first-layer filter vs the filter',
  claim:
    'The input patch that maximizes a first-layer unit does not look like the filter itself (convolution is not template matching).',
  async run(ctx) {
    const { adapter } = await cnnSetup(ctx);
    return maxPatchVsFilterOutput(adapter.model);
  },
};
