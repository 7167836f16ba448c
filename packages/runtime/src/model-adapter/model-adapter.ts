/** `ModelAdapter`: the view over an image model (`[batch, height, width, channels]` input). */
import type * as tfl from '@tensorflow/tfjs-layers';
import type { LayersImageModel } from './image-model.js';
import { LayersModelView } from './layers-model-view.js';

/**
 * Wraps an image LayersModel (sequential or functional, grayscale or RGB, any input size) for visualization.
 * @example
 * const adapter = new ModelAdapter(model);
 * adapter.layers().map((l) => `${l.name} ${l.outputShape}`);
 * const acts = adapter.activations(images, ['conv2d_1', 'logits']); // one forward pass
 */
export class ModelAdapter extends LayersModelView implements LayersImageModel {
  readonly kind = 'layers' as const;
  /** Input size `[height, width, channels]`. */
  readonly inputShape: readonly [number, number, number];

  constructor(model: tfl.LayersModel) {
    super(model, 4, 'ModelAdapter');
    const [h, w, c] = this.inputDims as [number, number, number];
    this.inputShape = [h, w, c];
  }
}
