/**
 * @openbox/cnn-vis in the browser: filters, objectives, parameterizations, transforms, `renderUnits`, the experiments;
 * not the cached reference CNN (files). Built to `dist/browser/index.js` by `scripts/build-browser.mjs`.
 */

// Models
export {
  ModelAdapter,
  INPUT_LAYER,
  LOGITS_LAYER,
  isLayersImageModel,
  requireLayersModel,
} from '@openbox/runtime';
export type { ImageModel, LayersImageModel } from '@openbox/runtime';
export type { Activations, LayerInfo } from '@openbox/runtime';
export { receptiveField } from './model/receptive-field.js';
export type { InputBox } from './model/receptive-field.js';
export { accuracyOn } from './model/accuracy-on.js';
export { CNN_RECIPES, isCnnRecipe, RECIPE_ACCURACY, shuffleLabels } from './model/cnn-recipe.js';
export type { CnnRecipe } from './model/cnn-recipe.js';
export { DEFAULT_EPOCHS, MIN_TEST_ACCURACY, REFERENCE_CNN_VERSION } from './model/reference-cnn-meta.js';
export type { ReferenceCnnMeta } from './model/reference-cnn-meta.js';

// First layer
export { filterGrid } from './first-layer/filter-grid.js';
export type { FilterGrid, FilterImage, FilterScaling } from './first-layer/filter-grid.js';
export {
  edgeSeparation,
  correlate3x3,
  rocAuc,
  kernelProbes,
  LAPLACIAN_KERNEL,
  EDGE_RANGE,
  TIE_TOLERANCE,
} from './first-layer/laplacian.js';
export type {
  EdgeSeparationOptions,
  EdgeSeparationReport,
  Kernel3x3,
  KernelProbes,
} from './first-layer/laplacian.js';
export { maxActivatingPatches, pearson } from './first-layer/max-patch.js';
export type { MaxPatch, MaxPatchReport } from './first-layer/max-patch.js';
export { topActivatingPatches } from './first-layer/top-patches.js';
export type { FilterTopPatches, TopPatchesOptions, TopPatchesReport } from './first-layer/top-patches.js';
export { firstConvKernels } from './first-layer/first-conv.js';
export type { FirstConvKernels } from './first-layer/first-conv.js';

// Objectives (values combined with sum / scale / negate)
export { sum, scale, negate } from './objectives/objective.js';
export type { Objective } from './objectives/objective.js';
export { neuron } from './objectives/neuron.js';
export { channel } from './objectives/channel.js';
export { deepDream } from './objectives/deep-dream.js';
export { classLogit } from './objectives/class-logit.js';
export { direction } from './objectives/direction.js';
export { diversity } from './objectives/diversity.js';

// Regularizers (objectives on the image; subtract them with scale(-w, ...))
export { l1 } from './regularizers/l1.js';
export { l2 } from './regularizers/l2.js';
export { totalVariation } from './regularizers/total-variation.js';
export { blur } from './regularizers/blur.js';

// Parameterizations
export type { Parameterization, ParamImage, RandomSource } from './param/parameterization.js';
export { pixelParam } from './param/pixel.js';
export type { PixelParamOptions } from './param/pixel.js';
export { fourierParam, inverseRealDft2d, dftBases, rfftFrequencies } from './param/fourier.js';
export type { FourierParamOptions, DftBases } from './param/fourier.js';
export { decorrelateColors, COLOR_CORRELATION_SVD_SQRT } from './param/decorrelate-colors.js';
export { sigmoidRange } from './param/sigmoid-range.js';
export { lucidParam } from './param/lucid-param.js';

// Transforms (transformation robustness) and the differentiable resampler
export { compose } from './transforms/transform.js';
export type { Transform } from './transforms/transform.js';
export { pad } from './transforms/pad.js';
export { jitter } from './transforms/jitter.js';
export { randomScale } from './transforms/random-scale.js';
export { randomRotate } from './transforms/random-rotate.js';
export {
  standardTransforms,
  standardTransformSettings,
  LUCID_REFERENCE_SIZE,
} from './transforms/standard-transforms.js';
export type { StandardTransformSettings } from './transforms/standard-transforms.js';
export { rotateImages, scaleImages, shearRows } from './transforms/resample.js';
export { resampleLines } from './transforms/line-resample.js';
export type { LineCoefficients, ResampleAxis } from './transforms/line-resample.js';

// Activation maximization
export { renderUnits } from './render/render-units.js';
export type { RenderResult } from './render/render-units.js';
export type { RenderOptions, RenderProgress } from './render/render-options.js';

// The seed thread's claims as experiments
export { unimodality, relativeGap } from './experiments/unimodality.js';
export type { CorrelationSummary, UnimodalityOptions, UnimodalityReport } from './experiments/unimodality.js';
export { diversitySearch } from './experiments/diversity-search.js';
export type { DiversitySearchOptions, DiversitySearchReport } from './experiments/diversity-search.js';
export { perItemTransforms, startsParam, uniformStarts } from './experiments/diverse-starts.js';
export { modeVsTypical } from './experiments/mode-vs-typical.js';
export type { ModeVsTypicalOptions, ModeVsTypicalReport } from './experiments/mode-vs-typical.js';
export { fitPcaDensity, pcaLogDensity } from './experiments/pca-density.js';
export type { PcaDensity, PcaDensityOptions } from './experiments/pca-density.js';
export { typicalityBand, percentileInBand, bandQuantile } from './experiments/typicality-band.js';
export type { TypicalityBand } from './experiments/typicality-band.js';
export { rbfUnitModel, RBF_LAYER } from './experiments/rbf-unit-model.js';
export { startImage } from './experiments/start-image.js';
export { datasetExamples } from './experiments/dataset-examples.js';
export type { DatasetExample, DatasetExamplesReport } from './experiments/dataset-examples.js';
export type { Unit } from './experiments/unit.js';

// Drawing (PNG bytes through fast-png; no tensors)
export { imagesToPng, filterGridPng } from './io/png.js';
export type { TileOptions } from './io/png.js';
