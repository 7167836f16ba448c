/**
 * The registry of attribution methods: names declared once (`as const`), the type and guard derived from them, and
 * each implementation keyed by name, so a method without an implementation is a type error; each method's `name`
 * equals its key (tested).
 */
import type { AttributionMethod } from './core/method.js';
import { deconvolution } from './gradient/deconvolution.js';
import { deepLiftShap } from './gradient/deeplift-shap.js';
import { deepLift } from './gradient/deeplift.js';
import { gradientShap } from './gradient/gradient-shap.js';
import { guidedBackprop } from './gradient/guided-backprop.js';
import { inputXGradient } from './gradient/input-x-gradient.js';
import { integratedGradients } from './gradient/integrated-gradients.js';
import { smoothgrad, smoothgradSq, varGrad } from './gradient/noise-tunnel.js';
import { saliency } from './gradient/saliency.js';
import { gradCamPlusPlus } from './layer/grad-cam-plus-plus.js';
import { gradCam } from './layer/grad-cam.js';
import { layerConductance } from './layer/layer-conductance.js';
import { layerGradientXActivation } from './layer/layer-gradient-x-activation.js';
import { layerIntegratedGradients } from './layer/layer-integrated-gradients.js';
import { neuronGradient } from './layer/neuron-gradient.js';
import { neuronIntegratedGradients } from './layer/neuron-integrated-gradients.js';
import { featureAblation } from './perturbation/feature-ablation.js';
import { kernelShap } from './perturbation/kernel-shap.js';
import { occlusion } from './perturbation/occlusion.js';
import { shapleySampling } from './perturbation/shapley-sampling.js';

export const METHOD_NAMES = [
  'saliency',
  'input-x-gradient',
  'integrated-gradients',
  'smoothgrad',
  'smoothgrad-sq',
  'vargrad',
  'gradient-shap',
  'guided-backprop',
  'deconvolution',
  'deeplift',
  'deeplift-shap',
  'gradcam',
  'gradcam++',
  'layer-gradient-x-activation',
  'layer-integrated-gradients',
  'layer-conductance',
  'neuron-gradient',
  'neuron-integrated-gradients',
  'occlusion',
  'feature-ablation',
  'shapley-sampling',
  'kernel-shap',
] as const;
export type MethodName = (typeof METHOD_NAMES)[number];

/** True when `name` names a registered method. */
export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && (METHOD_NAMES as readonly string[]).includes(name);
}

// Each method's options type differs; the registry erases it, and each method checks its options at run time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const METHODS: Record<MethodName, AttributionMethod<any>> = {
  saliency,
  'input-x-gradient': inputXGradient,
  'integrated-gradients': integratedGradients,
  smoothgrad,
  'smoothgrad-sq': smoothgradSq,
  vargrad: varGrad,
  'gradient-shap': gradientShap,
  'guided-backprop': guidedBackprop,
  deconvolution,
  deeplift: deepLift,
  'deeplift-shap': deepLiftShap,
  gradcam: gradCam,
  'gradcam++': gradCamPlusPlus,
  'layer-gradient-x-activation': layerGradientXActivation,
  'layer-integrated-gradients': layerIntegratedGradients,
  'layer-conductance': layerConductance,
  'neuron-gradient': neuronGradient,
  'neuron-integrated-gradients': neuronIntegratedGradients,
  occlusion,
  'feature-ablation': featureAblation,
  'shapley-sampling': shapleySampling,
  'kernel-shap': kernelShap,
};
