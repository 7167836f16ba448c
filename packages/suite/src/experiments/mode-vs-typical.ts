/** DeltaIV's objection: the optimum of a unit is the mode, and the mode need not look like a typical sample. */
import { accuracyComparison, imageGallery } from '@openbox/charts';
import {
  imagesToPng,
  modeVsTypical as measureModeVsTypical,
  type ModeVsTypicalReport,
} from '@openbox/cnn-vis';
import type { Experiment } from '../experiment.js';
import { cnnSetup } from './cnn-setup.js';
import { deepUnits, unitLabel } from './cnn-units.js';
import { imageRows, round4 } from './image-rows.js';

export const modeVsTypical: Experiment = {
  id: 'mode-vs-typical',
  title: 'The optimized image is a mode, not a typical digit',
  claim:
    'The image that maximizes a unit activates it more than any real digit yet lies farther from the data than real digits lie from each other: the mode of a high-dimensional distribution is not a typical sample.',
  async run(ctx) {
    // 1. Model and units.
    const setup = await cnnSetup(ctx);
    const units = deepUnits(setup, ctx.quick);
    const steps = ctx.quick ? 128 : 384;
    const limit = ctx.quick ? 1000 : 2000;
    // 2. One optimum per unit, against the real test digits.
    const reports: ModeVsTypicalReport[] = [];
    for (const [i, unit] of units.entries()) {
      ctx.progress(i, units.length, unitLabel(unit));
      reports.push(
        measureModeVsTypical(setup.adapter, unit, setup.test, { steps, limit, seed: ctx.rng.tfSeed() }),
      );
    }
    // 3. Verdict and numbers.
    const atypical = reports.filter((r) => r.verdict === 'mode-is-atypical').length;
    const metrics: Record<string, number> = {
      steps,
      comparedDigits: limit,
      units: units.length,
      atypicalUnits: atypical,
    };
    for (const r of reports) {
      const u = unitLabel(r.unit);
      metrics[`${u} optimizedActivation`] = round4(r.optimizedActivation);
      metrics[`${u} bestRealActivation`] = round4(r.bestRealActivation);
      metrics[`${u} nearestRealDistance`] = round4(r.nearestRealDistance);
      metrics[`${u} typicalNearestDistance`] = round4(r.typicalNearestDistance);
    }
    const gallery = reports.flatMap((r) => [
      { label: `${unitLabel(r.unit)} optimum`, values: imageRows(r.image, 0, 28, 28) },
      {
        label: `${unitLabel(r.unit)} best digit`,
        values: imageRows(setup.test.features, r.bestRealIndex, 28, 28),
      },
    ]);
    return {
      metrics,
      verdict: {
        status: atypical === units.length ? 'holds' : 'does-not-hold',
        reason: `${atypical} of ${units.length} optima beat every real digit and lie off the data. ${reports.map((r) => r.summary).join(' ')}`,
      },
      charts: [
        {
          id: 'optimum-vs-best-digit',
          title: 'Optimum vs the best real digit',
          spec: imageGallery(gallery, {
            title: 'optimized image and best real digit per unit',
            columns: 2,
            cellSize: 4,
            scale: 'sequential',
            sharedScale: false,
          }),
        },
        {
          id: 'distances',
          title: 'Distance to the nearest real digit',
          spec: accuracyComparison(
            reports.flatMap((r) => {
              const scale = Math.max(r.nearestRealDistance, r.typicalNearestDistance);
              return [
                {
                  model: 'optimum → nearest digit',
                  accuracy: round4(r.nearestRealDistance / scale),
                  group: unitLabel(r.unit),
                },
                {
                  model: 'digit → nearest digit (median)',
                  accuracy: round4(r.typicalNearestDistance / scale),
                  group: unitLabel(r.unit),
                },
              ];
            }),
            { title: 'L2 distance, relative to the larger of the two', valueTitle: 'relative distance' },
          ),
        },
      ],
      artifacts: [
        {
          file: 'optima.png',
          title: 'Optimized images',
          png: imagesToPng(
            Float32Array.from(reports.flatMap((r) => Array.from(r.image))),
            [reports.length, 28, 28, 1],
            { scale: 4, columns: reports.length },
          ),
        },
      ],
    };
  },
};
