import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmKernels, unregisterWasmKernels, WASM_KERNEL_NAMES } from './register-wasm-kernels.js';
import { expectArraysClose } from '@openbox/testing';
import { liveCounts, normalValues, onWasmAndCpu, useWasmWithKernels } from './test-backends.js';

const SHAPES = { w1: [5, 5, 1, 4], b1: [4], w2: [3, 3, 4, 8], b2: [8], w3: [32, 10], b3: [10] } as const;
type Param = keyof typeof SHAPES;
const PARAMS = Object.keys(SHAPES) as Param[];

/** Softmax cross-entropy of a small reference-style CNN: conv5 → relu → pool → conv3 → relu → pool → dense. */
function lossOf(x: tf.Tensor4D, labels: tf.Tensor2D, p: Record<Param, tf.Tensor>): tf.Scalar {
  const h1 = tf.maxPool(
    tf.relu(tf.add(tf.conv2d(x, p.w1 as tf.Tensor4D, 1, 'valid'), p.b1)) as tf.Tensor4D,
    2,
    2,
    'valid',
  );
  const h2 = tf.maxPool(
    tf.relu(tf.add(tf.conv2d(h1, p.w2 as tf.Tensor4D, 1, 'same'), p.b2)) as tf.Tensor4D,
    2,
    2,
    'valid',
  );
  const logits = tf.add(tf.matMul(tf.reshape(h2, [x.shape[0], 32]), p.w3 as tf.Tensor2D), p.b3);
  return tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;
}

/** Gradients of the loss with respect to every parameter and the input, concatenated into one vector. */
function allGradients(): tf.Tensor {
  const x = tf.tensor4d(normalValues([6, 12, 12, 1], 11), [6, 12, 12, 1]);
  const labels = tf.oneHot(tf.tensor1d([0, 3, 9, 1, 1, 7], 'int32'), 10) as tf.Tensor2D;
  const values = PARAMS.map((name, k) =>
    tf.tensor(normalValues([...SHAPES[name]], 20 + k), [...SHAPES[name]]),
  );
  const grads = tf.grads((...args: tf.Tensor[]) => {
    const [input, ...params] = args;
    return lossOf(
      input as tf.Tensor4D,
      labels,
      Object.fromEntries(PARAMS.map((n, k) => [n, params[k]])) as Record<Param, tf.Tensor>,
    );
  })([x, ...values]);
  return tf.concat(grads.map((g) => tf.reshape(g, [-1])));
}

describe('registerWasmKernels', () => {
  beforeAll(useWasmWithKernels);

  it('puts every OpenBox kernel in the wasm registry, idempotently', () => {
    const first = WASM_KERNEL_NAMES.map((name) => tf.getKernel(name, 'wasm'));
    expect(registerWasmKernels()).toEqual([...WASM_KERNEL_NAMES]);
    expect(WASM_KERNEL_NAMES.map((name) => tf.getKernel(name, 'wasm'))).toEqual(first);
    for (const config of first) expect(config?.kernelFunc.name).not.toBe('');
  });

  it('trains: every gradient of a small CNN matches the cpu backend', () => {
    const { wasm, relative } = onWasmAndCpu(allGradients);
    expect(wasm.length).toBe(6 * 144 + PARAMS.reduce((n, p) => n + tf.util.sizeFromShape([...SHAPES[p]]), 0));
    // |wasm − cpu| / max(1, max|cpu|), measured 1.4e-7; bound ≈ 7× that.
    expectArraysClose(relative.wasm, relative.cpu, 1e-6, 'every gradient: wasm vs cpu, ÷ max|cpu|');
  });

  it('leaves no tensors or wasm buffers behind across training gradients', () => {
    tf.setBackend('wasm');
    tf.dispose(tf.tidy(allGradients));
    const before = liveCounts();
    for (let i = 0; i < 3; i++) tf.dispose(tf.tidy(allGradients));
    expect(liveCounts()).toEqual(before);
  });

  it('unregisterWasmKernels restores the stock kernels, and the stock wasm backend cannot train a conv net', () => {
    const ours = tf.getKernel('MaxPoolGrad', 'wasm');
    expect(unregisterWasmKernels()).toEqual([...WASM_KERNEL_NAMES]);
    expect(unregisterWasmKernels()).toEqual([]);
    expect(tf.getKernel('MaxPoolGrad', 'wasm')).not.toBe(ours);
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeUndefined();
    tf.setBackend('wasm');
    expect(() => tf.tidy(allGradients)).toThrow(/Conv2DBackpropFilter/);
    registerWasmKernels();
    expect(tf.getKernel('MaxPoolGrad', 'wasm')?.kernelFunc).toBe(ours?.kernelFunc);
  });

  it('names the missing stock kernel when the wasm backend is not loaded', () => {
    const slice = tf.getKernel('Slice', 'wasm');
    tf.unregisterKernel('Slice', 'wasm');
    try {
      expect(() => registerWasmKernels()).toThrow(
        "registerWasmKernels: the wasm backend has no stock 'Slice' kernel to build on; " +
          "import '@tensorflow/tfjs-backend-wasm' 4.x before registering.",
      );
    } finally {
      tf.registerKernel(slice);
    }
  });
});
