/** A one-unit model whose optimum is a real image: an RBF unit exp(−‖x − d‖²/σ²) centred on an image d. */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/** The RBF layer's name: the unit is `{ layer: RBF_LAYER, channel: 0 }`. */
export const RBF_LAYER = 'rbf';

const M = {
  centre: (got: number, h: number, w: number, c: number) =>
    `rbfUnitModel: centre must hold ${h * w * c} values (${h}×${w}×${c}), got ${got}.`,
  sigma: (got: unknown) => `rbfUnitModel: sigma must be a finite number > 0, got ${String(got)}.`,
};

/** `[B, h, w, c]` → `[B, 1]`: exp(−‖x_b − d‖² / σ²); d is a non-trainable weight, disposed with the model. */
class RbfUnit extends tfl.layers.Layer {
  static readonly className = 'OpenBoxRbfUnit';
  readonly #size: number;
  readonly #sigma2: number;
  #centre: tfl.LayerVariable | undefined;

  constructor(size: number, sigma: number) {
    super({ name: RBF_LAYER, trainable: false });
    this.#size = size;
    this.#sigma2 = sigma * sigma;
  }

  override build(): void {
    this.#centre = this.addWeight(
      'centre',
      [this.#size],
      'float32',
      tfl.initializers.zeros(),
      undefined,
      false,
    );
    this.built = true;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfl.Shape;
    return [shape[0] ?? null, 1];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0]! : inputs;
      const diff = tf.sub(tf.reshape(x, [x.shape[0]!, this.#size]), this.#centre!.read());
      return tf.exp(tf.div(tf.neg(tf.sum(tf.square(diff), 1, true)), this.#sigma2));
    });
  }
}

/**
 * A model of one unit, `rbf:0` = exp(−‖x − d‖²/σ²), the radial basis function centred on `centre` (d, an image of
 * `[h, w, c]`): its optimum is d itself, so whatever optimizes it should return a typical image when d is a typical
 * one. The control unit of mode-vs-typical. Dispose the model when done (it holds d as a weight).
 * @example const model = rbfUnitModel(test.features.subarray(0, 784), [28, 28, 1], 8); new ModelAdapter(model)
 */
export function rbfUnitModel(
  centre: ArrayLike<number>,
  inputShape: readonly [number, number, number],
  sigma: number,
): tfl.LayersModel {
  const [h, w, c] = inputShape;
  if (centre.length !== h * w * c) throw new Error(M.centre(centre.length, h, w, c));
  if (typeof sigma !== 'number' || !Number.isFinite(sigma) || !(sigma > 0)) throw new Error(M.sigma(sigma));
  const input = tfl.input({ shape: [h, w, c], name: 'image' });
  const layer = new RbfUnit(h * w * c, sigma);
  const output = layer.apply(input) as tfl.SymbolicTensor;
  const model = tfl.model({ inputs: input, outputs: output, name: 'rbf-unit' });
  const d = tf.tensor1d(Float32Array.from(centre));
  layer.setWeights([d]);
  d.dispose();
  return model;
}
