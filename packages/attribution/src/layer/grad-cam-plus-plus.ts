/**
 * Grad-CAM++ (Chattopadhyay et al. 2018, "Grad-CAM++: Improved Visual Explanations for Deep Convolutional Networks"):
 * Grad-CAM with position-weighted channel weights. With g = ∂f_t/∂A, the closed form of the paper's reference
 * implementation (which explains exp(f), so that the higher derivatives are powers of g) is
 *
 *   α_ijc = g_ijc² / (2 g_ijc² + Σ_ab A_abc g_ijc³)   (α = 0 where the denominator is 0),
 *   w_c = Σ_ij α_ijc relu(g_ijc),   M = Σ_c w_c A_c.
 *
 * Outputs as `gradCam`: `layerAttributions` is M, `attributions` ReLU(M) upsampled to the input. Captum has no
 * Grad-CAM++. Deliberate differences from the reference implementation: its positive factor exp(f) on relu(g) is
 * dropped (one constant per input, as in pytorch-grad-cam), and α is not renormalized.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { AttributionMethod, CommonOptions } from '../core/method.js';
import type { ModelLike } from '../core/prepare.js';
import { camInputs, camResult, type GradCamOptions } from './grad-cam.js';

/** Options of {@link gradCamPlusPlus}: those of Grad-CAM. */
export type GradCamPlusPlusOptions = GradCamOptions;

/**
 * @example const { attributions } = gradCamPlusPlus.attribute(model, digits, { targets: 3, layer: 'conv2' });
 */
export const gradCamPlusPlus: AttributionMethod<GradCamPlusPlusOptions> = {
  name: 'gradcam++',
  info: {
    description:
      'Σ_c (Σ_ij α_ijc relu(∂f_t/∂A_ijc)) A_c with α = g²/(2g² + Σ A g³), ReLU and upsampled (Chattopadhyay et al. 2018).',
    family: 'layer',
    multipliesByInputs: false,
    hasConvergenceDelta: false,
    needsBaseline: false,
    needsLayer: true,
    stochastic: false,
  },
  attribute(model: ModelLike, inputs: tf.Tensor, options: CommonOptions & GradCamPlusPlusOptions) {
    const cam = camInputs('gradcam++', model, inputs, options);
    const weights = tf.tidy(() => {
      const g = cam.gradients;
      const g2 = tf.square(g);
      const g3 = tf.mul(g2, g);
      const sumA = tf.sum(cam.activations, [1, 2], true);
      const denominator = tf.add(tf.mul(2, g2), tf.mul(sumA, g3));
      const nonzero = tf.notEqual(denominator, 0);
      const safe = tf.where(nonzero, denominator, tf.onesLike(denominator));
      const alpha = tf.where(nonzero, tf.div(g2, safe), tf.zerosLike(g2));
      return tf.sum(tf.mul(alpha, tf.relu(g)), [1, 2], true);
    });
    return camResult(inputs, weights, cam);
  },
};
