/** A unit to study: a channel of a layer (optionally at one position), and how to score images for it. */
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '@openbox/datasets';
import { MESSAGES } from '../messages.js';
import { LOGITS_LAYER, type ImageModel } from '@openbox/runtime';
import { channel } from '../objectives/channel.js';
import { classLogit } from '../objectives/class-logit.js';
import { neuron } from '../objectives/neuron.js';
import type { Objective } from '../objectives/objective.js';

/** A channel of `layer` (`logits` for a class), or one neuron when `x`/`y` are given. */
export interface Unit {
  readonly layer: string;
  readonly channel: number;
  readonly x?: number;
  readonly y?: number;
}

/** The objective that maximizes `unit` for every batch item. */
export function unitObjective(unit: Unit): Objective {
  if (unit.layer === LOGITS_LAYER) return classLogit(unit.channel);
  if (unit.x !== undefined || unit.y !== undefined) {
    return neuron(unit.layer, unit.channel, {
      ...(unit.x === undefined ? {} : { x: unit.x }),
      ...(unit.y === undefined ? {} : { y: unit.y }),
    });
  }
  return channel(unit.layer, unit.channel);
}

/** Checks that `data` holds images of the model's input shape. */
export function checkImages(fn: string, adapter: ImageModel, data: Dataset): void {
  const expected = adapter.inputShape;
  const shape = data.shape;
  if (
    shape.length !== 4 ||
    shape[1] !== expected[0] ||
    shape[2] !== expected[1] ||
    shape[3] !== expected[2]
  ) {
    throw new Error(MESSAGES.datasetShape(fn, shape, expected));
  }
}

/** The unit's value for images `[n, h, w, c]` (the objective without batch expansion), in batches of 256. */
export function unitValues(adapter: ImageModel, unit: Unit, images: Float32Array, n: number): Float32Array {
  const objective = unitObjective(unit);
  objective.validate(adapter);
  const [h, w, c] = adapter.inputShape;
  const size = h * w * c;
  const out = new Float32Array(n);
  for (let start = 0; start < n; start += 256) {
    const count = Math.min(256, n - start);
    const values = tf.tidy(() => {
      const x = tf.tensor4d(images.subarray(start * size, (start + count) * size), [count, h, w, c]);
      return objective.evaluate(adapter.activations(x, objective.layers), count);
    });
    out.set(values.dataSync(), start);
    values.dispose();
  }
  return out;
}
