/** `VectorModelAdapter`: the view over a tabular model (`[batch, features]` input). */
import type * as tfl from '@tensorflow/tfjs-layers';
import { LayersModelView } from './layers-model-view.js';

/**
 * Wraps a LayersModel whose input is a vector of features (`[batch, features]`: Dense stacks, functional models,
 * BatchNormalization and Dropout at inference) — the tabular models of `@openbox/tabular`.
 * @example
 * const adapter = new VectorModelAdapter(mlp);
 * adapter.features; // 4
 * const { dense_1 } = adapter.activations(rows, ['dense_1']); // hidden units, [n, units]
 */
export class VectorModelAdapter extends LayersModelView {
  /** Number of input features. */
  readonly features: number;

  constructor(model: tfl.LayersModel) {
    super(model, 2, 'VectorModelAdapter');
    this.features = this.inputDims[0]!;
  }
}
