/** A tfjs LayersModel with a vector input and a sigmoid or softmax output, as a {@link TabularClassifier}. */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { VectorModelAdapter } from '@openbox/runtime';
import { MESSAGES } from '../messages.js';
import type { TabularClassifier } from './classifier.js';
import { evaluateInChunks, SCORE_CHUNK_ROWS } from './evaluate-in-chunks.js';
import type { Matrix } from './matrix.js';

export { SCORE_CHUNK_ROWS };

function headOf(model: tfl.LayersModel, fn: string): 'sigmoid' | 'softmax' {
  const last = model.layers[model.layers.length - 1]!;
  const activation = (last.getConfig() as { activation?: unknown }).activation;
  const shape = model.outputs[0]!.shape;
  if (shape.length !== 2 || typeof shape[1] !== 'number') throw new Error(MESSAGES.badOutputShape(fn, shape));
  if (activation === 'sigmoid' && shape[1] === 1) return 'sigmoid';
  if (activation === 'softmax' && shape[1] >= 2) return 'softmax';
  if (activation === 'sigmoid' || activation === 'softmax')
    throw new Error(MESSAGES.badOutputShape(fn, shape));
  throw new Error(MESSAGES.notProbabilities(fn, String(activation ?? last.getClassName())));
}

/**
 * Wraps `model` (Dense stacks, functional, BatchNorm/Dropout at inference: anything {@link VectorModelAdapter}
 * takes) whose last layer is a one-unit sigmoid or a softmax. Scores are its logits (the last layer without its
 * activation), computed in float32 in chunks of {@link SCORE_CHUNK_ROWS} rows and returned as float64.
 * @example const clf = fromLayersModel(mlp); explainedOutput(clf, { target: 2, output: 'logit' });
 */
export function fromLayersModel(
  model: tfl.LayersModel,
  label?: string,
): TabularClassifier & {
  readonly adapter: VectorModelAdapter;
} {
  const fn = 'fromLayersModel';
  const adapter = new VectorModelAdapter(model);
  const head = headOf(model, fn);
  const width = model.outputs[0]!.shape[1] as number;
  const d = adapter.features;
  const scoresTensor = (x: tf.Tensor2D): tf.Tensor2D => adapter.logits(x);
  const scores = (x: Matrix): Float64Array => evaluateInChunks(x, width, scoresTensor);
  const sizes = [
    d,
    ...adapter
      .layers()
      .filter((l) => l.className === 'Dense')
      .map((l) => l.channels),
  ];
  return {
    features: d,
    classes: head === 'sigmoid' ? 2 : width,
    label: label ?? `MLP ${sizes.join('-')} (${head})`,
    head,
    scores,
    scoresTensor,
    adapter,
  };
}
