import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { attribute } from './attribute.js';
import { METHOD_NAMES, METHODS, isMethodName, type MethodName } from './methods.js';
import { randomInputs, setupBackend, smallCnn } from './test-models.js';

/** Options each method needs beyond the targets, on `smallCnn` (8×8×1); a method without a case is a type error. */
const CASES: Record<MethodName, (x: tf.Tensor) => Record<string, unknown>> = {
  saliency: () => ({}),
  'input-x-gradient': () => ({}),
  'integrated-gradients': () => ({ steps: 8 }),
  smoothgrad: () => ({ samples: 3, seed: 1 }),
  'smoothgrad-sq': () => ({ samples: 3, seed: 1 }),
  vargrad: () => ({ samples: 3, seed: 1 }),
  'gradient-shap': () => ({ baselines: tf.zeros([2, 8, 8, 1]), samples: 3, seed: 1 }),
  'guided-backprop': () => ({}),
  deconvolution: () => ({}),
  deeplift: () => ({}),
  'deeplift-shap': () => ({ baselines: tf.zeros([2, 8, 8, 1]) }),
  gradcam: () => ({ layer: 'conv2' }),
  'gradcam++': () => ({ layer: 'conv2' }),
  'layer-gradient-x-activation': () => ({ layer: 'conv2' }),
  'layer-integrated-gradients': () => ({ layer: 'conv2', steps: 8 }),
  'layer-conductance': () => ({ layer: 'conv2', steps: 8 }),
  'neuron-gradient': () => ({ targets: { layer: 'conv2', channel: 1 } }),
  'neuron-integrated-gradients': () => ({ targets: { layer: 'conv2', channel: 1 }, steps: 8 }),
  occlusion: () => ({ window: 3, stride: 2 }),
  'feature-ablation': () => ({}),
  'shapley-sampling': () => ({ samples: 3, seed: 1 }),
  'kernel-shap': () => ({ samples: 6, seed: 1 }),
};

/** The layer-resolution methods return the layer's shape; every other method the input's. */
const expectedShape = (name: MethodName, x: tf.Tensor): number[] =>
  METHODS[name].info.needsLayer ? [] : x.shape;

beforeAll(setupBackend);

describe('the method registry', () => {
  it('names every method by its key, and the guard knows them all (and nothing else)', () => {
    for (const name of METHOD_NAMES) {
      expect(METHODS[name].name).toBe(name);
      expect(isMethodName(name)).toBe(true);
    }
    expect(isMethodName('lime')).toBe(false);
    expect(Object.keys(METHODS).sort()).toEqual([...METHOD_NAMES].sort());
  });

  it.each(METHOD_NAMES)(
    '%s: finite attributions of the right shape, the same twice, no tensor left behind',
    (name) => {
      const model = smallCnn(31);
      const x = randomInputs(2, [8, 8, 1], 9);
      const run = () => {
        const extra = CASES[name](x);
        const result = attribute(model, x, { method: name, targets: [1, 2], ...extra } as never);
        for (const v of Object.values(extra)) if (v instanceof tf.Tensor) v.dispose();
        return result;
      };
      run().attributions.dispose(); // the first call builds and caches sub-models
      const before = tf.memory().numTensors;
      const first = run();
      const second = run();
      const shape = expectedShape(name, x);
      if (shape.length > 0) expect(first.attributions.shape).toEqual(shape);
      const a = first.attributions.dataSync();
      expect(a.every(Number.isFinite)).toBe(true);
      expect(a.some((v) => v !== 0)).toBe(true);
      expect(second.attributions.dataSync()).toEqual(a);
      expect(first.delta === undefined).toBe(!METHODS[name].info.hasConvergenceDelta);
      for (const r of [first, second])
        for (const t of [r.attributions, r.delta, r.layerAttributions]) t?.dispose();
      expect(tf.memory().numTensors).toBe(before);
      x.dispose();
    },
  );

  it('rejects an unknown method, listing the registered ones', () => {
    const x = randomInputs(1, [8, 8, 1], 9);
    expect(() => attribute(smallCnn(1), x, { method: 'lime' as MethodName, targets: 0 })).toThrow(
      `attribute: options.method must be one of ${METHOD_NAMES.map((n) => `'${n}'`).join(', ')}; got "lime".`,
    );
    x.dispose();
  });
});
