/** Test helper: sample inputs for every chart kind (a missing kind is a type error), used by the schema test. */
import type { TopLevelSpec } from 'vega-lite';
import { accuracyComparison } from './accuracy-comparison.js';
import type { ChartKind } from './chart-builders.js';
import { coefficientBars } from './coefficient-bars.js';
import { coefficientScatter } from './coefficient-scatter.js';
import { controlComparison } from './control-comparison.js';
import { imageGallery } from './image-gallery.js';
import { imageHeatmap } from './image-heatmap.js';
import { objectiveCurves } from './objective-curves.js';
import { similarityMatrix } from './similarity-matrix.js';

/** A `rows × cols` matrix with a smooth signed pattern. */
export function wave(rows: number, cols: number, phase = 0): number[][] {
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c) => Math.sin(r * 0.7 + c * 0.3 + phase)),
  );
}

/** Named cases per kind: each builds one spec with a different combination of options. */
export const SAMPLE_SPECS: Record<ChartKind, Record<string, () => TopLevelSpec>> = {
  'coefficient-scatter': {
    labeled: () =>
      coefficientScatter(
        [
          { feature: 'bill_length', x: 1.2, y: 1.19 },
          { feature: 'flipper', x: -0.4, y: -0.41 },
        ],
        { title: 'net vs exact' },
      ),
    'grouped, unlabeled': () =>
      coefficientScatter(
        Array.from({ length: 60 }, (_, i) => ({
          feature: `px${i}`,
          x: i / 10,
          y: i / 10 + 0.01,
          group: `class ${i % 3}`,
        })),
      ),
  },
  'coefficient-bars': {
    plain: () => coefficientBars([{ feature: 'mass', estimate: 0.8, lower: 0.5, upper: 1.1 }]),
    grouped: () =>
      coefficientBars(
        [
          { feature: 'mass', estimate: 0.8, lower: 0.5, upper: 1.1, group: 'net' },
          { feature: 'mass', estimate: 0.79, lower: 0.5, upper: 1.08, group: 'exact' },
          { feature: 'year', estimate: -0.2, lower: -0.6, upper: 0.2, group: 'net' },
        ],
        { title: 'coefficients' },
      ),
  },
  'image-heatmap': {
    diverging: () => imageHeatmap(wave(5, 5), { title: 'filter' }),
    sequential: () =>
      imageHeatmap(
        wave(28, 28).map((r) => r.map((v) => (v + 1) / 2)),
        { scale: 'sequential', cellSize: 6 },
      ),
    constant: () =>
      imageHeatmap(
        [
          [0, 0],
          [0, 0],
        ],
        { scale: 'sequential' },
      ),
  },
  'image-gallery': {
    shared: () =>
      imageGallery(Array.from({ length: 16 }, (_, i) => ({ label: `filter ${i}`, values: wave(5, 5, i) }))),
    independent: () =>
      imageGallery(
        Array.from({ length: 10 }, (_, i) => ({ label: `${i}`, values: wave(28, 28, i) })),
        { sharedScale: false, columns: 5, scale: 'sequential', title: 'templates' },
      ),
  },
  'objective-curves': {
    plain: () =>
      objectiveCurves([
        { unit: 'class 0', values: [0, 1, 2] },
        { unit: 'class 1', values: [0, 0.5, 3] },
      ]),
    'with steps': () =>
      objectiveCurves([{ unit: 'c', values: [1, 2], steps: [0, 10] }], { title: 'AM', yTitle: 'logit' }),
  },
  'similarity-matrix': {
    small: () =>
      similarityMatrix(
        {
          labels: ['a', 'b'],
          matrix: [
            [1, 0.2],
            [0.2, 1],
          ],
        },
        { title: 'cosine' },
      ),
    'large sequential': () =>
      similarityMatrix(
        { labels: Array.from({ length: 16 }, (_, i) => `f${i}`), matrix: wave(16, 16) },
        { scale: 'sequential' },
      ),
  },
  'accuracy-comparison': {
    plain: () =>
      accuracyComparison([
        { model: 'CNN', accuracy: 0.98 },
        { model: 'logistic regression', accuracy: 0.91 },
      ]),
    grouped: () =>
      accuracyComparison(
        [
          { model: 'net', accuracy: 0.97, group: 'penguins' },
          { model: 'exact', accuracy: 0.97, group: 'penguins' },
          { model: 'net', accuracy: 0.81, group: 'cars' },
          { model: 'exact', accuracy: 0.82, group: 'cars' },
        ],
        { title: 'per dataset' },
      ),
  },
  'control-comparison': {
    'with an interval and a threshold': () =>
      controlComparison(
        [
          { label: 'trained', value: 0.48, role: 'trained', lower: 0.41, upper: 0.55 },
          { label: 're-initialized (seed 1)', value: -0.04, role: 'control' },
          { label: 're-initialized (seed 2)', value: 0.01, role: 'control' },
        ],
        { title: 'neighbour correlation', valueTitle: 'mean neighbour correlation', threshold: 0.21 },
      ),
    'points only': () =>
      controlComparison([
        { label: 'trained', value: 3, role: 'trained' },
        { label: 'grey', value: 5, role: 'control' },
      ]),
  },
};
