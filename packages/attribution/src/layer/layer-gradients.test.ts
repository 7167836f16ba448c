import * as tf from '@tensorflow/tfjs-core';
import { expectArraysClose } from '@openbox/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { asAdapter, tiledOwners } from '../core/prepare.js';
import { resolveTargets } from '../core/target.js';
import { targetValues } from '../core/target-values.js';
import { finiteDifferences, randomInputs, setupBackend, smoothCnn } from '../test-models.js';
import { checkLayer, layerActivations, layerGradients } from './layer-gradients.js';

beforeAll(setupBackend);

describe('layerGradients', () => {
  it('is ∂f/∂A: finite differences on the replaced activations (smooth net, class and unit targets)', () => {
    const adapter = asAdapter(smoothCnn(21));
    const x = randomInputs(2, [8, 8, 1], 22);
    const targets = resolveTargets(adapter, [2, { layer: 'pool', channel: 1, y: 2, x: 0 }], 2, 'logits', 't');
    const owners = tiledOwners(2, 1);
    const { activations, gradients, values } = layerGradients(adapter, x, owners, targets, 'conv1', 64);
    expect(activations.shape).toEqual([2, 6, 6, 4]);
    expect(gradients.shape).toEqual([2, 6, 6, 4]);
    const direct = targetValues(adapter, x, owners, targets);
    expectArraysClose(values, direct, 1e-6);
    const f = (a: tf.Tensor4D) =>
      tf.sum(targetValues(adapter, x, owners, targets, { replace: new Map([['conv1', a]]) })).dataSync()[0]!;
    const fd = finiteDifferences(f, activations as tf.Tensor4D, 1e-2);
    // Both targets are linear in conv1's output (average pool, then the dense logits): central differences are exact
    // up to float32 rounding / h ≈ 1e-5 per unit of f.
    expectArraysClose(gradients, fd, 1e-3);
    [x, activations, gradients, values, direct].forEach((t) => t.dispose());
  });

  it("with output 'model' matches finite differences of the softmax probability (nonlinear in A)", () => {
    const adapter = asAdapter(smoothCnn(23));
    const x = randomInputs(1, [8, 8, 1], 24);
    const targets = resolveTargets(adapter, 0, 1, 'model', 't');
    const owners = tiledOwners(1, 1);
    const { activations, gradients, values } = layerGradients(adapter, x, owners, targets, 'pool', 64);
    const f = (a: tf.Tensor4D) =>
      targetValues(adapter, x, owners, targets, { replace: new Map([['pool', a]]) }).dataSync()[0]!;
    const fd = finiteDifferences(f, activations as tf.Tensor4D, 1e-2);
    // Central differences of a softmax: O(h²) ≈ 1e-4 of its scale plus float32 rounding / h ≈ 1e-5.
    expectArraysClose(gradients, fd, 1e-3);
    [x, activations, gradients, values].forEach((t) => t.dispose());
  });

  it('gives the same result in chunks of one row and leaks no tensor', () => {
    const adapter = asAdapter(smoothCnn(25));
    const x = randomInputs(3, [8, 8, 1], 26);
    const targets = resolveTargets(adapter, [0, 1, 2], 3, 'logits', 't');
    const owners = tiledOwners(3, 1);
    const whole = layerGradients(adapter, x, owners, targets, 'conv1', 64);
    const before = tf.memory().numTensors;
    const chunked = layerGradients(adapter, x, owners, targets, 'conv1', 1);
    expect(tf.memory().numTensors).toBe(before + 3);
    expectArraysClose(chunked.gradients, whole.gradients, 1e-6);
    expectArraysClose(chunked.activations, whole.activations, 1e-6);
    const acts = layerActivations(adapter, x, 'conv1', 2);
    expectArraysClose(acts, whole.activations, 1e-6);
    [x, acts, ...Object.values(whole), ...Object.values(chunked)].forEach((t) => (t as tf.Tensor).dispose());
  });

  it.each([
    ['no layer', undefined, 0, "f: the method 'f' needs options.layer (a layer name)."],
    [
      'an unknown layer',
      'nope',
      0,
      'f: options.layer must name a layer of this model (conv1, pool, flat, probs); got "nope".',
    ],
    [
      'the logits pseudo-layer',
      'logits',
      0,
      'f: options.layer must name a layer of this model (conv1, pool, flat, probs); got "logits".',
    ],
    [
      'a target before the layer',
      'pool',
      { layer: 'conv1', channel: 0 },
      "f: target layer 'conv1' comes before options.layer 'pool', so it does not depend on it; give a target at or after that layer.",
    ],
    [
      "logits with the final softmax layer (they are computed from that layer's input)",
      'probs',
      1,
      "f: target layer 'logits' comes before options.layer 'probs', so it does not depend on it; give a target at or after that layer.",
    ],
  ])('checkLayer rejects %s naming the layers', (_, layer, target, message) => {
    const adapter = asAdapter(smoothCnn(27));
    const targets = resolveTargets(adapter, target, 1, 'logits', 'f');
    expect(() => checkLayer('f', adapter, layer, targets)).toThrow(message);
  });
});
