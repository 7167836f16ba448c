/**
 * A persistent peer (bench/line-peer.ts protocol) that measures OpenBox on the native backend in its own process, so
 * the benchmark can fix libtensorflow's thread pools there (TF_NUM_INTRAOP_THREADS / TF_NUM_INTEROP_THREADS are read
 * once, when TensorFlow starts) while the main process keeps its default pools. Prints `{ tfVersion, intraOp }`, then
 * answers `{"task": "train" | "inputGradient", "steps": N}` with `{ rate, seconds, cpuPerWall }` (samples/s for
 * train at batch 64, steps/s for inputGradient at batch 8), or `{ error }`.
 * Usage: node scripts/native/native-peer.mjs (after `pnpm build` and `pnpm setup:native`).
 */
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

process.env['TF_CPP_MIN_LOG_LEVEL'] ??= '2';
const dist = join(import.meta.dirname, '..', '..', 'packages', 'runtime', 'dist', 'index.js');
const runtime = await import(pathToFileURL(dist).href);
const report = await runtime.initBackend({ backend: 'node' });
console.log(
  JSON.stringify({ backend: report.tfBackend, intraOp: process.env['TF_NUM_INTRAOP_THREADS'] ?? 'default' }),
);

const TASKS = {
  train: (steps) => runtime.measureTrainingThroughput({ steps, batchSize: 64 }),
  inputGradient: (steps) => runtime.measureInputGradientRate({ steps, batchSize: 8 }),
};

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === '') continue;
  try {
    const { task, steps } = JSON.parse(line);
    if (!(task in TASKS)) throw new Error(`unknown task '${task}'`);
    const cpu = process.cpuUsage();
    const result = await TASKS[task](steps ?? 20);
    const used = process.cpuUsage(cpu);
    const rate = task === 'train' ? result.samplesPerSecond : result.stepsPerSecond;
    console.log(
      JSON.stringify({
        rate,
        seconds: result.seconds,
        cpuPerWall: (used.user + used.system) / 1e6 / result.seconds,
      }),
    );
  } catch (error) {
    console.log(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
  }
}
