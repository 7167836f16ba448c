/** Benchmarks OpenBox's wasm kernels against the stock wasm kernels and the cpu backend, in one process. */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import * as tfl from '@tensorflow/tfjs-layers';
import { markdownTable, writeBenchmarkSection } from '../../bench/benchmarks-md.js';
import { registerWasmKernels, unregisterWasmKernels } from './src/kernels/register-wasm-kernels.js';
import { silenceCpuBanner } from './src/silence-cpu-banner.js';

type Variant = 'stock' | 'openbox' | 'cpu';
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 7);

/** Activate one variant: the cpu backend, or wasm with stock or OpenBox kernels. */
async function use(variant: Variant): Promise<void> {
  if (variant === 'openbox') registerWasmKernels();
  else unregisterWasmKernels();
  await tf.setBackend(variant === 'cpu' ? 'cpu' : 'wasm');
}

/** A benchmarked call: returns tensors (read back, then disposed) or a promise of plain values. */
type Task = () => tf.Tensor | tf.Tensor[] | Promise<unknown>;

/** Median of `reps` timed calls (ms) after one warm-up call. */
async function timeMs(f: Task, reps: number): Promise<number> {
  const once = async () => {
    const t0 = performance.now();
    const out = await f();
    if (out instanceof tf.Tensor || Array.isArray(out)) {
      for (const t of [out].flat()) if (t instanceof tf.Tensor) t.dataSync();
      tf.dispose(out as tf.Tensor[]);
    }
    return performance.now() - t0;
  };
  await once();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) times.push(await once());
  return times.sort((a, b) => a - b)[reps >> 1] as number;
}

/**
 * Medians over interleaved rounds, so machine noise hits every variant alike; the error's first line where a variant
 * fails. The cpu backend, 100–1000× slower, is timed once after its warm-up.
 */
async function compare(
  variants: readonly Variant[],
  f: Task,
  reps: number,
): Promise<Record<Variant, number | null | string>> {
  const samples: Record<string, number[]> = {};
  const failed: Record<string, string> = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const v of variants) {
      if (failed[v] !== undefined || (v === 'cpu' && round > 0)) continue;
      await use(v);
      try {
        (samples[v] ??= []).push(await timeMs(f, v === 'cpu' ? 1 : reps));
      } catch (error) {
        failed[v] = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'failed';
      }
    }
  }
  const median = (xs: number[] = []) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? null;
  return {
    stock: failed['stock'] ?? median(samples['stock']),
    openbox: failed['openbox'] ?? median(samples['openbox']),
    cpu: failed['cpu'] ?? median(samples['cpu']),
  };
}

/** The reference CNN of TFJS-NOTES.md: conv5×5×16 → pool → conv5×5×32 → pool → dense 512→10, Adam. */
function referenceCnn(): tfl.Sequential {
  const model = tfl.sequential({
    layers: [
      tfl.layers.conv2d({
        inputShape: [28, 28, 1],
        filters: 16,
        kernelSize: 5,
        activation: 'relu',
        seed: 1,
      } as never),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.conv2d({ filters: 32, kernelSize: 5, activation: 'relu' }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  return model;
}

const fmt = (v: number | null | string, unit = 'ms') =>
  typeof v === 'number' ? `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ${unit}` : v === null ? '—' : `fails`;
const ratio = (base: number | null | string, ours: number | null | string) =>
  typeof base === 'number' && typeof ours === 'number' ? `${(base / ours).toFixed(1)}×` : '—';

async function main(): Promise<void> {
  // 1. Backends and fixed inputs (seeded).
  await tf.setBackend('cpu');
  silenceCpuBanner();
  await use('openbox');
  const seeded = (shape: number[], seed: number) => tf.randomNormal(shape, 0, 1, 'float32', seed);
  const x1 = seeded([64, 28, 28, 1], 1);
  const dy1 = seeded([64, 24, 24, 16], 2);
  const x2 = seeded([64, 12, 12, 16], 3);
  const dy2 = seeded([64, 8, 8, 32], 4);
  const w2 = seeded([5, 5, 16, 32], 5);
  const pooled1 = tf.maxPool(dy1 as tf.Tensor4D, 2, 2, 'valid');
  const dense = { x: seeded([64, 512], 6), w: seeded([512, 10], 7), g: seeded([64, 10], 8) };
  const square = { a: seeded([256, 512], 9), b: seeded([256, 512], 10) };
  const filterGrad = (x: tf.Tensor, dy: tf.Tensor, filterShape: number[]) => () =>
    tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, {
      strides: 1,
      pad: 'valid',
      dataFormat: 'NHWC',
      filterShape,
    } as unknown as tf.NamedAttrMap) as tf.Tensor;

  // 2. Kernels at the reference net's shapes (batch 64), each timed 5× per round.
  const kernelRows: (string | number)[][] = [];
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
  ];
  for (const [name, f, variants] of kernels) {
    const r = await compare(variants, f, 5);
    kernelRows.push([
      name,
      fmt(r.stock),
      fmt(r.openbox),
      variants.includes('cpu') ? fmt(r.cpu) : '—',
      ratio(r.stock, r.openbox),
    ]);
    console.log(kernelRows.at(-1)?.join(' | '));
  }

  // 3. The reference CNN: training (batch 64), input gradients (batch 8), inference (batch 64).
  const model = referenceCnn();
  const images = seeded([64, 28, 28, 1], 11);
  const labels = tf.oneHot(
    tf.tensor1d(
      Array.from({ length: 64 }, (_, i) => (i * 7) % 10),
      'int32',
    ),
    10,
  );
  const probe = seeded([8, 28, 28, 1], 12);
  const inputGrad = tf.grad((z: tf.Tensor) =>
    tf.sum(tf.slice(model.predict(z) as tf.Tensor, [0, 3], [8, 1])),
  );
  const trainStep = () => model.trainOnBatch(images, labels);
  const train = await compare(['stock', 'openbox', 'cpu'], trainStep, 3);
  const grads = await compare(['stock', 'openbox', 'cpu'], () => tf.tidy(() => inputGrad(probe)), 5);
  const infer = await compare(
    ['stock', 'openbox', 'cpu'],
    () => tf.tidy(() => model.predict(images) as tf.Tensor),
    5,
  );
  const perSecond = (ms: number | null | string, n: number) =>
    typeof ms === 'number' ? (1000 * n) / ms : ms;
  const e2eRows = [
    ['train, batch 64 (samples/s)', train, 64],
    ['input gradient, batch 8 (steps/s)', grads, 1],
    ['inference, batch 64 (samples/s)', infer, 64],
  ].map(([label, r, n]) => {
    const t = r as Record<Variant, number | null | string>;
    const [s, o, c] = [
      perSecond(t.stock, n as number),
      perSecond(t.openbox, n as number),
      perSecond(t.cpu, n as number),
    ];
    const show = (v: number | null | string) =>
      typeof v === 'number' ? v.toFixed(v < 100 ? 1 : 0) : v === null ? '—' : 'fails';
    return [label as string, show(s), show(o), show(c), ratio(o, s), ratio(o, c)];
  });
  for (const row of e2eRows) console.log(row.join(' | '));
  const stockTrainError = typeof train.stock === 'string' ? train.stock : '';

  // 4. Write the section.
  const body = [
    'Reference CNN of `docs/ARCHITECTURE.md` (28×28×1 → conv5×5×16 → pool → conv5×5×32 → pool → dense 512→10, Adam).',
    `Medians over ${ROUNDS} interleaved rounds (stock and OpenBox wasm take turns, so machine noise hits both alike);`,
    'the cpu backend is timed once after a warm-up call.',
    '',
    markdownTable(
      ['task', 'wasm stock', 'wasm + OpenBox kernels', 'cpu backend', 'vs stock', 'vs cpu'],
      e2eRows,
    ),
    '',
    stockTrainError === '' ? '' : `Stock wasm training fails: \`${stockTrainError}\`.`,
    '',
    "Kernels at the reference net's shapes (batch 64), median time per call:",
    '',
    markdownTable(['kernel', 'wasm stock', 'wasm + OpenBox', 'cpu backend', 'speed-up vs stock'], kernelRows),
  ].join('\n');
  writeBenchmarkSection(
    'runtime-wasm-kernels',
    '@openbox/runtime — wasm training kernels',
    'pnpm --filter @openbox/runtime bench',
    body,
  );
  tf.dispose([
    x1,
    dy1,
    x2,
    dy2,
    w2,
    pooled1,
    dense.x,
    dense.w,
    dense.g,
    square.a,
    square.b,
    images,
    labels,
    probe,
  ]);
}

await main();
