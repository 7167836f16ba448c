/**
 * Per-kernel timings at the reference net's shapes: stock wasm vs OpenBox's wasm kernels (vs cpu where wasm lacks one),
 * the two Conv2DBackpropFilter routes against each other, and (run directly) where a training step's time goes.
 * `npx tsx bench/kernel-timings.ts` (OPENBOX_WASM_THREADS=1|2, BENCH_ROUNDS) prints the route table and the profile.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  formatRatio,
  formatSummary,
  interleave,
  loadAverage,
  summarize,
  type Summary,
} from '../../../bench/interleave.js';
import {
  conv2dBackpropFilter,
  FILTER_GRAD_ROUTES,
  filterGradKernel,
  filterGradRoute,
  type FilterGradRoute,
} from '../src/kernels/conv2d-backprop-filter.js';
import { profileTrainingStep } from './training-step-profile.js';
import { compare, formatMs, ROUNDS, speedup, type Task, type Variant } from './compare.js';

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

/** The reference net's two filter gradients, batch 64: input, output gradient and filter shapes. */
const FILTER_GRAD_SHAPES = [
  { layer: 'conv1', x: [64, 28, 28, 1], dy: [64, 24, 24, 16], filter: [5, 5, 1, 16] },
  { layer: 'conv2', x: [64, 12, 12, 16], dy: [64, 8, 8, 32], filter: [5, 5, 16, 32] },
] as const;

/**
 * Both Conv2DBackpropFilter routes (the Conv2D with dy as its filter, the previous implementation, and the GEMM
 * im2col(x)ᵀ · dy) at the reference net's shapes on the active wasm backend, interleaved over `rounds` rounds of
 * `reps` calls each (median per round). Rows: [layer, Conv2D route, GEMM route, GEMM ÷ Conv2D, route taken].
 * @example const rows = await filterGradRouteTimings(); // after initBackend({ backend: 'wasm' })
 */
export async function filterGradRouteTimings(rounds = Math.max(3, ROUNDS), reps = 5): Promise<string[][]> {
  const backend = tf.backend() as BackendWasm;
  const rows: string[][] = [];
  for (const shape of FILTER_GRAD_SHAPES) {
    const x = tf.randomNormal([...shape.x], 0, 1, 'float32', 1);
    const dy = tf.randomNormal([...shape.dy], 0, 1, 'float32', 2);
    const info = tf.backend_util.computeConv2DInfo(
      [...shape.x] as [number, number, number, number],
      [...shape.filter] as [number, number, number, number],
      1,
      1,
      'valid',
    );
    const timed = (route: keyof typeof FILTER_GRAD_ROUTES) => () => {
      const times: number[] = [];
      for (let i = 0; i <= reps; i++) {
        // A new dy each call, as in training: XNNPACK caches packed operands by tensor, so reusing one would hide the
        // packing that every real backward pass pays.
        const fresh = tf.clone(dy);
        const t0 = performance.now();
        backend.disposeData(FILTER_GRAD_ROUTES[route](backend, x, fresh, info, true).dataId);
        if (i > 0) times.push(performance.now() - t0); // the first call warms up
        fresh.dispose();
      }
      return times.sort((a, b) => a - b)[reps >> 1] as number;
    };
    const [conv, gemm] = (await interleave(
      [
        { name: 'conv', measure: timed('conv') },
        { name: 'gemm', measure: timed('gemm') },
      ],
      rounds,
    )) as [Summary, Summary];
    rows.push([
      `${shape.layer} [${shape.x.join(',')}]→[${shape.filter.join(',')}]`,
      `${formatSummary(conv)} ms`,
      `${formatSummary(gemm)} ms`,
      `${(gemm.median / conv.median).toFixed(2)}×`,
      filterGradRoute(info),
    ]);
    tf.dispose([x, dy]);
  }
  return rows;
}

/** Register `kernelFunc` as wasm's Conv2DBackpropFilter (keeping the registered setupFunc). */
function useFilterKernel(kernelFunc: unknown): void {
  const current = tf.getKernel('Conv2DBackpropFilter', 'wasm');
  tf.unregisterKernel('Conv2DBackpropFilter', 'wasm');
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: kernelFunc as tf.KernelFunc,
    setupFunc: current?.setupFunc,
  });
}

/**
 * Both filter-gradient routes inside reference-CNN training steps (each forced on every layer in turn, interleaved
 * over `rounds` rounds of a 3-step profile): per layer, [layer, Conv2D route, GEMM route, GEMM ÷ Conv2D] with the
 * kernel's median ms per step; OpenBox's own kernel is registered again afterwards.
 * @example const rows = await filterGradInTraining(); // after initBackend({ backend: 'wasm' })
 */
export async function filterGradInTraining(rounds = 5): Promise<string[][]> {
  const perLayer = new Map<string, Record<FilterGradRoute, number[]>>();
  for (let round = 0; round < rounds; round++) {
    for (const route of (round % 2 === 0 ? ['conv', 'gemm'] : ['gemm', 'conv']) as FilterGradRoute[]) {
      useFilterKernel(filterGradKernel(route));
      const { rows } = await profileTrainingStep(3);
      for (const row of rows.filter((r) => r.kernel === 'Conv2DBackpropFilter')) {
        const layer = row.shapes;
        const entry = perLayer.get(layer) ?? { conv: [], gemm: [] };
        entry[route].push(row.ms);
        perLayer.set(layer, entry);
      }
    }
  }
  useFilterKernel(conv2dBackpropFilter);
  return [...perLayer].map(([layer, ms]) => {
    const [conv, gemm] = [summarize('conv', ms.conv), summarize('gemm', ms.gemm)];
    return [layer, `${formatSummary(conv)} ms`, `${formatSummary(gemm)} ms`, formatRatio(gemm, conv)];
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { initBackend } = await import('../src/init-backend.js');
  const report = await initBackend({ backend: 'wasm' });
  console.log(`wasm, ${report.threads ?? 1} thread(s); load ${loadAverage()}`);
  if (process.env['PROFILE_ONLY'] === undefined) {
    console.log(
      'Conv2DBackpropFilter routes | Conv2D (dy as filter) | GEMM im2col(x)ᵀ·dy | GEMM ÷ Conv2D | taken',
    );
    for (const row of await filterGradRouteTimings()) console.log(row.join(' | '));
  }
  console.log(
    'Conv2DBackpropFilter inside training steps | Conv2D route | GEMM route | GEMM ÷ Conv2D (per-round range)',
  );
  for (const row of await filterGradInTraining()) console.log(row.join(' | '));
  const { rows, stepMs } = await profileTrainingStep(Number(process.env['PROFILE_STEPS'] ?? 5));
  console.log(
    `training step (reference CNN, batch 64, Adam), profiled: ${stepMs.toFixed(1)} ms; per kernel:`,
  );
  for (const r of rows.slice(0, 12))
    console.log(`${r.ms.toFixed(2).padStart(7)} ms  ×${r.calls}  ${r.kernel}  ${r.shapes}`);
  console.log(`load ${loadAverage()}`);
  process.exit(0); // the threaded build's pthread workers would keep Node alive
}
