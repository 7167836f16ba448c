/**
 * Grad-CAM (Selvaraju et al. 2017, "Grad-CAM: Visual Explanations from Deep Networks via Gradient-based
 * Localization"): for a spatial layer with activations A `[h, w, c]`, the channel weights are the mean gradient over
 * positions, w_c = (1 / hw) Σ_ij ∂f_t/∂A_ijc, and the map is M = Σ_c w_c A_c at the layer's resolution.
 *
 * `layerAttributions` is M before ReLU (`[n, h, w, 1]`: Captum's `LayerGradCam` with `relu_attributions=False`, its
 * default). `attributions` is ReLU(M) (option `relu`, default true — the paper's map) upsampled to the input's
 * height × width and repeated over the input's channels, so it has the input's shape (Captum's
 * `LayerAttribution.interpolate`). Deliberate difference: the upsampling defaults to bilinear, where Captum's
 * `interpolate` defaults to `nearest`; bilinear here uses half-pixel centres, as PyTorch's `align_corners=False`.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { AttributionMethod, AttributionResult, CommonOptions } from '../core/method.js';
import { type ModelLike } from '../core/prepare.js';
import { type LayerOptions } from './layer-gradients.js';
export declare const UPSAMPLE_MODES: readonly ['bilinear', 'nearest'];
export type UpsampleMode = (typeof UPSAMPLE_MODES)[number];
/** Options of {@link gradCam} and `gradCamPlusPlus`. */
export interface GradCamOptions extends LayerOptions {
  /** Apply ReLU to the map before upsampling it into `attributions` (not to `layerAttributions`). Default true. */
  readonly relu?: boolean;
  /** How the layer map is resized to the input: `bilinear` (default) or `nearest` (Captum's default). */
  readonly upsample?: UpsampleMode;
}
/** What a class-activation-map method needs: the layer's activations and gradients, and the resolved options. */
export interface CamInputs {
  readonly activations: tf.Tensor4D;
  readonly gradients: tf.Tensor4D;
  readonly relu: boolean;
  readonly upsample: UpsampleMode;
}
/**
 * Checks the options of a CAM method and computes A and ∂f/∂A on the (spatial) layer; the caller disposes both.
 * @example const { activations, gradients } = camInputs('gradcam', model, digits, { targets: 3, layer: 'conv2' });
 */
export declare function camInputs(
  fn: string,
  model: ModelLike,
  inputs: tf.Tensor,
  options: CommonOptions & GradCamOptions,
): CamInputs;
/**
 * M = Σ_c w_c A_c for channel weights `weights` `[n, 1, 1, c]`, returned as `layerAttributions` `[n, h, w, 1]`, and
 * ReLU(M) (when `relu`) resized to the input and tiled over its channels as `attributions`. Disposes `weights`.
 * @example return camResult(inputs, weights, cam);
 */
export declare function camResult(inputs: tf.Tensor, weights: tf.Tensor, cam: CamInputs): AttributionResult;
/**
 * @example const { attributions, layerAttributions } = gradCam.attribute(model, digits, { targets: [3, 7], layer: 'conv2' });
 */
export declare const gradCam: AttributionMethod<GradCamOptions>;
//# sourceMappingURL=grad-cam.d.ts.map
