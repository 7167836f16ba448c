/** @openbox/charts — pure, typed Vega-Lite spec builders for OpenBox results. */

// Builders
export { accuracyComparison } from './accuracy-comparison.js';
export type { AccuracyComparisonOptions, AccuracyEntry } from './accuracy-comparison.js';
export { coefficientBars } from './coefficient-bars.js';
export type { CoefficientBarsOptions, CoefficientInterval } from './coefficient-bars.js';
export { coefficientScatter } from './coefficient-scatter.js';
export type { CoefficientPair, CoefficientScatterOptions } from './coefficient-scatter.js';
export { controlComparison, CONTROL_ROLES } from './control-comparison.js';
export type { ControlComparisonEntry, ControlComparisonOptions, ControlRole } from './control-comparison.js';
export { imageGallery } from './image-gallery.js';
export type { GalleryImage, ImageGalleryOptions } from './image-gallery.js';
export { imageHeatmap } from './image-heatmap.js';
export type { ImageHeatmapOptions } from './image-heatmap.js';
export { objectiveCurves } from './objective-curves.js';
export type { CurveSeries, ObjectiveCurvesOptions } from './objective-curves.js';
export { similarityMatrix } from './similarity-matrix.js';
export type { SimilarityData, SimilarityMatrixOptions } from './similarity-matrix.js';
export { pdpIce, evenRows } from './pdp-ice.js';
export type { PdpIceInput } from './pdp-ice.js';
export { shapBeeswarm, swarmOffsets } from './shap-beeswarm.js';
export type { BeeswarmPoint, ShapBeeswarmInput } from './shap-beeswarm.js';
export { shapDependence } from './shap-dependence.js';
export type { DependencePoint, ShapDependenceInput } from './shap-dependence.js';
export { shapImportanceBar } from './shap-importance-bar.js';
export type { ImportanceBar, ShapImportanceBarInput } from './shap-importance-bar.js';
export { shapWaterfall } from './shap-waterfall.js';
export type { ShapWaterfallInput, WaterfallBar } from './shap-waterfall.js';

// Registry
export { CHART_BUILDERS, CHART_KINDS, isChartKind } from './chart-builders.js';
export type { ChartKind } from './chart-builders.js';

// Shared parts and errors
export { COLOR_SCALES, VEGA_LITE_SCHEMA } from './spec-parts.js';
export type { ColorScaleKind } from './spec-parts.js';
export { SHAP_BLUE, SHAP_RED } from './shap-parts.js';
export type { ShapLayoutOptions } from './shap-parts.js';
export { ChartInputError } from './chart-input-error.js';
