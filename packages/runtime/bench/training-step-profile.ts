/** Where a reference-CNN training step's time goes on wasm: every kernel call timed (tf.profile), summed by name and shape. */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmKernels } from '../src/kernels/register-wasm-kernels.js';
import { buildReferenceCnn } from '../src/reference-cnn.js';
import { syntheticBatch } from '../src/throughput/synthetic-batch.js';

/** One row of the profile: kernel, input shapes, calls per step, median ms per step. */
export interface ProfileRow {
  readonly kernel: string;
  readonly shapes: string;
  readonly calls: number;
  readonly ms: number;
}

/**
 * Profile `steps` training steps (trainOnBatch, Adam, batch 64) of the reference CNN on wasm with OpenBox's kernels
 * (the active wasm backend, else the single-threaded one) after 3 warm-up steps; per (kernel, input shapes) the median
 * over steps of the summed kernel time (tf.profile times each kernel call; the step itself runs slower while profiled).
 * @example const { rows, stepMs } = await profileTrainingStep(5);
 */
export async function profileTrainingStep(steps = 5): Promise<{ rows: ProfileRow[]; stepMs: number }> {
  if (tf.getBackend() !== 'wasm') {
    registerWasmKernels();
    await tf.setBackend('wasm');
  }
  const model = buildReferenceCnn({ seed: 0 });
  const optimizer = tf.train.adam(1e-3);
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  const { x, y } = syntheticBatch(64, [28, 28, 1], 10, 0);
  for (let i = 0; i < 3; i++) await model.trainOnBatch(x, y);
  const perStep: Map<string, number[]> = new Map();
  const calls: Map<string, number> = new Map();
  const totals: number[] = [];
  for (let s = 0; s < steps; s++) {
    const t0 = performance.now();
    const info = await tf.profile(async () => {
      await model.trainOnBatch(x, y);
      return [];
    });
    totals.push(performance.now() - t0);
    const sums = new Map<string, number>();
    for (const k of info.kernels) {
      const key = `${k.name}\t${k.inputShapes.map((sh) => `[${sh?.join(',') ?? ''}]`).join(' ')}`;
      sums.set(key, (sums.get(key) ?? 0) + (k.kernelTimeMs as number));
      if (s === 0) calls.set(key, (calls.get(key) ?? 0) + 1);
    }
    for (const [key, ms] of sums) perStep.set(key, [...(perStep.get(key) ?? []), ms]);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? 0;
  const rows = [...perStep].map(([key, ms]) => {
    const [kernel = '', shapes = ''] = key.split('\t');
    return { kernel, shapes, calls: calls.get(key) ?? 0, ms: median(ms) };
  });
  rows.sort((a, b) => b.ms - a.ms);
  tf.dispose([x, y]);
  optimizer.dispose();
  model.dispose();
  return { rows, stepMs: median(totals) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { initBackend } = await import('../src/init-backend.js');
  await initBackend({ backend: 'wasm' });
  const { rows, stepMs } = await profileTrainingStep(Number(process.env['PROFILE_STEPS'] ?? 5));
  const kernelMs = rows.reduce((s, r) => s + r.ms, 0);
  console.log(`step ${stepMs.toFixed(1)} ms (profiled), kernels ${kernelMs.toFixed(1)} ms`);
  for (const r of rows.slice(0, 25)) {
    console.log(`${r.ms.toFixed(2).padStart(7)} ms  ×${r.calls}  ${r.kernel}  ${r.shapes}`);
  }
  process.exit(0); // the threaded build's pthread workers would keep Node alive
}
