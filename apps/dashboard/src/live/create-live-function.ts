/** `createLiveFunction`: the live endpoint's function from a tfjs-layers CNN and logistic-regression weights. */
import * as tf from '@tensorflow/tfjs-core';
import { model as functionalModel } from '@tensorflow/tfjs-layers';
import type { LayersModel, SymbolicTensor } from '@tensorflow/tfjs-layers';
import { ModelAdapter } from '@openbox/runtime';
import { MESSAGES } from '../messages.js';
import { explainLive } from './explain-live.js';
import { DIGIT_CLASSES, DIGIT_PIXELS } from './live-types.js';
import type { LiveFunction } from './live-types.js';
import { LIVE_METHODS } from './live-methods.js';

/** The models the live endpoint compares. */
export interface LiveModels {
  /** A CNN whose input holds 784 values per example (e.g. `[null, 28, 28, 1]`) and whose output is 10 probabilities. */
  readonly cnn: LayersModel;
  /** Layers whose activations are reported. Default: every `Conv2D` and `Dense` layer but the output one. */
  readonly layers?: readonly string[];
  /** Multinomial logistic-regression weights `[784, 10]` (one template per class) … */
  readonly lrWeights: tf.Tensor2D;
  /** … and intercepts `[10]`: scores = x · W + b. */
  readonly lrBias: tf.Tensor1D;
  /** At most this many values per layer are returned (bounds the response). Default 256. */
  readonly maxValuesPerLayer?: number;
}

const FN = 'createLiveFunction';

/**
 * Builds, once, a model with the CNN's input and outputs `[...chosen layers, cnn output]`; each call runs it
 * on one digit inside `tf.tidy`, reduces 4-D activations to the mean per channel (over height and width) and
 * keeps 2-D ones as they are, computes the LR scores `x·W + b`, reads everything with `data()` and disposes
 * it (no tensor outlives a call). With an attribution request (a method of `LIVE_METHODS`), it then runs
 * `attribute` on the CNN's logit for the target (the predicted class when `null`) with the method's live
 * settings (`LIVE_METHOD_SETTINGS`) and returns the 784 values. The caller keeps ownership of `cnn`,
 * `lrWeights` and `lrBias`.
 * @example createDashboardApp({ resultsDir, live: { predict: createLiveFunction({ cnn, lrWeights, lrBias }), digits } })
 */
export function createLiveFunction(models: LiveModels): LiveFunction {
  // 1. Check shapes and pick the layers.
  const { cnn, lrWeights, lrBias } = models;
  const maxValues = models.maxValuesPerLayer ?? 256;
  const inputShape = cnn.inputs[0]?.shape.slice(1) ?? [];
  if (inputShape.reduce<number>((a, b) => a * (b ?? NaN), 1) !== DIGIT_PIXELS) {
    throw new Error(
      MESSAGES.badOption(FN, 'models.cnn input shape', `${DIGIT_PIXELS} values per example`, inputShape),
    );
  }
  if (
    lrWeights.shape[0] !== DIGIT_PIXELS ||
    lrWeights.shape[1] !== DIGIT_CLASSES ||
    lrBias.shape[0] !== DIGIT_CLASSES
  ) {
    throw new Error(
      MESSAGES.badOption(FN, 'models.lrWeights / lrBias', '[784, 10] and [10]', [
        lrWeights.shape,
        lrBias.shape,
      ]),
    );
  }
  const output = cnn.layers[cnn.layers.length - 1];
  const names =
    models.layers ??
    cnn.layers
      .filter((l) => l !== output && ['Conv2D', 'Dense'].includes(l.getClassName()))
      .map((l) => l.name);
  const probed = names.map((n) => cnn.getLayer(n).output as SymbolicTensor);
  const probe = functionalModel({
    inputs: cnn.inputs,
    outputs: [...probed, cnn.outputs[0] as SymbolicTensor],
  });
  const shape = [1, ...inputShape] as number[];
  const explainer = { model: cnn, adapter: new ModelAdapter(cnn), methods: LIVE_METHODS, fn: FN };
  // 2. One call: forward pass, reductions, LR scores, read back.
  return async (input, _signal, asked) => {
    const tensors = tf.tidy(() => {
      const x = tf.tensor(input, shape);
      const out = probe.predict(x);
      const ys = Array.isArray(out) ? out : [out];
      const acts = ys.slice(0, -1).map((t) => (t.rank === 4 ? tf.mean(t, [0, 1, 2]) : tf.reshape(t, [-1])));
      const probs = tf.reshape(ys[ys.length - 1] as tf.Tensor, [-1]);
      const scores = tf.reshape(
        tf.add(tf.matMul(tf.tensor2d(input, [1, DIGIT_PIXELS]), lrWeights), lrBias),
        [-1],
      );
      return [probs, scores, ...acts];
    });
    try {
      const [probs, scores, ...acts] = await Promise.all(tensors.map((t) => t.data()));
      const attribution =
        asked === undefined ? undefined : await explainLive(explainer, input, shape, asked, probs ?? []);
      return {
        ...(attribution === undefined ? {} : { attribution }),
        probabilities: Array.from(probs ?? []),
        lrScores: Array.from(scores ?? []),
        activations: acts.map((values: Float32Array | Int32Array | Uint8Array, i: number) => ({
          layer: names[i] ?? `layer ${i}`,
          description: probed[i]?.shape.length === 4 ? 'mean activation per channel' : 'activation per unit',
          values: Array.from(values.subarray(0, maxValues)),
        })),
      };
    } finally {
      tf.dispose(tensors);
    }
  };
}
