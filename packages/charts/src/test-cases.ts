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
import { pdpIce } from './pdp-ice.js';
import { shapBeeswarm } from './shap-beeswarm.js';
import { shapDependence } from './shap-dependence.js';
import { shapImportanceBar } from './shap-importance-bar.js';
import { shapWaterfall } from './shap-waterfall.js';
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
  'shap-waterfall': {
    'with feature values and a fold': () =>
      shapWaterfall(
        {
          features: ['bill_length_mm', 'flipper_length_mm', 'body_mass_g', 'island'],
          values: [0.3, -0.12, 0.02, -0.01],
          featureValues: [39.1, 181, 3750, 0],
          baseValue: 0.4,
          prediction: 0.59,
          label: 'P(Adelie)',
          maxDisplay: 3,
        },
        { title: 'row 0' },
      ),
    'names only': () =>
      shapWaterfall({ features: ['a', 'b'], values: [-1, 2], baseValue: 0, prediction: 1, label: 'logit' }),
  },
  'shap-beeswarm': {
    'with a fold': () =>
      shapBeeswarm({
        features: ['a', 'b', 'c', 'd'],
        values: wave(30, 4),
        featureValues: wave(30, 4, 1),
        label: 'P(Adelie)',
        maxDisplay: 3,
      }),
    'every feature': () =>
      shapBeeswarm(
        { features: ['a', 'b'], values: wave(5, 2), featureValues: wave(5, 2, 2), label: 'logit' },
        { title: 'beeswarm', width: 300 },
      ),
  },
  'shap-dependence': {
    colored: () =>
      shapDependence({
        feature: 'bill_length_mm',
        featureValues: [39.1, 46.5, 50.2, 36],
        values: [0.3, -0.2, -0.35, 0.4],
        colorFeature: 'flipper_length_mm',
        colorValues: [181, 210, 220, 175],
        label: 'P(Adelie)',
      }),
    plain: () =>
      shapDependence({ feature: 'x', featureValues: [1, 2], values: [0, 1], label: 'logit' }, { title: 'x' }),
  },
  'shap-importance-bar': {
    'with errors': () =>
      shapImportanceBar({
        features: ['island', 'bill_length_mm', 'sex'],
        meanAbs: [0.12, 0.31, -0.01],
        errors: [0.01, 0.02, 0.005],
        label: 'accuracy drop when permuted',
      }),
    plain: () => shapImportanceBar({ features: ['a'], meanAbs: [0.2], label: 'mean |SHAP value|' }),
  },
  'pdp-ice': {
    'both, centered': () =>
      pdpIce(
        {
          feature: 'bill_length_mm',
          grid: [35, 40, 45, 50],
          average: [0.9, 0.7, 0.4, 0.1],
          ice: wave(8, 4),
          centered: true,
          label: 'P(Adelie)',
          maxCurves: 5,
        },
        { title: 'PDP' },
      ),
    'average only': () => pdpIce({ feature: 'x', grid: [0, 1], average: [0, 1], label: 'logit' }),
  },
};
