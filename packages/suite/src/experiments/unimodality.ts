/** Erhan et al. 2009: a deep unit's optimum is found reliably from every random start (unimodality), measured. */
import { accuracyComparison, imageGallery } from '@openbox/charts';
import { imagesToPng, unimodality as measureUnimodality, type UnimodalityReport } from '@openbox/cnn-vis';
import type { Experiment } from '../experiment.js';
import { cnnSetup } from './cnn-setup.js';
import { deepUnits, unitLabel } from './cnn-units.js';
import { assertFiniteMetrics } from './finite-guards.js';
import { galleryOf, round4 } from './image-rows.js';

export const unimodality: Experiment = {
  id: 'unimodality',
  title: "Is a deep unit's optimum unimodal?",
  claim:
    'Optimizing a deep unit from different random starts finds essentially the same image each time (Erhan et al. 2009), so one optimized image characterizes the unit.',
  async run(ctx) {
    // 1. Model and units.
    const setup = await cnnSetup(ctx);
    const units = deepUnits(setup, ctx.quick);
    const starts = ctx.quick ? 4 : 8;
    const steps = ctx.quick ? 128 : 384;
    // 2. N starts per unit, compared with N random digits.
    const reports: UnimodalityReport[] = [];
    for (const [i, unit] of units.entries()) {
      ctx.progress(i, units.length, unitLabel(unit));
      reports.push(
        measureUnimodality(setup.adapter, unit, setup.test, { starts, steps, seed: ctx.rng.tfSeed() }),
      );
    }
    // 3. Verdict: every unit unimodal, judged on finite numbers only (a NaN similarity must not pass as a verdict).
    for (const r of reports)
      assertFiniteMetrics('unimodality', `unit '${unitLabel(r.unit)}'`, {
        optimaCorrelation: r.optimizedSimilarity.mean,
        baselineCorrelation: r.baselineSimilarity.mean,
        activationCv: r.activationCv,
      });
    const unimodal = reports.filter((r) => r.verdict === 'unimodal').length;
    const metrics: Record<string, number | string> = {
      starts,
      steps,
      units: units.length,
      unimodalUnits: unimodal,
    };
    for (const r of reports) {
      metrics[`${unitLabel(r.unit)} optimaCorrelation`] = round4(r.optimizedSimilarity.mean);
      metrics[`${unitLabel(r.unit)} baselineCorrelation`] = round4(r.baselineSimilarity.mean);
      metrics[`${unitLabel(r.unit)} activationCv`] = round4(r.activationCv);
    }
    return {
      metrics,
      verdict: {
        status: unimodal === units.length ? 'holds' : 'does-not-hold',
        reason: `${unimodal} of ${units.length} units reach the same optimum from ${starts} random starts. ${reports.map((r) => r.summary).join(' ')}`,
      },
      charts: [
        {
          id: 'similarity',
          title: 'Mean pairwise correlation: optima vs random digits',
          spec: accuracyComparison(
            reports.flatMap((r) => [
              {
                model: 'optima',
                accuracy: Math.max(0, round4(r.optimizedSimilarity.mean)),
                group: unitLabel(r.unit),
              },
              {
                model: 'random digits',
                accuracy: Math.max(0, round4(r.baselineSimilarity.mean)),
                group: unitLabel(r.unit),
              },
            ]),
            { title: 'mean pairwise correlation', valueTitle: 'correlation' },
          ),
        },
        ...reports.map((r) => ({
          id: `optima-${unitLabel(r.unit)
            .replace(/[^a-z0-9]+/gi, '-')
            .toLowerCase()}`,
          title: `Optima of ${unitLabel(r.unit)} from ${starts} starts`,
          spec: imageGallery(
            galleryOf(r.images, starts, 28, 28, (s) => `start ${s}`),
            {
              title: unitLabel(r.unit),
              columns: starts,
              cellSize: 4,
              scale: 'sequential',
              sharedScale: false,
            },
          ),
        })),
      ],
      artifacts: reports.map((r) => ({
        file: `optima-${unitLabel(r.unit)
          .replace(/[^a-z0-9]+/gi, '-')
          .toLowerCase()}.png`,
        title: `Optima of ${unitLabel(r.unit)}`,
        png: imagesToPng(r.images, [starts, 28, 28, 1], { scale: 3, columns: starts }),
      })),
    };
  },
};
