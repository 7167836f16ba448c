/** "The max-activating patch is not the filter": it depends on the constraint put on the patch. */
import { coefficientScatter, imageGallery } from '@openbox/charts';
import { maxActivatingPatches } from '@openbox/cnn-vis';
import type { Experiment } from '../experiment.js';
import { cnnSetup } from './cnn-setup.js';
import { round4 } from './image-rows.js';

export const maxPatchVsFilter: Experiment = {
  id: 'max-patch-vs-filter',
  title: 'The patch that maximizes a first-layer filter vs the filter',
  claim:
    'The input patch that maximizes a first-layer unit does not look like the filter itself (convolution is not template matching).',
  async run(ctx) {
    // 1. Closed-form maximizing patches of every first-layer filter.
    const { adapter } = await cnnSetup(ctx);
    const report = maxActivatingPatches(adapter.model);
    const side = Math.round(Math.sqrt(report.patches[0]!.boxPatch.length));
    const rows = (values: Float32Array) =>
      Array.from({ length: side }, (_, y) => Array.from(values.subarray(y * side, (y + 1) * side), round4));
    // 2. Verdict: under the pixel box the patch is a thresholded filter; under an L2 ball it is the filter.
    const status = report.verdict === 'holds-under-box' ? 'holds' : 'does-not-hold';
    return {
      metrics: {
        layer: report.layer,
        filters: report.patches.length,
        meanBoxCorrelation: round4(report.meanBoxCorrelation),
        minBoxCorrelation: round4(report.minBoxCorrelation),
        meanL2Correlation: round4(
          report.patches.reduce((a, p) => a + p.l2Correlation, 0) / report.patches.length,
        ),
      },
      verdict: { status, reason: report.summary },
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
            { title: 'corr(patch, filter)', xTitle: 'L2 ball (= 1)', yTitle: '[0,1] box' },
          ),
        },
      ],
      artifacts: [],
    };
  },
};
