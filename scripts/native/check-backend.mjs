/**
 * Step 5 of `pnpm setup:native`, run in a child Node: the installed binding works as OpenBox uses it.
 * `initBackend()` with OPENBOX_BACKEND=node must choose tfjs-node (from @openbox/runtime's dist; without a build,
 * tfjs-node is imported directly and the line says so), then a matrix product and both gradients of
 * Σ relu(conv2d(x, w))² must equal tfjs's pure-JS cpu backend on the same inputs within 1e-4 of the largest value
 * (float32 with a different summation order). Prints one JSON line; exits 1 on any mismatch.
 * Usage: node scripts/native/check-backend.mjs <packages/runtime folder>
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const TOLERANCE = 1e-4;
const runtimeDir = process.argv[2] ?? join(import.meta.dirname, '..', '..', 'packages', 'runtime');
const require = createRequire(join(runtimeDir, 'package.json'));
const tf = require('@tensorflow/tfjs-core');

async function useNative() {
  const dist = join(runtimeDir, 'dist', 'index.js');
  if (!existsSync(dist)) {
    require('@tensorflow/tfjs-node');
    await tf.setBackend('tensorflow');
    return 'tfjs-node imported directly (no packages/runtime/dist: build @openbox/runtime to check initBackend too)';
  }
  process.env['OPENBOX_BACKEND'] = 'node';
  const { initBackend } = await import(pathToFileURL(dist).href);
  const report = await initBackend();
  if (report.chosen !== 'node') throw new Error(`initBackend chose ${report.chosen}, not node`);
  return `initBackend() with OPENBOX_BACKEND=node chose '${report.chosen}' (tfjs backend '${report.tfBackend}')`;
}

/** [A·B, ∂L/∂x, ∂L/∂w] on the current backend for L = Σ relu(conv2d(x, w, 'valid'))². */
function compute(inputs) {
  const [a, b, x, w] = inputs.map(({ values, shape }) => tf.tensor(values, shape));
  const loss = (xi, wi) => tf.sum(tf.square(tf.relu(tf.conv2d(xi, wi, 1, 'valid'))));
  const [gx, gw] = tf.grads(loss)([x, w]);
  const outputs = [tf.matMul(a, b), gx, gw];
  const values = outputs.map((t) => t.dataSync().slice());
  tf.dispose([a, b, x, w, ...outputs]);
  return values;
}

function relativeError(got, want) {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < want.length; i++) {
    diff = Math.max(diff, Math.abs(got[i] - want[i]));
    scale = Math.max(scale, Math.abs(want[i]));
  }
  return scale === 0 ? Infinity : diff / scale;
}

const how = await useNative();
const binding = tf.backend().binding;
const shapes = [
  [96, 80],
  [80, 64],
  [2, 12, 12, 3],
  [5, 5, 3, 8],
];
const inputs = shapes.map((shape, seed) => {
  const t = tf.randomUniform(shape, -1, 1, 'float32', seed + 1);
  const values = t.dataSync().slice();
  t.dispose();
  return { values, shape };
});
const native = compute(inputs);
await tf.setBackend('cpu');
const reference = compute(inputs);
const names = ['matMul 96×80·80×64', 'conv2d ∂L/∂x', 'conv2d ∂L/∂w'];
const errors = Object.fromEntries(names.map((n, i) => [n, relativeError(native[i], reference[i])]));
const ok = Object.values(errors).every((e) => e <= TOLERANCE);
console.log(
  JSON.stringify({ ok, how, tfVersion: binding?.TF_Version, gpu: binding?.isUsingGpuDevice?.(), errors }),
);
process.exit(ok ? 0 : 1);
