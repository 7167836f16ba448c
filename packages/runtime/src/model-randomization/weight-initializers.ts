/** Which config field of a layer holds the initializer of each of its weights. */
import type * as tfl from '@tensorflow/tfjs-layers';
import type { DrawSite, InitializerSpec, WeightSampler } from './draw-initializer.js';
import { resolveInitializer } from './draw-initializer.js';
import { RANDOMIZATION_MESSAGES as M } from './messages.js';
import { ModelRandomizationError } from './model-randomization-error.js';

/**
 * A weight's own name (the last part of its `originalName`, e.g. `conv1/kernel` → `kernel`) → the layer config field
 * of its initializer, for every tfjs-layers layer that has weights: Dense and Conv* (`kernel`, `bias`),
 * DepthwiseConv2D / SeparableConv2D (`depthwise_kernel`, `pointwise_kernel`), SimpleRNN / GRU / LSTM
 * (`recurrent_kernel`), BatchNormalization / LayerNormalization (`gamma`, `beta`, `moving_mean`, `moving_variance`),
 * Embedding (`embeddings`), PReLU (`alpha`).
 */
export const WEIGHT_INITIALIZER_FIELDS: Readonly<Record<string, string>> = {
  kernel: 'kernelInitializer',
  bias: 'biasInitializer',
  depthwise_kernel: 'depthwiseInitializer',
  pointwise_kernel: 'pointwiseInitializer',
  recurrent_kernel: 'recurrentInitializer',
  gamma: 'gammaInitializer',
  beta: 'betaInitializer',
  moving_mean: 'movingMeanInitializer',
  moving_variance: 'movingVarianceInitializer',
  embeddings: 'embeddingsInitializer',
  alpha: 'alphaInitializer',
};

/** One weight of a layer, with the sampler that redraws it. */
export interface WeightPlan {
  /** The weight's own name (`kernel`), the label its random stream is forked with. */
  readonly weight: string;
  readonly shape: readonly number[];
  readonly sample: WeightSampler;
}

/**
 * The samplers of every weight of `layer`, in `layer.weights` order, each initializer's config checked. Throws a
 * `ModelRandomizationError` for a weight with no known field (`unknown-weight`), a config without that field, an
 * initializer that cannot be drawn, or an LSTM bias built with `unitForgetBias`.
 */
export function planLayer(layer: tfl.layers.Layer, fn: string): WeightPlan[] {
  const config = layer.getConfig() as Record<string, unknown>;
  return layer.weights.map((variable) => {
    const weight = variable.originalName.split('/').at(-1)!;
    const field = WEIGHT_INITIALIZER_FIELDS[weight];
    if (field === undefined)
      throw new ModelRandomizationError('unknown-weight', M.unknownWeight(fn, layer.name, weight));
    const spec = config[field] as InitializerSpec | null | undefined;
    if (spec === null || spec === undefined || typeof spec.className !== 'string')
      throw new ModelRandomizationError(
        'unknown-weight',
        M.noInitializerConfig(fn, layer.name, weight, field),
      );
    if (weight === 'bias' && config['unitForgetBias'] === true)
      throw new ModelRandomizationError('undrawable-initializer', M.unitForgetBias(fn, layer.name));
    const site: DrawSite = { fn, layer: layer.name, weight };
    return { weight, shape: variable.shape as number[], sample: resolveInitializer(spec, site) };
  });
}
