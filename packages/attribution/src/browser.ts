/**
 * @openbox/attribution for Node and the browser alike (`index.ts` re-exports this file): no method needs Node.
 * Built to `dist/browser/index.js` by `scripts/build-browser.mjs`, which fails if a Node-only module is reachable.
 */

// The contract every method follows, and the registry
export type { AttributionMethod, AttributionResult, CommonOptions, MethodInfo } from './core/method.js';
export { DEFAULT_MEMORY_BOUND_BYTES } from './core/method.js';
export { METHOD_NAMES, METHODS, isMethodName } from './methods.js';
export type { MethodName } from './methods.js';

// Targets and the values being explained
export { OUTPUT_SPACES, resolveTargets } from './core/target.js';
export type { OutputSpace, ResolvedTarget, Target, UnitTarget } from './core/target.js';
export { targetValues } from './core/target-values.js';
export { inputGradients } from './core/input-gradients.js';
export type { GradientsAndValues, InputGradientOptions } from './core/input-gradients.js';
export { asAdapter, defaultBatchRows } from './core/prepare.js';
export type { ModelLike } from './core/prepare.js';

// Baselines
export { BASELINE_KINDS, makeBaseline } from './baselines/make-baseline.js';
export type { Baseline, BaselineKind, BaselineOptions } from './baselines/make-baseline.js';
export { gaussianBlur } from './baselines/gaussian-blur.js';

// Gradient methods
export { saliency } from './gradient/saliency.js';
export type { SaliencyOptions } from './gradient/saliency.js';
export { inputXGradient } from './gradient/input-x-gradient.js';
export type { InputXGradientOptions } from './gradient/input-x-gradient.js';
export { integratedGradients } from './gradient/integrated-gradients.js';
export type { IntegratedGradientsOptions } from './gradient/integrated-gradients.js';
export {
  noiseTunnel,
  smoothgrad,
  smoothgradSq,
  varGrad,
  NOISE_TUNNEL_TYPES,
} from './gradient/noise-tunnel.js';
export type { NoiseTunnelOptions, NoiseTunnelType } from './gradient/noise-tunnel.js';
export { gradientShap } from './gradient/gradient-shap.js';
export type { GradientShapOptions } from './gradient/gradient-shap.js';

// Modified-backprop methods
export { guidedBackprop } from './gradient/guided-backprop.js';
export { deconvolution } from './gradient/deconvolution.js';
export { deepLift, DEEPLIFT_EPS } from './gradient/deeplift.js';
export type { DeepLiftOptions } from './gradient/deeplift.js';
export { deepLiftShap } from './gradient/deeplift-shap.js';
export type { DeepLiftShapOptions } from './gradient/deeplift-shap.js';

// Layer and neuron methods
export { gradCam, UPSAMPLE_MODES } from './layer/grad-cam.js';
export type { GradCamOptions, UpsampleMode } from './layer/grad-cam.js';
export { gradCamPlusPlus } from './layer/grad-cam-plus-plus.js';
export type { GradCamPlusPlusOptions } from './layer/grad-cam-plus-plus.js';
export { layerGradientXActivation } from './layer/layer-gradient-x-activation.js';
export type { LayerGradientXActivationOptions } from './layer/layer-gradient-x-activation.js';
export { layerIntegratedGradients } from './layer/layer-integrated-gradients.js';
export type { LayerIntegratedGradientsOptions } from './layer/layer-integrated-gradients.js';
export { layerConductance } from './layer/layer-conductance.js';
export type { LayerConductanceOptions } from './layer/layer-conductance.js';
export type { LayerPathOptions } from './layer/layer-path.js';
export { neuronGradient } from './layer/neuron-gradient.js';
export type { NeuronGradientOptions } from './layer/neuron-gradient.js';
export { neuronIntegratedGradients } from './layer/neuron-integrated-gradients.js';
export type { NeuronIntegratedGradientsOptions } from './layer/neuron-integrated-gradients.js';
export { layerGradients, layerActivations } from './layer/layer-gradients.js';
export type { LayerGradients, LayerOptions } from './layer/layer-gradients.js';

// Perturbation methods
export { occlusion, windowStarts } from './perturbation/occlusion.js';
export type { OcclusionOptions, PixelSize } from './perturbation/occlusion.js';
export { featureAblation } from './perturbation/feature-ablation.js';
export type { FeatureAblationOptions } from './perturbation/feature-ablation.js';
export { shapleySampling } from './perturbation/shapley-sampling.js';
export type { ShapleySamplingOptions } from './perturbation/shapley-sampling.js';
export { kernelShap } from './perturbation/kernel-shap.js';
export type { KernelShapOptions } from './perturbation/kernel-shap.js';
export { gridFeatureMask, resolveFeatureMask } from './perturbation/feature-mask.js';
export type { ResolvedMask } from './perturbation/feature-mask.js';

// Evaluation: sanity checks and faithfulness metrics over any method
export { averageRanks, rankCorrelation } from './evaluation/rank-correlation.js';
export { ssim } from './evaluation/ssim.js';
export type { SsimOptions } from './evaluation/ssim.js';
export { compareMaps, similarityOf } from './evaluation/compare-maps.js';
export type { MapSimilarity } from './evaluation/compare-maps.js';
export { modelRandomization } from './evaluation/model-randomization.js';
export type {
  ModelRandomizationResult,
  RandomizationOptions,
  RandomizationRow,
} from './evaluation/model-randomization.js';
export { dataRandomization } from './evaluation/data-randomization.js';
export type { DataRandomizationResult } from './evaluation/data-randomization.js';
export { deletionInsertion } from './evaluation/deletion-insertion.js';
export type { DeletionInsertionOptions, DeletionInsertionResult } from './evaluation/deletion-insertion.js';
export { infidelity } from './evaluation/infidelity.js';
export type { InfidelityOptions } from './evaluation/infidelity.js';
export { sensitivityMax } from './evaluation/sensitivity.js';
export type { SensitivityOptions } from './evaluation/sensitivity.js';
export { completeness } from './evaluation/completeness.js';
export type { CompletenessOptions, CompletenessResult } from './evaluation/completeness.js';
export { localization } from './evaluation/localization.js';
export type { LocalizationResult } from './evaluation/localization.js';
export { explain } from './evaluation/explainer.js';
export type { Attributions, EvaluationOptions, Explainer, ExplainFn } from './evaluation/explainer.js';

// One entry point
export { attribute } from './attribute.js';
export type { AttributeOptions } from './attribute.js';

// Building blocks for new methods
export { forwardValues } from './core/forward-values.js';
export { QUADRATURE_RULES, quadrature } from './core/quadrature.js';
export type { Quadrature, QuadratureRule } from './core/quadrature.js';
export { checkInputs, prepare, tiledOwners } from './core/prepare.js';
export type { Prepared } from './core/prepare.js';
