/** Charts and images of `first-layer-easy-deeper-hard`: readability per layer, the gaps, weights-alone vs optimized. */
import { controlComparison, imageGallery } from '@openbox/charts';
import { imagesToPng } from '@openbox/cnn-vis';
import type { ChartEntry } from '../results-format.js';
import type { PngArtifact } from '../experiment.js';
import { imageRows, round4 } from './image-rows.js';
import type { LayerSummary, ReadabilityProfile } from './readability-profile.js';

/** Units of each layer shown in the gallery. */
export const SHOWN_UNITS = 4;

/** A control's label with its per-layer summaries. */
interface ControlSummaries {
  readonly label: string;
  readonly summaries: readonly LayerSummary[];
}

const random = (s: LayerSummary) => s.random.reduce((a, b) => a + b, 0) / s.random.length;

/**
 * 1. `profile`: readability per layer — trained, the random-image null (mean of its draws), each control;
 * 2. `gaps`: first minus deepest layer's readability, trained vs each control, the margin as the threshold;
 * 3. `gallery` (+ `gallery.png`): weights-alone and optimized images of the first {@link SHOWN_UNITS} units per layer.
 */
export function firstLayerEasyCharts(
  trained: ReadabilityProfile,
  controls: readonly ControlSummaries[],
  gapMargin: number,
  inputShape: readonly [number, number, number],
): { charts: ChartEntry[]; artifacts: PngArtifact[] } {
  const gapOf = (s: readonly LayerSummary[]) => s[0]!.readability - s[s.length - 1]!.readability;
  const profile = [
    ...trained.summaries.map((s) => ({
      label: `trained ${s.layer}`,
      value: round4(s.readability),
      role: 'trained' as const,
    })),
    ...trained.summaries.map((s) => ({
      label: `random image ${s.layer}`,
      value: round4(random(s)),
      role: 'control' as const,
    })),
    ...controls.flatMap((c) =>
      c.summaries.map((s) => ({
        label: `${c.label} ${s.layer}`,
        value: round4(s.readability),
        role: 'control' as const,
      })),
    ),
  ];
  const [h, w, c] = inputShape;
  const shown = trained.readings.flatMap((r) =>
    r.units.slice(0, SHOWN_UNITS).flatMap((u) => [
      { label: `${r.layer}:${u.channel} weights alone`, image: u.weightsImage },
      { label: `${r.layer}:${u.channel} optimized`, image: u.optimizedImage },
    ]),
  );
  const pixels = new Float32Array(shown.length * h * w * c);
  shown.forEach((s, i) => pixels.set(s.image, i * h * w * c));
  return {
    charts: [
      {
        id: 'profile',
        title: 'Weights-alone readability per layer: trained, random images, re-initialized controls',
        spec: controlComparison(profile, {
          valueTitle: 'mean clip(a(weights alone) / a(optimized), 0, 1)',
        }),
      },
      {
        id: 'gaps',
        title: 'First minus deepest layer readability: trained vs re-initialized controls',
        spec: controlComparison(
          [
            { label: 'trained', value: round4(gapOf(trained.summaries)), role: 'trained' },
            ...controls.map((c) => ({
              label: c.label,
              value: round4(gapOf(c.summaries)),
              role: 'control' as const,
            })),
          ],
          { valueTitle: 'readability gap (first − deepest)', threshold: gapMargin, thresholdLabel: 'margin' },
        ),
      },
      {
        id: 'gallery',
        title: 'Weights-alone image vs optimized image, per unit',
        spec: imageGallery(
          shown.map((s, i) => ({
            label: s.label,
            values: imageRows(pixels, i, h, w, c).map((r) => r.map(round4)),
          })),
          { title: 'weights alone | optimized', columns: 2 * SHOWN_UNITS, cellSize: 3, scale: 'sequential' },
        ),
      },
    ],
    artifacts: [
      {
        file: 'gallery.png',
        title: 'Weights-alone vs optimized images (pairs, per layer)',
        png: imagesToPng(pixels, [shown.length, h, w, c], { columns: 2 * SHOWN_UNITS, scale: 3 }),
      },
    ],
  };
}
