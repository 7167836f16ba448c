/** Small model questions `attribute` and `serve` share: how many classes, and freeing a loaded model. */
import { LOGITS_LAYER, type ImageModel } from '@openbox/runtime';

/**
 * The class count a class index picks from: the logits' width (`logits`) or the last layer's (`model`).
 * @example classCount(adapter, 'logits') // 10 for the reference CNN
 */
export function classCount(adapter: ImageModel, output: 'logits' | 'model' = 'logits'): number {
  const layers = adapter.layers();
  const layer = output === 'logits' ? LOGITS_LAYER : layers[layers.length - 1]!.name;
  return adapter.layer(layer).outputShape[1] ?? 0;
}

/** Frees the model's weights: the LayersModel of a `ModelAdapter`, the GraphModel of a `GraphModelAdapter`. */
export function disposeModel(adapter: ImageModel): void {
  (adapter as { readonly model?: { dispose?: () => void } }).model?.dispose?.();
}
