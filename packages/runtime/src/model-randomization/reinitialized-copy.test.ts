/** reinitializedCopy: closed-form draws per initializer, bitwise copies elsewhere, both model kinds, backends, memory. */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { expectArraysClose } from '@openbox/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../init-backend.js';
import { createRng } from '../rng.js';
import { tensorGrowth } from '../tensor-growth.js';
import { reinitializedCopy } from './reinitialized-copy.js';
import { differing, functionalModel, predictOn, sequentialModel, trained, weightsOf } from './test-models.js';

/** The stream a redrawn weight comes from, as documented: createRng(seed).fork('<layer>/<weight>'). */
const stream = (seed: number, label: string) => createRng(seed).fork(label);
/** Glorot-uniform draws written out: U(−L, L) with L = √(6 / (fanIn + fanOut)), u = rng.next(), row-major. */
function glorotUniform(
  seed: number,
  label: string,
  size: number,
  fanIn: number,
  fanOut: number,
): Float64Array {
  const rng = stream(seed, label);
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return Float64Array.from({ length: size }, () => limit * (2 * rng.next() - 1));
}
/**
 * Glorot-normal draws (tfjs's default kernel initializer) written out: σ·z with σ = √(2 / (fanIn + fanOut)) / 0.87962566
 * and z the next standard normal of the stream with |z| ≤ 2 (those beyond are skipped), row-major.
 */
function glorotNormal(
  seed: number,
  label: string,
  size: number,
  fanIn: number,
  fanOut: number,
): Float64Array {
  const rng = stream(seed, label);
  const sigma = Math.sqrt(2 / (fanIn + fanOut)) / 0.87962566103423978;
  return Float64Array.from({ length: size }, () => {
    for (;;) {
      const z = rng.normal();
      if (Math.abs(z) <= 2) return sigma * z;
    }
  });
}
/** Float32 rounding of values below 1 in magnitude moves them by ≤ 6e-8; the closed forms here are float64. */
const F32 = 1e-7;

describe('reinitializedCopy', () => {
  let model: tfl.Sequential;
  let original: Map<string, Float32Array[]>;

  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
    model = sequentialModel();
    original = weightsOf(model);
  });

  it('redraws every layer by default, each weight from its own initializer (closed forms)', () => {
    const copy = reinitializedCopy(model, { seed: 3 });
    const w = weightsOf(copy);
    copy.dispose();
    // conv: kernel [3, 3, 1, 4] glorot-uniform (fans 9, 36), bias zeros.
    expectArraysClose(w.get('conv')![0]!, glorotUniform(3, 'conv/kernel', 36, 9, 36), F32);
    expect([...w.get('conv')![1]!]).toEqual([0, 0, 0, 0]);
    // bn: gamma U(0.5, 1.5) as configured, beta and the moving mean zeros, the moving variance ones.
    const gamma = stream(3, 'bn/gamma');
    expectArraysClose(
      w.get('bn')![0]!,
      [0, 1, 2, 3].map(() => 0.5 + gamma.next()),
      F32,
    );
    expect(
      w
        .get('bn')!
        .slice(1)
        .map((v) => [...v]),
    ).toEqual([
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [1, 1, 1, 1],
    ]);
    // dense: kernel [144, 3] glorot-normal (fans 144, 3), bias zeros.
    expectArraysClose(w.get('dense')![0]!, glorotNormal(3, 'dense/kernel', 432, 144, 3), F32);
    expect([...w.get('dense')![1]!]).toEqual([0, 0, 0]);
  });

  it('changes only the named layers: every other weight is bitwise the original', () => {
    const copy = reinitializedCopy(model, { seed: 3, layers: ['bn'] });
    const w = weightsOf(copy);
    copy.dispose();
    for (const layer of ['conv', 'dense'])
      w.get(layer)!.forEach((v, i) => expect(differing(v, original.get(layer)![i]!), layer).toBe(0));
    // The named layer is redrawn (the "trained" gamma was N(0.3, 1), now U(0.5, 1.5)).
    w.get('bn')![0]!.forEach((g) => expect(g >= 0.5 && g < 1.5).toBe(true));
    expect(differing(w.get('bn')![0]!, original.get('bn')![0]!)).toBe(4);
  });

  it('gives bitwise the same weights for the same seed, and other random weights for another seed', () => {
    const [a, b, c] = [7, 7, 8].map((seed) => {
      const copy = reinitializedCopy(model, { seed });
      const w = weightsOf(copy);
      copy.dispose();
      return w;
    });
    for (const [layer, weights] of a!)
      weights.forEach((v, i) => expect(differing(v, b!.get(layer)![i]!)).toBe(0));
    // Random weights (the kernels, gamma) all differ; constant ones (zeros, ones) are equal, as they must be.
    expect(differing(a!.get('conv')![0]!, c!.get('conv')![0]!)).toBe(36);
    expect(differing(a!.get('bn')![0]!, c!.get('bn')![0]!)).toBe(4);
    expect(differing(a!.get('dense')![0]!, c!.get('dense')![0]!)).toBe(432);
  });

  it('with no layer named, the copy predicts bitwise like the original; fully redrawn, it does not', () => {
    const exact = reinitializedCopy(model, { seed: 1, layers: [] });
    const random = reinitializedCopy(model, { seed: 1 });
    const expected = predictOn(model, [5, 8, 8, 1]);
    expect(differing(predictOn(exact, [5, 8, 8, 1]), expected)).toBe(0);
    expect(differing(predictOn(random, [5, 8, 8, 1]), expected)).toBe(15);
    expect(exact.layers.map((l) => l.name)).toEqual(model.layers.map((l) => l.name));
    exact.dispose();
    random.dispose();
  });

  it('never changes the original, before or after its copies are disposed', () => {
    const before = predictOn(model, [3, 8, 8, 1]);
    for (const seed of [1, 2]) reinitializedCopy(model, { seed }).dispose();
    const after = weightsOf(model);
    for (const [layer, weights] of original)
      weights.forEach((v, i) => expect(differing(after.get(layer)![i]!, v), layer).toBe(0));
    expect(differing(predictOn(model, [3, 8, 8, 1]), before)).toBe(0);
  });

  it('rebuilds a functional model with its graph; only the named layers change', () => {
    const fn = functionalModel();
    const fnOriginal = weightsOf(fn);
    const exact = reinitializedCopy(fn, { seed: 2, layers: [] });
    expect(differing(predictOn(exact, [4, 6]), predictOn(fn, [4, 6]))).toBe(0);
    exact.dispose();
    const copy = reinitializedCopy(fn, { seed: 2, layers: ['c', 'a'] });
    const w = weightsOf(copy);
    copy.dispose();
    for (const layer of ['b', 'out'])
      w.get(layer)!.forEach((v, i) => expect(differing(v, fnOriginal.get(layer)![i]!), layer).toBe(0));
    expectArraysClose(w.get('a')![0]!, glorotNormal(2, 'a/kernel', 24, 6, 4), F32);
    // c: he-uniform, U(±√(6 / fanIn)) with fanIn 6.
    const he = stream(2, 'c/kernel');
    expectArraysClose(
      w.get('c')![0]!,
      Array.from({ length: 18 }, () => 2 * he.next() - 1),
      F32,
    );
    fn.dispose();
  });

  it('takes depthwise, pointwise, bias and embedding weights from their own initializers', () => {
    const input = tfl.input({ shape: [5, 5, 2] });
    const sep = tfl.layers.separableConv2d({
      name: 'sep',
      filters: 3,
      kernelSize: 3,
      depthwiseInitializer: tfl.initializers.constant({ value: 0.5 }),
      pointwiseInitializer: tfl.initializers.constant({ value: -0.25 }),
      biasInitializer: tfl.initializers.constant({ value: 0.125 }),
    });
    // tfjs-layers 4.22's SeparableConv2D takes its pointwise initializer from `depthwiseInitializer` (a bug); set the
    // instance's own so that the two fields differ and the pointwise kernel's field is the one read.
    (sep as unknown as { pointwiseInitializer: unknown }).pointwiseInitializer = tfl.initializers.constant({
      value: -0.25,
    });
    const dw = tfl.layers.depthwiseConv2d({
      name: 'dw',
      kernelSize: 2,
      depthwiseInitializer: tfl.initializers.constant({ value: 2 }),
      biasInitializer: tfl.initializers.constant({ value: -1 }),
    });
    const out = dw.apply(sep.apply(input)) as tfl.SymbolicTensor;
    const conv = trained(tfl.model({ inputs: input, outputs: out }));
    const embedding = tfl.sequential();
    embedding.add(
      tfl.layers.embedding({
        name: 'emb',
        inputDim: 4,
        outputDim: 2,
        inputLength: 3,
        embeddingsInitializer: tfl.initializers.constant({ value: 3 }),
      }),
    );
    trained(embedding);
    const [c, e] = [reinitializedCopy(conv, { seed: 1 }), reinitializedCopy(embedding, { seed: 1 })];
    const values = (m: tfl.LayersModel, layer: string) =>
      m
        .getLayer(layer)
        .getWeights()
        .map((t) => [...new Set(t.dataSync())]);
    expect(values(c, 'sep')).toEqual([[0.5], [-0.25], [0.125]]);
    expect(values(c, 'dw')).toEqual([[2], [-1]]);
    expect(values(e, 'emb')).toEqual([[3]]);
    [c, e, conv, embedding].forEach((m) => m.dispose());
  });

  it("draws a he-normal conv kernel with variance 2 / fanIn (Keras's fans, truncated with the 0.8796 correction)", () => {
    const big = tfl.sequential();
    big.add(
      tfl.layers.conv2d({ inputShape: [9, 9, 8], filters: 64, kernelSize: 5, kernelInitializer: 'heNormal' }),
    );
    const copy = reinitializedCopy(big, { seed: 4 });
    const kernel = copy.layers[0]!.getWeights()[0]!.dataSync();
    copy.dispose();
    big.dispose();
    // [5, 5, 8, 64]: fanIn = 25·8 = 200, so variance 0.01; 12,800 draws. SE of the variance √((μ₄ − σ⁴)/n) with
    // μ₄/σ⁴ = 2.366 for a 2σ-truncated normal: 1.03e-4; 4 SE = 4.1e-4 (fanAvg would give 0.0022, no correction 0.0077).
    let sum = 0;
    let sq = 0;
    for (const v of kernel) ((sum += v), (sq += v * v));
    const mean = sum / kernel.length;
    expect(kernel.length).toBe(12_800);
    expect(Math.abs(sq / kernel.length - mean * mean - 0.01)).toBeLessThan(4.1e-4);
    expect(Math.abs(mean)).toBeLessThan(4 * Math.sqrt(0.01 / 12_800));
  });

  it('draws bitwise the same weights on the cpu and wasm backends', async () => {
    const drawOn = async (backend: 'cpu' | 'wasm') => {
      await initBackend({ backend });
      const m = sequentialModel();
      const copy = reinitializedCopy(m, { seed: 11 });
      const w = weightsOf(copy);
      [copy, m].forEach((x) => x.dispose());
      return w;
    };
    const onWasm = await drawOn('wasm');
    const onCpu = await drawOn('cpu');
    expect(tf.getBackend()).toBe('cpu');
    for (const [layer, weights] of onCpu)
      weights.forEach((v, i) => expect(differing(v, onWasm.get(layer)![i]!)).toBe(0));
  });

  it('leaves no tensor behind once its copies are disposed', async () => {
    const start = tf.memory().numTensors;
    const copies = [1, 2, 3].map((seed) =>
      reinitializedCopy(model, { seed, layers: seed === 2 ? ['dense'] : undefined }),
    );
    expect(tf.memory().numTensors).toBe(start + 3 * 8); // 8 weights each (conv 2, bn 4, dense 2)
    copies.forEach((c) => c.dispose());
    expect(tf.memory().numTensors).toBe(start);
    expect(await tensorGrowth(() => void reinitializedCopy(model, { seed: 5 }).dispose())).toBe(0);
  });
});
