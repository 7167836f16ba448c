/** The registry of chart builders: names declared once, a missing builder is a type error. */
import { accuracyComparison } from './accuracy-comparison.js';
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

/** Every chart kind this package builds. */
export const CHART_KINDS = [
  'coefficient-scatter',
  'coefficient-bars',
  'image-heatmap',
  'image-gallery',
  'objective-curves',
  'similarity-matrix',
  'accuracy-comparison',
  'control-comparison',
  'shap-waterfall',
  'shap-beeswarm',
  'shap-dependence',
  'shap-importance-bar',
  'pdp-ice',
] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

/** True when `name` is one of `CHART_KINDS`. */
export function isChartKind(name: string): name is ChartKind {
  return (CHART_KINDS as readonly string[]).includes(name);
}

/** Each kind's builder (typed per kind), e.g. `CHART_BUILDERS['image-heatmap'](matrix)`. */
export const CHART_BUILDERS = {
  'coefficient-scatter': coefficientScatter,
  'coefficient-bars': coefficientBars,
  'image-heatmap': imageHeatmap,
  'image-gallery': imageGallery,
  'objective-curves': objectiveCurves,
  'similarity-matrix': similarityMatrix,
  'accuracy-comparison': accuracyComparison,
  'control-comparison': controlComparison,
  'shap-waterfall': shapWaterfall,
  'shap-beeswarm': shapBeeswarm,
  'shap-dependence': shapDependence,
  'shap-importance-bar': shapImportanceBar,
  'pdp-ice': pdpIce,
} as const satisfies Record<ChartKind, (data: never, options?: never) => unknown>;
