/** `imageModelOf`: the `ImageModel` adapter for a LayersModel or a GraphModel, whichever it is given. */
import { GraphModel } from '@tensorflow/tfjs-converter';
import type * as tfl from '@tensorflow/tfjs-layers';
import { GraphModelAdapter, type GraphModelAdapterOptions } from './graph-model-adapter.js';
import type { ImageModel } from './image-model.js';
import { ModelAdapter } from './model-adapter.js';

/**
 * A `ModelAdapter` for a LayersModel, a `GraphModelAdapter` for a GraphModel (`options` apply to graphs only: a
 * LayersModel knows its input size). Browser-safe.
 * @example const adapter = imageModelOf(await tf.loadGraphModel(url), { inputShape: [224, 224, 3] });
 */
export function imageModelOf(
  model: tfl.LayersModel | GraphModel,
  options: GraphModelAdapterOptions = {},
): ImageModel {
  return model instanceof GraphModel ? new GraphModelAdapter(model, options) : new ModelAdapter(model);
}
