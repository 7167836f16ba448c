import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectArraysClose } from '@openbox/testing';
import { setupBackend } from '../test-models.js';
import { l2 } from '../regularizers/l2.js';
import { channel } from './channel.js';
import { classLogit } from './class-logit.js';
import { deepDream } from './deep-dream.js';
import { direction } from './direction.js';
import { diversity } from './diversity.js';
import { neuron } from './neuron.js';
import { activationOf, expandUnits, scale, sum, type Objective } from './objective.js';
import { recordingAdapter } from './test-recording-adapter.js';

beforeAll(setupBackend);

/** What an objective says about itself, and what its validate asks of an adapter whose layers are [null, 5, 7, 4]. */
function describeObjective(o: Objective, shape: readonly (number | null)[] = [null, 5, 7, 4]) {
  const { adapter, calls } = recordingAdapter(shape);
  o.validate(adapter);
  return { name: o.name, description: o.description, layers: o.layers, batchSize: o.batchSize, calls };
}

describe('objective metadata and validation', () => {
  it.each([
    {
      o: () => channel('conv', 2),
      name: 'channel(conv:2)',
      description: 'mean activation of channel 2 of layer conv over all positions',
      layers: ['conv'],
      batchSize: undefined,
      calls: ['channel conv 2 channel'],
    },
    {
      o: () => channel('conv', [0, 3]),
      name: 'channel(conv:0,3)',
      description: 'mean activation of channel 0, 3 of layer conv over all positions',
      layers: ['conv'],
      batchSize: 2,
      calls: ['channel conv 0 channel', 'channel conv 3 channel'],
    },
    {
      o: () => classLogit(4),
      name: 'classLogit(4)',
      description: 'pre-softmax logit of class 4',
      layers: ['logits'],
      batchSize: undefined,
      calls: ['channel logits 4 classLogit'],
    },
    {
      o: () => classLogit([1, 2, 3]),
      name: 'classLogit(1,2,3)',
      description: 'pre-softmax logit of class 1, 2, 3',
      layers: ['logits'],
      batchSize: 3,
      calls: ['channel logits 1 classLogit', 'channel logits 2 classLogit', 'channel logits 3 classLogit'],
    },
    {
      o: () => deepDream('conv'),
      name: 'deepDream(conv)',
      description: 'mean of squared activations of layer conv (DeepDream)',
      layers: ['conv'],
      batchSize: undefined,
      calls: ['layer conv deepDream'],
    },
    {
      o: () => diversity('conv'),
      name: 'diversity(conv)',
      description: "minus the mean cosine similarity of layer conv's Gram matrix with the other batch items'",
      layers: ['conv'],
      batchSize: undefined,
      calls: ['layer conv diversity'],
    },
    {
      o: () => neuron('conv', 1),
      name: 'neuron(conv:1@centre)',
      description: 'activation of channel 1 of layer conv at position centre',
      layers: ['conv'],
      batchSize: undefined,
      calls: ['layer conv neuron', 'position conv 3 2 neuron', 'channel conv 1 neuron'], // centre of 5 × 7: (3, 2)
    },
    {
      o: () => neuron('conv', [0, 2], { x: 1 }),
      name: 'neuron(conv:0,2@x=1, y=centre)',
      description: 'activation of channel 0, 2 of layer conv at position x=1, y=centre',
      layers: ['conv'],
      batchSize: 2,
      calls: [
        'layer conv neuron',
        'position conv 1 2 neuron',
        'channel conv 0 neuron',
        'channel conv 2 neuron',
      ],
    },
    {
      o: () => neuron('conv', 3, { y: 4 }),
      name: 'neuron(conv:3@x=centre, y=4)',
      description: 'activation of channel 3 of layer conv at position x=centre, y=4',
      layers: ['conv'],
      batchSize: undefined,
      calls: ['layer conv neuron', 'position conv 3 4 neuron', 'channel conv 3 neuron'],
    },
    {
      o: () => sum(channel('a', [0, 1]), classLogit([0, 1, 2]), deepDream('a')),
      name: 'channel(a:0,1) + classLogit(0,1,2) + deepDream(a)',
      description:
        'mean activation of channel 0, 1 of layer a over all positions; plus pre-softmax logit of class 0, 1, 2; plus ' +
        'mean of squared activations of layer a (DeepDream)',
      layers: ['a', 'logits'],
      batchSize: 3, // the largest part's
      calls: [
        'channel a 0 channel',
        'channel a 1 channel',
        'channel logits 0 classLogit',
        'channel logits 1 classLogit',
        'channel logits 2 classLogit',
        'layer a deepDream',
      ],
    },
    {
      o: () => scale(0.5, deepDream('a')),
      name: '0.5·deepDream(a)',
      description: '0.5 times (mean of squared activations of layer a (DeepDream))',
      layers: ['a'],
      batchSize: undefined,
      calls: ['layer a deepDream'],
    },
    {
      o: () => l2(),
      name: 'l2',
      description: 'sum of squared pixel deviations from 0',
      layers: ['input'],
      batchSize: undefined,
      calls: [],
    },
  ])('$name', ({ o, ...expected }) => {
    expect(describeObjective(o())).toEqual(expected);
  });

  it('neuron at the centre of a layer whose spatial size is unknown (null) checks position (0, 0)', () => {
    expect(describeObjective(neuron('conv', 0), [null, null, null, 4]).calls).toEqual([
      'layer conv neuron',
      'position conv 0 0 neuron',
      'channel conv 0 neuron',
    ]);
  });

  it('neuron evaluates at the position validate resolved (centre of the adapter’s 2 × 3 shape: x 1, y 1)', () => {
    const before = tf.memory().numTensors;
    const o = neuron('conv', 0);
    o.validate(recordingAdapter([null, 2, 3, 1]).adapter);
    // Activations [1, 4, 3, 1] with a[y][x] = 10y + x: the resolved (1, 1) gives 11 (the activation's own centre
    // would be (1, 2) → 21).
    const acts = {
      conv: tf.tensor4d(
        Array.from({ length: 12 }, (_, i) => 10 * Math.floor(i / 3) + (i % 3)),
        [1, 4, 3, 1],
      ),
    };
    const out = tf.tidy(() => o.evaluate(acts, 1));
    expectArraysClose(out.dataSync(), [11], 0, 'neuron');
    tf.dispose([out, acts.conv]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('direction validate refuses a direction whose length is not the layer’s channel count', () => {
    expect(() => describeObjective(direction('conv', [1, 0, 0]))).toThrow(
      "direction: the direction for layer 'conv' has 3 entries; the layer has 4 channels.",
    );
    expect(() =>
      describeObjective(
        direction('conv', [
          [1, 0, 0, 0],
          [0, 1],
        ]),
      ),
    ).toThrow("direction: the direction for layer 'conv' has 2 entries; the layer has 4 channels.");
    expect(
      describeObjective(
        direction('conv', [
          [1, 0, 0, 0],
          [0, 1, 0, 0],
        ]),
      ).calls,
    ).toEqual(['layer conv direction']);
  });
});

describe('objective error paths', () => {
  const acts = () => ({ conv: tf.zeros([3, 2, 2, 4]), logits: tf.zeros([3, 5]) });

  it.each([
    [
      () => channel('conv', [0, 1]),
      'channel: channels lists 2 units but the batch has 3 items; give one unit or exactly 3.',
    ],
    [
      () => classLogit([0, 1]),
      'classLogit: classes lists 2 units but the batch has 3 items; give one unit or exactly 3.',
    ],
    [
      () => neuron('conv', [0, 1]),
      'neuron: channels lists 2 units but the batch has 3 items; give one unit or exactly 3.',
    ],
    [
      () =>
        direction('conv', [
          [1, 0, 0, 0],
          [0, 1, 0, 0],
        ]),
      'direction: directions lists 2 units but the batch has 3 items; give one unit or exactly 3.',
    ],
  ])('%#: a per-item list of the wrong length for the batch throws', (make, message) => {
    const before = tf.memory().numTensors;
    const a = acts();
    expect(() => tf.tidy(() => make().evaluate(a, 3))).toThrow(message);
    tf.dispose([a.conv, a.logits]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('sum() of nothing, expandUnits and activationOf throw their messages', () => {
    expect(() => sum()).toThrow('sum: needs at least one objective.');
    expect(() => expandUnits('f', 'units', [1, 2, 3], 2)).toThrow(
      'f: units lists 3 units but the batch has 2 items; give one unit or exactly 2.',
    );
    expect(() => activationOf({}, 'conv')).toThrow(
      "objective: activations for layer 'conv' were not computed",
    );
  });
});
