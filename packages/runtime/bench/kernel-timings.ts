/** Per-kernel timings at the reference net's shapes: stock wasm vs OpenBox's wasm kernels (vs cpu where wasm lacks one). */
import * as tf from '@tensorflow/tfjs-core';
import { compare, formatMs, speedup, type Task, type Variant } from './compare.js';

/** Table rows [kernel, stock, OpenBox, cpu, speed-up]: median ms per call (5 calls per round, interleaved rounds). */
export async function kernelTimings(): Promise<string[][]> {
  const seeded = (shape: number[], seed: number) => tf.randomNormal(shape, 0, 1, 'float32', seed);
  const x1 = seeded([64, 28, 28, 1], 1);
  const dy1 = seeded([64, 24, 24, 16], 2);
  const x2 = seeded([64, 12, 12, 16], 3);
  const dy2 = seeded([64, 8, 8, 32], 4);
  const w2 = seeded([5, 5, 16, 32], 5);
  const pooled1 = tf.maxPool(dy1 as tf.Tensor4D, 2, 2, 'valid');
  const dense = { x: seeded([64, 512], 6), w: seeded([512, 10], 7), g: seeded([64, 10], 8) };
  const square = { a: seeded([256, 512], 9), b: seeded([256, 512], 10) };
  const dwX = seeded([8, 56, 56, 64], 13);
  const dwW = seeded([3, 3, 64, 1], 14);
  const dwDy = seeded([8, 56, 56, 64], 15);
  const depthwise = (kernel: string, inputs: tf.NamedTensorMap, shape: Record<string, number[]>) => () =>
    tf.engine().runKernel(kernel, inputs, {
      strides: 1,
      dilations: 1,
      pad: 'same',
      ...shape,
    } as unknown as tf.NamedAttrMap) as tf.Tensor;
  const filterGrad = (x: tf.Tensor, dy: tf.Tensor, filterShape: number[]) => () =>
    tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, {
      strides: 1,
      pad: 'valid',
      dataFormat: 'NHWC',
      filterShape,
    } as unknown as tf.NamedAttrMap) as tf.Tensor;

  const kernelRows: string[][] = [];
  const kernels: [string, Task, Variant[]][] = [
    [
      'Conv2DBackpropFilter conv1 [64,28,28,1]→[5,5,1,16]',
      filterGrad(x1, dy1, [5, 5, 1, 16]),
      ['stock', 'openbox', 'cpu'],
    ],
    [
      'Conv2DBackpropFilter conv2 [64,12,12,16]→[5,5,16,32]',
      filterGrad(x2, dy2, [5, 5, 16, 32]),
      ['stock', 'openbox', 'cpu'],
    ],
    [
      'Conv2DBackpropInput conv2 [64,8,8,32]→[64,12,12,16]',
      () => tf.conv2dTranspose(dy2 as tf.Tensor4D, w2 as tf.Tensor4D, [64, 12, 12, 16], 1, 'valid'),
      ['stock', 'openbox'],
    ],
    [
      'MaxPoolGrad 2×2 [64,24,24,16]',
      () =>
        tf.engine().runKernel('MaxPoolGrad', { dy: pooled1, input: dy1, output: pooled1 }, {
          filterSize: 2,
          strides: 2,
          pad: 'valid',
        } as unknown as tf.NamedAttrMap) as tf.Tensor,
      ['stock', 'openbox'],
    ],
    [
      'BatchMatMul xᵀ·dy [64,512]ᵀ·[64,10]',
      () => tf.matMul(dense.x, dense.g, true, false),
      ['stock', 'openbox'],
    ],
    [
      'BatchMatMul dy·Wᵀ [64,10]·[512,10]ᵀ',
      () => tf.matMul(dense.g, dense.w, false, true),
      ['stock', 'openbox'],
    ],
    [
      'BatchMatMul Aᵀ·B [256,512]ᵀ·[256,512]',
      () => tf.matMul(square.a, square.b, true, false),
      ['stock', 'openbox'],
    ],
    [
      'DepthwiseConv2dNativeBackpropInput 3×3 [8,56,56,64]',
      depthwise(
        'DepthwiseConv2dNativeBackpropInput',
        { dy: dwDy, filter: dwW },
        { inputShape: [8, 56, 56, 64] },
      ),
      ['stock', 'openbox', 'cpu'],
    ],
    [
      'DepthwiseConv2dNativeBackpropFilter 3×3 [8,56,56,64]',
      depthwise('DepthwiseConv2dNativeBackpropFilter', { x: dwX, dy: dwDy }, { filterShape: [3, 3, 64, 1] }),
      ['stock', 'openbox', 'cpu'],
    ],
  ];
  for (const [name, f, variants] of kernels) {
    const r = await compare(variants, f, 5);
    kernelRows.push([
      name,
      formatMs(r.stock),
      formatMs(r.openbox),
      variants.includes('cpu') ? formatMs(r.cpu) : '—',
      speedup(r.stock, r.openbox),
    ]);
    console.log(kernelRows.at(-1)?.join(' | '));
  }

  tf.dispose([x1, dy1, x2, dy2, w2, pooled1, dense.x, dense.w, dense.g, square.a, square.b, dwX, dwW, dwDy]);
  return kernelRows;
}
