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
import type { ImageModel } from '@openbox/runtime';
import type { AttributionMethod, AttributionResult, CommonOptions } from '../core/method.js';
import { prepare, tiledOwners, type ModelLike } from '../core/prepare.js';
import type { ResolvedTarget } from '../core/target.js';
import { MESSAGES } from '../messages.js';
import { checkLayer, layerGradients, type LayerOptions } from './layer-gradients.js';

export const UPSAMPLE_MODES = ['bilinear', 'nearest'] as const;
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
export function camInputs(
  fn: string,
  model: ModelLike,
  inputs: tf.Tensor,
  options: CommonOptions & GradCamOptions,
): CamInputs {
  const { adapter, n, targets, batchSize } = prepare(fn, model, inputs, options);
  const layer = spatialLayer(fn, adapter, options.layer, targets);
  const upsample = options.upsample ?? 'bilinear';
  if (!(UPSAMPLE_MODES as readonly string[]).includes(upsample))
    throw new Error(MESSAGES.unknownName(fn, 'options.upsample', upsample, UPSAMPLE_MODES));
  const relu = options.relu ?? true;
  const { activations, gradients, values } = layerGradients(
    adapter,
    inputs,
    tiledOwners(n, 1),
    targets,
    layer,
    batchSize,
  );
  values.dispose();
  return { activations: activations as tf.Tensor4D, gradients: gradients as tf.Tensor4D, relu, upsample };
}

function spatialLayer(
  fn: string,
  adapter: ImageModel,
  layer: unknown,
  targets: readonly ResolvedTarget[],
): string {
  const name = checkLayer(fn, adapter, layer, targets);
  const shape = adapter.layer(name, fn).outputShape;
  if (shape.length !== 4) throw new Error(MESSAGES.notSpatialLayer(fn, name, shape));
  return name;
}

/**
 * M = Σ_c w_c A_c for channel weights `weights` `[n, 1, 1, c]`, returned as `layerAttributions` `[n, h, w, 1]`, and
 * ReLU(M) (when `relu`) resized to the input and tiled over its channels as `attributions`. Disposes `weights`.
 * @example return camResult(inputs, weights, cam);
 */
export function camResult(inputs: tf.Tensor, weights: tf.Tensor, cam: CamInputs): AttributionResult {
  const [, height, width, channels] = inputs.shape as [number, number, number, number];
  const layerAttributions = tf.tidy(() => tf.sum(tf.mul(weights, cam.activations), 3, true) as tf.Tensor4D);
  const attributions = tf.tidy(() => {
    const map = cam.relu ? tf.relu(layerAttributions) : layerAttributions;
    const resized =
      cam.upsample === 'bilinear'
        ? tf.image.resizeBilinear(map, [height, width], false, true)
        : tf.image.resizeNearestNeighbor(map, [height, width], false, false);
    return tf.tile(resized, [1, 1, 1, channels]);
  });
  [weights, cam.activations, cam.gradients].forEach((t) => t.dispose());
  return { attributions, layerAttributions };
}

/**
 * @example const { attributions, layerAttributions } = gradCam.attribute(model, digits, { targets: [3, 7], layer: 'conv2' });
 */
export const gradCam: AttributionMethod<GradCamOptions> = {
  name: 'gradcam',
  info: {
    description:
      'Σ_c mean_ij(∂f_t/∂A_ijc) A_c on a spatial layer, ReLU and upsampled to the input (Selvaraju et al. 2017).',
    family: 'layer',
    multipliesByInputs: false,
    hasConvergenceDelta: false,
    needsBaseline: false,
    needsLayer: true,
    stochastic: false,
  },
  attribute(model: ModelLike, inputs: tf.Tensor, options: CommonOptions & GradCamOptions) {
    const cam = camInputs('gradcam', model, inputs, options);
    const weights = tf.tidy(() => tf.mean(cam.gradients, [1, 2], true));
    return camResult(inputs, weights, cam);
  },
};
